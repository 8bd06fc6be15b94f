import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminRespondToAuthChallenge: completes an AdminInitiateAuth NEW_PASSWORD_REQUIRED", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "alice",
    TemporaryPassword: "TempPassw0rd!",
  });
  const started = await mock.ok("AdminInitiateAuth", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
    AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: "alice", PASSWORD: "TempPassw0rd!" },
  });
  assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
  const answer = {
    ClientId: setup.clientId,
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    Session: started.Session,
    ChallengeResponses: { USERNAME: "alice", NEW_PASSWORD: "NewPassw0rd!" },
  };
  // An admin session is answered through the admin operation only.
  assert.equal(
    (await mock.fails("RespondToAuthChallenge", answer)).message,
    "Invalid session for the user.",
  );
  const done = await mock.ok("AdminRespondToAuthChallenge", {
    ...answer,
    UserPoolId: setup.poolId,
  });
  assert.ok(done.AuthenticationResult.IdToken);
});

Deno.test("AdminRespondToAuthChallenge: the pool must exist", async () => {
  const mock = new TestMock();
  const error = await mock.fails("AdminRespondToAuthChallenge", {
    UserPoolId: "us-east-1_none",
    ClientId: "c",
    ChallengeName: "NEW_PASSWORD_REQUIRED",
  });
  assert.equal(error.message, "User pool us-east-1_none does not exist.");
});
