/**
 * `requireSignature`: the mock verifies SigV4 on IAM operations like the
 * service — every way a signature can be wrong gets the service's error, and
 * a correct one from the harness's signer passes. The AWS SDK's own signer
 * is checked in test/mock_sigv4_interop_test.ts.
 */
import assert from "node:assert/strict";
import { AwsClient } from "aws4fetch";
import type { AwsCredentials } from "../../cognito/client.ts";
import { MOCK_CREDENTIALS } from "../../cognito/credentials.ts";
import { lookupError, renderErrorMessage } from "../../cognito/errors.ts";
import { createMockHandler, type MockHandlerOptions } from "../handler.ts";

const NOW = Date.UTC(2026, 11, 7, 9, 30, 0);
const URL_ = "http://127.0.0.1:9229/";

function mock(options: MockHandlerOptions = {}) {
  return createMockHandler({ requireSignature: true, clock: () => NOW, ...options });
}

interface SignOptions {
  credentials?: AwsCredentials;
  region?: string;
  service?: string;
  /** Signing time, epoch ms. */
  at?: number;
  headers?: Record<string, string>;
}

/** A request signed with aws4fetch (the harness's signer). */
async function signed(operation: string, body: unknown, options: SignOptions = {}) {
  const signer = new AwsClient({
    ...(options.credentials ?? MOCK_CREDENTIALS),
    service: options.service ?? "cognito-idp",
    region: options.region ?? "us-east-1",
  });
  const datetime = new Date(options.at ?? NOW).toISOString().replace(/[:-]|\.\d{3}/g, "");
  const request = await signer.sign(URL_, {
    method: "POST",
    body: JSON.stringify(body),
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
      ...options.headers,
    },
    aws: { datetime },
  });
  return request;
}

async function answer(handler: ReturnType<typeof mock>, request: Request) {
  const response = await handler.handle(request);
  const body = await response.json();
  return { status: response.status, type: body.__type, message: body.message, body };
}

type ErrorId = Parameters<typeof lookupError>[0];
function expected(id: ErrorId, args: Record<string, string> = {}) {
  const entry = lookupError(id);
  const render = renderErrorMessage as (id: ErrorId, args: Record<string, string>) => string;
  return { status: entry.status, type: entry.type, message: render(id, args) };
}

Deno.test("requireSignature: a correct signature passes, and no-auth operations need none", async () => {
  const handler = mock();
  const created = await answer(handler, await signed("CreateUserPool", { PoolName: "p" }));
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const initiate = await answer(
    handler,
    new Request(URL_, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
      },
      body: JSON.stringify({
        ClientId: "nosuchclient0000000000000a",
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "u", PASSWORD: "p" },
      }),
    }),
  );
  assert.equal(initiate.type, "ResourceNotFoundException"); // past the signature check
});

Deno.test("requireSignature: every kind of bad signature gets the service's error", async (t) => {
  const handler = mock();
  const cases: Array<[string, () => Promise<Request>, ReturnType<typeof expected>]> = [
    [
      "unsigned",
      () =>
        Promise.resolve(
          new Request(URL_, {
            method: "POST",
            headers: {
              "content-type": "application/x-amz-json-1.1",
              "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools",
            },
            body: '{"MaxResults":1}',
          }),
        ),
      expected("MissingAuthenticationToken"),
    ],
    [
      "an unknown access key",
      () =>
        signed("ListUserPools", { MaxResults: 1 }, {
          credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" },
        }),
      expected("UnrecognizedClient"),
    ],
    [
      "the right key with a wrong secret",
      () =>
        signed("ListUserPools", { MaxResults: 1 }, {
          credentials: { ...MOCK_CREDENTIALS, secretAccessKey: "not-the-secret" },
        }),
      expected("SignatureMismatch"),
    ],
    [
      "another region's scope",
      () => signed("ListUserPools", { MaxResults: 1 }, { region: "eu-west-1" }),
      expected("SignatureWrongRegion", { region: "eu-west-1" }),
    ],
    [
      "another service's scope",
      () => signed("ListUserPools", { MaxResults: 1 }, { service: "cognito-identity" }),
      expected("SignatureWrongService"),
    ],
    [
      "signed 16 minutes ago",
      () => signed("ListUserPools", { MaxResults: 1 }, { at: NOW - 16 * 60_000 }),
      expected("SignatureExpired", {
        signed: "20261207T091400Z",
        earliest: "20261207T091500Z",
        now: "20261207T093000Z",
      }),
    ],
    [
      "signed 16 minutes ahead",
      () => signed("ListUserPools", { MaxResults: 1 }, { at: NOW + 16 * 60_000 }),
      expected("SignatureNotYetCurrent", {
        signed: "20261207T094600Z",
        latest: "20261207T094500Z",
        now: "20261207T093000Z",
      }),
    ],
  ];
  for (const [name, make, want] of cases) {
    await t.step(name, async () => {
      const got = await answer(handler, await make());
      assert.deepEqual({ status: got.status, type: got.type, message: got.message }, want);
    });
  }
});

Deno.test("requireSignature: a request changed after signing is refused", async (t) => {
  const handler = mock();
  const original = await signed("ListUserPools", { MaxResults: 1 });
  const variants: Record<string, (headers: Headers) => RequestInit> = {
    "another body": (headers) => ({ headers, body: '{"MaxResults":2}' }),
    "another operation": (headers) => {
      headers.set("x-amz-target", "AWSCognitoIdentityProviderService.ListUsers");
      return { headers, body: '{"MaxResults":1}' };
    },
    "another date": (headers) => {
      headers.set("x-amz-date", "20261207T093001Z");
      return { headers, body: '{"MaxResults":1}' };
    },
    "a signed header removed": (headers) => {
      headers.delete("x-amz-date");
      return { headers, body: '{"MaxResults":1}' };
    },
    "a flipped signature digit": (headers) => {
      const value = headers.get("authorization")!;
      const last = value.at(-1) === "0" ? "1" : "0";
      headers.set("authorization", value.slice(0, -1) + last);
      return { headers, body: '{"MaxResults":1}' };
    },
  };
  for (const [name, change] of Object.entries(variants)) {
    await t.step(name, async () => {
      const init = change(new Headers(original.headers));
      const got = await answer(handler, new Request(URL_, { method: "POST", ...init }));
      const want = name === "a signed header removed"
        ? expected("SignatureMissingDate")
        : expected("SignatureMismatch");
      assert.deepEqual({ status: got.status, type: got.type, message: got.message }, want);
    });
  }
});

Deno.test("requireSignature: session tokens must match, and configured keys are accepted", async () => {
  const temporary = {
    accessKeyId: "ASIATEMPORARY",
    secretAccessKey: "s3cr3t",
    sessionToken: "tok",
  };
  const handler = mock({ credentials: [temporary] });
  const good = await answer(
    handler,
    await signed("ListUserPools", { MaxResults: 1 }, { credentials: temporary }),
  );
  assert.equal(good.status, 200, JSON.stringify(good.body));
  const noToken = await answer(
    handler,
    await signed("ListUserPools", { MaxResults: 1 }, {
      credentials: { accessKeyId: temporary.accessKeyId, secretAccessKey: "s3cr3t" },
    }),
  );
  assert.equal(noToken.type, "UnrecognizedClientException");
  const testKey = await answer(handler, await signed("ListUserPools", { MaxResults: 1 }));
  assert.equal(testKey.type, "UnrecognizedClientException", "only the configured keys count");
});

Deno.test("requireSignature: the mock clock's offsets do not age signatures", async () => {
  const handler = mock();
  handler.services.clock.advance(3600);
  const got = await answer(handler, await signed("ListUserPools", { MaxResults: 1 }));
  assert.equal(got.status, 200, JSON.stringify(got.body));
});

Deno.test("without requireSignature, a SigV4-shaped header is enough (clients that sign everything)", async () => {
  const handler = createMockHandler({ clock: () => NOW });
  const got = await answer(
    handler,
    await signed("ListUserPools", { MaxResults: 1 }, {
      credentials: { accessKeyId: "AKIDANY", secretAccessKey: "whatever" },
      region: "eu-west-1",
    }),
  );
  assert.equal(got.status, 200, JSON.stringify(got.body));
});
