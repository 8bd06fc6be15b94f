/**
 * A challenge works once (§6.11), also when one answer is sent twice at the
 * same time. Regression (found by test/mock_fuzz_test.ts): the mock used a
 * challenge up only after the answer's awaits (the SRP engine, WebCrypto),
 * so two copies of one PASSWORD_VERIFIER, DEVICE_SRP_AUTH or
 * DEVICE_PASSWORD_VERIFIER answer sent at once both passed and both got
 * tokens — a replayed claim signed in twice.
 */
import assert from "node:assert/strict";
import {
  ALL_FLOWS_CLIENT,
  ALWAYS_REMEMBER,
  type Answer,
  type Call,
  TestMock,
} from "../src/mock/_testing.ts";
import { totp } from "../src/srp/mod.ts";

/** Sends `call` twice at once; exactly one copy may succeed. Returns the refused copy's error. */
async function twice(mock: TestMock, call: Call): Promise<{ ok: Answer; refused: Answer }> {
  const answers = await Promise.all([
    mock.call(call.operation, call.body),
    mock.call(call.operation, call.body),
  ]);
  const ok = answers.filter((answer) => answer.status === 200);
  assert.equal(ok.length, 1, `${answers.map((answer) => JSON.stringify(answer.body)).join(" / ")}`);
  return { ok: ok[0]!, refused: answers.find((answer) => answer.status !== 200)! };
}

function error(answer: Answer): { type: string; message: string } {
  return { type: answer.body.__type, message: answer.body.message };
}

const INCORRECT = { type: "NotAuthorizedException", message: "Incorrect username or password." };
const BAD_SESSION = { type: "NotAuthorizedException", message: "Invalid session for the user." };

Deno.test("replay: one PASSWORD_VERIFIER answer sent twice at once signs in once", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
  const alice = await mock.user(setup.poolId, "alice");
  // Several rounds: which copy wins depends on scheduling; neither may ever both win.
  for (let round = 0; round < 4; round++) {
    const { call, ephemeral } = await mock.srpStart(setup, alice);
    const challenge = await mock.ok(call.operation, call.body);
    const answer = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!");
    const { refused } = await twice(mock, answer);
    assert.deepEqual(error(refused), INCORRECT);
    // A later replay is refused the same way.
    assert.deepEqual(error(await mock.call(answer.operation, answer.body)), INCORRECT);
  }
});

Deno.test("replay: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answers sent twice at once pass once", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
  const alice = await mock.user(setup.poolId, "alice");
  const { device } = await mock.signInWithDevice(setup, alice);
  for (let round = 0; round < 3; round++) {
    const first = await mock.srpSignIn(setup, alice, "Passw0rd!", { deviceKey: device.key });
    assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH");
    const start = await mock.deviceSrpAuth(setup, alice, device, { session: first.Session });
    const { ok, refused } = await twice(mock, start.call);
    assert.deepEqual(error(refused), BAD_SESSION);
    const verifier = ok.body;
    const answer = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
      session: verifier.Session,
    });
    const tokens = await twice(mock, answer);
    assert.deepEqual(error(tokens.refused), INCORRECT);
    assert.ok(tokens.ok.body.AuthenticationResult.AccessToken);
  }
});

Deno.test("replay: NEW_PASSWORD_REQUIRED and SOFTWARE_TOKEN_MFA answers sent twice at once pass once", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "OPTIONAL" }, ALL_FLOWS_CLIENT);
  await mock.temporaryUser(setup.poolId, "alice", "Temp0rary!");
  const challenge = await mock.ok("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Temp0rary!" },
  });
  const { refused } = await twice(mock, {
    operation: "RespondToAuthChallenge",
    body: {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ClientId: setup.clientId,
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: "alice", NEW_PASSWORD: "Passw0rd!" },
    },
  });
  assert.deepEqual(error(refused), BAD_SESSION);

  const tokens = await mock.signIn(setup, "alice");
  const { SecretCode } = await mock.ok("AssociateSoftwareToken", {
    AccessToken: tokens.AccessToken,
  });
  await mock.ok("VerifySoftwareToken", {
    AccessToken: tokens.AccessToken,
    UserCode: totp(SecretCode, { now: () => new Date(mock.now) }),
  });
  await mock.ok("SetUserMFAPreference", {
    AccessToken: tokens.AccessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  mock.tick(60); // the code that verified the token is used up
  const mfa = await mock.ok("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
  });
  assert.equal(mfa.ChallengeName, "SOFTWARE_TOKEN_MFA");
  const answered = await twice(mock, {
    operation: "RespondToAuthChallenge",
    body: {
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      ClientId: setup.clientId,
      Session: mfa.Session,
      ChallengeResponses: {
        USERNAME: "alice",
        SOFTWARE_TOKEN_MFA_CODE: totp(SecretCode, { now: () => new Date(mock.now) }),
      },
    },
  });
  assert.deepEqual(error(answered.refused), BAD_SESSION);
});

Deno.test("replay: a refused answer leaves the challenge open for the corrected one", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
  const alice = await mock.user(setup.poolId, "alice");
  const { call, ephemeral } = await mock.srpStart(setup, alice);
  const challenge = await mock.ok(call.operation, call.body);
  const forgotten = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!", {
    deviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
  });
  assert.deepEqual(await mock.fails(forgotten.operation, forgotten.body), {
    type: "ResourceNotFoundException",
    message: "Device does not exist.",
    status: 400,
  });
  const corrected = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!");
  assert.ok((await mock.ok(corrected.operation, corrected.body)).AuthenticationResult);
});

Deno.test("replay: ConfirmDevice sent twice at once confirms once (DeviceKeyExistsException)", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
  const alice = await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, alice);
  const { refused } = await twice(mock, {
    operation: "ConfirmDevice",
    body: {
      AccessToken: tokens.AccessToken,
      DeviceKey: tokens.NewDeviceMetadata.DeviceKey,
      DeviceSecretVerifierConfig: { PasswordVerifier: "AQID", Salt: "AQID" },
    },
  });
  assert.deepEqual(error(refused), {
    type: "DeviceKeyExistsException",
    message: "Device key already exists.",
  });
});
