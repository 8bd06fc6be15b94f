/**
 * The end of every successful sign-in, in one place.
 *
 * - {@linkcode afterFirstFactor} takes over once the password is verified
 *   (USER_PASSWORD_AUTH, ADMIN_*_AUTH, PASSWORD_VERIFIER): a forced password
 *   change, then {@linkcode continueSignIn}.
 * - {@linkcode continueSignIn} decides what remains, in Cognito's order:
 *   the second factor (SOFTWARE_TOKEN_MFA or MFA_SETUP) unless a remembered
 *   device stands in for it (`ChallengeRequiredOnNewDevice`), then device
 *   authentication (DEVICE_SRP_AUTH) for a remembered device's key, then
 *   tokens. Each challenge answer comes back here with its progress.
 * - {@linkcode completeSignIn} mints the tokens. With device tracking on it
 *   issues `NewDeviceMetadata` (a sign-in without `DEVICE_KEY`) or keeps the
 *   known device's key; either way the key becomes the access token's
 *   `device_key` and the refresh token's binding (§6.3, §6.8).
 *
 * @module
 */

import type { OperationContext } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import { storeSignIn } from "../state/retention.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient, AuthOrigin, RefreshTokenRecord, User } from "../state/types.ts";
import { mintAccessToken, mintIdToken, newRefreshToken, validitySeconds } from "../tokens/mint.ts";
import { openDeviceSrpChallenge } from "./device_srp.ts";
import {
  isRemembered,
  issueDevice,
  rememberedDeviceSkipsMfa,
  signInDevice,
  touchDevice,
  trackingMode,
} from "./devices.ts";
import { openMfaChallenge, secondFactorFor } from "./mfa.ts";
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

/** How far a sign-in got; challenge sessions carry it to the next step. */
export interface SignInProgress {
  /** The `DEVICE_KEY` the sign-in presented, if any. */
  readonly deviceKey?: string;
  /** Whether the second factor was answered. */
  readonly secondFactorDone?: boolean;
}

/** A sign-in in progress, after the user was identified. */
export interface SignIn extends SignInProgress {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly user: User;
  /** Whether it runs through AdminInitiateAuth / AdminRespondToAuthChallenge. */
  readonly admin: boolean;
}

/** Progress as the steps know it (absent and `undefined` mean the same). */
export interface ProgressInput {
  readonly deviceKey?: string | undefined;
  readonly secondFactorDone?: boolean | undefined;
}

/** The progress of a sign-in, to store in a challenge session's payload. */
export function progressOf(signIn: ProgressInput): SignInProgress {
  return {
    ...(signIn.deviceKey === undefined ? {} : { deviceKey: signIn.deviceKey }),
    ...(signIn.secondFactorDone === true ? { secondFactorDone: true } : {}),
  };
}

/** Where a sign-in step runs: the request's services, pool, client and API. */
export interface SignInScope {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly admin: boolean;
}

/** The sign-in of `user` in `scope`, with the progress made so far. */
export function signInOf(scope: SignInScope, user: User, progress: ProgressInput = {}): SignIn {
  const { context, pool, client, admin } = scope;
  return { context, pool, client, admin, user, ...progressOf(progress) };
}

/** The progress a challenge session carries (see {@linkcode progressOf}). */
export function storedProgress(payload: Readonly<Record<string, unknown>>): SignInProgress {
  const progress = payload.progress as SignInProgress | undefined;
  return progress ?? {};
}

/**
 * What follows a verified first factor: `NEW_PASSWORD_REQUIRED` for a user
 * with a temporary password, otherwise {@linkcode continueSignIn}. A
 * `DEVICE_KEY` that is not one of the user's devices is refused here, before
 * anything else (§6.9).
 */
export function afterFirstFactor(signIn: SignIn): Promise<AuthStep> {
  signInDevice(signIn.pool, signIn.user, signIn.deviceKey);
  if (signIn.user.status === "FORCE_CHANGE_PASSWORD") {
    return Promise.resolve(newPasswordRequired(signIn));
  }
  return continueSignIn(signIn);
}

/** The second factor, then device authentication, then tokens (see the module doc). */
export function continueSignIn(signIn: SignIn): Promise<AuthStep> {
  const { pool, user, context } = signIn;
  const device = signInDevice(pool, user, signIn.deviceKey);
  const secondFactor = signIn.secondFactorDone === true ? undefined : secondFactorFor(signIn);
  const needsSecondFactor = signIn.secondFactorDone === true || secondFactor !== undefined;
  const deviceAuth = device !== undefined && isRemembered(device) &&
    (effectiveBehaviour(context.behaviour, pool).deviceSrpAuth === "always" || needsSecondFactor);
  const mfaSkipped = deviceAuth && secondFactor === "SOFTWARE_TOKEN_MFA" &&
    rememberedDeviceSkipsMfa(pool);
  if (secondFactor !== undefined && !mfaSkipped) {
    return Promise.resolve(openMfaChallenge(signIn, secondFactor));
  }
  if (deviceAuth) return Promise.resolve(openDeviceSrpChallenge(signIn));
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
    payload: { progress: progressOf(signIn) },
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
 * the sign-in (`origin_jti`), the refresh token and, with device tracking
 * on, the device (new, or the one whose key the sign-in presented).
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
  let newDevice: AuthenticationResult["NewDeviceMetadata"];
  if (trackingMode(pool) !== "off") {
    const known = signInDevice(pool, user, signIn.deviceKey);
    if (known !== undefined) {
      touchDevice(known, context.request, now);
      origin.deviceKey = known.deviceKey;
    } else {
      const issued = issueDevice(context, pool, user, now);
      origin.deviceKey = issued.deviceKey;
      newDevice = { DeviceKey: issued.deviceKey, DeviceGroupKey: issued.deviceGroupKey };
    }
  }
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
  storeSignIn(pool, { origin, refresh: record }, now);
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
      ...(newDevice === undefined ? {} : { NewDeviceMetadata: newDevice }),
    },
  };
}
