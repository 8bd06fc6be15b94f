/**
 * Sessions under attack, as properties (seeded like mock_fuzz_test.ts;
 * `FUZZ_RUNS` scales them down):
 *
 * - revoked refresh and access tokens, against a model of RevokeToken and
 *   global sign-out, over every refresh route (§5.1–§5.3, §6.8);
 * - repeated wrong passwords: Cognito's lockout (§9), against a model;
 * - expired access tokens (the clock advanced past `exp`), and expired
 *   refresh tokens.
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
import { forgeryArbitrary } from "./_fuzz_arbitraries.ts";
import { checkProperty, fuzzRuns, tally } from "./_fuzz_run.ts";
import {
  asSent,
  assertAwsAnswer,
  assertError,
  EXCEEDED,
  FuzzWorld,
  INVALID_REFRESH,
  REVOKED_ACCESS,
  REVOKED_REFRESH,
} from "./_fuzz_world.ts";

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
    fuzzRuns(30, 0.03),
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

    const user = step.bob ? "bob" : "alice";
    const password = step.correct ? (step.bob ? "Bob-Pa55!" : "Alice-Pa55!") : "Wr0ng-Pa55!";
    const answer = asSent(await passwordAttempt(mock, setup, user, FLOWS[step.flow]!, password));
    const expected = models[user].attempt(mock.now, step.correct);
    tally(`lockout:${step.correct ? "right" : "wrong"} password, ${expected}`);
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
    fuzzRuns(40, 0.05),
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
    fuzzRuns(25, 0.02),
  );
});
