import assert from "node:assert/strict";
import { CognitoClient, errorTypeOf } from "./client.ts";

function recordingFetch(status = 200, body = "{}") {
  const seen: Request[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    seen.push(new Request(input, init));
    return Promise.resolve(new Response(body, { status }));
  };
  return { seen, fetchFn };
}

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI" };

Deno.test("client: admin operations are SigV4-signed when credentials are given", async () => {
  const { seen, fetchFn } = recordingFetch();
  const client = new CognitoClient("http://127.0.0.1:1", { credentials, fetch: fetchFn });
  const exchange = await client.send("AdminGetDevice", { UserPoolId: "us-east-1_a" });
  assert.match(
    exchange.request.headers["authorization"] ?? "",
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cognito-idp\/aws4_request/,
  );
  assert.match(seen[0]!.headers.get("authorization") ?? "", /Signature=[0-9a-f]{64}$/);
});

Deno.test("client: no-auth operations are sent unsigned even with credentials", async () => {
  const { seen, fetchFn } = recordingFetch();
  const client = new CognitoClient("http://127.0.0.1:1", { credentials, fetch: fetchFn });
  await client.send("ConfirmDevice", { AccessToken: "x", DeviceKey: "us-east-1_0" });
  assert.equal(seen[0]!.headers.get("authorization"), null);
  assert.equal(seen[0]!.headers.get("content-type"), "application/x-amz-json-1.1");
  assert.equal(await seen[0]!.text(), '{"AccessToken":"x","DeviceKey":"us-east-1_0"}');
});

Deno.test("client: a non-JSON body is kept as text and an empty body as {}", async () => {
  const html = recordingFetch(500, "<html>oops</html>");
  const exchange = await new CognitoClient("http://127.0.0.1:1", { fetch: html.fetchFn }).send(
    "X",
    {},
  );
  assert.equal(exchange.response?.body, "<html>oops</html>");
  const empty = recordingFetch(200, "");
  const ok = await new CognitoClient("http://127.0.0.1:1", { fetch: empty.fetchFn }).send("X", {});
  assert.deepEqual(ok.response?.body, {});
});

Deno.test("client: a refused connection is a transport error, not a throw", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const exchange = await new CognitoClient(`http://127.0.0.1:${port}`).send("InitiateAuth", {});
  assert.equal(exchange.response, undefined);
  assert.match(exchange.transportError ?? "", /fetch failed: .*(Connection refused|blocked)/i);
});

Deno.test("errorTypeOf: body __type wins over the header; code is a fallback", () => {
  assert.equal(
    errorTypeOf({
      status: 400,
      headers: { "X-Amzn-ErrorType": "Other:" },
      body: { __type: "InvalidParameterException", message: "m" },
    }),
    "InvalidParameterException",
  );
  assert.equal(errorTypeOf({ status: 400, headers: {}, body: { code: "A,B" } }), "A");
  assert.equal(errorTypeOf({ status: 400, headers: {}, body: "not json" }), undefined);
});

Deno.test("client: a network failure records its cause chain on one line", async () => {
  const cause = new Error(
    "error sending request for url (http://127.0.0.1:1/): client error (Connect): " +
      "tcp connect error: Connection refused (os error 111)\nsecond line",
  );
  const failing = () => Promise.reject(new TypeError("fetch failed", { cause }));
  const exchange = await new CognitoClient("http://127.0.0.1:1", { fetch: failing }).send("X", {});
  assert.equal(
    exchange.transportError,
    "fetch failed: error sending request for url (http://127.0.0.1:1/): client error (Connect): " +
      "tcp connect error: Connection refused (os error 111)",
  );
});
