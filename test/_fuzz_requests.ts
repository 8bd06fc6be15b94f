/**
 * Requests of the in-process fuzz (mock_fuzz_test.ts) that depend on the
 * world: which operations may name the legitimate users, the ids and tokens
 * model-shaped requests mix in, bodies with secrets in secret positions, and
 * bodies of the access-token operations.
 *
 * @module
 */

import fc from "fast-check";
import type { KnownValues } from "./_fuzz_model.ts";
import type { FuzzWorld } from "./_fuzz_world.ts";

/** Operations that may name the legitimate pool and users: without their credentials they can change nothing of theirs. */
export const LEGIT_SAFE = new Set([
  "AdminConfirmSignUp",
  "AdminCreateUser",
  "AdminGetDevice",
  "AdminGetUser",
  "AdminInitiateAuth",
  "AdminListDevices",
  "AdminRespondToAuthChallenge",
  "AssociateSoftwareToken",
  "ConfirmDevice",
  "ConfirmSignUp",
  "CreateUserPool",
  "CreateUserPoolClient",
  "DescribeUserPool",
  "DescribeUserPoolClient",
  "ForgetDevice",
  "GetDevice",
  "GetTokensFromRefreshToken",
  "GetUser",
  "GetUserPoolMfaConfig",
  "GlobalSignOut",
  "InitiateAuth",
  "ListDevices",
  "ListUserPoolClients",
  "ListUserPools",
  "ListUsers",
  "RespondToAuthChallenge",
  "RevokeToken",
  "SetUserMFAPreference",
  "SignUp",
  "UpdateDeviceStatus",
  "VerifySoftwareToken",
]);

// Stand-ins for mallory's current tokens (they are renewed after every batch).
export const MALLORY_ACCESS = "@mallory-access@";
export const MALLORY_REFRESH = "@mallory-refresh@";

/** The world's ids, tokens and names that model-shaped requests mix in. */
export function knownValues(world: FuzzWorld, safe: boolean): KnownValues {
  const { setup, scratch, other, alice, bob, mallory, dave, secretClient } = world;
  // Device keys stay: mallory's may be forgotten by the fuzz, and that is fine.
  const deviceKeys = [alice, bob, mallory, dave].map((user) => user.device.key);
  const users = safe ? ["alice", "bob", "mallory", "__proto__"] : ["scratchy", "mallory", "alice"];
  return {
    members: {
      UserPoolId: safe ? [setup.poolId, other.poolId, scratch.poolId] : [scratch.poolId],
      ClientId: safe
        ? [setup.clientId, secretClient.clientId, scratch.clientId]
        : [scratch.clientId],
      Username: users,
      AccessToken: [MALLORY_ACCESS, "a.b.c"],
      RefreshToken: [MALLORY_REFRESH],
      Token: [MALLORY_REFRESH, MALLORY_ACCESS],
      DeviceKey: deviceKeys,
      AuthFlow: ["USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "USER_SRP_AUTH", "CUSTOM_AUTH"],
      ChallengeName: ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "NEW_PASSWORD_REQUIRED"],
    },
    mapKeys: [
      "USERNAME",
      "PASSWORD",
      "SRP_A",
      "REFRESH_TOKEN",
      "DEVICE_KEY",
      "SECRET_HASH",
      "NEW_PASSWORD",
      "PASSWORD_CLAIM_SIGNATURE",
      "PASSWORD_CLAIM_SECRET_BLOCK",
      "TIMESTAMP",
      "userAttributes.email",
    ],
    mapValues: {
      USERNAME: users,
      DEVICE_KEY: deviceKeys,
      REFRESH_TOKEN: [MALLORY_REFRESH],
      SRP_A: ["0", "1", "ff", "g"],
      TIMESTAMP: ["Thu Nov 26 09:00:00 UTC 2026", "Thu Nov 26 24:00:00 UTC 2026"],
    },
  };
}

/** Request bodies with two secrets in secret positions (sensitive members, SRP and token values). */
export function secretSites(world: FuzzWorld): ((a: string, b: string) => [string, unknown])[] {
  const { setup, secretClient, scratch } = world;
  const auth = (clientId: string, flow: string, parameters: Record<string, string>) =>
    ["InitiateAuth", { AuthFlow: flow, ClientId: clientId, AuthParameters: parameters }] as [
      string,
      unknown,
    ];
  return [
    (a) => auth(setup.clientId, "USER_PASSWORD_AUTH", { USERNAME: "alice", PASSWORD: a }),
    (a) => auth(setup.clientId, "USER_PASSWORD_AUTH", { USERNAME: "nobody", PASSWORD: a }),
    (a, b) =>
      auth(secretClient.clientId, "USER_PASSWORD_AUTH", {
        USERNAME: "bob",
        PASSWORD: a,
        SECRET_HASH: b,
      }),
    (a, b) => auth(setup.clientId, "USER_SRP_AUTH", { USERNAME: "alice", SRP_A: a, DEVICE_KEY: b }),
    (a, b) => auth(setup.clientId, "REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: a, DEVICE_KEY: b }),
    (a, b) =>
      auth(secretClient.clientId, "REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: a, SECRET_HASH: b }),
    (a, b) => ["RespondToAuthChallenge", {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: setup.clientId,
      ChallengeResponses: {
        USERNAME: "alice",
        PASSWORD_CLAIM_SECRET_BLOCK: a,
        PASSWORD_CLAIM_SIGNATURE: b,
        TIMESTAMP: "Thu Nov 26 09:00:00 UTC 2026",
      },
    }],
    (a, b) => ["RespondToAuthChallenge", {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ClientId: setup.clientId,
      Session: `AYABe${"x".repeat(30)}`,
      ChallengeResponses: { USERNAME: "alice", NEW_PASSWORD: a, SECRET_HASH: b },
    }],
    (a, b) => ["GetTokensFromRefreshToken", {
      RefreshToken: a,
      ClientId: secretClient.clientId,
      ClientSecret: b,
    }],
    (a, b) => ["RevokeToken", { Token: a, ClientId: secretClient.clientId, ClientSecret: b }],
    (a) => ["AdminSetUserPassword", {
      UserPoolId: scratch.poolId,
      Username: "scratchy",
      Password: a,
      Permanent: true,
    }],
    (a) => ["SignUp", { ClientId: scratch.clientId, Username: "newcomer", Password: a }],
    (a) => ["AdminCreateUser", {
      UserPoolId: scratch.poolId,
      Username: "temp",
      TemporaryPassword: a,
    }],
    (a) => ["GetUser", { AccessToken: a }],
  ];
}

/** Strings that stand for secrets: distinctive, sometimes far over the model's length limits. */
export const secretArbitrary = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9+/=._-]{12,64}$/),
  fc.string({ minLength: 12, maxLength: 40, unit: "grapheme" }),
  fc.record({
    seed: fc.stringMatching(/^[A-Za-z0-9]{12}$/),
    times: fc.integer({ min: 2, max: 20_000 }),
  })
    .map(({ seed, times }) => seed.repeat(times)),
);

/** A body for a token operation: everything right but the token. */
export function tokenBody(
  world: FuzzWorld,
  operation: string,
  token: string,
): Record<string, unknown> {
  const deviceKey = world.alice.device.key;
  switch (operation) {
    case "GetDevice":
    case "ForgetDevice":
      return { AccessToken: token, DeviceKey: deviceKey };
    case "ConfirmDevice":
      return {
        AccessToken: token,
        DeviceKey: deviceKey,
        DeviceSecretVerifierConfig: { PasswordVerifier: "AQID", Salt: "AQID" },
      };
    case "UpdateDeviceStatus":
      return { AccessToken: token, DeviceKey: deviceKey, DeviceRememberedStatus: "not_remembered" };
    case "SetUserMFAPreference":
      return { AccessToken: token, SoftwareTokenMfaSettings: { Enabled: false } };
    case "VerifySoftwareToken":
      return { AccessToken: token, UserCode: "123456" };
    default:
      return { AccessToken: token };
  }
}
