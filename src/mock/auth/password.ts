/**
 * Password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH,
 * ADMIN_NO_SRP_AUTH; its checks are shared with USER_SRP_AUTH) with
 * Cognito's checks in Cognito's order (§3.3):
 * unknown user (UserNotFoundException, or "Incorrect username or password."
 * with PreventUserExistenceErrors), disabled, unconfirmed (even with a wrong
 * password, unless existence errors are prevented), wrong password, reset
 * required, expired temporary password.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import { lookupUser, type StoredPool } from "../state/store.ts";
import type { AppClient, User } from "../state/types.ts";
import { assertNotLockedOut, recordPasswordOutcome } from "./lockout.ts";
import { afterFirstFactor, type AuthStep, signInOf } from "./sign_in.ts";

/** A password sign-in attempt. */
export interface PasswordAttempt {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  /** What the caller typed: username, alias or (email/phone pools) the address. */
  readonly username: string;
  readonly password: string;
  readonly admin: boolean;
  /** `DEVICE_KEY`, if sent. */
  readonly deviceKey?: string;
}

/**
 * Identifies the user a sign-in names, or throws the existence error the
 * client's `PreventUserExistenceErrors` calls for.
 */
export function identifyUser(pool: StoredPool, client: AppClient, username: string): User {
  const user = lookupUser(pool, username);
  if (user !== undefined) return user;
  throw cognitoError(
    client.config.PreventUserExistenceErrors === "ENABLED"
      ? "IncorrectCredentials"
      : "UserNotFound",
  );
}

/**
 * The checks before the password matters: a disabled user, and an
 * unconfirmed one when existence errors are not prevented (it is refused even
 * with a wrong password, §3.3).
 */
export function assertMaySignIn(client: AppClient, user: User): void {
  if (!user.enabled) throw cognitoError("UserDisabled");
  if (user.status === "UNCONFIRMED" && client.config.PreventUserExistenceErrors !== "ENABLED") {
    throw cognitoError("UserNotConfirmed");
  }
}

/**
 * The checks once the password is known to be right or wrong: a lockout
 * (`lockout.ts`: refused while locked, the outcome counted otherwise),
 * unconfirmed (existence errors prevented), wrong password, reset required,
 * expired temporary password. Shared by the password flows and
 * PASSWORD_VERIFIER.
 */
export function assertPasswordOutcome(
  attempt: {
    readonly context: OperationContext;
    readonly pool: StoredPool;
    readonly client: AppClient;
  },
  user: User,
  correct: boolean,
): void {
  const { pool, client } = attempt;
  assertNotLockedOut(attempt.context, pool, user);
  recordPasswordOutcome(attempt.context, pool, user, correct);
  if (user.status === "UNCONFIRMED") {
    const hideExistence = client.config.PreventUserExistenceErrors === "ENABLED";
    throw cognitoError(hideExistence && !correct ? "IncorrectCredentials" : "UserNotConfirmed");
  }
  if (!correct) throw cognitoError("IncorrectCredentials");
  if (user.status === "RESET_REQUIRED") throw cognitoError("PasswordResetRequired");
  if (user.status === "FORCE_CHANGE_PASSWORD" && user.temporaryPasswordSetAt !== undefined) {
    const days = pool.config.Policies.PasswordPolicy.TemporaryPasswordValidityDays;
    if (attempt.context.clock.now(pool.id) >= user.temporaryPasswordSetAt + days * 86_400_000) {
      throw cognitoError("TemporaryPasswordExpired");
    }
  }
}

/** Checks a password sign-in and returns the next step. */
export function passwordSignIn(attempt: PasswordAttempt): Promise<AuthStep> {
  const { pool, client } = attempt;
  const user = identifyUser(pool, client, attempt.username);
  assertMaySignIn(client, user);
  assertPasswordOutcome(attempt, user, user.password?.equals(attempt.password) ?? false);
  return afterFirstFactor(signInOf(attempt, user, attempt));
}
