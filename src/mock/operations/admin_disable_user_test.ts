import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminDisableUser: no sign-in, and existing tokens are revoked", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  await mock.ok("AdminDisableUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.equal(
    (await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" })).Enabled,
    false,
  );
  const signIn = await mock.fails("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
  });
  assert.deepEqual(signIn, {
    type: "NotAuthorizedException",
    message: "User is disabled.",
    status: 400,
  });
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: tokens.AccessToken })).message,
    "Access Token has been revoked",
  );
});

Deno.test("AdminDisableUser: an unknown user is UserNotFoundException", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  assert.equal(
    (await mock.fails("AdminDisableUser", { UserPoolId: setup.poolId, Username: "x" })).type,
    "UserNotFoundException",
  );
});
