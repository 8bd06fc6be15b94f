/**
 * The matching engine, synchronous: partial deep matching with `$`-matchers
 * in one walk. The only asynchronous work is a `$verify` signature check
 * (a JWKS look-up); a walk that meets one records the token as pending and
 * {@linkcode settle} walks again once every pending token has a verdict.
 * Matching with no `$verify` therefore never creates a promise, and one
 * with `$verify` verifies each token once.
 *
 * Private to the assertion module: `matchValue` and `checkResponse` are the
 * public entry points.
 *
 * @module
 */

import { decodeJwt, type JwtVerification, type VerifyJwt } from "./jwt.ts";
import { childPath, describe, isPlainObject, typeName } from "./_values.ts";
import { matchesPattern } from "./_regex.ts";

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

/** The state of one matching walk. */
export interface Walk {
  /** The signature check of `$verify`, if any. */
  readonly verifyJwt: VerifyJwt | undefined;
  /** Verdicts known so far, by token. */
  readonly verdicts: ReadonlyMap<string, JwtVerification>;
  /** Tokens this walk needed a verdict for and had none (made when the first one is met). */
  pending: Set<string> | undefined;
}

/** The verdicts of a walk that has needed none yet. */
const NO_VERDICTS: ReadonlyMap<string, JwtVerification> = new Map();

/**
 * Runs `pass` (a whole matching walk) until it needs no verdict it does not
 * have: once when nothing needs verifying (synchronously), else again after
 * the pending tokens are verified. Each token is verified once.
 */
export function settle<T>(
  pass: (walk: Walk) => T,
  verifyJwt: VerifyJwt | undefined,
  verdicts: ReadonlyMap<string, JwtVerification> = NO_VERDICTS,
): T | Promise<T> {
  const walk: Walk = { verifyJwt, verdicts, pending: undefined };
  const result = pass(walk);
  const pending = walk.pending;
  if (pending === undefined || verifyJwt === undefined) return result;
  const known = new Map(verdicts);
  const checks = [...pending].map(async (token) => {
    known.set(token, await verifyJwt(token));
  });
  return Promise.all(checks).then(() => settle(pass, verifyJwt, known));
}

/** Matches `actual` against `expected` at `path`, appending mismatches to `out`. */
export function match(
  actual: unknown,
  expected: unknown,
  path: string,
  out: Mismatch[],
  walk: Walk,
): void {
  if (isPlainObject(expected)) return matchObject(actual, expected, path, out, walk);
  const fail = (message: string) => out.push(mismatch(path, message, expected, actual));
  if (Array.isArray(expected)) {
    if (actual === undefined) return void fail(`expected ${describe(expected)}, but it is missing`);
    if (!Array.isArray(actual)) {
      return void fail(`expected ${describe(expected)}, got ${describeKind(actual)}`);
    }
    if (actual.length !== expected.length) {
      return void fail(`expected ${describe(expected)}, got ${describe(actual)}`);
    }
    for (let index = 0; index < expected.length; index++) {
      match(actual[index], expected[index], childPath(path, index), out, walk);
    }
    return;
  }
  if (actual === expected) return;
  if (actual === undefined) fail(`expected ${describe(expected)}, but it is missing`);
  else if (typeName(actual) !== typeName(expected)) {
    fail(`expected ${describe(expected)}, got ${describeKind(actual)}`);
  } else fail(`expected ${describe(expected)}, got ${describe(actual)}`);
}

/** Whether `actual` matches `expected` (no mismatch), for `$oneOf`, `$not` and `$contains`. */
function holds(actual: unknown, expected: unknown, walk: Walk): boolean {
  const out: Mismatch[] = [];
  match(actual, expected, "$", out, walk);
  return out.length === 0;
}

function matchObject(
  actual: unknown,
  expected: Record<string, unknown>,
  path: string,
  out: Mismatch[],
  walk: Walk,
): void {
  let plainKeys = 0;
  for (const key in expected) {
    if (key.startsWith("$")) constraint(key, expected, actual, path, out, walk);
    else plainKeys++;
  }
  const structural = plainKeys > 0 || expected.$exact === true || isEmpty(expected);
  if (!structural) return;
  if (!isPlainObject(actual)) {
    const got = actual === undefined ? "but it is missing" : `got ${describeKind(actual)}`;
    out.push(mismatch(path, `expected an object, ${got}`, expected, actual));
    return;
  }
  for (const key in expected) {
    if (key.startsWith("$")) continue;
    const value = Object.hasOwn(actual, key) ? actual[key] : undefined;
    match(value, expected[key], childPath(path, key), out, walk);
  }
  if (expected.$exact === true) {
    for (const key of Object.keys(actual)) {
      if (key.startsWith("$") || !Object.hasOwn(expected, key)) {
        const message = "unexpected key (the object is $exact)";
        out.push(mismatch(childPath(path, key), message, undefined, actual[key]));
      }
    }
  }
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

function constraint(
  key: string,
  spec: Record<string, unknown>,
  actual: unknown,
  path: string,
  out: Mismatch[],
  walk: Walk,
): void {
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
      if (!matchesPattern(pattern, actual)) {
        fail(`expected a string matching /${pattern}/, got ${describe(actual)}`);
      }
      return;
    }
    case "$oneOf": {
      for (const option of arg as unknown[]) if (holds(actual, option, walk)) return;
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
      return match(length, arg, `${path}.$len`, out, walk);
    }
    case "$not":
      if (holds(actual, arg, walk)) {
        fail(`expected not to match ${describeExpected(arg)}, but it does`);
      }
      return;
    case "$contains": {
      if (!Array.isArray(actual)) return void fail(`expected a list, got ${describeKind(actual)}`);
      for (const item of Array.isArray(arg) ? arg : [arg]) {
        if (actual.some((element) => holds(element, item, walk))) continue;
        const message = `expected a list containing ${describeExpected(item)}, but no item matches`;
        out.push(mismatch(path, message, { $contains: item }, actual));
      }
      return;
    }
    case "$jwt":
      return matchJwt(actual, spec, path, out, walk);
    default: // $header and $verify are handled by $jwt; $exact by matchObject.
      return;
  }
}

function matchJwt(
  actual: unknown,
  spec: Record<string, unknown>,
  path: string,
  out: Mismatch[],
  walk: Walk,
): void {
  const fail = (message: string) => out.push(mismatch(path, message, { $jwt: spec.$jwt }, actual));
  if (typeof actual !== "string") return void fail(`expected a JWT, got ${describeKind(actual)}`);
  let decoded;
  try {
    decoded = decodeJwt(actual);
  } catch (error) {
    return void fail(`expected a JWT: ${(error as Error).message}`);
  }
  if (isPlainObject(spec.$jwt)) match(decoded.payload, spec.$jwt, `${path}.$jwt`, out, walk);
  if (isPlainObject(spec.$header)) {
    match(decoded.header, spec.$header, `${path}.$header`, out, walk);
  }
  if (spec.$verify !== true) return;
  if (walk.verifyJwt === undefined) {
    const message = "Cannot verify the JWT signature: no verifier is configured";
    out.push(mismatch(path, message, { $verify: true }));
    return;
  }
  const verdict = walk.verdicts.get(actual);
  // Unknown yet: counted as valid for this walk, which `settle` repeats with the verdict.
  if (verdict === undefined) return void (walk.pending ??= new Set()).add(actual);
  if (!verdict.valid) {
    const message = `expected a valid JWT signature: ${verdict.reason}`;
    out.push(mismatch(path, message, { $verify: true }, actual));
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
