/**
 * Wire-level behaviour of the mock for malformed and edge-case requests:
 * exact status, `__type`, message and headers, CORS, and no stack traces.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { createMockHandler, type MockHandlerOptions } from "../src/mock/mod.ts";
import { OPERATIONS } from "../src/cognito/operations.ts";
import { OPERATION_REGISTRY } from "../src/mock/operations/registry.ts";
import { operationShapes, shapeNamed } from "../src/mock/validate/shapes.ts";

const TARGET = "AWSCognitoIdentityProviderService";
const SIGNED =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/cognito-idp/aws4_request, " +
  "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0a".repeat(32);

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  json: any;
}

async function send(
  init: {
    target?: string | null;
    contentType?: string | null;
    body?: BodyInit;
    headers?: Record<string, string>;
  },
  options: MockHandlerOptions = {},
  mock = createMockHandler(options),
): Promise<Sent> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.target !== null) headers["x-amz-target"] = init.target ?? `${TARGET}.ListUserPools`;
  if (init.contentType !== null) {
    headers["content-type"] = init.contentType ?? "application/x-amz-json-1.1";
  }
  const response = await mock.handle(
    new Request("http://mock.test/", {
      method: "POST",
      headers,
      body: init.body ?? '{"MaxResults":10}',
    }),
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function assertAwsError(
  sent: Sent,
  status: number,
  type: string,
  message: string | undefined,
): void {
  assert.equal(sent.status, status);
  assert.equal(sent.headers.get("content-type"), "application/x-amz-json-1.1");
  assert.equal(sent.headers.get("x-amzn-errortype"), `${type}:`);
  assert.match(sent.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
  if (message === undefined) {
    assert.deepEqual(sent.json, { __type: type });
    assert.equal(sent.headers.get("x-amzn-errormessage"), null);
  } else {
    assert.deepEqual(sent.json, { __type: type, message });
    assert.equal(sent.headers.get("x-amzn-errormessage"), message);
  }
}

const UNKNOWN =
  "The action or operation requested is invalid. Verify that the action is typed correctly.";

Deno.test("wire: a success is 200 x-amz-json-1.1 with a request id, Date and CORS headers", async () => {
  const sent = await send({ headers: { origin: "http://app.test" } });
  assert.equal(sent.status, 200);
  assert.equal(sent.headers.get("content-type"), "application/x-amz-json-1.1");
  assert.match(sent.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
  assert.ok(sent.headers.get("date"));
  assert.equal(sent.headers.get("access-control-allow-origin"), "http://app.test");
  assert.equal(
    sent.headers.get("access-control-expose-headers"),
    "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
  );
  assert.deepEqual(sent.json, { UserPools: [] });
});

Deno.test("wire: missing, malformed, foreign and unknown X-Amz-Target are UnknownOperationException", async () => {
  for (
    const target of [
      null,
      "",
      "InitiateAuth",
      "CognitoIdentityServiceProvider.InitiateAuth",
      `${TARGET}.NoSuchOperation`,
    ]
  ) {
    assertAwsError(await send({ target }), 400, "UnknownOperationException", UNKNOWN);
  }
});

Deno.test("wire: a non-JSON content type or body is SerializationException without a message", async () => {
  for (const contentType of [null, "text/plain", "application/x-www-form-urlencoded"]) {
    assertAwsError(await send({ contentType }), 400, "SerializationException", undefined);
  }
  for (const body of ["{", "not json", "5", '"text"', "null", "\u00ff\u00fe"]) {
    assertAwsError(await send({ body }), 400, "SerializationException", undefined);
  }
  assertAwsError(
    await send({ body: "[]" }),
    400,
    "SerializationException",
    "Start of list found where not expected.",
  );
  const utf8 = await send({ contentType: "application/json; charset=utf-8" });
  assert.equal(utf8.status, 200);
});

Deno.test("wire: an empty body is {} and required members are then missing", async () => {
  assertAwsError(
    await send({ target: `${TARGET}.DescribeUserPool`, body: "" }),
    400,
    "InvalidParameterException",
    "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
  );
});

Deno.test("wire: ill-typed and constraint-breaking members", async () => {
  assertAwsError(
    await send({ body: '{"MaxResults":"10"}' }),
    400,
    "SerializationException",
    "class java.lang.String can not be converted to an Integer",
  );
  assertAwsError(
    await send({ target: `${TARGET}.DescribeUserPool`, body: '{"UserPoolId":"nope"}' }),
    400,
    "InvalidParameterException",
    "1 validation error detected: Value 'nope' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
  );
  const secret = await send({
    target: `${TARGET}.InitiateAuth`,
    body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "bad client!" }),
  });
  assert.equal(
    secret.json.message,
    "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
  );
});

Deno.test("wire: header copies of messages are ASCII and bounded; bodies keep the full text", async () => {
  const sent = await send({
    target: `${TARGET}.DescribeUserPool`,
    body: JSON.stringify({ UserPoolId: `ü${"x".repeat(60)}` }),
  });
  assert.equal(sent.status, 400);
  assert.match(sent.json.message, /Value 'üx+' at 'userPoolId'/);
  assert.match(sent.headers.get("x-amzn-errormessage") ?? "", /^[\x20-\x7e]+$/);
  const long = await send({
    target: `${TARGET}.InitiateAuth`,
    body: JSON.stringify({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "c",
      ClientMetadata: { k: "v".repeat(140000) },
    }),
  });
  assert.ok(long.json.message.length > 140000);
  assert.ok((long.headers.get("x-amzn-errormessage") ?? "").length <= 1024);
});

Deno.test("wire: bodies over the limit are 413 RequestEntityTooLargeException", async () => {
  const body = JSON.stringify({ MaxResults: 10, Pad: "x".repeat(2048) });
  assertAwsError(
    await send({ body }, { maxBodyBytes: 1024 }),
    413,
    "RequestEntityTooLargeException",
    "Request must be smaller than 1024 bytes.",
  );
  const streamed = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode("x".repeat(512)));
      controller.close();
    },
  });
  assertAwsError(
    await send({ body: streamed }, { maxBodyBytes: 1024 }),
    413,
    "RequestEntityTooLargeException",
    "Request must be smaller than 1024 bytes.",
  );
});

Deno.test("wire: SigV4 is checked for syntax on IAM operations and ignored on no-auth ones", async () => {
  assert.equal((await send({ headers: { authorization: SIGNED } })).status, 200);
  assertAwsError(
    await send({ headers: { authorization: "Bearer abc" } }),
    400,
    "IncompleteSignatureException",
    "Authorization header requires 'Credential' parameter.",
  );
  assertAwsError(
    await send({ headers: { authorization: SIGNED.replace(/Signature=\w+/, "Signature=") } }),
    400,
    "IncompleteSignatureException",
    "Authorization header requires 'Signature' parameter.",
  );
  const noAuth = await send({
    target: `${TARGET}.GetUser`,
    body: '{"AccessToken":"a.b.c"}',
    headers: { authorization: "Bearer whatever" },
  });
  assertAwsError(noAuth, 400, "NotAuthorizedException", "Invalid Access Token");
  assertAwsError(
    await send({}, { requireSignature: true }),
    400,
    "MissingAuthenticationTokenException",
    "Missing Authentication Token",
  );
  // Well-formed is not enough once signatures are verified (sigv4_test.ts has every case).
  assertAwsError(
    await send({ headers: { authorization: SIGNED } }, { requireSignature: true }),
    400,
    "UnrecognizedClientException",
    "The security token included in the request is invalid.",
  );
});

Deno.test("wire: operations the mock does not implement are 501 NotImplementedException", async () => {
  assertAwsError(
    await send({ target: `${TARGET}.ForgotPassword`, body: "{}" }),
    501,
    "NotImplementedException",
    "The cognito-conformance mock does not implement ForgotPassword.",
  );
});

Deno.test("wire: empty-output operations answer {}", async () => {
  const mock = createMockHandler();
  const created = await send(
    { target: `${TARGET}.CreateUserPool`, body: '{"PoolName":"p"}' },
    {},
    mock,
  );
  const sent = await send(
    {
      target: `${TARGET}.DeleteUserPool`,
      body: JSON.stringify({ UserPoolId: created.json.UserPool.Id }),
    },
    {},
    mock,
  );
  assert.equal(sent.status, 200);
  assert.equal(sent.text, "{}");
});

Deno.test("wire: CORS preflight, health line and unknown routes", async () => {
  const mock = createMockHandler({ region: "eu-west-1" });
  const preflight = await mock.handle(
    new Request("http://mock.test/", {
      method: "OPTIONS",
      headers: { origin: "http://app.test", "access-control-request-method": "POST" },
    }),
  );
  assert.equal(preflight.status, 200);
  const allowed = preflight.headers.get("access-control-allow-headers") ?? "";
  for (
    const header of [
      "x-amz-target",
      "x-amz-user-agent",
      "authorization",
      "content-type",
      "x-amz-date",
      "x-amz-security-token",
      "cache-control",
    ]
  ) {
    assert.ok(allowed.split(",").includes(header), header);
  }
  assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
  const health = await mock.handle(new Request("http://mock.test/"));
  assert.equal(await health.text(), "healthy: cognito-idp.eu-west-1.amazonaws.com");
  const missing = await mock.handle(new Request("http://mock.test/nope"));
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).__type, "NotFoundException");
});

Deno.test("wire: a fault inside an operation is 500 InternalErrorException, reported, without details", async () => {
  const faults: unknown[] = [];
  const mock = createMockHandler({ onFault: (error) => faults.push(error) });
  mock.services.store.pool = () => {
    throw new TypeError("secret internals at file:///x.ts:1:1");
  };
  const sent = await send(
    { target: `${TARGET}.DescribeUserPool`, body: '{"UserPoolId":"us-east-1_abc"}' },
    {},
    mock,
  );
  assertAwsError(sent, 500, "InternalErrorException", "An internal error occurred.");
  assert.equal(faults.length, 1);
  assert.ok(!sent.text.includes("internals"));
});

const STACK = /\n\s+at |file:\/\/|\.ts:\d+|Error:/;

Deno.test("wire: no response to arbitrary JSON bodies is a fault or shows a stack trace", async () => {
  const mock = createMockHandler({ onFault: (error) => assert.fail(`fault: ${error}`) });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...OPERATIONS),
      fc.dictionary(fc.string(), fc.jsonValue()),
      async (operation, body) => {
        const sent = await send(
          { target: `${TARGET}.${operation}`, body: JSON.stringify(body) },
          {},
          mock,
        );
        assert.ok(
          [200, 400, 501].includes(sent.status),
          `${operation} ${sent.status} ${sent.text}`,
        );
        assert.ok(!STACK.test(sent.text), sent.text);
      },
    ),
    { numRuns: 200, seed: 20261126 },
  );
});

/** Model-shaped inputs, with the ids, names and tokens of a provisioned pool mixed in. */
function modelArbitrary(
  known: Record<string, string[]>,
): (shape: string, depth?: number) => fc.Arbitrary<unknown> {
  const build = (name: string, depth = 0): fc.Arbitrary<unknown> => {
    const shape = shapeNamed(name);
    switch (shape.type) {
      case "structure": {
        const members = Object.entries(shape.members ?? {}).map(([member, memberShape]) => {
          const values = known[member];
          const base = depth > 3 ? fc.constant(undefined) : build(memberShape, depth + 1);
          return [
            member,
            values === undefined ? base : fc.oneof(fc.constantFrom(...values), base),
          ] as const;
        });
        return fc.record(Object.fromEntries(members), {
          requiredKeys: [...(shape.required ?? [])] as never[],
        });
      }
      case "list":
        return depth > 3
          ? fc.constant([])
          : fc.array(build(shape.member!, depth + 1), { maxLength: 3 });
      case "map":
        return fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              "USERNAME",
              "PASSWORD",
              "REFRESH_TOKEN",
              "SECRET_HASH",
              "NEW_PASSWORD",
              "DEVICE_KEY",
            ),
            fc.string(),
          ),
          build(shape.value!, depth + 1),
          { maxKeys: 4 },
        );
      case "string":
        return shape.enum !== undefined
          ? fc.oneof(fc.constantFrom(...shape.enum), fc.string({ maxLength: 8 }))
          : fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom("Passw0rd!", "alice", "us-east-1_abc", ""),
          );
      case "integer":
      case "long":
        return fc.integer({ min: -5, max: 100 });
      case "boolean":
        return fc.boolean();
      case "timestamp":
        return fc.integer({ min: 0, max: 2_000_000_000 });
      default:
        return fc.string();
    }
  };
  return build;
}

Deno.test("wire: model-shaped requests against a provisioned pool never fault", async () => {
  const mock = createMockHandler({ onFault: (error) => assert.fail(`fault: ${error}`) });
  const call = async (operation: string, body: unknown) =>
    (await send({ target: `${TARGET}.${operation}`, body: JSON.stringify(body) }, {}, mock)).json;
  const pool = (await call("CreateUserPool", { PoolName: "fuzz" })).UserPool.Id;
  const client = (await call("CreateUserPoolClient", {
    UserPoolId: pool,
    ClientName: "c",
    ExplicitAuthFlows: [
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    ],
  })).UserPoolClient.ClientId;
  await call("AdminCreateUser", {
    UserPoolId: pool,
    Username: "alice",
    TemporaryPassword: "Passw0rd!",
  });
  await call("AdminSetUserPassword", {
    UserPoolId: pool,
    Username: "alice",
    Password: "Passw0rd!",
    Permanent: true,
  });
  const tokens = (await call("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: client,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
  })).AuthenticationResult;
  const build = modelArbitrary({
    UserPoolId: [pool],
    ClientId: [client],
    Username: ["alice"],
    AccessToken: [tokens.AccessToken],
    RefreshToken: [tokens.RefreshToken],
    Token: [tokens.RefreshToken, tokens.AccessToken],
  });
  const operations = [...OPERATION_REGISTRY.keys()].filter((name) => !/Delete|Disable/.test(name));
  const cases = fc.constantFrom(...operations).chain((operation) =>
    build(operationShapes(operation)!.input!).map((body) => ({ operation, body }))
  );
  await fc.assert(
    fc.asyncProperty(cases, async ({ operation, body }) => {
      const sent = await send(
        { target: `${TARGET}.${operation}`, body: JSON.stringify(body) },
        {},
        mock,
      );
      assert.ok([200, 400, 501].includes(sent.status), `${operation} ${sent.status} ${sent.text}`);
      assert.ok(!STACK.test(sent.text), sent.text);
    }),
    { numRuns: 400, seed: 7 },
  );
});
