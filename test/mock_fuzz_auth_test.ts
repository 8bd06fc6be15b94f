/**
 * Hostile sign-ins against the mock, as properties (seeded like
 * mock_fuzz_test.ts; `FUZZ_RUNS` scales them to a tenth of its runs):
 *
 * - replayed PASSWORD_VERIFIER answers and SECRET_BLOCKs of another session,
 *   user, client, pool or mock, altered blocks, claims and TIMESTAMPs (§4.2,
 *   docs/mock-choices.md "SECRET_BLOCK");
 * - another user's device key in ConfirmDevice, the device operations,
 *   sign-in, DEVICE_SRP_AUTH and refresh (§6.4, §6.6, §6.8, §6.9);
 * - revoked refresh and access tokens, as a model of RevokeToken and global
 *   sign-out against every refresh route (§5.1–§5.3, §6.8);
 * - repeated wrong passwords: Cognito's lockout (§9), as a model;
 * - expired access tokens (the clock advanced past `exp`).
 *
 * Every answer is also checked by `assertAwsAnswer` (AWS-shaped, no fault,
 * no secret echoed); the legitimate users are re-checked along the way.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ALL_FLOWS_CLIENT,
  ALWAYS_REMEMBER,
  type Answer,
  claimsOf,
  type Json,
  type KnownDevice,
  type Provisioned,
  TestMock,
} from "../src/mock/_testing.ts";
import { checkProperty, forgeryArbitrary, fuzzRuns, tally } from "./_fuzz_arbitraries.ts";
import {
  assertAwsAnswer,
  assertError,
  FuzzWorld,
  type LegitUser,
  type Sent,
} from "./_fuzz_world.ts";

const INCORRECT = ["NotAuthorizedException", "Incorrect username or password."] as const;
const NO_DEVICE = ["ResourceNotFoundException", "Device does not exist."] as const;
const INVALID_REFRESH = ["NotAuthorizedException", "Invalid Refresh Token."] as const;
const REVOKED_REFRESH = ["NotAuthorizedException", "Refresh Token has been revoked"] as const;
const REVOKED_ACCESS = ["NotAuthorizedException", "Access Token has been revoked"] as const;
const BAD_SESSION = ["NotAuthorizedException", "Invalid session for the user."] as const;
const EXCEEDED = "Password attempts exceeded";

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

function asSent(answer: Answer): Sent {
  return {
    status: answer.status,
    headers: answer.headers,
    text: JSON.stringify(answer.body),
    json: answer.body,
  };
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
    fuzzRuns(40, 0.1),
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

// ---------------------------------------------------------------------------------------------
// Revocation, as a model

type RevocationStep =
  | { kind: "sign-in" }
  | { kind: "revoke"; session: number }
  | { kind: "global-sign-out"; session: number; admin: boolean }
  | { kind: "refresh"; session: number; route: number; key: "own" | "none" | "other" }
  | { kind: "access"; session: number; operation: "GetUser" | "ListDevices" | "GetDevice" };

const ROUTES = [
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "AdminInitiateAuth",
  "GetTokensFromRefreshToken",
];

const revocationSteps: fc.Arbitrary<RevocationStep[]> = fc.array(
  fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: "sign-in" as const }) },
    { weight: 2, arbitrary: fc.nat(9).map((session) => ({ kind: "revoke" as const, session })) },
    {
      weight: 1,
      arbitrary: fc.record({ session: fc.nat(9), admin: fc.boolean() }).map((step) => ({
        kind: "global-sign-out" as const,
        ...step,
      })),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        session: fc.nat(9),
        route: fc.nat(ROUTES.length - 1),
        key: fc.constantFrom("own", "none", "other"),
      }).map((step) => ({ kind: "refresh" as const, ...step })),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        session: fc.nat(9),
        operation: fc.constantFrom("GetUser", "ListDevices", "GetDevice"),
      }).map((step) => ({ kind: "access" as const, ...step })),
    },
  ),
  { minLength: 1, maxLength: 14 },
);

interface Session {
  refreshToken: string;
  accessToken: string;
  device: KnownDevice;
  revoked: boolean;
}

function refreshCall(
  mock: TestMock,
  setup: Provisioned,
  route: string,
  token: string,
  deviceKey: string | undefined,
): Promise<Answer> {
  if (route === "GetTokensFromRefreshToken") {
    return mock.call(route, {
      RefreshToken: token,
      ClientId: setup.clientId,
      ...(deviceKey === undefined ? {} : { DeviceKey: deviceKey }),
    });
  }
  const parameters = {
    REFRESH_TOKEN: token,
    ...(deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey }),
  };
  return route === "AdminInitiateAuth"
    ? mock.call(route, {
      UserPoolId: setup.poolId,
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: setup.clientId,
      AuthParameters: parameters,
    })
    : mock.call("InitiateAuth", {
      AuthFlow: route,
      ClientId: setup.clientId,
      AuthParameters: parameters,
    });
}

/** Runs `steps` against a fresh mock and a model of which sign-ins are revoked. */
async function revocationRun(steps: readonly RevocationStep[]): Promise<void> {
  const mock = new TestMock({ onFault: (error) => assert.fail(`fault: ${error}`) });
  const setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
  await mock.user(setup.poolId, "alice");
  const sessions: Session[] = [];
  const signIn = async () => {
    const { tokens, device } = await mock.signInWithDevice(setup, "alice");
    sessions.push({
      refreshToken: tokens.RefreshToken,
      accessToken: tokens.AccessToken,
      device,
      revoked: false,
    });
  };
  await signIn();
  for (const step of steps) {
    tally(`revocation:${step.kind}`);
    if (step.kind === "sign-in") {
      await signIn();
      continue;
    }
    const session = sessions[step.session % sessions.length]!;
    const secrets = [session.refreshToken, session.accessToken];
    const check = (
      answer: { status: number; headers: Headers; body: Json },
      expected?: readonly [string, string],
    ) => {
      const sent = asSent(answer);
      if (expected === undefined) {
        assertAwsAnswer(sent, secrets, step.kind);
        assert.equal(sent.status, 200, `${JSON.stringify(step)}: ${sent.text}`);
      } else {
        assertError(sent, expected[0], expected[1], secrets, JSON.stringify(step));
      }
    };
    switch (step.kind) {
      case "revoke":
        // §5.2: revoking a token (again) is accepted; it ends that sign-in only.
        check(
          await mock.call("RevokeToken", { Token: session.refreshToken, ClientId: setup.clientId }),
        );
        session.revoked = true;
        break;
      case "global-sign-out":
        if (step.admin) {
          check(
            await mock.call("AdminUserGlobalSignOut", {
              UserPoolId: setup.poolId,
              Username: "alice",
            }),
          );
        } else {
          const answer = await mock.call("GlobalSignOut", { AccessToken: session.accessToken });
          if (session.revoked) {
            check(answer, REVOKED_ACCESS);
            break;
          }
          check(answer);
        }
        for (const each of sessions) each.revoked = true;
        break;
      case "refresh": {
        const route = ROUTES[step.route]!;
        const other = sessions.find((each) => each !== session)?.device.key ??
          "us-east-1_00000000-0000-4000-8000-000000000000";
        const key = step.key === "own"
          ? session.device.key
          : step.key === "other"
          ? other
          : undefined;
        const answer = await refreshCall(mock, setup, route, session.refreshToken, key);
        if (session.revoked) {
          // §5.2, §5.3, §6.8 [O]: revoked, whatever key comes along.
          check(answer, REVOKED_REFRESH);
        } else if (step.key !== "own") {
          check(answer, INVALID_REFRESH); // §6.8 [O]: bound to its device
        } else {
          check(answer);
          const minted = answer.body.AuthenticationResult;
          assert.equal(claimsOf(minted.AccessToken).device_key, session.device.key);
          session.accessToken = minted.AccessToken;
          if (minted.RefreshToken !== undefined) session.refreshToken = minted.RefreshToken;
        }
        break;
      }
      case "access": {
        const body = step.operation === "GetDevice"
          ? { AccessToken: session.accessToken, DeviceKey: session.device.key }
          : { AccessToken: session.accessToken };
        const answer = await mock.call(step.operation, body);
        if (session.revoked) check(answer, REVOKED_ACCESS); // §5.3 [D][O]
        else check(answer);
        break;
      }
    }
  }
  // A new sign-in always works, whatever was revoked.
  await signIn();
  const last = sessions.at(-1)!;
  await mock.ok("GetUser", { AccessToken: last.accessToken });
}

Deno.test("fuzz: revoked refresh and access tokens follow RevokeToken and global sign-out exactly", async () => {
  await checkProperty(
    "revocation",
    fc.asyncProperty(revocationSteps, revocationRun) as never,
    fuzzRuns(30, 0.1),
  );
});

// ---------------------------------------------------------------------------------------------
// Lockout, as a model

type LockoutStep =
  | { kind: "attempt"; bob: boolean; flow: number; correct: boolean }
  | { kind: "wait"; seconds: number };

const FLOWS = [
  "USER_PASSWORD_AUTH",
  "ADMIN_USER_PASSWORD_AUTH",
  "ADMIN_NO_SRP_AUTH",
  "USER_SRP_AUTH",
];

const lockoutSteps: fc.Arbitrary<LockoutStep[]> = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        bob: fc.nat(5).map((n) => n === 0),
        flow: fc.nat(FLOWS.length - 1),
        correct: fc.nat(3).map((n) => n === 0),
      }).map((step) => ({ kind: "attempt" as const, ...step })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(1, 2, 4, 8, 899, 900, 901),
        fc.integer({ min: 0, max: 1200 }),
      ).map((seconds) => ({ kind: "wait" as const, seconds })),
    },
  ),
  { minLength: 1, maxLength: 24 },
);

/** §9, stated independently of the mock's code: failures n, 2^(n−5) s locked, 15 min resets. */
class LockoutModel {
  failures = 0;
  lockedUntil = 0;
  lastAttempt: number | undefined;

  /** The outcome of an attempt at `now`: "locked", "wrong" or "ok". */
  attempt(now: number, correct: boolean): "locked" | "wrong" | "ok" {
    if (this.lastAttempt !== undefined && now - this.lastAttempt >= 900_000) {
      this.failures = 0;
      this.lockedUntil = 0;
    }
    this.lastAttempt = now;
    if (now < this.lockedUntil) return "locked";
    if (correct) {
      this.failures = 0;
      return "ok";
    }
    this.failures++;
    if (this.failures >= 5) {
      this.lockedUntil = now + Math.min(900_000, 1000 * 2 ** (this.failures - 5));
    }
    return "wrong";
  }
}

async function passwordAttempt(
  mock: TestMock,
  setup: Provisioned,
  user: string,
  flow: string,
  password: string,
) {
  if (flow === "USER_SRP_AUTH") {
    const { call, ephemeral } = await mock.srpStart(setup, user);
    const challenge = await mock.ok(call.operation, call.body);
    const answer = await mock.passwordVerifier(setup, challenge, ephemeral, password);
    return mock.call(answer.operation, answer.body);
  }
  const admin = flow !== "USER_PASSWORD_AUTH";
  return mock.call(admin ? "AdminInitiateAuth" : "InitiateAuth", {
    ...(admin ? { UserPoolId: setup.poolId } : {}),
    AuthFlow: flow,
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: user, PASSWORD: password },
  });
}

async function lockoutRun(steps: readonly LockoutStep[]): Promise<void> {
  const mock = new TestMock({ onFault: (error) => assert.fail(`fault: ${error}`) });
  const setup = await mock.provision({}, {
    ExplicitAuthFlows: [...ALL_FLOWS_CLIENT.ExplicitAuthFlows, "ALLOW_ADMIN_USER_PASSWORD_AUTH"],
  });
  await mock.user(setup.poolId, "alice", "Alice-Pa55!");
  await mock.user(setup.poolId, "bob", "Bob-Pa55!");
  const models = { alice: new LockoutModel(), bob: new LockoutModel() };
  for (const step of steps) {
    if (step.kind === "wait") {
      mock.tick(step.seconds);
      continue;
    }
    tally(`lockout:${step.correct ? "right" : "wrong"}`);
    const user = step.bob ? "bob" : "alice";
    const password = step.correct ? (step.bob ? "Bob-Pa55!" : "Alice-Pa55!") : "Wr0ng-Pa55!";
    const answer = asSent(await passwordAttempt(mock, setup, user, FLOWS[step.flow]!, password));
    const expected = models[user].attempt(mock.now, step.correct);
    const context = `${user} ${FLOWS[step.flow]} ${step.correct ? "right" : "wrong"}`;
    if (expected === "ok") {
      assertAwsAnswer(answer, [password], context);
      assert.equal(answer.status, 200, `${context}: ${answer.text}`);
    } else {
      assertError(
        answer,
        "NotAuthorizedException",
        expected === "locked" ? EXCEEDED : "Incorrect username or password.",
        [password],
        context,
      );
    }
  }
}

Deno.test("fuzz: repeated wrong passwords get Cognito's lockout (§9), per user and across flows", async () => {
  await checkProperty(
    "lockout",
    fc.asyncProperty(lockoutSteps, lockoutRun) as never,
    fuzzRuns(40, 0.1),
  );
});

Deno.test("lockout: the sixth attempt after five wrong passwords is 'Password attempts exceeded', right or wrong", async () => {
  for (const sixth of ["Alice-Pa55!", "Wr0ng-Pa55!"]) {
    const mock = new TestMock();
    const setup = await mock.provision({}, ALL_FLOWS_CLIENT);
    await mock.user(setup.poolId, "alice", "Alice-Pa55!");
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await passwordAttempt(
        mock,
        setup,
        "alice",
        FLOWS[attempt % FLOWS.length]!,
        "Wr0ng-Pa55!",
      );
      assert.equal(answer.body.message, "Incorrect username or password.", `attempt ${attempt}`);
    }
    const answer = await passwordAttempt(mock, setup, "alice", "USER_PASSWORD_AUTH", sixth);
    assert.deepEqual([answer.body.__type, answer.body.message], [
      "NotAuthorizedException",
      EXCEEDED,
    ]);
    mock.tick(1);
    assert.equal(
      (await passwordAttempt(mock, setup, "alice", "USER_PASSWORD_AUTH", "Alice-Pa55!")).status,
      200,
    );
  }
});

// ---------------------------------------------------------------------------------------------
// Expired access tokens

const DAY = 86_400;
/** A refresh token's default validity (§8.5: 30 days). */
const REFRESH_VALIDITY = 30 * DAY;

Deno.test("fuzz: an expired access token is 'Access Token has expired'; forged, still invalid; refresh works", async () => {
  // One world; each run signs a new user in (the clock only moves forward) and ages the token.
  const world = await FuzzWorld.create();
  let run = 0;
  await checkProperty(
    "expired tokens",
    fc.asyncProperty(
      fc.oneof(
        fc.integer({ min: -600, max: 600 }),
        fc.integer({ min: 0, max: REFRESH_VALIDITY + 2 * DAY }),
        fc.constantFrom(0, REFRESH_VALIDITY - 3600 - 1, REFRESH_VALIDITY - 3600),
      ),
      fc.constantFrom("GetUser", "ListDevices", "GetDevice", "GlobalSignOut", "UpdateDeviceStatus"),
      forgeryArbitrary,
      async (seconds, operation, forgery) => {
        tally("expired");
        const { mock, setup } = world;
        const name = `aged-${run++}`;
        await mock.user(setup.poolId, name, "Aged-Pa55!");
        const { tokens, device } = await mock.signInWithDevice(setup, name, "Aged-Pa55!");
        const token = tokens.AccessToken as string;
        const validity = (claimsOf(token).exp as number) - mock.now / 1000;
        mock.tick(validity + seconds);
        const body = (accessToken: string) =>
          operation === "GetDevice" || operation === "UpdateDeviceStatus"
            ? {
              AccessToken: accessToken,
              DeviceKey: device.key,
              DeviceRememberedStatus: "remembered",
            }
            : { AccessToken: accessToken };
        const answer = await world.call(operation, body(token));
        if (seconds >= 0) {
          assertError(
            answer,
            "NotAuthorizedException",
            "Access Token has expired",
            [token],
            operation,
          );
        } else {
          assertAwsAnswer(answer, [token], operation);
          assert.equal(answer.status, 200, answer.text);
        }
        const forged = await world.forgeToken(forgery);
        if (forged.validFor === undefined && /^[A-Za-z0-9\-_=.]+$/.test(forged.token)) {
          const sent = await world.call(operation, body(forged.token));
          // The signature is checked before the expiry: a forgery never learns it expired.
          assertError(
            sent,
            "NotAuthorizedException",
            "Invalid Access Token",
            [forged.token],
            JSON.stringify(forgery),
          );
        }
        if (seconds < 0 && operation === "GlobalSignOut") return;
        const refreshed = await mock.call("InitiateAuth", {
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: setup.clientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, DEVICE_KEY: device.key },
        });
        const age = validity + seconds;
        if (age < REFRESH_VALIDITY) {
          assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
          await mock.ok("GetUser", {
            AccessToken: refreshed.body.AuthenticationResult.AccessToken,
          });
        } else {
          // §6.8 "Refresh Token has expired" (widely reported); a day later the mock may have
          // forgotten the token ("Invalid Refresh Token.", docs/mock-choices.md "Memory").
          const expected = age < REFRESH_VALIDITY + DAY
            ? ["Refresh Token has expired"]
            : ["Refresh Token has expired", "Invalid Refresh Token."];
          assert.ok(expected.includes(refreshed.body.message), JSON.stringify(refreshed.body));
          assertAwsAnswer(asSent(refreshed), [tokens.RefreshToken], "expired refresh");
        }
        world.assertNoFault();
      },
    ) as never,
    fuzzRuns(25, 0.05),
  );
});
