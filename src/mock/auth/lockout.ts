/**
 * Cognito's temporary lockout after failed password sign-ins (§9,
 * "Lockout behavior for failed sign-in attempts" in the Developer Guide):
 *
 * - after `lockoutAfterFailures` (default 5) failed attempts with a password,
 *   the user is locked out for 2^(n−5) seconds (n = failures so far), capped
 *   at 15 minutes;
 * - attempts during a lockout get `NotAuthorizedException` "Password attempts
 *   exceeded" — right password or wrong — and do not count;
 * - a successful sign-in resets the count, and so do 15 minutes without any
 *   attempt (a refused one included: it is an attempt all the same).
 *
 * It counts the password checks of USER_PASSWORD_AUTH,
 * ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH and the PASSWORD_VERIFIER
 * answer of USER_SRP_AUTH (all go through `assertPasswordOutcome`). Time is
 * the pool's clock, so scenarios can wait a lockout out with `advanceClock`.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import type { StoredPool } from "../state/store.ts";
import type { User } from "../state/types.ts";

/** The longest lockout, and the quiet time that resets the count. */
const MAX_LOCKOUT_MS = 15 * 60 * 1000;

/**
 * Refuses an attempt made while the user is locked out (the attempt is
 * noted, not counted); forgets the failures after 15 quiet minutes. Call
 * before the password's outcome is known.
 */
export function assertNotLockedOut(context: OperationContext, pool: StoredPool, user: User): void {
  const state = user.lockout;
  if (state === undefined) return;
  const now = context.clock.now(pool.id);
  if (now - state.lastAttemptAt >= MAX_LOCKOUT_MS) {
    delete user.lockout; // 15 quiet minutes: back to no failures (any lockout is over by then)
    return;
  }
  state.lastAttemptAt = now;
  if (now < state.lockedUntil) throw cognitoError("PasswordAttemptsExceeded");
}

/** Counts a password check's outcome: a failure may start a lockout, a success resets. */
export function recordPasswordOutcome(
  context: OperationContext,
  pool: StoredPool,
  user: User,
  correct: boolean,
): void {
  if (correct) {
    delete user.lockout;
    return;
  }
  const threshold = effectiveBehaviour(context.behaviour, pool).lockoutAfterFailures;
  if (threshold === 0) return;
  const now = context.clock.now(pool.id);
  const failures = (user.lockout?.failures ?? 0) + 1;
  const lockedUntil = failures >= threshold
    ? now + Math.min(MAX_LOCKOUT_MS, 1000 * 2 ** (failures - threshold))
    : 0;
  user.lockout = { failures, lockedUntil, lastAttemptAt: now };
}
