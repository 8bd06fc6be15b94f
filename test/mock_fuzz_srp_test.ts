/**
 * Hostile sign-ins against the mock, as properties (seeded like
 * mock_fuzz_test.ts; `FUZZ_RUNS` scales them to 5–10 % of its runs):
 *
 * - replayed PASSWORD_VERIFIER answers (later, and twice at once) and
 *   SECRET_BLOCKs of another session, user, client, pool or mock; altered
 *   blocks, claims and TIMESTAMPs (§4.2, docs/mock-choices.md "SECRET_BLOCK");
 * - another user's device key in ConfirmDevice, the device operations,
 *   sign-in, DEVICE_SRP_AUTH and refresh (§6.4, §6.6, §6.8, §6.9).
 *
 * Every answer is also checked by `assertAwsAnswer` (AWS-shaped, no fault,
 * no secret echoed); the legitimate users are re-checked along the way.
 * Revocation, lockout and expiry are in mock_fuzz_sessions_test.ts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { type Answer, type Json, type Provisioned, type TestMock } from "../src/mock/_testing.ts";
import { checkProperty, fuzzRuns, tally } from "./_fuzz_run.ts";
import {
  asSent,
  assertError,
  BAD_SESSION,
  EXCEEDED,
  FuzzWorld,
  INCORRECT,
  INVALID_REFRESH,
  type LegitUser,
  NO_DEVICE,
} from "./_fuzz_world.ts";

/** What the answer to a PASSWORD_VERIFIER challenge may be built from. */
type BlockSource = "same" | "mallory" | "other-client" | "other-pool" | "other-mock" | "device";

type SrpAttack =
  | { kind: "replay-later" }
  | { kind: "replay-at-once" }
  | { kind: "foreign-block"; source: Exclude<BlockSource, "same"> }
  | { kind: "alter-block"; at: number; how: "flip" | "cut" | "append" }
  | { kind: "wrong-password"; password: string }
  | { kind: "garbage-signature"; signature: string }
  | { kind: "skewed-timestamp"; seconds: number }
  | { kind: "bad-timestamp"; timestamp: string };

const srpAttackArbitrary: fc.Arbitrary<SrpAttack> = fc.oneof(
  fc.constant({ kind: "replay-later" as const }),
  fc.constant({ kind: "replay-at-once" as const }),
  fc.constantFrom("mallory", "other-client", "other-pool", "other-mock", "device").map((
    source,
  ) => ({
    kind: "foreign-block" as const,
    source,
  })),
  fc.record({ at: fc.nat(), how: fc.constantFrom("flip", "cut", "append") }).map((alter) => ({
    kind: "alter-block" as const,
    ...alter,
  })),
  fc.string({ minLength: 1, maxLength: 30 }).map((password) => ({
    kind: "wrong-password" as const,
    password,
  })),
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 60 }),
    fc.base64String({ minLength: 4, maxLength: 60 }),
  ).map((signature) => ({
    kind: "garbage-signature" as const,
    signature,
  })),
  fc.oneof(fc.integer({ min: 301, max: 100_000 }), fc.integer({ min: -100_000, max: -301 })).map(
    (seconds) => ({ kind: "skewed-timestamp" as const, seconds }),
  ),
  fc.constantFrom(
    "Thu Nov 26 24:00:00 UTC 2026",
    "Thu Nov 26 09:00:00 +05:30 2026",
    "Donnerstag Nov 26 09:00:00 UTC 2026",
    "",
    "2026-11-26T09:00:00Z",
  ).map((timestamp) => ({ kind: "bad-timestamp" as const, timestamp })),
);

/** A challenge of `user` through `mock`/`setup`: the call, its answer inputs, and the challenge. */
async function challengeOf(mock: TestMock, setup: Provisioned, user: string) {
  const { call, ephemeral } = await mock.srpStart(setup, user);
  const challenge = await mock.ok(call.operation, call.body);
  return { call, ephemeral, challenge };
}

/** A SECRET_BLOCK of `source` (never of the victim's own challenge). */
async function foreignBlock(world: FuzzWorld, source: Exclude<BlockSource, "same">) {
  const { mock } = world;
  switch (source) {
    case "mallory":
      return (await challengeOf(mock, world.setup, "mallory")).challenge.ChallengeParameters
        .SECRET_BLOCK as string;
    case "other-client": {
      const { SECRET_HASH } = await secretHash(world.secretClient, "alice");
      const { call } = await mock.srpStart(world.secretClient, "alice");
      call.body.AuthParameters = { ...call.body.AuthParameters as object, SECRET_HASH };
      return (await mock.ok(call.operation, call.body)).ChallengeParameters.SECRET_BLOCK as string;
    }
    case "other-pool":
      return (await challengeOf(mock, world.other, "dave")).challenge.ChallengeParameters
        .SECRET_BLOCK as string;
    case "other-mock":
      return (await challengeOf(world.foreign, world.setup, "alice")).challenge
        .ChallengeParameters.SECRET_BLOCK as string;
    case "device": {
      const first = await mock.srpSignIn(world.setup, "mallory", world.mallory.password, {
        deviceKey: world.mallory.device.key,
      });
      const start = await mock.deviceSrpAuth(world.setup, "mallory", world.mallory.device, {
        session: first.Session,
      });
      return (await mock.ok(start.call.operation, start.call.body)).ChallengeParameters
        .SECRET_BLOCK as string;
    }
  }
}

async function secretHash(setup: Provisioned, username: string) {
  const { computeSecretHash } = await import("../src/mock/auth/secret_hash.ts");
  return { SECRET_HASH: await computeSecretHash(setup.clientSecret!, username, setup.clientId) };
}

function alterBlock(block: string, at: number, how: "flip" | "cut" | "append"): string {
  const bytes = Uint8Array.fromBase64(block);
  if (how === "cut") return bytes.slice(0, at % bytes.length).toBase64();
  if (how === "append") return new Uint8Array([...bytes, at % 256]).toBase64();
  bytes[at % bytes.length]! ^= 1 << (at % 8);
  return bytes.toBase64();
}

/** Runs one attack on `victim`'s PASSWORD_VERIFIER; afterwards the legitimate answer still works. */
async function srpAttack(world: FuzzWorld, victim: LegitUser, attack: SrpAttack): Promise<void> {
  tally(`srp:${attack.kind}`);
  const { mock, setup } = world;
  const { ephemeral, challenge } = await challengeOf(mock, setup, victim.name);
  const options = { deviceKey: victim.device.key };
  const legit = await mock.passwordVerifier(setup, challenge, ephemeral, victim.password, options);
  const responses = legit.body.ChallengeResponses as Record<string, string>;
  const secrets = Object.values(responses).filter((value) => value.length >= 16);
  const send = (changes: Record<string, string>) =>
    mock.call(legit.operation, {
      ...legit.body,
      ChallengeResponses: { ...responses, ...changes },
    });
  const refused = (sent: Answer, expected: readonly [string, string], context: string) => {
    // A lockout from other attacks on the same victim takes precedence where passwords count.
    if (sent.body?.message === EXCEEDED) return;
    assertError(asSent(sent), expected[0], expected[1], secrets, context);
  };
  let accepted = false;
  switch (attack.kind) {
    case "replay-later":
      assert.equal((await send({})).status, 200);
      accepted = true;
      refused(await send({}), INCORRECT, "replay");
      break;
    case "replay-at-once": {
      const answers = await Promise.all([send({}), send({})]);
      assert.equal(answers.filter((answer) => answer.status === 200).length, 1);
      refused(answers.find((answer) => answer.status !== 200)!, INCORRECT, "replay at once");
      accepted = true;
      break;
    }
    case "foreign-block":
      refused(
        await send({ PASSWORD_CLAIM_SECRET_BLOCK: await foreignBlock(world, attack.source) }),
        INCORRECT,
        `block of ${attack.source}`,
      );
      break;
    case "alter-block":
      refused(
        await send({
          PASSWORD_CLAIM_SECRET_BLOCK: alterBlock(
            responses.PASSWORD_CLAIM_SECRET_BLOCK!,
            attack.at,
            attack.how,
          ),
        }),
        INCORRECT,
        `altered block (${attack.how})`,
      );
      break;
    case "wrong-password": {
      if (attack.password === victim.password) return;
      const wrong = await mock.passwordVerifier(
        setup,
        challenge,
        ephemeral,
        attack.password,
        options,
      );
      const sent = await mock.call(wrong.operation, wrong.body);
      refused(sent, INCORRECT, "wrong password");
      break;
    }
    case "garbage-signature":
      refused(await send({ PASSWORD_CLAIM_SIGNATURE: attack.signature }), INCORRECT, "signature");
      break;
    case "skewed-timestamp": {
      const skewed = await mock.passwordVerifier(setup, challenge, ephemeral, victim.password, {
        ...options,
        timestamp: timestampAt(mock.now + attack.seconds * 1000),
      });
      refused(await mock.call(skewed.operation, skewed.body), INCORRECT, "skewed TIMESTAMP");
      break;
    }
    case "bad-timestamp":
      refused(
        await send({ TIMESTAMP: attack.timestamp }),
        attack.timestamp === ""
          ? ["InvalidParameterException", "Missing required parameter TIMESTAMP"]
          : [
            "InvalidParameterException",
            "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
          ],
        "bad TIMESTAMP",
      );
      break;
  }
  if (!accepted) {
    // A refused answer leaves the challenge open: the legitimate one still passes (or the
    // victim is locked out by the fuzz's wrong passwords, which the batch check waits out).
    const sent = await mock.call(legit.operation, legit.body);
    if (sent.body?.message !== EXCEEDED) {
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.ChallengeName, "DEVICE_SRP_AUTH");
    }
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** §7.6's TIMESTAMP of an instant. */
function timestampAt(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${
      pad(d.getUTCSeconds())
    } UTC ${d.getUTCFullYear()}`;
}

Deno.test("fuzz: replayed PASSWORD_VERIFIER answers and foreign or altered SECRET_BLOCKs are refused", async () => {
  const world = await FuzzWorld.create();
  let count = 0;
  await checkProperty(
    "SRP replays",
    fc.asyncProperty(fc.boolean(), srpAttackArbitrary, async (bob, attack) => {
      await srpAttack(world, bob ? world.bob : world.alice, attack);
      world.assertNoFault();
      if (++count % 15 === 0) await world.checkLegitUsers();
    }) as never,
    fuzzRuns(40, 0.05),
  );
  await world.checkLegitUsers();
});

// ---------------------------------------------------------------------------------------------
// Another user's device key

type DeviceAttack =
  | "ConfirmDevice"
  | "GetDevice"
  | "UpdateDeviceStatus"
  | "ForgetDevice"
  | "AdminGetDevice"
  | "AdminUpdateDeviceStatus"
  | "AdminForgetDevice"
  | "USER_PASSWORD_AUTH"
  | "PASSWORD_VERIFIER"
  | "DEVICE_SRP_AUTH"
  | "DEVICE_SRP_AUTH without Session"
  | "REFRESH_TOKEN_AUTH"
  | "GetTokensFromRefreshToken";

const DEVICE_ATTACKS: readonly DeviceAttack[] = [
  "ConfirmDevice",
  "GetDevice",
  "UpdateDeviceStatus",
  "ForgetDevice",
  "AdminGetDevice",
  "AdminUpdateDeviceStatus",
  "AdminForgetDevice",
  "USER_PASSWORD_AUTH",
  "PASSWORD_VERIFIER",
  "DEVICE_SRP_AUTH",
  "DEVICE_SRP_AUTH without Session",
  "REFRESH_TOKEN_AUTH",
  "GetTokensFromRefreshToken",
];

/** The attacker (mallory, or dave of another pool) uses the victim's device key. */
async function deviceAttack(
  world: FuzzWorld,
  attacker: LegitUser,
  victim: LegitUser,
  attack: DeviceAttack,
): Promise<void> {
  tally(`device:${attack}`);
  const { mock } = world;
  const setup = attacker === world.dave ? world.other : world.setup;
  const key = victim.device.key;
  const secrets = [attacker.accessToken, attacker.refreshToken, attacker.password];
  const expect = async (
    operation: string,
    body: unknown,
    expected: readonly [string, string],
  ): Promise<void> => {
    const sent = asSent(await mock.call(operation, body));
    assertError(sent, expected[0], expected[1], secrets, `${attacker.name} ${attack}`);
  };
  const admin = { UserPoolId: setup.poolId, Username: attacker.name, DeviceKey: key };
  switch (attack) {
    case "ConfirmDevice":
      // §6.4 [O]: a key that is not one of the token user's devices.
      return expect("ConfirmDevice", {
        AccessToken: attacker.accessToken,
        DeviceKey: key,
        DeviceSecretVerifierConfig: { PasswordVerifier: "AQID", Salt: "AQID" },
      }, ["InvalidParameterException", "Invalid device key given."]);
    case "GetDevice":
    case "ForgetDevice":
      return expect(attack, { AccessToken: attacker.accessToken, DeviceKey: key }, NO_DEVICE);
    case "UpdateDeviceStatus":
      return expect(attack, {
        AccessToken: attacker.accessToken,
        DeviceKey: key,
        DeviceRememberedStatus: "not_remembered",
      }, NO_DEVICE);
    case "AdminGetDevice":
    case "AdminForgetDevice":
      return expect(attack, admin, NO_DEVICE);
    case "AdminUpdateDeviceStatus":
      return expect(attack, { ...admin, DeviceRememberedStatus: "not_remembered" }, NO_DEVICE);
    case "USER_PASSWORD_AUTH":
      // §6.9 [O], docs/mock-choices.md §2: refused at InitiateAuth in the one-step flows.
      return expect("InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: setup.clientId,
        AuthParameters: { USERNAME: attacker.name, PASSWORD: attacker.password, DEVICE_KEY: key },
      }, NO_DEVICE);
    case "PASSWORD_VERIFIER": {
      const { ephemeral, challenge } = await challengeOf(mock, setup, attacker.name);
      const answer = await mock.passwordVerifier(setup, challenge, ephemeral, attacker.password, {
        deviceKey: key,
      });
      return expect(answer.operation, answer.body, NO_DEVICE);
    }
    case "DEVICE_SRP_AUTH": {
      // The attacker's own device challenge, answered with the victim's key (device_srp.ts:
      // the key must be the one the sign-in presented).
      const first = await mock.srpSignIn(setup, attacker.name, attacker.password, {
        deviceKey: attacker.device.key,
      });
      assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH");
      const start = await mock.deviceSrpAuth(setup, attacker.name, victim.device, {
        session: first.Session,
      });
      return expect(start.call.operation, start.call.body, INCORRECT);
    }
    case "DEVICE_SRP_AUTH without Session": {
      const start = await mock.deviceSrpAuth(world.setup, victim.name, victim.device);
      return expect(start.call.operation, start.call.body, BAD_SESSION);
    }
    case "REFRESH_TOKEN_AUTH":
      // §6.8's table [O]: a key that is not the token's.
      return expect("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: setup.clientId,
        AuthParameters: { REFRESH_TOKEN: attacker.refreshToken, DEVICE_KEY: key },
      }, INVALID_REFRESH);
    case "GetTokensFromRefreshToken":
      return expect("GetTokensFromRefreshToken", {
        RefreshToken: attacker.refreshToken,
        ClientId: setup.clientId,
        DeviceKey: key,
      }, INVALID_REFRESH);
  }
}

/** The victim's device is as it was: remembered, named, still the victim's. */
async function assertDeviceIntact(world: FuzzWorld, victim: LegitUser): Promise<void> {
  const { Device } = await world.mock.ok("AdminGetDevice", {
    UserPoolId: world.setup.poolId,
    Username: victim.name,
    DeviceKey: victim.device.key,
  });
  const attributes = new Map(Device.DeviceAttributes.map((a: Json) => [a.Name, a.Value]));
  assert.equal(attributes.get("dev:device_remembered_status"), "remembered");
  assert.equal(attributes.get("device_name"), "test-device");
  assert.equal(attributes.get("dev:device_owner"), `${victim.name}.${world.setup.poolId}`);
}

Deno.test("fuzz: another user's device key is refused everywhere and the device stays intact", async () => {
  const world = await FuzzWorld.create();
  let count = 0;
  await checkProperty(
    "other users' devices",
    fc.asyncProperty(
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom(...DEVICE_ATTACKS),
      async (fromOtherPool, bob, attack) => {
        const victim = bob ? world.bob : world.alice;
        const sameUserPoolOnly = attack === "DEVICE_SRP_AUTH" ||
          attack === "DEVICE_SRP_AUTH without Session";
        const attacker = fromOtherPool && !sameUserPoolOnly ? world.dave : world.mallory;
        await deviceAttack(world, attacker, victim, attack);
        await assertDeviceIntact(world, victim);
        world.assertNoFault();
        if (++count % 20 === 0) await world.checkLegitUsers();
      },
    ) as never,
    fuzzRuns(60, 0.1),
  );
  await world.checkLegitUsers();
});
