import assert from "node:assert/strict";
import { ALWAYS_REMEMBER, claimsOf, TestMock } from "../_testing.ts";

Deno.test("GetTokensFromRefreshToken: without rotation, new access and ID tokens only", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const body = await mock.ok("GetTokensFromRefreshToken", {
    ClientId: setup.clientId,
    RefreshToken: tokens.RefreshToken,
  });
  assert.deepEqual(Object.keys(body.AuthenticationResult), [
    "AccessToken",
    "ExpiresIn",
    "TokenType",
    "IdToken",
  ]);
  assert.equal(
    claimsOf(body.AuthenticationResult.IdToken).origin_jti,
    claimsOf(tokens.IdToken).origin_jti,
  );
});

Deno.test("GetTokensFromRefreshToken: rotation issues a new token; the old one works during the grace period only", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
    RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 },
  });
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const call = (token: string) => ({ ClientId: setup.clientId, RefreshToken: token });
  const first = await mock.ok("GetTokensFromRefreshToken", call(tokens.RefreshToken));
  const next = first.AuthenticationResult.RefreshToken;
  assert.ok(next !== undefined && next !== tokens.RefreshToken);
  mock.tick(5);
  const retry = await mock.ok("GetTokensFromRefreshToken", call(tokens.RefreshToken));
  assert.equal(retry.AuthenticationResult.RefreshToken, next);
  mock.tick(6);
  const reused = await mock.fails("GetTokensFromRefreshToken", call(tokens.RefreshToken));
  assert.equal(reused.type, "RefreshTokenReuseException");
  const third = await mock.ok("GetTokensFromRefreshToken", call(next));
  assert.notEqual(third.AuthenticationResult.RefreshToken, next);
});

Deno.test("GetTokensFromRefreshToken: the raw ClientSecret is checked for clients with a secret", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { GenerateSecret: true });
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const missing = await mock.fails("GetTokensFromRefreshToken", {
    ClientId: setup.clientId,
    RefreshToken: tokens.RefreshToken,
  });
  assert.equal(
    missing.message,
    `Client ${setup.clientId} is configured for secret but secret was not received`,
  );
  const wrong = await mock.fails("GetTokensFromRefreshToken", {
    ClientId: setup.clientId,
    RefreshToken: tokens.RefreshToken,
    ClientSecret: "x".repeat(51),
  });
  assert.equal(wrong.type, "NotAuthorizedException");
  await mock.ok("GetTokensFromRefreshToken", {
    ClientId: setup.clientId,
    RefreshToken: tokens.RefreshToken,
    ClientSecret: setup.clientSecret,
  });
});

Deno.test("GetTokensFromRefreshToken: another client's token is invalid", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  const other = await mock.ok("CreateUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientName: "other",
  });
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const error = await mock.fails("GetTokensFromRefreshToken", {
    ClientId: other.UserPoolClient.ClientId,
    RefreshToken: tokens.RefreshToken,
  });
  assert.equal(error.message, "Invalid Refresh Token.");
});

Deno.test("GetTokensFromRefreshToken with device tracking: the bound DeviceKey is needed", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "alice");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  const request = { ClientId: setup.clientId, RefreshToken: tokens.RefreshToken };
  assert.equal(
    (await mock.fails("GetTokensFromRefreshToken", request)).message,
    "Invalid Refresh Token.",
  );
  const body = await mock.ok("GetTokensFromRefreshToken", { ...request, DeviceKey: device.key });
  assert.equal(claimsOf(body.AuthenticationResult.AccessToken).device_key, device.key);
});
