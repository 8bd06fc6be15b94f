/**
 * Password policy checks (`PasswordPolicyType`), with the defaults of a pool
 * created through the API: length 8, upper, lower, number and symbol.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { PasswordPolicy } from "./types.ts";

/** The policy of a pool created without `Policies`. */
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

// The special characters Cognito counts as symbols (Developer Guide,
// "Password requirements"), plus the space character.
const SYMBOLS = new Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ");

/**
 * Throws the matching `InvalidPasswordException` if `password` breaks the
 * policy. Checks run in the order length, upper, lower, number, symbol.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertPasswordMeetsPolicy, DEFAULT_PASSWORD_POLICY } from "./password_policy.ts";
 * assertPasswordMeetsPolicy(DEFAULT_PASSWORD_POLICY, "Passw0rd!");
 * assert.throws(
 *   () => assertPasswordMeetsPolicy(DEFAULT_PASSWORD_POLICY, "Passw0rd"),
 *   { message: "Password did not conform with policy: Password must have symbol characters" },
 * );
 * ```
 */
export function assertPasswordMeetsPolicy(
  policy: Readonly<PasswordPolicy>,
  password: string,
): void {
  if ([...password].length < policy.MinimumLength) throw cognitoError("PasswordTooShort");
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) {
    throw cognitoError("PasswordNeedsUppercase");
  }
  if (policy.RequireLowercase && !/[a-z]/.test(password)) {
    throw cognitoError("PasswordNeedsLowercase");
  }
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw cognitoError("PasswordNeedsNumber");
  if (policy.RequireSymbols && ![...password].some((char) => SYMBOLS.has(char))) {
    throw cognitoError("PasswordNeedsSymbol");
  }
}

/**
 * A random password that satisfies `policy` (for AdminCreateUser without a
 * TemporaryPassword).
 *
 * @example
 * ```ts
 * import { assertPasswordMeetsPolicy, DEFAULT_PASSWORD_POLICY, generatePassword } from "./password_policy.ts";
 * import { idGenerator, seededRandom } from "./random.ts";
 * assertPasswordMeetsPolicy(DEFAULT_PASSWORD_POLICY, generatePassword(DEFAULT_PASSWORD_POLICY, idGenerator(seededRandom(3))));
 * ```
 */
export function generatePassword(
  policy: Readonly<PasswordPolicy>,
  ids: { text(length: number, alphabet: string): string },
): string {
  const body = ids.text(Math.max(policy.MinimumLength, 12), "abcdefghijkmnpqrstuvwxyz23456789");
  return `${body}A7!`;
}
