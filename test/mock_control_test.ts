/** The /_mock test-control surface: clock, codes, faults, behaviour, reset. */
import assert from "node:assert/strict";
import { createMockHandler, type MockHandler } from "../src/mock/mod.ts";

const TARGET = "AWSCognitoIdentityProviderService";

// deno-lint-ignore no-explicit-any
type Json = any;

async function control(
  mock: MockHandler,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const response = await mock.handle(
    new Request(
      `http://mock.test${path}`,
      body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
    ),
  );
  return { status: response.status, json: await response.json() };
}

async function api(
  mock: MockHandler,
  operation: string,
  body: unknown,
): Promise<{ status: number; json: Json }> {
  const response = await mock.handle(
    new Request("http://mock.test/", {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `${TARGET}.${operation}`,
      },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, json: await response.json() };
}

async function provision(
  mock: MockHandler,
  name = "p",
): Promise<{ poolId: string; clientId: string }> {
  const poolId =
    (await api(mock, "CreateUserPool", { PoolName: name, AutoVerifiedAttributes: ["email"] })).json
      .UserPool.Id;
  const clientId = (await api(mock, "CreateUserPoolClient", {
    UserPoolId: poolId,
    ClientName: "c",
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  })).json.UserPoolClient.ClientId;
  return { poolId, clientId };
}

Deno.test("control: GET /_mock names the mock and its capabilities", async () => {
  const { status, json } = await control(createMockHandler(), "/_mock");
  assert.equal(status, 200);
  assert.deepEqual(json, {
    name: "cognito-conformance-mock",
    capabilities: ["clock", "codes", "faults", "behaviour", "reset"],
  });
});

Deno.test("control: the clock moves globally or per pool, and the pool's clock applies to its tokens", async () => {
  const mock = createMockHandler({ clock: () => 1_800_000_000_000 });
  assert.deepEqual((await control(mock, "/_mock/clock")).json, {
    epochSeconds: 1_800_000_000,
    offsetSeconds: 0,
  });
  const a = await provision(mock, "a");
  const b = await provision(mock, "b");
  for (const pool of [a, b]) {
    await api(mock, "AdminCreateUser", {
      UserPoolId: pool.poolId,
      Username: "u",
      TemporaryPassword: "Passw0rd!",
    });
    await api(mock, "AdminSetUserPassword", {
      UserPoolId: pool.poolId,
      Username: "u",
      Password: "Passw0rd!",
      Permanent: true,
    });
  }
  const signIn = (pool: { clientId: string }) =>
    api(mock, "InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: "u", PASSWORD: "Passw0rd!" },
    });
  const tokenA = (await signIn(a)).json.AuthenticationResult.AccessToken;
  const tokenB = (await signIn(b)).json.AuthenticationResult.AccessToken;
  const moved = await control(mock, "/_mock/clock", { advanceSeconds: 3600, poolId: a.poolId });
  assert.deepEqual(moved.json, {
    epochSeconds: 1_800_003_600,
    offsetSeconds: 3600,
    poolId: a.poolId,
  });
  assert.equal(
    (await api(mock, "GetUser", { AccessToken: tokenA })).json.message,
    "Access Token has expired",
  );
  assert.equal((await api(mock, "GetUser", { AccessToken: tokenB })).status, 200);
  await control(mock, "/_mock/clock", { setEpochSeconds: 1_900_000_000 });
  assert.equal((await control(mock, "/_mock/clock")).json.epochSeconds, 1_900_000_000);
  assert.equal(
    (await api(mock, "GetUser", { AccessToken: tokenB })).json.message,
    "Access Token has expired",
  );
});

Deno.test("control: bad clock requests are refused", async () => {
  const mock = createMockHandler();
  const both = await control(mock, "/_mock/clock", { advanceSeconds: 1, setEpochSeconds: 2 });
  assert.equal(both.status, 400);
  assert.match(both.json.message, /^Cannot set the clock/);
  const pool = await control(mock, "/_mock/clock", { advanceSeconds: 1, poolId: "us-east-1_none" });
  assert.equal(pool.status, 404);
  const body = await mock.handle(
    new Request("http://mock.test/_mock/clock", { method: "POST", body: "[1]" }),
  );
  assert.equal(body.status, 400);
});

Deno.test("control: sign-up codes are listed per pool and user", async () => {
  const mock = createMockHandler();
  const pool = await provision(mock);
  await api(mock, "SignUp", {
    ClientId: pool.clientId,
    Username: "alice",
    Password: "Passw0rd!",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
  });
  await api(mock, "SignUp", { ClientId: pool.clientId, Username: "bob", Password: "Passw0rd!" });
  const { json } = await control(mock, `/_mock/codes?poolId=${pool.poolId}&username=alice`);
  assert.equal(json.codes.length, 1);
  assert.equal(json.codes[0].username, "alice");
  assert.equal(json.codes[0].kind, "SIGN_UP");
  assert.equal(json.codes[0].attribute, "email");
  assert.equal(json.codes[0].destination, "alice@example.com");
  const confirmed = await api(mock, "ConfirmSignUp", {
    ClientId: pool.clientId,
    Username: "alice",
    ConfirmationCode: json.codes[0].code,
  });
  assert.equal(confirmed.status, 200);
  assert.equal((await control(mock, `/_mock/codes?poolId=${pool.poolId}`)).json.codes.length, 2);
  assert.equal((await control(mock, "/_mock/codes")).status, 400);
});

Deno.test("control: throttling faults hit the next n matching calls only", async () => {
  const mock = createMockHandler();
  const a = await provision(mock, "a");
  const b = await provision(mock, "b");
  const injected = await control(mock, "/_mock/faults", {
    throttle: { count: 2, poolId: a.poolId, operations: ["DescribeUserPool"] },
  });
  assert.deepEqual(injected.json, { pendingThrottles: 1 });
  assert.equal((await api(mock, "DescribeUserPool", { UserPoolId: b.poolId })).status, 200);
  assert.equal((await api(mock, "ListUserPoolClients", { UserPoolId: a.poolId })).status, 200);
  for (let i = 0; i < 2; i++) {
    const throttled = await api(mock, "DescribeUserPool", { UserPoolId: a.poolId });
    assert.deepEqual(throttled, {
      status: 400,
      json: { __type: "TooManyRequestsException", message: "Rate exceeded" },
    });
  }
  assert.equal((await api(mock, "DescribeUserPool", { UserPoolId: a.poolId })).status, 200);
  await control(mock, "/_mock/faults", { throttle: { count: 1 } });
  assert.equal(
    (await api(mock, "InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: b.clientId })).json
      .__type,
    "TooManyRequestsException",
  );
  assert.equal((await control(mock, "/_mock/faults", { throttle: { count: 0 } })).status, 400);
});

Deno.test("control: reset forgets pools, offsets and faults", async () => {
  const mock = createMockHandler();
  const pool = await provision(mock);
  await control(mock, "/_mock/clock", { advanceSeconds: 50 });
  await control(mock, "/_mock/faults", { throttle: { count: 5 } });
  assert.deepEqual((await control(mock, "/_mock/reset", {})).json, {});
  assert.equal((await control(mock, "/_mock/clock")).json.offsetSeconds, 0);
  const gone = await api(mock, "DescribeUserPool", { UserPoolId: pool.poolId });
  assert.equal(gone.json.__type, "ResourceNotFoundException");
  assert.equal((await control(mock, "/_mock/nothing")).status, 404);
});

Deno.test("control: behaviour choices are the defaults, settable per pool, validated and clearable", async () => {
  const mock = createMockHandler({ behaviour: { timestampSkewSeconds: 60 } });
  const { poolId } = await provision(mock);
  const global = (await control(mock, "/_mock/behaviour")).json.behaviour;
  assert.equal(global.deviceSrpAuth, "always");
  assert.equal(global.timestampSkewSeconds, 60);
  const set = await control(mock, "/_mock/behaviour", {
    poolId,
    behaviour: { deviceSrpAuth: "with-mfa", refreshWithoutDeviceKey: "new-device" },
  });
  assert.equal(set.status, 200);
  assert.equal(set.json.poolId, poolId);
  assert.equal(set.json.behaviour.deviceSrpAuth, "with-mfa");
  assert.equal(set.json.behaviour.refreshWithoutDeviceKey, "new-device");
  assert.equal(set.json.behaviour.timestampSkewSeconds, 60);
  const read = await control(mock, `/_mock/behaviour?poolId=${poolId}`);
  assert.deepEqual(read.json, set.json);
  const bad = await control(mock, "/_mock/behaviour", {
    poolId,
    behaviour: { deviceSrpAuth: "sometimes" },
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.__type, "InvalidParameterException");
  assert.match(bad.json.message, /"deviceSrpAuth" must be one of "always", "with-mfa"/);
  const noPool = await control(mock, "/_mock/behaviour", { behaviour: {} });
  assert.equal(noPool.status, 400);
  const unknownPool = await control(mock, "/_mock/behaviour", {
    poolId: "us-east-1_none",
    behaviour: {},
  });
  assert.equal(unknownPool.json.__type, "ResourceNotFoundException");
  await control(mock, "/_mock/behaviour", { poolId, behaviour: null });
  const cleared = await control(mock, `/_mock/behaviour?poolId=${poolId}`);
  assert.equal(cleared.json.behaviour.deviceSrpAuth, "always");
});
