/**
 * Challenge sessions: the opaque `Session` string that links the steps of a
 * sign-in (§4). A session belongs to one pool, client and user, names the
 * challenge it answers, may carry a challenge-specific payload, expires after
 * the client's `AuthSessionValidity` (3 minutes by default) and works once.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { MockServices } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import { beforeInsert } from "../state/sweep.ts";
import type { AppClient, ChallengeSession, User, UserPool } from "../state/types.ts";

/** What a new challenge session binds. */
export interface NewChallengeSession {
  readonly pool: UserPool;
  readonly client: AppClient;
  /** The user (only its `sub` is kept). */
  readonly user: Pick<User, "sub">;
  readonly challengeName: string;
  /** Whether the sign-in runs through the Admin* API. */
  readonly admin: boolean;
  /** Challenge-specific state. */
  readonly payload?: Readonly<Record<string, unknown>>;
}

/**
 * Opens a challenge session and returns its `Session` string: `AYABe` (as
 * live sessions start) plus random base64url, well inside 20–2048 characters.
 */
export function openChallengeSession(services: MockServices, init: NewChallengeSession): string {
  return openChallengeRecord(services, init).session;
}

/** Opens a challenge session (see {@linkcode openChallengeSession}) and returns its record. */
export function openChallengeRecord(
  services: MockServices,
  init: NewChallengeSession,
): ChallengeSession {
  const session = `AYABe${services.ids.base64url(192)}`;
  const validityMinutes = init.client.config.AuthSessionValidity;
  const now = services.clock.now(init.pool.id);
  const record: ChallengeSession = {
    session,
    poolId: init.pool.id,
    clientId: init.client.id,
    userSub: init.user.sub,
    challengeName: init.challengeName,
    admin: init.admin,
    payload: init.payload ?? {},
    expiresAt: now + validityMinutes * 60_000,
  };
  // Now and then, forget expired sessions nobody answered (SRP starts leave many).
  const sessions = init.pool.sessions;
  beforeInsert(sessions, () => {
    for (const [key, open] of sessions) if (now >= open.expiresAt) sessions.delete(key);
  });
  init.pool.sessions.set(session, record);
  return record;
}

/** What answering a challenge presents. */
export interface SessionClaim {
  readonly pool: UserPool;
  readonly client: AppClient;
  readonly session: string | undefined;
  readonly challengeName: string;
  readonly admin: boolean;
}

/**
 * Finds the open session a challenge answer presents, or throws
 * `NotAuthorizedException` "Invalid session for the user." (unknown, used,
 * another client's, another challenge's, another API's) or "…, session is
 * expired.". It is not consumed yet: call {@linkcode closeChallengeSession}
 * once the answer is accepted, so a rejected answer (a password that breaks
 * the policy, a missing parameter) can be corrected and resent.
 */
export function findChallengeSession(
  services: MockServices,
  claim: SessionClaim,
): ChallengeSession {
  const record = claim.session === undefined ? undefined : claim.pool.sessions.get(claim.session);
  if (
    record === undefined || record.clientId !== claim.client.id ||
    record.challengeName !== claim.challengeName || record.admin !== claim.admin
  ) {
    throw cognitoError("SessionInvalid");
  }
  if (services.clock.now(claim.pool.id) >= record.expiresAt) {
    claim.pool.sessions.delete(record.session);
    throw cognitoError("SessionExpired");
  }
  return record;
}

/**
 * The open session with this `Session` string in any pool, for operations
 * that carry only the Session (AssociateSoftwareToken, VerifySoftwareToken).
 * Unknown, used and expired sessions are `undefined`.
 */
export function locateChallengeSession(
  services: MockServices,
  session: string,
): { pool: StoredPool; record: ChallengeSession } | undefined {
  for (const pool of services.store.pools.values()) {
    const record = pool.sessions.get(session);
    if (record === undefined) continue;
    if (services.clock.now(pool.id) >= record.expiresAt) return undefined;
    return { pool, record };
  }
  return undefined;
}

/** Uses a session up: it is forgotten, so it cannot be presented again. */
export function closeChallengeSession(pool: UserPool, record: ChallengeSession): void {
  pool.sessions.delete(record.session);
}

/** Whether `record` is still the open session of its `Session` string (no answer used it up). */
export function isChallengeSessionOpen(pool: UserPool, record: ChallengeSession): boolean {
  return pool.sessions.get(record.session) === record;
}

/**
 * Uses a session up for an answer whose checks passed, then runs the rest
 * of the answer (`accept`); if that throws, the session is open again, so a
 * rejected answer can still be corrected and resent.
 *
 * Call it right after the answer's last `await`: two copies of one answer
 * sent at once both pass the checks while the other awaits (the SRP
 * engine, WebCrypto), and only the first to get here may use the session;
 * the other gets `refusal`, the error a later replay gets (§6.11: a
 * challenge works once).
 */
export async function useChallengeSession<T>(
  pool: UserPool,
  record: ChallengeSession,
  refusal: "SessionInvalid" | "IncorrectCredentials",
  accept: () => T | Promise<T>,
): Promise<T> {
  if (!isChallengeSessionOpen(pool, record)) throw cognitoError(refusal);
  pool.sessions.delete(record.session);
  try {
    return await accept();
  } catch (error) {
    if (!pool.sessions.has(record.session)) pool.sessions.set(record.session, record);
    throw error;
  }
}
