/**
 * How long the mock keeps sign-in records (`AuthOrigin`) and refresh-token
 * records: a refresh token's record stays until a day past its expiry — the
 * longest access and ID token validity, so every token minted from it has
 * expired too, and "Refresh Token has expired" is still answered for that
 * day — and then goes at the pool's next sweep (see `sweep.ts`); a sign-in
 * record goes with the last refresh token that names it. Sessions expire on
 * their own schedule (`auth/sessions.ts`).
 *
 * @module
 */

import { beforeInsert } from "./sweep.ts";
import type { AuthOrigin, RefreshTokenRecord, UserPool } from "./types.ts";

/** How long a refresh token's record outlives its expiry (1 day). */
export const RECORD_RETENTION_MS = 86_400_000;

/**
 * Records a completed sign-in and its first refresh token (sweeping the
 * pool's expired records first when due).
 */
export function storeSignIn(
  pool: UserPool,
  signIn: { readonly origin: AuthOrigin; readonly refresh: RefreshTokenRecord },
  now: number,
): void {
  storeRefreshToken(pool, signIn.refresh, now);
  pool.origins.set(signIn.origin.originJti, signIn.origin);
}

/** Records a refresh token (sweeping the pool's expired records first when due). */
export function storeRefreshToken(pool: UserPool, record: RefreshTokenRecord, now: number): void {
  beforeInsert(pool.refreshTokens, () => pruneExpiredRecords(pool, now));
  pool.refreshTokens.set(record.token, record);
}

/**
 * Forgets refresh tokens a day past their expiry, and the sign-in records no
 * remaining refresh token names (a day after their sign-in at the earliest).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pruneExpiredRecords, RECORD_RETENTION_MS } from "./retention.ts";
 * import type { AuthOrigin, RefreshTokenRecord } from "./types.ts";
 * const record = (token: string, originJti: string, expiresAt: number) =>
 *   ({ token, originJti, expiresAt }) as RefreshTokenRecord;
 * const pool = {
 *   refreshTokens: new Map([["old", record("old", "a", 0)], ["new", record("new", "b", 10)]]),
 *   origins: new Map([["a", { createdAt: 0 } as AuthOrigin], ["b", { createdAt: 0 } as AuthOrigin]]),
 * };
 * pruneExpiredRecords(pool, RECORD_RETENTION_MS);
 * assert.deepEqual([...pool.refreshTokens.keys()], ["new"]);
 * assert.deepEqual([...pool.origins.keys()], ["b"]);
 * ```
 */
export function pruneExpiredRecords(
  pool: Pick<UserPool, "refreshTokens" | "origins">,
  now: number,
): void {
  const named = new Set<string>();
  for (const [token, record] of pool.refreshTokens) {
    if (now >= record.expiresAt + RECORD_RETENTION_MS) pool.refreshTokens.delete(token);
    else named.add(record.originJti);
  }
  for (const [jti, origin] of pool.origins) {
    if (!named.has(jti) && now >= origin.createdAt + RECORD_RETENTION_MS) pool.origins.delete(jti);
  }
}
