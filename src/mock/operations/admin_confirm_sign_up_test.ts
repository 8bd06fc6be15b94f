import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminConfirmSignUp: confirms a signed-up user, who can then sign in", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("SignUp", { ClientId: setup.clientId, Username: "alice", Password: "Passw0rd!" });
  await mock.ok("AdminConfirmSignUp", { UserPoolId: setup.poolId, Username: "alice" });
  assert.ok((await mock.signIn(setup, "alice")).AccessToken);
});

Deno.test("AdminConfirmSignUp: a confirmed user cannot be confirmed again", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  assert.deepEqual(
    await mock.fails("AdminConfirmSignUp", { UserPoolId: setup.poolId, Username: "alice" }),
    {
      type: "NotAuthorizedException",
      message: "User cannot be confirmed. Current status is CONFIRMED",
      status: 400,
    },
  );
});
