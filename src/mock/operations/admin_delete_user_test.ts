import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminDeleteUser: the user and their tokens are gone", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  await mock.ok("AdminDeleteUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.equal(
    (await mock.fails("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" })).type,
    "UserNotFoundException",
  );
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: tokens.AccessToken })).type,
    "UserNotFoundException",
  );
  const refresh = await mock.fails("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
  });
  assert.equal(refresh.message, "Invalid Refresh Token.");
});

Deno.test("AdminDeleteUser: an unknown user is UserNotFoundException", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  assert.equal(
    (await mock.fails("AdminDeleteUser", { UserPoolId: setup.poolId, Username: "ghost" })).type,
    "UserNotFoundException",
  );
});
