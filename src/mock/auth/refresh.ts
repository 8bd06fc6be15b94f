/**
 * The one refresh function, used by REFRESH_TOKEN_AUTH (InitiateAuth,
 * AdminInitiateAuth) and GetTokensFromRefreshToken (§5.1), so every refresh
 * rule — revocation, expiry, rotation and its grace period, and the
 * device-key binding of §6.8 — lives in one place.
 *
 * §6.8, with device tracking on and a token bound to device K: the request
 * must name K, and K must still exist and be confirmed (remembered or not);
 * anything else (no key, another device's key, garbage, never confirmed,
 * forgotten) is "Invalid Refresh Token.". With tracking off the key is
 * ignored. GetTokensFromRefreshToken without a key follows the pool's
 * `refreshWithoutDeviceKey` choice (docs/mock-choices.md).
 *
 * The new tokens keep the sign-in's `origin_jti`, `auth_time` and
 * `event_id`. REFRESH_TOKEN_AUTH never returns a refresh token; only
 * GetTokensFromRefreshToken on a client with rotation returns a new one.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import { storeRefreshToken } from "../state/retention.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient, AuthOrigin, RefreshTokenRecord, User } from "../state/types.ts";
import { mintAccessToken, mintIdToken, newRefreshToken, validitySeconds } from "../tokens/mint.ts";
import { issueDevice, trackingMode } from "./devices.ts";
import type { AuthenticationResult } from "./sign_in.ts";

/** A refresh request, from either operation. */
export interface RefreshRequest {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  /** The refresh token string. */
  readonly token: string;
  /** `DEVICE_KEY` / `DeviceKey`, if sent. */
  readonly deviceKey?: string;
  /** Which operation asks: only GetTokensFromRefreshToken rotates. */
  readonly via: "REFRESH_TOKEN_AUTH" | "GetTokensFromRefreshToken";
  /**
   * Client authentication that needs the token's user (SECRET_HASH over the
   * internal username, for REFRESH_TOKEN_AUTH). Runs once the token resolved.
   */
  readonly authenticate?: (user: User) => Promise<void>;
}

/** Whether the sign-in a token belongs to was revoked (RevokeToken, global sign-out). */
export function isOriginRevoked(origin: AuthOrigin, user: User): boolean {
  return origin.revoked ||
    (user.globalSignOutAt !== undefined && origin.createdAt < user.globalSignOutAt);
}

/**
 * Checks a refresh token and mints new access and ID tokens (and, with
 * rotation on GetTokensFromRefreshToken, a new refresh token).
 */
export async function refreshTokens(request: RefreshRequest): Promise<AuthenticationResult> {
  const { context, pool, client } = request;
  const record = pool.refreshTokens.get(request.token);
  const user = record === undefined ? undefined : pool.users.bySub(record.userSub);
  const origin = record === undefined ? undefined : pool.origins.get(record.originJti);
  if (
    record === undefined || record.clientId !== client.id || user === undefined ||
    origin === undefined
  ) {
    throw cognitoError("InvalidRefreshToken");
  }
  await request.authenticate?.(user);
  const now = context.clock.now(pool.id);
  if (record.revoked || isOriginRevoked(origin, user)) throw cognitoError("RefreshTokenRevoked");
  if (now >= record.expiresAt) throw cognitoError("RefreshTokenExpired");
  if (!user.enabled) throw cognitoError("UserDisabled");
  const newDevice = checkDevice(request, record, user, now);
  let refreshToken: string | undefined;
  if (
    request.via === "GetTokensFromRefreshToken" &&
    client.config.RefreshTokenRotation?.Feature === "ENABLED"
  ) {
    refreshToken = rotate(request, record, now);
  }
  const minted = newDevice === undefined ? origin : { ...origin, deviceKey: newDevice.DeviceKey };
  const subject = { pool, client, user, origin: minted, now };
  const [AccessToken, IdToken] = await Promise.all([
    mintAccessToken(context, subject),
    mintIdToken(context, subject),
  ]);
  return {
    AccessToken,
    ExpiresIn: validitySeconds(client, "AccessToken"),
    TokenType: "Bearer",
    ...(refreshToken === undefined ? {} : { RefreshToken: refreshToken }),
    IdToken,
    ...(newDevice === undefined ? {} : { NewDeviceMetadata: newDevice }),
  };
}

/**
 * The §6.8 check. Returns the `NewDeviceMetadata` of a device issued for a
 * key-less GetTokensFromRefreshToken when the pool chose "new-device" (the
 * token then moves to the new device).
 */
function checkDevice(
  request: RefreshRequest,
  record: RefreshTokenRecord,
  user: User,
  now: number,
): AuthenticationResult["NewDeviceMetadata"] {
  const { context, pool } = request;
  const bound = record.boundDeviceKey;
  if (bound === undefined || trackingMode(pool) === "off") return undefined;
  if (
    request.deviceKey === undefined && request.via === "GetTokensFromRefreshToken" &&
    effectiveBehaviour(context.behaviour, pool).refreshWithoutDeviceKey === "new-device"
  ) {
    const device = issueDevice(context, pool, user, now);
    record.boundDeviceKey = device.deviceKey;
    return { DeviceKey: device.deviceKey, DeviceGroupKey: device.deviceGroupKey };
  }
  const device = user.devices.get(bound);
  if (request.deviceKey !== bound || device === undefined || !device.confirmed) {
    throw cognitoError("InvalidRefreshToken");
  }
  return undefined;
}

/**
 * Rotation: the first use of a token issues its successor and starts the
 * grace period; a retry within the grace period gets the same successor
 * (an idempotent retry); a use after it is `RefreshTokenReuseException`.
 */
function rotate(request: RefreshRequest, record: RefreshTokenRecord, now: number): string {
  const successor = record.rotation?.replacedBy;
  if (successor !== undefined) {
    if (now < (record.rotation?.graceDeadline ?? 0)) return successor;
    throw cognitoError("RefreshTokenReused");
  }
  const { context, pool, client } = request;
  const next: RefreshTokenRecord = {
    token: newRefreshToken(context.ids),
    clientId: client.id,
    userSub: record.userSub,
    originJti: record.originJti,
    issuedAt: now,
    expiresAt: now + validitySeconds(client, "RefreshToken") * 1000,
    revoked: false,
    rotation: { parent: record.token },
  };
  if (record.boundDeviceKey !== undefined) next.boundDeviceKey = record.boundDeviceKey;
  storeRefreshToken(pool, next, now);
  const graceSeconds = client.config.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0;
  record.rotation = {
    ...record.rotation,
    replacedBy: next.token,
    graceDeadline: now + graceSeconds * 1000,
  };
  return next.token;
}
