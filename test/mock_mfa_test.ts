/**
 * TOTP MFA against the mock where devices matter (§4.5, §6.1): MFA_SETUP
 * through AssociateSoftwareToken and VerifySoftwareToken, the
 * SOFTWARE_TOKEN_MFA challenge, `NewDeviceMetadata` in the MFA answer, and
 * `ChallengeRequiredOnNewDevice`: a remembered device replaces the second
 * factor, a new or not-remembered one does not.
 */
import assert from "node:assert/strict";
import { claimsOf, type Json, type Provisioned, TestMock } from "../src/mock/_testing.ts";
import { totp } from "../src/srp/mod.ts";
import { deviceTracking } from "./_mock_helpers.ts";

const CLIENT = {
  ExplicitAuthFlows: [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ],
};

const devices = deviceTracking;

function code(mock: TestMock, secret: string, offsetSteps = 0): string {
  return totp(secret, { now: () => new Date(mock.now + offsetSteps * 30_000) });
}

/** Answers SOFTWARE_TOKEN_MFA (or anything with the same shape). */
function mfaAnswer(setup: Provisioned, challenge: Json, responses: Record<string, string>) {
  return {
    ChallengeName: challenge.ChallengeName,
    ClientId: setup.clientId,
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: "alice", ...responses },
  };
}

/** MFA ON pool; alice goes through MFA_SETUP on her first sign-in. Returns her TOTP secret. */
async function enrolled(pool: Record<string, unknown>) {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "ON", ...pool }, CLIENT);
  await mock.user(setup.poolId, "alice");
  const setupChallenge = await mock.srpSignIn(setup, "alice");
  assert.equal(setupChallenge.ChallengeName, "MFA_SETUP");
  assert.deepEqual(setupChallenge.ChallengeParameters, {
    MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]',
    USER_ID_FOR_SRP: "alice",
  });
  const associated = await mock.ok("AssociateSoftwareToken", { Session: setupChallenge.Session });
  assert.match(associated.SecretCode, /^[A-Z2-7]{52}$/);
  assert.ok(associated.Session);
  const wrong = await mock.fails("VerifySoftwareToken", {
    Session: associated.Session,
    UserCode: code(mock, associated.SecretCode, 5),
  });
  assert.deepEqual(wrong, {
    type: "EnableSoftwareTokenMFAException",
    message: "Code mismatch and fail enable Software Token MFA",
    status: 400,
  });
  const verified = await mock.ok("VerifySoftwareToken", {
    Session: associated.Session,
    UserCode: code(mock, associated.SecretCode),
    FriendlyDeviceName: "phone",
  });
  assert.equal(verified.Status, "SUCCESS");
  const done = await mock.ok("RespondToAuthChallenge", {
    ChallengeName: "MFA_SETUP",
    ClientId: setup.clientId,
    Session: verified.Session,
    ChallengeResponses: { USERNAME: "alice" },
  });
  // A minute on: the code that verified the token is used up (Cognito refuses a code twice).
  mock.tick(60);
  return { mock, setup, secret: associated.SecretCode as string, first: done.AuthenticationResult };
}

Deno.test("MFA ON: MFA_SETUP → AssociateSoftwareToken → VerifySoftwareToken → tokens (with NewDeviceMetadata)", async () => {
  const { mock, first } = await enrolled(devices(true));
  assert.ok(first.NewDeviceMetadata.DeviceKey);
  assert.equal(claimsOf(first.AccessToken).device_key, first.NewDeviceMetadata.DeviceKey);
  const me = await mock.ok("GetUser", { AccessToken: first.AccessToken });
  assert.deepEqual(me.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
  assert.equal(me.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
});

Deno.test("SOFTWARE_TOKEN_MFA: wrong code is CodeMismatchException; ±1 step accepted; NewDeviceMetadata in the MFA answer", async () => {
  const { mock, setup, secret } = await enrolled(devices(true));
  const challenge = await mock.srpSignIn(setup, "alice");
  assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
  assert.deepEqual(challenge.ChallengeParameters, {});
  for (const offset of [2, -2]) {
    const refused = await mock.fails(
      "RespondToAuthChallenge",
      mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret, offset) }),
    );
    assert.deepEqual(refused, {
      type: "CodeMismatchException",
      message: "Invalid code or auth state for the user.",
      status: 400,
    });
  }
  const missing = await mock.fails("RespondToAuthChallenge", {
    ...mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret) }),
    Session: undefined,
  });
  assert.equal(missing.message, "Missing required parameter Session");
  const done = await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret, -1) }),
  );
  const metadata = done.AuthenticationResult.NewDeviceMetadata;
  assert.ok(metadata.DeviceKey);
  assert.equal(claimsOf(done.AuthenticationResult.AccessToken).device_key, metadata.DeviceKey);
});

Deno.test("ChallengeRequiredOnNewDevice true: a remembered device skips MFA (DEVICE_SRP_AUTH instead); a new device does not", async () => {
  const { mock, setup, first } = await enrolled(devices(true));
  const { device } = await mock.confirmDevice(first.AccessToken, first.NewDeviceMetadata);
  const remembered = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
  assert.equal(remembered.ChallengeName, "DEVICE_SRP_AUTH");
  const tokens = await mock.deviceSignIn(setup, remembered, "alice", device);
  assert.equal(claimsOf(tokens.AuthenticationResult.AccessToken).device_key, device.key);
  const fresh = await mock.srpSignIn(setup, "alice");
  assert.equal(fresh.ChallengeName, "SOFTWARE_TOKEN_MFA");
});

Deno.test("ChallengeRequiredOnNewDevice false: a remembered device answers MFA first, then DEVICE_SRP_AUTH", async () => {
  const { mock, setup, secret, first } = await enrolled(devices(false));
  const { device } = await mock.confirmDevice(first.AccessToken, first.NewDeviceMetadata);
  const challenge = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
  assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
  const next = await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret) }),
  );
  assert.equal(next.ChallengeName, "DEVICE_SRP_AUTH");
  const tokens = await mock.deviceSignIn(setup, next, "alice", device);
  assert.equal(tokens.AuthenticationResult.NewDeviceMetadata, undefined);
});

Deno.test("opt-in pool: a tracked but not remembered device still answers MFA, keeps its key, gets no new device", async () => {
  const { mock, setup, secret, first } = await enrolled(devices(true, true));
  const { device, userConfirmationNecessary } = await mock.confirmDevice(
    first.AccessToken,
    first.NewDeviceMetadata,
  );
  assert.equal(userConfirmationNecessary, true);
  const challenge = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
  assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
  const done = await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret) }),
  );
  assert.equal(done.AuthenticationResult.NewDeviceMetadata, undefined);
  assert.equal(claimsOf(done.AuthenticationResult.AccessToken).device_key, device.key);
});

Deno.test("an MFA answer naming a remembered DEVICE_KEY continues with DEVICE_SRP_AUTH (key only in the answer)", async () => {
  const { mock, setup, secret, first } = await enrolled(devices(false));
  const { device } = await mock.confirmDevice(first.AccessToken, first.NewDeviceMetadata);
  const challenge = await mock.srpSignIn(setup, "alice");
  const next = await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, challenge, {
      SOFTWARE_TOKEN_MFA_CODE: code(mock, secret),
      DEVICE_KEY: device.key,
    }),
  );
  assert.equal(next.ChallengeName, "DEVICE_SRP_AUTH");
  await mock.deviceSignIn(setup, next, "alice", device);
});

Deno.test("MFA OPTIONAL: enrol with an access token, SetUserMFAPreference, then TOTP is asked", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "OPTIONAL" }, CLIENT);
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  assert.deepEqual(
    await mock.fails("SetUserMFAPreference", {
      AccessToken: tokens.AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
    {
      type: "InvalidParameterException",
      message: "User has not set up software token mfa",
      status: 400,
    },
  );
  assert.deepEqual(
    await mock.fails("AdminSetUserMFAPreference", {
      UserPoolId: setup.poolId,
      Username: "alice",
      SoftwareTokenMfaSettings: { Enabled: true },
    }),
    {
      type: "InvalidParameterException",
      message: "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
      status: 400,
    },
  );
  assert.equal(
    (await mock.fails("VerifySoftwareToken", {
      AccessToken: tokens.AccessToken,
      UserCode: "123456",
    }))
      .type,
    "SoftwareTokenMFANotFoundException",
  );
  const { SecretCode, Session } = await mock.ok("AssociateSoftwareToken", {
    AccessToken: tokens.AccessToken,
  });
  assert.equal(Session, undefined);
  await mock.ok("VerifySoftwareToken", {
    AccessToken: tokens.AccessToken,
    UserCode: code(mock, SecretCode),
  });
  // Verified but not enabled: an OPTIONAL pool does not ask yet.
  assert.ok((await mock.srpSignIn(setup, "alice")).AuthenticationResult);
  assert.deepEqual(
    await mock.ok("SetUserMFAPreference", {
      AccessToken: tokens.AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
    {},
  );
  assert.equal((await mock.srpSignIn(setup, "alice")).ChallengeName, "SOFTWARE_TOKEN_MFA");
  await mock.ok("AdminSetUserMFAPreference", {
    UserPoolId: setup.poolId,
    Username: "alice",
    SoftwareTokenMfaSettings: { Enabled: false },
  });
  const user = await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.equal(user.UserMFASettingList, undefined);
  assert.ok((await mock.srpSignIn(setup, "alice")).AuthenticationResult);
  assert.equal(
    (await mock.fails("SetUserMFAPreference", {
      AccessToken: tokens.AccessToken,
      SMSMfaSettings: { Enabled: true },
    })).status,
    501,
  );
});

Deno.test("SetUserPoolMfaConfig / GetUserPoolMfaConfig: MfaConfiguration and TOTP, reflected by DescribeUserPool", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, CLIENT);
  assert.deepEqual(await mock.ok("GetUserPoolMfaConfig", { UserPoolId: setup.poolId }), {
    SoftwareTokenMfaConfiguration: { Enabled: false },
    MfaConfiguration: "OFF",
  });
  const set = await mock.ok("SetUserPoolMfaConfig", {
    UserPoolId: setup.poolId,
    MfaConfiguration: "ON",
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  assert.deepEqual(set, {
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: "ON",
  });
  assert.deepEqual(await mock.ok("GetUserPoolMfaConfig", { UserPoolId: setup.poolId }), set);
  const { UserPool } = await mock.ok("DescribeUserPool", { UserPoolId: setup.poolId });
  assert.equal(UserPool.MfaConfiguration, "ON");
  await mock.user(setup.poolId, "alice");
  assert.equal((await mock.srpSignIn(setup, "alice")).ChallengeName, "MFA_SETUP");
});

Deno.test("MFA_SETUP: answering before VerifySoftwareToken, or a reused setup Session, is an invalid session", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "ON" }, CLIENT);
  await mock.user(setup.poolId, "alice");
  const challenge = await mock.srpSignIn(setup, "alice");
  const early = await mock.fails("RespondToAuthChallenge", {
    ChallengeName: "MFA_SETUP",
    ClientId: setup.clientId,
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: "alice" },
  });
  assert.equal(early.message, "Invalid session for the user.");
  await mock.ok("AssociateSoftwareToken", { Session: challenge.Session });
  const reused = await mock.fails("AssociateSoftwareToken", { Session: challenge.Session });
  assert.equal(reused.message, "Invalid session for the user.");
});

const REUSED = {
  type: "ExpiredCodeException",
  message: "Your software token has already been used once.",
  status: 400,
};

Deno.test("SOFTWARE_TOKEN_MFA: a code is accepted once; the same code again is ExpiredCodeException, the next step's works", async () => {
  const { mock, setup, secret } = await enrolled(devices(true));
  const first = await mock.srpSignIn(setup, "alice");
  const now = code(mock, secret);
  await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, first, { SOFTWARE_TOKEN_MFA_CODE: now }),
  );
  const second = await mock.srpSignIn(setup, "alice");
  const answer = mfaAnswer(setup, second, { SOFTWARE_TOKEN_MFA_CODE: now });
  assert.deepEqual(await mock.fails("RespondToAuthChallenge", answer), REUSED);
  // The refusal leaves the challenge open: a fresh code answers it.
  mock.tick(30);
  const done = await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, second, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret) }),
  );
  assert.ok(done.AuthenticationResult.AccessToken);
  // A wrong code stays a mismatch, not a reuse.
  const third = await mock.srpSignIn(setup, "alice");
  const wrong = await mock.fails(
    "RespondToAuthChallenge",
    mfaAnswer(setup, third, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret, 5) }),
  );
  assert.equal(wrong.type, "CodeMismatchException");
});

Deno.test("SOFTWARE_TOKEN_MFA: the code that verified the token cannot sign in; a new token starts afresh", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "OPTIONAL" }, CLIENT);
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const enrol = async () => {
    const { SecretCode } = await mock.ok("AssociateSoftwareToken", {
      AccessToken: tokens.AccessToken,
    });
    const verifying = code(mock, SecretCode);
    await mock.ok("VerifySoftwareToken", { AccessToken: tokens.AccessToken, UserCode: verifying });
    return { secret: SecretCode as string, verifying };
  };
  const { secret, verifying } = await enrol();
  await mock.ok("SetUserMFAPreference", {
    AccessToken: tokens.AccessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  const challenge = await mock.srpSignIn(setup, "alice");
  const answer = mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: verifying });
  assert.deepEqual(await mock.fails("RespondToAuthChallenge", answer), REUSED);
  await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, challenge, { SOFTWARE_TOKEN_MFA_CODE: code(mock, secret, 1) }),
  );
  // A new secret's codes have no history; its own verification code is used up.
  const renewed = await enrol();
  const next = await mock.srpSignIn(setup, "alice");
  assert.deepEqual(
    await mock.fails(
      "RespondToAuthChallenge",
      mfaAnswer(setup, next, { SOFTWARE_TOKEN_MFA_CODE: renewed.verifying }),
    ),
    REUSED,
  );
  await mock.ok(
    "RespondToAuthChallenge",
    mfaAnswer(setup, next, { SOFTWARE_TOKEN_MFA_CODE: code(mock, renewed.secret, -1) }),
  );
});
