/**
 * USER_SRP_AUTH against the mock with the project's SRP client (§3.2, §4.2,
 * §7): the challenge's shape, a successful proof through both APIs, and every
 * way a PASSWORD_VERIFIER answer is refused.
 */
import assert from "node:assert/strict";
import { claimsOf, type Provisioned, TestMock } from "../src/mock/_testing.ts";
import { computeSecretHash } from "../src/mock/auth/secret_hash.ts";
import { formatTimestamp, SRP_N_HEX } from "../src/srp/mod.ts";
import { FAILURES } from "./_mock_helpers.ts";

const SRP_CLIENT = {
  ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
};
const INCORRECT = FAILURES.incorrect;

async function setupSrp(
  pool: Record<string, unknown> = {},
  client: Record<string, unknown> = {},
): Promise<{ mock: TestMock; setup: Provisioned }> {
  const mock = new TestMock();
  const setup = await mock.provision(pool, { ...SRP_CLIENT, ...client });
  await mock.user(setup.poolId, "alice", "Passw0rd!", { email: "alice@example.com" });
  return { mock, setup };
}

/** Starts a sign-in and returns the challenge and the (not yet sent) answer. */
async function challengeAndAnswer(
  mock: TestMock,
  setup: Provisioned,
  password = "Passw0rd!",
  options: { timestamp?: string; deviceKey?: string } = {},
) {
  const { call, ephemeral } = await mock.srpStart(setup, "alice");
  const challenge = await mock.ok(call.operation, call.body);
  const answer = await mock.passwordVerifier(setup, challenge, ephemeral, password, options);
  return { challenge, answer };
}

Deno.test("USER_SRP_AUTH: PASSWORD_VERIFIER with SALT, SECRET_BLOCK, SRP_B, USERNAME, USER_ID_FOR_SRP and no Session", async () => {
  const { mock, setup } = await setupSrp();
  const { call } = await mock.srpStart(setup, "alice");
  const challenge = await mock.ok(call.operation, call.body);
  assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
  assert.equal(challenge.Session, undefined);
  const parameters = challenge.ChallengeParameters;
  assert.deepEqual(Object.keys(parameters), [
    "SALT",
    "SECRET_BLOCK",
    "SRP_B",
    "USERNAME",
    "USER_ID_FOR_SRP",
  ]);
  assert.match(parameters.SALT, /^[0-9a-f]{1,32}$/);
  assert.match(parameters.SRP_B, /^[0-9a-f]{700,768}$/);
  assert.ok(Uint8Array.fromBase64(parameters.SECRET_BLOCK).length > 40);
  assert.equal(parameters.USERNAME, "alice");
  assert.equal(parameters.USER_ID_FOR_SRP, "alice");
});

Deno.test("USER_SRP_AUTH: a correct proof gives tokens, through InitiateAuth and AdminInitiateAuth", async () => {
  const { mock, setup } = await setupSrp();
  const body = await mock.srpSignIn(setup, "alice");
  assert.deepEqual(body.ChallengeParameters, {});
  assert.equal(claimsOf(body.AuthenticationResult.AccessToken).username, "alice");
  assert.equal(body.AuthenticationResult.NewDeviceMetadata, undefined);
  const admin = await mock.srpSignIn(setup, "alice", "Passw0rd!", { admin: true });
  assert.equal(admin.AuthenticationResult.TokenType, "Bearer");
});

Deno.test("USER_SRP_AUTH: an email sign-in; USER_ID_FOR_SRP is the internal username and SECRET_HASH covers it", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ UsernameAttributes: ["email"] }, {
    ...SRP_CLIENT,
    GenerateSecret: true,
  });
  const internal = await mock.user(setup.poolId, "alice@example.com");
  assert.match(internal, /^[0-9a-f-]{36}$/);
  const { call, ephemeral } = await mock.srpStart(setup, "alice@example.com");
  const challenge = await mock.ok(call.operation, call.body);
  assert.equal(challenge.ChallengeParameters.USER_ID_FOR_SRP, internal);
  assert.equal(challenge.ChallengeParameters.USERNAME, internal);
  const answer = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!");
  const body = await mock.ok(answer.operation, answer.body);
  assert.equal(claimsOf(body.AuthenticationResult.AccessToken).username, internal);
  // A SECRET_HASH over the email instead of USER_ID_FOR_SRP is refused (§7.7).
  const again = await mock.srpStart(setup, "alice@example.com");
  const second = await mock.ok(again.call.operation, again.call.body);
  const wrongHash = await mock.passwordVerifier(setup, second, again.ephemeral, "Passw0rd!");
  (wrongHash.body.ChallengeResponses as Record<string, string>).SECRET_HASH =
    await computeSecretHash(setup.clientSecret!, "alice@example.com", setup.clientId);
  const refused = await mock.fails(wrongHash.operation, wrongHash.body);
  assert.equal(refused.message, `Unable to verify secret hash for client ${setup.clientId}`);
});

Deno.test("PASSWORD_VERIFIER: a wrong password, a bad signature, a padded day and a wrong weekday are 'Incorrect username or password.'", async () => {
  const { mock, setup } = await setupSrp();
  const wrong = await challengeAndAnswer(mock, setup, "Wr0ng!pass");
  assert.deepEqual(await mock.fails(wrong.answer.operation, wrong.answer.body), INCORRECT);

  const tampered = await challengeAndAnswer(mock, setup);
  const responses = tampered.answer.body.ChallengeResponses as Record<string, string>;
  const signature = Uint8Array.fromBase64(responses.PASSWORD_CLAIM_SIGNATURE!);
  signature[0]! ^= 1;
  responses.PASSWORD_CLAIM_SIGNATURE = signature.toBase64();
  assert.deepEqual(await mock.fails(tampered.answer.operation, tampered.answer.body), INCORRECT);

  // The mock's clock is Thu Nov 26 2026 09:00 UTC; sign non-canonical forms of it.
  mock.tick(-25 * 86400); // Sat Nov 1 2026
  const padded = await challengeAndAnswer(mock, setup, "Passw0rd!", {
    timestamp: "Sun Nov 01 09:00:00 UTC 2026",
  });
  assert.deepEqual(await mock.fails(padded.answer.operation, padded.answer.body), INCORRECT);
  const weekday = await challengeAndAnswer(mock, setup, "Passw0rd!", {
    timestamp: "Mon Nov 1 09:00:00 UTC 2026",
  });
  assert.deepEqual(await mock.fails(weekday.answer.operation, weekday.answer.body), INCORRECT);
  const canonical = await challengeAndAnswer(mock, setup, "Passw0rd!", {
    timestamp: "Sun Nov 1 09:00:00 UTC 2026",
  });
  await mock.ok(canonical.answer.operation, canonical.answer.body);
});

Deno.test("PASSWORD_VERIFIER: an unparseable TIMESTAMP is InvalidParameterException with the format text", async () => {
  const { mock, setup } = await setupSrp();
  for (const timestamp of ["Thu Nov 26 24:00:00 UTC 2026", "Thu Nov 26 09:00:00 +05:30 2026"]) {
    const { answer } = await challengeAndAnswer(mock, setup, "Passw0rd!", { timestamp });
    assert.deepEqual(await mock.fails(answer.operation, answer.body), {
      type: "InvalidParameterException",
      message: "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
      status: 400,
    });
  }
});

Deno.test("PASSWORD_VERIFIER: a TIMESTAMP beyond the allowed skew is refused, within it accepted; the skew is a pool choice", async () => {
  const { mock, setup } = await setupSrp();
  const late = formatTimestamp(new Date(mock.now + 301_000));
  const tooLate = await challengeAndAnswer(mock, setup, "Passw0rd!", { timestamp: late });
  assert.deepEqual(await mock.fails(tooLate.answer.operation, tooLate.answer.body), INCORRECT);
  const near = formatTimestamp(new Date(mock.now - 299_000));
  const fine = await challengeAndAnswer(mock, setup, "Passw0rd!", { timestamp: near });
  await mock.ok(fine.answer.operation, fine.answer.body);
  await mock.handler.handle(
    new Request("http://mock.test/_mock/behaviour", {
      method: "POST",
      body: JSON.stringify({ poolId: setup.poolId, behaviour: { timestampSkewSeconds: 400 } }),
    }),
  );
  const tolerated = await challengeAndAnswer(mock, setup, "Passw0rd!", { timestamp: late });
  await mock.ok(tolerated.answer.operation, tolerated.answer.body);
});

Deno.test("PASSWORD_VERIFIER: an altered, foreign or replayed SECRET_BLOCK is refused; a stale one is an expired session", async () => {
  const { mock, setup } = await setupSrp();
  // Altered block (the signature covers the block it was made for).
  const altered = await challengeAndAnswer(mock, setup);
  const responses = altered.answer.body.ChallengeResponses as Record<string, string>;
  const block = Uint8Array.fromBase64(responses.PASSWORD_CLAIM_SECRET_BLOCK!);
  block[block.length - 1]! ^= 0x40;
  responses.PASSWORD_CLAIM_SECRET_BLOCK = block.toBase64();
  assert.deepEqual(await mock.fails(altered.answer.operation, altered.answer.body), INCORRECT);

  // A block of another client of the same pool.
  const other = await mock.ok("CreateUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientName: "other",
    ...SRP_CLIENT,
  });
  const foreign = await challengeAndAnswer(mock, setup);
  (foreign.answer.body as Record<string, unknown>).ClientId = other.UserPoolClient.ClientId;
  assert.deepEqual(await mock.fails(foreign.answer.operation, foreign.answer.body), INCORRECT);

  // A block from another mock instance (another key).
  const elsewhere = new TestMock();
  const elsewhereSetup = await elsewhere.provision({}, SRP_CLIENT);
  await elsewhere.user(elsewhereSetup.poolId, "alice");
  const stranger = await challengeAndAnswer(elsewhere, elsewhereSetup);
  const mine = await challengeAndAnswer(mock, setup);
  (mine.answer.body.ChallengeResponses as Record<string, string>).PASSWORD_CLAIM_SECRET_BLOCK =
    (stranger.answer.body.ChallengeResponses as Record<string, string>)
      .PASSWORD_CLAIM_SECRET_BLOCK!;
  assert.deepEqual(await mock.fails(mine.answer.operation, mine.answer.body), INCORRECT);

  // Replay of an accepted answer.
  const accepted = await challengeAndAnswer(mock, setup);
  await mock.ok(accepted.answer.operation, accepted.answer.body);
  assert.deepEqual(await mock.fails(accepted.answer.operation, accepted.answer.body), INCORRECT);

  // Stale: past the client's AuthSessionValidity (3 minutes).
  const stale = await challengeAndAnswer(mock, setup);
  mock.tick(181);
  const staleAnswer = await mock.passwordVerifier(
    setup,
    stale.challenge,
    (await mock.srpStart(setup, "alice")).ephemeral,
    "Passw0rd!",
  );
  assert.deepEqual(await mock.fails(staleAnswer.operation, staleAnswer.body), {
    type: "NotAuthorizedException",
    message: "Invalid session for the user, session is expired.",
    status: 400,
  });
});

Deno.test("USER_SRP_AUTH: bad SRP_A, missing parameters, unknown user with and without PreventUserExistenceErrors", async () => {
  const { mock, setup } = await setupSrp();
  for (const SRP_A of ["xyz", "0", SRP_N_HEX, `00${SRP_N_HEX.toLowerCase()}`]) {
    const failure = await mock.fails("InitiateAuth", {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: setup.clientId,
      AuthParameters: { USERNAME: "alice", SRP_A },
    });
    assert.deepEqual(failure, {
      type: "InvalidParameterException",
      message: "Invalid Input Given",
      status: 400,
    });
  }
  const missing = await mock.fails("InitiateAuth", {
    AuthFlow: "USER_SRP_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice" },
  });
  assert.equal(missing.message, "Missing required parameter SRP_A");
  const { call } = await mock.srpStart(setup, "nobody");
  assert.equal((await mock.fails(call.operation, call.body)).type, "UserNotFoundException");

  const hidden = await setupSrp({}, { PreventUserExistenceErrors: "ENABLED" });
  const decoy = await hidden.mock.srpStart(hidden.setup, "nobody");
  const challenge = await hidden.mock.ok(decoy.call.operation, decoy.call.body);
  assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
  assert.equal(challenge.ChallengeParameters.USER_ID_FOR_SRP, "nobody");
  const answer = await hidden.mock.passwordVerifier(
    hidden.setup,
    challenge,
    decoy.ephemeral,
    "Passw0rd!",
  );
  assert.deepEqual(await hidden.mock.fails(answer.operation, answer.body), INCORRECT);
});

Deno.test("USER_SRP_AUTH: the verifier follows a password change; disabled and unconfirmed users are refused", async () => {
  const { mock, setup } = await setupSrp();
  await mock.srpSignIn(setup, "alice");
  await mock.ok("AdminSetUserPassword", {
    UserPoolId: setup.poolId,
    Username: "alice",
    Password: "N3w!Passw0rd",
    Permanent: true,
  });
  const old = await challengeAndAnswer(mock, setup, "Passw0rd!");
  assert.deepEqual(await mock.fails(old.answer.operation, old.answer.body), INCORRECT);
  await mock.srpSignIn(setup, "alice", "N3w!Passw0rd");

  await mock.ok("AdminDisableUser", { UserPoolId: setup.poolId, Username: "alice" });
  const { call } = await mock.srpStart(setup, "alice");
  assert.equal((await mock.fails(call.operation, call.body)).message, "User is disabled.");

  await mock.ok("SignUp", { ClientId: setup.clientId, Username: "carol", Password: "Passw0rd!" });
  const unconfirmed = await mock.srpStart(setup, "carol");
  assert.deepEqual(await mock.fails(unconfirmed.call.operation, unconfirmed.call.body), {
    type: "UserNotConfirmedException",
    message: "User is not confirmed.",
    status: 400,
  });
});

Deno.test("USER_SRP_AUTH: SRP_A in upper case with a leading zero (the .NET client's format) is accepted", async () => {
  const { mock, setup } = await setupSrp();
  const { call, ephemeral } = await mock.srpStart(setup, "alice");
  const parameters = call.body.AuthParameters as Record<string, string>;
  parameters.SRP_A = `0${parameters.SRP_A!.toUpperCase()}`;
  const challenge = await mock.ok(call.operation, call.body);
  const answer = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!");
  assert.ok((await mock.ok(answer.operation, answer.body)).AuthenticationResult);
});

Deno.test("USER_SRP_AUTH: a temporary password leads to NEW_PASSWORD_REQUIRED, then tokens", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, SRP_CLIENT);
  await mock.temporaryUser(setup.poolId, "bob", "TempPassw0rd!");
  const challenge = await mock.srpSignIn(setup, "bob", "TempPassw0rd!");
  assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
  const done = await mock.newPassword(setup, challenge, "bob", "Passw0rd!Next");
  assert.ok(done.AuthenticationResult.AccessToken);
});
