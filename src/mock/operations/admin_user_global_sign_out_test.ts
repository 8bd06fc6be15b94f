import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminUserGlobalSignOut: refresh and access tokens are revoked; a new sign-in works", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  assert.deepEqual(
    await mock.ok("AdminUserGlobalSignOut", { UserPoolId: setup.poolId, Username: "alice" }),
    {},
  );
  const refresh = await mock.fails("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
  });
  assert.deepEqual(refresh, {
    type: "NotAuthorizedException",
    message: "Refresh Token has been revoked",
    status: 400,
  });
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: tokens.AccessToken })).message,
    "Access Token has been revoked",
  );
  const again = await mock.signIn(setup, "alice");
  assert.equal((await mock.ok("GetUser", { AccessToken: again.AccessToken })).Username, "alice");
});

Deno.test("AdminUserGlobalSignOut: an unknown user is UserNotFoundException", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  assert.equal(
    (await mock.fails("AdminUserGlobalSignOut", { UserPoolId: setup.poolId, Username: "x" })).type,
    "UserNotFoundException",
  );
});
