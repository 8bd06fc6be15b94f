import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

async function signedUp(mock: TestMock, client: Record<string, unknown> = {}) {
  const setup = await mock.provision({ AutoVerifiedAttributes: ["email"] }, client);
  await mock.ok("SignUp", {
    ClientId: setup.clientId,
    Username: "alice",
    Password: "Passw0rd!",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
  });
  const code = mock.handler.services.store.pool(setup.poolId).codes[0]!.code;
  return { setup, code };
}

Deno.test("ConfirmSignUp: the right code confirms and verifies the email", async () => {
  const mock = new TestMock();
  const { setup, code } = await signedUp(mock);
  const wrong = code === "000000" ? "111111" : "000000";
  assert.deepEqual(
    await mock.fails("ConfirmSignUp", {
      ClientId: setup.clientId,
      Username: "alice",
      ConfirmationCode: wrong,
    }),
    {
      type: "CodeMismatchException",
      message: "Invalid verification code provided, please try again.",
      status: 400,
    },
  );
  await mock.ok("ConfirmSignUp", {
    ClientId: setup.clientId,
    Username: "alice",
    ConfirmationCode: code,
  });
  const user = await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.equal(user.UserStatus, "CONFIRMED");
  assert.ok(
    user.UserAttributes.some((a: { Name: string; Value: string }) =>
      a.Name === "email_verified" && a.Value === "true"
    ),
  );
  const again = await mock.fails("ConfirmSignUp", {
    ClientId: setup.clientId,
    Username: "alice",
    ConfirmationCode: code,
  });
  assert.equal(again.message, "User cannot be confirmed. Current status is CONFIRMED");
  assert.ok((await mock.signIn(setup, "alice")).AccessToken);
});

Deno.test("ConfirmSignUp: expired codes and unknown users", async () => {
  const mock = new TestMock();
  const { setup, code } = await signedUp(mock);
  mock.tick(24 * 3600);
  const expired = await mock.fails("ConfirmSignUp", {
    ClientId: setup.clientId,
    Username: "alice",
    ConfirmationCode: code,
  });
  assert.equal(expired.type, "ExpiredCodeException");
  const ghost = await mock.fails("ConfirmSignUp", {
    ClientId: setup.clientId,
    Username: "ghost",
    ConfirmationCode: "123456",
  });
  assert.equal(ghost.message, "Username/client id combination not found.");
  const hidden = await signedUp(mock, { PreventUserExistenceErrors: "ENABLED" });
  const masked = await mock.fails("ConfirmSignUp", {
    ClientId: hidden.setup.clientId,
    Username: "ghost",
    ConfirmationCode: "123456",
  });
  assert.equal(masked.type, "CodeMismatchException");
});
