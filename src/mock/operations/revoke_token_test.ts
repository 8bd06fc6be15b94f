import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("RevokeToken: revokes the refresh token and the access tokens of the same sign-in only", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const revoked = await mock.signIn(setup, "alice");
  const other = await mock.signIn(setup, "alice");
  assert.deepEqual(
    await mock.ok("RevokeToken", { ClientId: setup.clientId, Token: revoked.RefreshToken }),
    {},
  );
  const refresh = await mock.fails("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { REFRESH_TOKEN: revoked.RefreshToken },
  });
  assert.equal(refresh.message, "Refresh Token has been revoked");
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: revoked.AccessToken })).message,
    "Access Token has been revoked",
  );
  assert.equal((await mock.ok("GetUser", { AccessToken: other.AccessToken })).Username, "alice");
});

Deno.test("RevokeToken: revocation off, access tokens, other clients' tokens, unknown tokens", async () => {
  const mock = new TestMock();
  const off = await mock.provision({}, { EnableTokenRevocation: false });
  const disabled = await mock.fails("RevokeToken", { ClientId: off.clientId, Token: "a.b.c.d.e" });
  assert.equal(disabled.type, "UnsupportedOperationException");
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const access = await mock.fails("RevokeToken", {
    ClientId: setup.clientId,
    Token: tokens.AccessToken,
  });
  assert.equal(access.type, "UnsupportedTokenTypeException");
  const other = await mock.ok("CreateUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientName: "other",
  });
  const foreign = await mock.fails("RevokeToken", {
    ClientId: other.UserPoolClient.ClientId,
    Token: tokens.RefreshToken,
  });
  assert.equal(foreign.type, "UnauthorizedException");
  assert.deepEqual(
    await mock.ok("RevokeToken", { ClientId: setup.clientId, Token: "eyJ.unknown.token.x.y" }),
    {},
  );
});
