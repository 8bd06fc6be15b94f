/**
 * Remembered-device sign-in against the mock (§4.3, §4.4, §6.7, §6.9,
 * §7.8): the DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER loop, its refusals,
 * its Session rules (§11.5), the stale-key retry clients make, and what a
 * device sign-in records on the device.
 */
import assert from "node:assert/strict";
import {
  ALL_FLOWS_CLIENT,
  claimsOf,
  type Json,
  type KnownDevice,
  type Provisioned,
  TestMock,
} from "../src/mock/_testing.ts";
import { deviceTracking, FAILURES } from "./_mock_helpers.ts";

const ALWAYS = deviceTracking(true);
const CLIENT = ALL_FLOWS_CLIENT;
const INCORRECT = FAILURES.incorrect;
const NO_DEVICE = FAILURES.noDevice;
const BAD_SESSION = FAILURES.badSession;

async function rememberedWorld(
  client: Record<string, unknown> = {},
): Promise<{ mock: TestMock; setup: Provisioned; device: KnownDevice; first: Json }> {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS, { ...CLIENT, ...client });
  await mock.user(setup.poolId, "alice");
  const first = (await mock.srpSignIn(setup, "alice")).AuthenticationResult;
  const { device } = await mock.confirmDevice(first.AccessToken, first.NewDeviceMetadata, "laptop");
  return { mock, setup, device, first };
}

/** Runs up to DEVICE_SRP_AUTH (password verified with the device's key). */
async function toDeviceChallenge(mock: TestMock, setup: Provisioned, device: KnownDevice) {
  const challenge = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
  assert.equal(challenge.ChallengeName, "DEVICE_SRP_AUTH");
  assert.deepEqual(challenge.ChallengeParameters, {});
  return challenge;
}

Deno.test("device SRP: DEVICE_PASSWORD_VERIFIER carries DEVICE_KEY, the ConfirmDevice SALT as hex, SECRET_BLOCK, SRP_B, USERNAME and a new Session", async () => {
  const { mock, setup, device } = await rememberedWorld();
  const challenge = await toDeviceChallenge(mock, setup, device);
  const start = await mock.deviceSrpAuth(setup, "alice", device, { session: challenge.Session });
  const verifier = await mock.ok(start.call.operation, start.call.body);
  assert.equal(verifier.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
  assert.ok(verifier.Session && verifier.Session !== challenge.Session);
  const parameters = verifier.ChallengeParameters;
  assert.deepEqual(Object.keys(parameters), [
    "DEVICE_KEY",
    "SALT",
    "SECRET_BLOCK",
    "SRP_B",
    "USERNAME",
  ]);
  assert.equal(parameters.DEVICE_KEY, device.key);
  assert.equal(parameters.USERNAME, "alice");
  const answer = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
    session: verifier.Session,
  });
  const tokens = await mock.ok(answer.operation, answer.body);
  assert.equal(tokens.AuthenticationResult.NewDeviceMetadata, undefined);
  assert.equal(claimsOf(tokens.AuthenticationResult.AccessToken).device_key, device.key);
});

Deno.test("device SRP: the SALT is the ConfirmDevice salt; a wrong device secret is 'Incorrect username or password.'", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS, CLIENT);
  await mock.user(setup.poolId, "alice");
  const first = await mock.signIn(setup, "alice");
  const salt = Uint8Array.of(0, ...new Array(16).fill(0x8a));
  const { createDeviceVerifier } = await import("../src/srp/mod.ts");
  const secret = createDeviceVerifier(
    first.NewDeviceMetadata.DeviceGroupKey,
    first.NewDeviceMetadata.DeviceKey,
    { saltBytes: salt.subarray(1) },
  );
  assert.equal(secret.Salt, "AIqKioqKioqKioqKioqKioo=");
  await mock.ok("ConfirmDevice", {
    AccessToken: first.AccessToken,
    DeviceKey: first.NewDeviceMetadata.DeviceKey,
    DeviceSecretVerifierConfig: { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt },
  });
  const device: KnownDevice = {
    key: first.NewDeviceMetadata.DeviceKey,
    groupKey: first.NewDeviceMetadata.DeviceGroupKey,
    password: secret.DevicePassword,
  };
  const challenge = await toDeviceChallenge(mock, setup, device);
  const start = await mock.deviceSrpAuth(setup, "alice", device, { session: challenge.Session });
  const verifier = await mock.ok(start.call.operation, start.call.body);
  assert.equal(verifier.ChallengeParameters.SALT, "8a".repeat(16));
  const wrong = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, {
    ...device,
    password: "not-the-device-password",
  }, { session: verifier.Session });
  assert.deepEqual(await mock.fails(wrong.operation, wrong.body), INCORRECT);
  // The challenge survives a refused answer; the right secret still works.
  const right = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
    session: verifier.Session,
  });
  await mock.ok(right.operation, right.body);
});

Deno.test("device SRP Sessions (§11.5): absent accepted, present-but-wrong refused, no password step no device step", async () => {
  const { mock, setup, device } = await rememberedWorld();
  // Without Session on both steps (pycognito's way).
  await toDeviceChallenge(mock, setup, device);
  const start = await mock.deviceSrpAuth(setup, "alice", device);
  const verifier = await mock.ok(start.call.operation, start.call.body);
  const answer = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device);
  assert.ok((await mock.ok(answer.operation, answer.body)).AuthenticationResult);

  // A present Session must be the one issued.
  const challenge = await toDeviceChallenge(mock, setup, device);
  const forged = await mock.deviceSrpAuth(setup, "alice", device, {
    session: `${challenge.Session}x`,
  });
  assert.deepEqual(await mock.fails(forged.call.operation, forged.call.body), BAD_SESSION);
  const ok = await mock.deviceSrpAuth(setup, "alice", device, { session: challenge.Session });
  const next = await mock.ok(ok.call.operation, ok.call.body);
  const mismatched = await mock.devicePasswordVerifier(setup, next, ok.ephemeral, device, {
    session: challenge.Session,
  });
  assert.deepEqual(await mock.fails(mismatched.operation, mismatched.body), BAD_SESSION);

  // DEVICE_SRP_AUTH without a verified password first has nothing to continue.
  const fresh = new TestMock();
  const freshSetup = await fresh.provision(ALWAYS, CLIENT);
  await fresh.user(freshSetup.poolId, "alice");
  const t = await fresh.signIn(freshSetup, "alice");
  const { device: d2 } = await fresh.confirmDevice(t.AccessToken, t.NewDeviceMetadata);
  const bypass = await fresh.deviceSrpAuth(freshSetup, "alice", d2);
  assert.deepEqual(await fresh.fails(bypass.call.operation, bypass.call.body), BAD_SESSION);
});

Deno.test("device SRP: the remembered key after USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH also leads to DEVICE_SRP_AUTH", async () => {
  const { mock, setup, device } = await rememberedWorld();
  const viaPassword = await mock.ok("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!", DEVICE_KEY: device.key },
  });
  assert.equal(viaPassword.ChallengeName, "DEVICE_SRP_AUTH");
  await mock.deviceSignIn(setup, viaPassword, "alice", device);
  const viaAdmin = await mock.ok("AdminInitiateAuth", {
    UserPoolId: setup.poolId,
    AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!", DEVICE_KEY: device.key },
  });
  assert.equal(viaAdmin.ChallengeName, "DEVICE_SRP_AUTH");
  // An Admin sign-in's device steps are answered through the Admin API only.
  const publicAnswer = await mock.deviceSrpAuth(setup, "alice", device, {
    session: viaAdmin.Session,
  });
  assert.deepEqual(
    await mock.fails(publicAnswer.call.operation, publicAnswer.call.body),
    BAD_SESSION,
  );
  const adminStart = await mock.deviceSrpAuth(setup, "alice", device, {
    session: viaAdmin.Session,
    admin: true,
  });
  const verifier = await mock.ok(adminStart.call.operation, adminStart.call.body);
  const answer = await mock.devicePasswordVerifier(setup, verifier, adminStart.ephemeral, device, {
    session: verifier.Session,
    admin: true,
  });
  assert.ok((await mock.ok(answer.operation, answer.body)).AuthenticationResult.AccessToken);
});

Deno.test("§6.9 a forgotten DEVICE_KEY: 'Device does not exist.' at PASSWORD_VERIFIER, and the same answer without the key succeeds", async () => {
  const { mock, setup, device, first } = await rememberedWorld();
  await mock.ok("ForgetDevice", { AccessToken: first.AccessToken, DeviceKey: device.key });
  const { call, ephemeral } = await mock.srpStart(setup, "alice", { deviceKey: device.key });
  const challenge = await mock.ok(call.operation, call.body); // InitiateAuth ignores the key
  const answer = await mock.passwordVerifier(setup, challenge, ephemeral, "Passw0rd!", {
    deviceKey: device.key,
  });
  assert.deepEqual(await mock.fails(answer.operation, answer.body), NO_DEVICE);
  // ACIJ's retry: the identical answer with DEVICE_KEY null.
  (answer.body.ChallengeResponses as Record<string, unknown>).DEVICE_KEY = null;
  const retried = await mock.ok(answer.operation, answer.body);
  assert.ok(retried.AuthenticationResult.NewDeviceMetadata.DeviceKey !== device.key);
  // USER_PASSWORD_AUTH has only one step: refused at InitiateAuth.
  assert.deepEqual(
    await mock.fails("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: setup.clientId,
      AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!", DEVICE_KEY: device.key },
    }),
    NO_DEVICE,
  );
});

Deno.test("§11.2 an unknown DEVICE_KEY at InitiateAuth: ignored there by default, refused with 'initiate-auth'; another user's key is unknown", async () => {
  const { mock, setup, device } = await rememberedWorld();
  await mock.user(setup.poolId, "bob");
  const bob = await mock.srpStart(setup, "bob", { deviceKey: device.key });
  const bobChallenge = await mock.ok(bob.call.operation, bob.call.body);
  const bobAnswer = await mock.passwordVerifier(setup, bobChallenge, bob.ephemeral, "Passw0rd!", {
    deviceKey: device.key,
  });
  assert.deepEqual(await mock.fails(bobAnswer.operation, bobAnswer.body), NO_DEVICE);
  await mock.handler.handle(
    new Request("http://mock.test/_mock/behaviour", {
      method: "POST",
      body: JSON.stringify({
        poolId: setup.poolId,
        behaviour: { unknownDeviceKey: "initiate-auth" },
      }),
    }),
  );
  const { call } = await mock.srpStart(setup, "bob", { deviceKey: device.key });
  assert.deepEqual(await mock.fails(call.operation, call.body), NO_DEVICE);
  const own = await mock.srpStart(setup, "alice", { deviceKey: device.key });
  assert.equal(
    (await mock.ok(own.call.operation, own.call.body)).ChallengeName,
    "PASSWORD_VERIFIER",
  );
});

Deno.test("device SRP: a device forgotten mid-flow, a bad TIMESTAMP, and another device's claim are refused", async () => {
  const { mock, setup, device, first } = await rememberedWorld();
  const challenge = await toDeviceChallenge(mock, setup, device);
  const start = await mock.deviceSrpAuth(setup, "alice", device, { session: challenge.Session });
  const verifier = await mock.ok(start.call.operation, start.call.body);
  const badTime = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
    session: verifier.Session,
    timestamp: "Thu Nov 26 9:00:00 UTC 2026",
  });
  assert.deepEqual(await mock.fails(badTime.operation, badTime.body), {
    type: "InvalidParameterException",
    message: "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
    status: 400,
  });
  const otherKey = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, {
    ...device,
    key: first.NewDeviceMetadata.DeviceKey.replace(/.$/, (c: string) => c === "0" ? "1" : "0"),
  }, { session: verifier.Session });
  assert.deepEqual(await mock.fails(otherKey.operation, otherKey.body), INCORRECT);
  await mock.ok("ForgetDevice", { AccessToken: first.AccessToken, DeviceKey: device.key });
  const answer = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
    session: verifier.Session,
  });
  assert.deepEqual(await mock.fails(answer.operation, answer.body), NO_DEVICE);
});

Deno.test("device SRP: DeviceLastAuthenticatedDate and last_ip_used follow device sign-ins (X-Forwarded-For)", async () => {
  const { mock, setup, device } = await rememberedWorld();
  const before = await adminDevice(mock, setup, device);
  mock.tick(120);
  const challenge = await toDeviceChallenge(mock, setup, device);
  const start = await mock.deviceSrpAuth(setup, "alice", device, { session: challenge.Session });
  const verifier = await mock.ok(start.call.operation, start.call.body);
  const answer = await mock.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
    session: verifier.Session,
  });
  const done = await mock.call(answer.operation, answer.body, {
    "x-forwarded-for": "192.0.2.1, 10.0.0.1",
  });
  assert.equal(done.status, 200);
  const after = await adminDevice(mock, setup, device);
  assert.equal(after.DeviceLastAuthenticatedDate, before.DeviceLastAuthenticatedDate + 120);
  assert.equal(after.DeviceLastModifiedDate, before.DeviceLastModifiedDate);
  assert.equal(
    after.DeviceAttributes.find((a: { Name: string }) => a.Name === "last_ip_used").Value,
    "192.0.2.1",
  );
});

Deno.test("§11.1 with deviceSrpAuth 'with-mfa' a remembered device without MFA gets tokens directly", async () => {
  const { mock, setup, device } = await rememberedWorld();
  await mock.handler.handle(
    new Request("http://mock.test/_mock/behaviour", {
      method: "POST",
      body: JSON.stringify({ poolId: setup.poolId, behaviour: { deviceSrpAuth: "with-mfa" } }),
    }),
  );
  const body = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
  assert.equal(body.ChallengeName, undefined);
  assert.equal(claimsOf(body.AuthenticationResult.AccessToken).device_key, device.key);
  assert.equal(body.AuthenticationResult.NewDeviceMetadata, undefined);
});

Deno.test("device SRP with a client secret: SECRET_HASH on both device steps", async () => {
  const { mock, setup, device } = await rememberedWorld({ GenerateSecret: true });
  assert.ok(setup.clientSecret);
  const challenge = await toDeviceChallenge(mock, setup, device);
  const tokens = await mock.deviceSignIn(setup, challenge, "alice", device);
  assert.ok(tokens.AuthenticationResult.AccessToken);
  const again = await toDeviceChallenge(mock, setup, device);
  const start = await mock.deviceSrpAuth(setup, "alice", device, { session: again.Session });
  delete (start.call.body.ChallengeResponses as Record<string, unknown>).SECRET_HASH;
  assert.deepEqual(await mock.fails(start.call.operation, start.call.body), {
    type: "NotAuthorizedException",
    message: `Client ${setup.clientId} is configured for secret but secret was not received`,
    status: 400,
  });
});

async function adminDevice(mock: TestMock, setup: Provisioned, device: KnownDevice): Promise<Json> {
  return (await mock.ok("AdminGetDevice", {
    UserPoolId: setup.poolId,
    Username: "alice",
    DeviceKey: device.key,
  })).Device;
}
