/**
 * The end of every successful sign-in, in one place.
 *
 * - {@linkcode afterFirstFactor} decides what follows a verified password
 *   (USER_PASSWORD_AUTH, ADMIN_*_AUTH; later PASSWORD_VERIFIER): a forced
 *   password change, further challenges, or tokens.
 * - {@linkcode completeSignIn} mints the tokens of a completed sign-in. Every
 *   flow ends here, so device tracking adds `NewDeviceMetadata`, the
 *   `device_key` claim and the refresh-token binding in this one function.
 *
 * @module
 */

import type { OperationContext } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient, AuthOrigin, RefreshTokenRecord, User } from "../state/types.ts";
import { mintAccessToken, mintIdToken, newRefreshToken, validitySeconds } from "../tokens/mint.ts";
import { openChallengeSession } from "./sessions.ts";

/** `AuthenticationResultType`. */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: "Bearer";
  RefreshToken?: string;
  IdToken: string;
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

/** The answer of InitiateAuth / RespondToAuthChallenge: tokens or a challenge. */
export type AuthStep =
  | { ChallengeParameters: Record<string, string>; AuthenticationResult: AuthenticationResult }
  | { ChallengeName: string; Session?: string; ChallengeParameters: Record<string, string> };

/** A sign-in in progress, after the user was identified. */
export interface SignIn {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly user: User;
  /** Whether it runs through AdminInitiateAuth / AdminRespondToAuthChallenge. */
  readonly admin: boolean;
  /** The `DEVICE_KEY` the client sent, if any (device tracking reads it). */
  readonly deviceKey?: string;
}

/**
 * What follows a verified first factor. Today: `NEW_PASSWORD_REQUIRED` for a
 * user with a temporary password, otherwise tokens. MFA and device challenges
 * are decided here too once implemented.
 */
export function afterFirstFactor(signIn: SignIn): Promise<AuthStep> {
  if (signIn.user.status === "FORCE_CHANGE_PASSWORD") {
    return Promise.resolve(newPasswordRequired(signIn));
  }
  return completeSignIn(signIn);
}

function newPasswordRequired(signIn: SignIn): AuthStep {
  const { user, pool } = signIn;
  const missing = pool.config.SchemaAttributes
    .filter((attribute) =>
      attribute.Required && attribute.Name !== "sub" && !user.attributes.has(attribute.Name)
    )
    .map((attribute) => `userAttributes.${attribute.Name}`);
  const visible = Object.fromEntries([...user.attributes].filter(([name]) => name !== "sub"));
  const session = openChallengeSession(signIn.context, {
    pool,
    client: signIn.client,
    user,
    challengeName: "NEW_PASSWORD_REQUIRED",
    admin: signIn.admin,
  });
  return {
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    Session: session,
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missing),
      userAttributes: JSON.stringify(visible),
    },
  };
}

/**
 * Mints access, ID and refresh tokens for a completed sign-in and records
 * the sign-in (`origin_jti`) and the refresh token.
 */
export async function completeSignIn(signIn: SignIn): Promise<AuthStep> {
  const { context, pool, client, user } = signIn;
  const now = context.clock.now(pool.id);
  const origin: AuthOrigin = {
    originJti: context.ids.uuid(),
    clientId: client.id,
    userSub: user.sub,
    authTime: Math.floor(now / 1000),
    eventId: context.ids.uuid(),
    createdAt: now,
    revoked: false,
  };
  // Device tracking extension point: when the pool tracks devices, issue
  // NewDeviceMetadata here (or accept the confirmed signIn.deviceKey) and set
  // origin.deviceKey; the access token's device_key claim and the refresh
  // token's binding follow from it.
  pool.origins.set(origin.originJti, origin);
  const record: RefreshTokenRecord = {
    token: newRefreshToken(context.ids),
    clientId: client.id,
    userSub: user.sub,
    originJti: origin.originJti,
    issuedAt: now,
    expiresAt: now + validitySeconds(client, "RefreshToken") * 1000,
    revoked: false,
  };
  if (origin.deviceKey !== undefined) record.boundDeviceKey = origin.deviceKey;
  pool.refreshTokens.set(record.token, record);
  const subject = { pool, client, user, origin, now };
  const [AccessToken, IdToken] = await Promise.all([
    mintAccessToken(context, subject),
    mintIdToken(context, subject),
  ]);
  return {
    ChallengeParameters: {},
    AuthenticationResult: {
      AccessToken,
      ExpiresIn: validitySeconds(client, "AccessToken"),
      TokenType: "Bearer",
      RefreshToken: record.token,
      IdToken,
    },
  };
}
