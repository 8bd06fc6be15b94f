/**
 * Assertions of scenario steps: partial deep matching with `$`-matchers,
 * whole-response checks (status, headers, body, the `error` sugar, JMESPath
 * queries) and a readable rendering of mismatches.
 *
 * Matching semantics:
 * - objects match partially: listed keys must match, others are ignored;
 *   `$exact: true` forbids other keys;
 * - lists match item by item and must have the same length (`$len`,
 *   `$contains` relax that);
 * - scalars must be equal, with the same JSON type (`200` is not `"200"`);
 * - `$`-keys in an object are constraints that must all hold: `$match`,
 *   `$exists`, `$type`, `$oneOf`, `$len`, `$not`, `$contains`, `$jwt` (with
 *   `$header` and `$verify`), `$exact`.
 *
 * Mismatches carry raw values (the runner masks secrets before reporting);
 * messages quote strings verbatim so that masking by value also works on them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchValue } from "./mod.ts";
 * const body = { Devices: [{ DeviceKey: "us-east-1_0b1c" }] };
 * const expected = { Devices: { $len: 1, $contains: { DeviceKey: { $match: "^us-east-1_" } } } };
 * assert.deepEqual(matchValue(body, expected), []);
 * ```
 *
 * @module
 */

export { type DecodedJwt, decodeJwt, type JwtVerification, type VerifyJwt } from "./jwt.ts";
export {
  expectationJsonSchema,
  type ExpectationProblem,
  JSON_TYPES,
  type MatcherInfo,
  MATCHERS,
  validateExpectation,
  type ValidateExpectationOptions,
} from "./matchers.ts";
export { type MatchOptions, matchValue, type Mismatch } from "./match.ts";
export {
  checkContent,
  checkResponse,
  type CheckResponseOptions,
  checkStatus,
  errorCode,
  type QueryExpectation,
  type ResponseExpectation,
  type ResponseSnapshot,
} from "./response.ts";
export { formatMismatches, type FormatMismatchesOptions } from "./diff.ts";
