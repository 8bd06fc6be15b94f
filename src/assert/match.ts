/**
 * Partial deep matching of an actual JSON value against an expectation with
 * `$`-matchers. Mismatches are returned, never thrown.
 *
 * @module
 */

import type { VerifyJwt } from "./jwt.ts";
import { validateExpectation } from "./matchers.ts";
import { match, type Mismatch, settle } from "./_engine.ts";
import { childPath } from "./_values.ts";

export type { Mismatch } from "./_engine.ts";

/** Options of {@linkcode matchValue}. */
export interface MatchOptions {
  /**
   * Verifies JWT signatures for `$verify: true`; without it such a matcher
   * fails with an explanation.
   * @default {undefined}
   */
  verifyJwt?: VerifyJwt;
  /**
   * Path of the value being matched, the prefix of every mismatch path.
   * @default {"$"}
   */
  path?: string;
}

/**
 * Matches `actual` against `expected`: listed object keys must match (others
 * are ignored), lists match item by item with equal lengths, scalars must be
 * equal (same type), and `$`-keys add constraints that must all hold.
 * `undefined` stands for a missing value.
 *
 * The answer is synchronous unless a `$verify` matcher needs a signature
 * check (a JWKS look-up): then it is a promise. `await` works on both.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchValue } from "./match.ts";
 * const actual = { AuthenticationResult: { TokenType: "Bearer", ExpiresIn: 3600 }, ChallengeParameters: {} };
 * assert.deepEqual(matchValue(actual, { AuthenticationResult: { TokenType: "Bearer" } }), []);
 * const mismatches = await matchValue(actual, {
 *   AuthenticationResult: { ExpiresIn: { $type: "string" }, RefreshToken: { $exists: true } },
 * });
 * assert.deepEqual(mismatches.map((m) => `${m.path}: ${m.message}`), [
 *   "$.AuthenticationResult.ExpiresIn: expected a string, got a number (3600)",
 *   "$.AuthenticationResult.RefreshToken: expected a value, but it is missing",
 * ]);
 * ```
 */
export function matchValue(
  actual: unknown,
  expected: unknown,
  options: MatchOptions = {},
): Mismatch[] | Promise<Mismatch[]> {
  const path = options.path ?? "$";
  // Matcher arguments that came from templates are only known now: a bad one
  // (say, an invalid regular expression) is reported, never thrown.
  const problems = validateExpectation(expected, { isDynamic: () => false });
  if (problems.length > 0) {
    return problems.map((problem) => ({
      path: problem.path.reduce<string>((at, key) => childPath(at, key), path),
      message: problem.message,
    }));
  }
  return settle((walk) => {
    const out: Mismatch[] = [];
    match(actual, expected, path, out, walk);
    return out;
  }, options.verifyJwt);
}
