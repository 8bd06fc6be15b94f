import assert from "node:assert/strict";
import { claimsOf, TestMock } from "../_testing.ts";
import { computeSecretHash } from "../auth/secret_hash.ts";

const password = (clientId: string, parameters: Record<string, string>) => ({
  AuthFlow: "USER_PASSWORD_AUTH",
  ClientId: clientId,
  AuthParameters: parameters,
});

Deno.test("InitiateAuth USER_PASSWORD_AUTH: tokens with ChallengeParameters {} and Cognito's claims", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice", "Passw0rd!", { email: "alice@example.com" });
  const body = await mock.ok(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "alice", PASSWORD: "Passw0rd!" }),
  );
  assert.deepEqual(body.ChallengeParameters, {});
  const result = body.AuthenticationResult;
  assert.deepEqual(Object.keys(result), [
    "AccessToken",
    "ExpiresIn",
    "TokenType",
    "RefreshToken",
    "IdToken",
  ]);
  assert.equal(result.ExpiresIn, 3600);
  assert.equal(result.TokenType, "Bearer");
  assert.equal(result.RefreshToken.split(".").length, 5);
  const access = claimsOf(result.AccessToken);
  assert.deepEqual(Object.keys(access), [
    "sub",
    "iss",
    "client_id",
    "origin_jti",
    "event_id",
    "token_use",
    "scope",
    "auth_time",
    "exp",
    "iat",
    "jti",
    "username",
  ]);
  assert.equal(access.token_use, "access");
  assert.equal(access.scope, "aws.cognito.signin.user.admin");
  assert.equal(access.iss, `http://localhost/${setup.poolId}`);
  assert.equal((access.exp as number) - (access.iat as number), 3600);
  const id = claimsOf(result.IdToken);
  assert.equal(id.aud, setup.clientId);
  assert.equal(id["cognito:username"], "alice");
  assert.equal(id.email, "alice@example.com");
  assert.equal(id.email_verified, false);
  assert.equal(id.origin_jti, access.origin_jti);
  assert.equal(id.event_id, access.event_id);
});

Deno.test("InitiateAuth: wrong password, unknown user, existence errors prevented", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const wrong = await mock.fails(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "alice", PASSWORD: "Wr0ng!pass" }),
  );
  assert.deepEqual(wrong, {
    type: "NotAuthorizedException",
    message: "Incorrect username or password.",
    status: 400,
  });
  const unknown = await mock.fails(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "nobody", PASSWORD: "x" }),
  );
  assert.deepEqual(unknown, {
    type: "UserNotFoundException",
    message: "User does not exist.",
    status: 400,
  });
  const hidden = await mock.provision({}, { PreventUserExistenceErrors: "ENABLED" });
  const masked = await mock.fails(
    "InitiateAuth",
    password(hidden.clientId, { USERNAME: "nobody", PASSWORD: "x" }),
  );
  assert.equal(masked.message, "Incorrect username or password.");
});

Deno.test("InitiateAuth: unconfirmed users, even with a wrong password", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("SignUp", { ClientId: setup.clientId, Username: "alice", Password: "Passw0rd!" });
  for (const attempt of ["Passw0rd!", "Wr0ng!pass"]) {
    const error = await mock.fails(
      "InitiateAuth",
      password(setup.clientId, { USERNAME: "alice", PASSWORD: attempt }),
    );
    assert.deepEqual(error, {
      type: "UserNotConfirmedException",
      message: "User is not confirmed.",
      status: 400,
    });
  }
});

Deno.test("InitiateAuth: flows must be enabled and allowed for the operation; parameters required", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, {
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  const disabled = await mock.fails(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "a", PASSWORD: "b" }),
  );
  assert.equal(disabled.message, "USER_PASSWORD_AUTH flow not enabled for this client");
  const admin = await mock.fails("InitiateAuth", {
    AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "a", PASSWORD: "b" },
  });
  assert.equal(admin.message, "Initiate Auth method not supported.");
  const open = await mock.provision();
  const missing = await mock.fails("InitiateAuth", password(open.clientId, { USERNAME: "a" }));
  assert.equal(missing.message, "Missing required parameter PASSWORD");
  const legacy = await mock.provision({}, { ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] });
  await mock.user(legacy.poolId, "alice");
  assert.ok((await mock.signIn(legacy, "alice")).AccessToken);
  const unknownClient = await mock.fails(
    "InitiateAuth",
    password("nosuchclient", { USERNAME: "a", PASSWORD: "b" }),
  );
  assert.equal(unknownClient.message, "User pool client nosuchclient does not exist.");
});

Deno.test("InitiateAuth: SECRET_HASH over the name as typed, for clients with a secret", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ AliasAttributes: ["email"] }, { GenerateSecret: true });
  await mock.user(setup.poolId, "alice", "Passw0rd!", {
    email: "alice@example.com",
    email_verified: "true",
  });
  const missing = await mock.fails(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "alice", PASSWORD: "Passw0rd!" }),
  );
  assert.equal(
    missing.message,
    `Client ${setup.clientId} is configured for secret but secret was not received`,
  );
  const wrongName = await computeSecretHash(setup.clientSecret!, "alice", setup.clientId);
  const mismatch = await mock.fails(
    "InitiateAuth",
    password(setup.clientId, {
      USERNAME: "alice@example.com",
      PASSWORD: "Passw0rd!",
      SECRET_HASH: wrongName,
    }),
  );
  assert.equal(mismatch.message, `Unable to verify secret hash for client ${setup.clientId}`);
  assert.ok((await mock.signIn(setup, "alice@example.com")).AccessToken);
});

Deno.test("InitiateAuth: a temporary password leads to NEW_PASSWORD_REQUIRED, until it expires", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "alice",
    TemporaryPassword: "TempPassw0rd!",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
  });
  const body = await mock.ok(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "alice", PASSWORD: "TempPassw0rd!" }),
  );
  assert.equal(body.ChallengeName, "NEW_PASSWORD_REQUIRED");
  assert.ok(body.Session.length >= 20 && body.Session.length <= 2048);
  assert.deepEqual(body.ChallengeParameters, {
    USER_ID_FOR_SRP: "alice",
    requiredAttributes: "[]",
    userAttributes: JSON.stringify({ email: "alice@example.com" }),
  });
  mock.tick(7 * 86400);
  const expired = await mock.fails(
    "InitiateAuth",
    password(setup.clientId, { USERNAME: "alice", PASSWORD: "TempPassw0rd!" }),
  );
  assert.equal(
    expired.message,
    "Temporary password has expired and must be reset by an administrator.",
  );
});

Deno.test("InitiateAuth REFRESH_TOKEN_AUTH: new access and ID tokens, no refresh token, same origin", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const first = await mock.signIn(setup, "alice");
  mock.tick(600);
  for (const flow of ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"]) {
    const body = await mock.ok("InitiateAuth", {
      AuthFlow: flow,
      ClientId: setup.clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
    });
    assert.deepEqual(body.ChallengeParameters, {});
    assert.equal(body.AuthenticationResult.RefreshToken, undefined);
    const before = claimsOf(first.AccessToken);
    const after = claimsOf(body.AuthenticationResult.AccessToken);
    assert.equal(after.origin_jti, before.origin_jti);
    assert.equal(after.auth_time, before.auth_time);
    assert.equal(after.iat, (before.iat as number) + 600);
    assert.notEqual(after.jti, before.jti);
  }
  const bad = await mock.fails("InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { REFRESH_TOKEN: "not-a-token" },
  });
  assert.deepEqual(bad, {
    type: "NotAuthorizedException",
    message: "Invalid Refresh Token.",
    status: 400,
  });
});

Deno.test("InitiateAuth REFRESH_TOKEN_AUTH: expiry, and SECRET_HASH over the internal username", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(
    { UsernameAttributes: ["email"] },
    {
      GenerateSecret: true,
      RefreshTokenValidity: 1,
      TokenValidityUnits: { RefreshToken: "hours" },
    },
  );
  const username = await mock.user(setup.poolId, "carol@example.com");
  const tokens = await mock.signIn(setup, "carol@example.com");
  const refresh = async (name: string) => ({
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: setup.clientId,
    AuthParameters: {
      REFRESH_TOKEN: tokens.RefreshToken,
      SECRET_HASH: await computeSecretHash(setup.clientSecret!, name, setup.clientId),
    },
  });
  const alias = await mock.fails("InitiateAuth", await refresh("carol@example.com"));
  assert.equal(alias.message, `Unable to verify secret hash for client ${setup.clientId}`);
  await mock.ok("InitiateAuth", await refresh(username));
  mock.tick(3600);
  const expired = await mock.fails("InitiateAuth", await refresh(username));
  assert.equal(expired.message, "Refresh Token has expired");
});

Deno.test("InitiateAuth USER_SRP_AUTH: PASSWORD_VERIFIER challenge; the flow must be enabled on the client", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] });
  await mock.user(setup.poolId, "alice");
  const { call } = await mock.srpStart(setup, "alice");
  const challenge = await mock.ok(call.operation, call.body);
  assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
  const passwordOnly = await mock.provision({}, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
  });
  const refused = await mock.srpStart(passwordOnly, "alice");
  assert.equal(
    (await mock.fails(refused.call.operation, refused.call.body)).message,
    "Auth flow not enabled for this client",
  );
});
