/**
 * Partial deep matching of an actual JSON value against an expectation with
 * `$`-matchers. Mismatches are returned, never thrown.
 *
 * @module
 */

import { decodeJwt, type VerifyJwt } from "./jwt.ts";
import { validateExpectation } from "./matchers.ts";
import { childPath, describe, isPlainObject, typeName } from "./_values.ts";

/** One way in which an actual value differs from the expectation. */
export interface Mismatch {
  /**
   * Where: `$.AuthenticationResult.TokenType` in a body (`.$jwt.` and
   * `.$header.` step into a decoded token), `status`, `headers.<name>`,
   * `query(<expression>)`.
   */
  path: string;
  /** One line, e.g. `expected "Bearer", got "bearer"`. Strings appear verbatim (unescaped), so they can be masked. */
  message: string;
  /** The expected value or matcher at that path. */
  expected?: unknown;
  /** The actual value at that path; absent when the value is missing. */
  actual?: unknown;
}

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
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchValue } from "./match.ts";
 * const actual = { AuthenticationResult: { TokenType: "Bearer", ExpiresIn: 3600 }, ChallengeParameters: {} };
 * assert.deepEqual(await matchValue(actual, { AuthenticationResult: { TokenType: "Bearer" } }), []);
 * const mismatches = await matchValue(actual, {
 *   AuthenticationResult: { ExpiresIn: { $type: "string" }, RefreshToken: { $exists: true } },
 * });
 * assert.deepEqual(mismatches.map((m) => `${m.path}: ${m.message}`), [
 *   "$.AuthenticationResult.ExpiresIn: expected a string, got a number (3600)",
 *   "$.AuthenticationResult.RefreshToken: expected a value, but it is missing",
 * ]);
 * ```
 */
export async function matchValue(
  actual: unknown,
  expected: unknown,
  options: MatchOptions = {},
): Promise<Mismatch[]> {
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
  return await matchAt(actual, expected, path, options);
}

async function matchAt(
  actual: unknown,
  expected: unknown,
  path: string,
  options: MatchOptions,
): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  await match(actual, expected, path, out, options);
  return out;
}

async function match(
  actual: unknown,
  expected: unknown,
  path: string,
  out: Mismatch[],
  options: MatchOptions,
): Promise<void> {
  if (isPlainObject(expected)) return await matchObject(actual, expected, path, out, options);
  const fail = (message: string) => out.push(mismatch(path, message, expected, actual));
  if (Array.isArray(expected)) {
    if (actual === undefined) return void fail(`expected ${describe(expected)}, but it is missing`);
    if (!Array.isArray(actual)) {
      return void fail(`expected ${describe(expected)}, got ${describeKind(actual)}`);
    }
    if (actual.length !== expected.length) {
      return void fail(`expected ${describe(expected)}, got ${describe(actual)}`);
    }
    for (const [index, item] of expected.entries()) {
      await match(actual[index], item, childPath(path, index), out, options);
    }
    return;
  }
  if (actual === expected) return;
  if (actual === undefined) fail(`expected ${describe(expected)}, but it is missing`);
  else if (typeName(actual) !== typeName(expected)) {
    fail(`expected ${describe(expected)}, got ${describeKind(actual)}`);
  } else fail(`expected ${describe(expected)}, got ${describe(actual)}`);
}

async function matchObject(
  actual: unknown,
  expected: Record<string, unknown>,
  path: string,
  out: Mismatch[],
  options: MatchOptions,
): Promise<void> {
  const keys = Object.keys(expected);
  const plainKeys = keys.filter((key) => !key.startsWith("$"));
  for (const key of keys) {
    if (key.startsWith("$")) await constraint(key, expected, actual, path, out, options);
  }
  const structural = plainKeys.length > 0 || expected.$exact === true || keys.length === 0;
  if (!structural) return;
  if (!isPlainObject(actual)) {
    const got = actual === undefined ? "but it is missing" : `got ${describeKind(actual)}`;
    out.push(mismatch(path, `expected an object, ${got}`, expected, actual));
    return;
  }
  for (const key of plainKeys) {
    const value = Object.hasOwn(actual, key) ? actual[key] : undefined;
    await match(value, expected[key], childPath(path, key), out, options);
  }
  if (expected.$exact === true) {
    for (const key of Object.keys(actual)) {
      if (!plainKeys.includes(key)) {
        out.push(
          mismatch(
            childPath(path, key),
            "unexpected key (the object is $exact)",
            undefined,
            actual[key],
          ),
        );
      }
    }
  }
}

async function constraint(
  key: string,
  spec: Record<string, unknown>,
  actual: unknown,
  path: string,
  out: Mismatch[],
  options: MatchOptions,
): Promise<void> {
  const arg = spec[key];
  const fail = (message: string) => out.push(mismatch(path, message, { [key]: arg }, actual));
  switch (key) {
    case "$exists":
      if (arg === true && actual === undefined) fail("expected a value, but it is missing");
      if (arg === false && actual !== undefined) {
        fail(`expected no value, got ${describeKind(actual)}`);
      }
      return;
    case "$type": {
      if (typeName(actual) === arg) return;
      const article = arg === "array" || arg === "object" ? "an" : "a";
      const what = arg === "null" ? "null" : `${article} ${arg}`;
      return void fail(
        `expected ${what}, got ${actual === undefined ? "nothing" : describeKind(actual)}`,
      );
    }
    case "$match": {
      const pattern = String(arg);
      if (typeof actual !== "string") {
        return void fail(`expected a string matching /${pattern}/, got ${describeKind(actual)}`);
      }
      if (!new RegExp(pattern).test(actual)) {
        fail(`expected a string matching /${pattern}/, got ${describe(actual)}`);
      }
      return;
    }
    case "$oneOf": {
      for (const option of arg as unknown[]) {
        if ((await matchAt(actual, option, path, options)).length === 0) return;
      }
      const choices = (arg as unknown[]).map(describeExpected).join(", ");
      return void fail(`expected one of ${choices}, got ${describeKind(actual)}`);
    }
    case "$len": {
      const length = lengthOf(actual);
      if (length === undefined) {
        return void fail(`expected something with a length, got ${describeKind(actual)}`);
      }
      if (typeof arg === "number") {
        if (length !== arg) fail(`expected length ${arg}, got length ${length}`);
        return;
      }
      return await match(length, arg, `${path}.$len`, out, options);
    }
    case "$not":
      if ((await matchAt(actual, arg, path, options)).length === 0) {
        fail(`expected not to match ${describeExpected(arg)}, but it does`);
      }
      return;
    case "$contains": {
      if (!Array.isArray(actual)) return void fail(`expected a list, got ${describeKind(actual)}`);
      const wanted = Array.isArray(arg) ? arg : [arg];
      for (const item of wanted) {
        let found = false;
        for (const element of actual) {
          if ((await matchAt(element, item, "$", options)).length === 0) {
            found = true;
            break;
          }
        }
        if (!found) {
          out.push(
            mismatch(
              path,
              `expected a list containing ${describeExpected(item)}, but no item matches`,
              {
                $contains: item,
              },
              actual,
            ),
          );
        }
      }
      return;
    }
    case "$jwt":
      return await matchJwt(actual, spec, path, out, options);
    default: // $header and $verify are handled by $jwt; $exact by matchObject.
      return;
  }
}

async function matchJwt(
  actual: unknown,
  spec: Record<string, unknown>,
  path: string,
  out: Mismatch[],
  options: MatchOptions,
): Promise<void> {
  const fail = (message: string) => out.push(mismatch(path, message, { $jwt: spec.$jwt }, actual));
  if (typeof actual !== "string") return void fail(`expected a JWT, got ${describeKind(actual)}`);
  let decoded;
  try {
    decoded = decodeJwt(actual);
  } catch (error) {
    return void fail(`expected a JWT: ${(error as Error).message}`);
  }
  if (isPlainObject(spec.$jwt)) {
    await match(decoded.payload, spec.$jwt, `${path}.$jwt`, out, options);
  }
  if (isPlainObject(spec.$header)) {
    await match(decoded.header, spec.$header, `${path}.$header`, out, options);
  }
  if (spec.$verify === true) {
    if (options.verifyJwt === undefined) {
      out.push(
        mismatch(path, "Cannot verify the JWT signature: no verifier is configured", {
          $verify: true,
        }),
      );
      return;
    }
    const result = await options.verifyJwt(actual);
    if (!result.valid) {
      out.push(
        mismatch(
          path,
          `expected a valid JWT signature: ${result.reason}`,
          { $verify: true },
          actual,
        ),
      );
    }
  }
}

function lengthOf(value: unknown): number | undefined {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return undefined;
}

function describeKind(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" || typeof value === "boolean") {
    return `a ${typeof value} (${value})`;
  }
  if (typeof value === "string") return `a string (${describe(value)})`;
  return describe(value);
}

function mismatch(path: string, message: string, expected: unknown, actual?: unknown): Mismatch {
  const out: Mismatch = { path, message };
  if (expected !== undefined) out.expected = expected;
  if (actual !== undefined) out.actual = actual;
  return out;
}

/** Expected values in messages: scalars as literals, matchers and containers as JSON. */
function describeExpected(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : describe(value);
}
