import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

async function challenged(mock: TestMock, attributes: Record<string, string>[] = []) {
  const setup = await mock.provision({ Schema: [{ Name: "name", Required: true }] });
  await mock.ok("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "alice",
    TemporaryPassword: "TempPassw0rd!",
    UserAttributes: attributes,
  });
  const body = await mock.ok("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "TempPassw0rd!" },
  });
  return { setup, body };
}

Deno.test("RespondToAuthChallenge NEW_PASSWORD_REQUIRED: new password and required attribute, then tokens", async () => {
  const mock = new TestMock();
  const { setup, body } = await challenged(mock);
  assert.equal(body.ChallengeParameters.requiredAttributes, '["userAttributes.name"]');
  const answer = (responses: Record<string, string>) => ({
    ClientId: setup.clientId,
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    Session: body.Session,
    ChallengeResponses: { USERNAME: "alice", ...responses },
  });
  const missing = await mock.fails(
    "RespondToAuthChallenge",
    answer({ NEW_PASSWORD: "NewPassw0rd!" }),
  );
  assert.equal(missing.message, "Invalid attributes given, name is missing");
  const weak = await mock.fails(
    "RespondToAuthChallenge",
    answer({ NEW_PASSWORD: "weak", "userAttributes.name": "A" }),
  );
  assert.equal(weak.type, "InvalidPasswordException");
  const done = await mock.ok(
    "RespondToAuthChallenge",
    answer({ NEW_PASSWORD: "NewPassw0rd!", "userAttributes.name": "Alice" }),
  );
  assert.deepEqual(done.ChallengeParameters, {});
  assert.ok(done.AuthenticationResult.AccessToken);
  const user = await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.equal(user.UserStatus, "CONFIRMED");
  assert.ok(
    user.UserAttributes.some((a: { Name: string; Value: string }) =>
      a.Name === "name" && a.Value === "Alice"
    ),
  );
  const again = await mock.fails(
    "RespondToAuthChallenge",
    answer({ NEW_PASSWORD: "NewPassw0rd!", "userAttributes.name": "A" }),
  );
  assert.deepEqual(again, {
    type: "NotAuthorizedException",
    message: "Invalid session for the user.",
    status: 400,
  });
  assert.ok((await mock.signIn(setup, "alice", "NewPassw0rd!")).AccessToken);
});

Deno.test("RespondToAuthChallenge: expired, foreign and missing sessions", async () => {
  const mock = new TestMock();
  const { setup, body } = await challenged(mock, [{ Name: "name", Value: "Alice" }]);
  const answer = (session: string | undefined, clientId = setup.clientId) => ({
    ClientId: clientId,
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    ...(session === undefined ? {} : { Session: session }),
    ChallengeResponses: { USERNAME: "alice", NEW_PASSWORD: "NewPassw0rd!" },
  });
  assert.equal(
    (await mock.fails("RespondToAuthChallenge", answer(undefined))).message,
    "Invalid session for the user.",
  );
  const other = await mock.ok("CreateUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientName: "other",
  });
  const foreign = await mock.fails(
    "RespondToAuthChallenge",
    answer(body.Session, other.UserPoolClient.ClientId),
  );
  assert.equal(foreign.message, "Invalid session for the user.");
  mock.tick(181);
  const expired = await mock.fails("RespondToAuthChallenge", answer(body.Session));
  assert.equal(expired.message, "Invalid session for the user, session is expired.");
});

Deno.test("RespondToAuthChallenge: challenges the mock does not implement answer 501", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  const error = await mock.fails("RespondToAuthChallenge", {
    ClientId: setup.clientId,
    ChallengeName: "SMS_MFA",
    ChallengeResponses: { USERNAME: "alice", SMS_MFA_CODE: "123456" },
  });
  assert.equal(error.status, 501);
  assert.equal(
    error.message,
    "The cognito-conformance mock does not implement the SMS_MFA challenge.",
  );
});

Deno.test("RespondToAuthChallenge PASSWORD_VERIFIER: the SRP proof gives tokens; missing claim fields are named", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] });
  await mock.user(setup.poolId, "alice");
  const { call, ephemeral } = await mock.srpStart(setup, "alice");
  const challenge = await mock.ok(call.operation, call.body);
  const answer = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!");
  const responses = answer.body.ChallengeResponses as Record<string, string>;
  const { TIMESTAMP: _, ...withoutTimestamp } = responses;
  assert.equal(
    (await mock.fails(answer.operation, { ...answer.body, ChallengeResponses: withoutTimestamp }))
      .message,
    "Missing required parameter TIMESTAMP",
  );
  const body = await mock.ok(answer.operation, answer.body);
  assert.equal(body.AuthenticationResult.TokenType, "Bearer");
});
