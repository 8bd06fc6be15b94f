/**
 * Checking a whole response against a step's `expect`: status, headers,
 * body, the `error` sugar and JMESPath queries.
 *
 * @module
 */

import type { VerifyJwt } from "./jwt.ts";
import { type ExpectationProblem, validateExpectation } from "./matchers.ts";
import { match, type Mismatch, settle, type Walk } from "./_engine.ts";
import { childPath, isPlainObject } from "./_values.ts";

/** A response as the runner received it. */
export interface ResponseSnapshot {
  /** HTTP status. */
  status: number;
  /** Response headers (names are matched case-insensitively). */
  headers: Headers | Readonly<Record<string, string>>;
  /** Parsed JSON body (or the raw text when it was not JSON). */
  body: unknown;
}

/** A JMESPath query to evaluate on the body and the expectation for its result. */
export interface QueryExpectation {
  /** A compiled query (`compileQuery` from the query module fits). */
  query: { readonly expression: string; evaluate(value: unknown): unknown };
  /** Expected result: a value or matcher. */
  expected: unknown;
}

/** A rendered `expect` block (templates already evaluated). */
export interface ResponseExpectation {
  /** Expected status: a number or a matcher. Default: 200, or the `error` status. */
  status?: unknown;
  /** Expected headers by name (any case): values or matchers; `{ $exists: false }` for absence. */
  headers?: Readonly<Record<string, unknown>>;
  /** Expected body: matched partially. */
  body?: unknown;
  /**
   * Sugar for a Cognito error: status 400 (500 for `InternalErrorException`)
   * with this error type (`__type`, else `code`, else the `x-amzn-ErrorType`
   * header; namespace and `:` suffix removed) and `message` (or `Message`).
   */
  error?: { type?: unknown; message?: unknown };
  /** Expectations on JMESPath queries over the body. */
  query?: readonly QueryExpectation[];
}

/** Options of {@linkcode checkResponse}. */
export interface CheckResponseOptions {
  /**
   * Verifies JWT signatures for `$verify: true` (the runner wires it to the
   * target's JWKS); without it such a matcher fails with an explanation.
   * @default {undefined}
   */
  verifyJwt?: VerifyJwt;
}

/**
 * Checks a response against an expectation and returns every mismatch (an
 * empty list when it holds), in the order of the pipeline: the status and
 * the `error` sugar ({@linkcode checkStatus}), then headers, body and
 * queries ({@linkcode checkContent}). Mismatch paths: `status`,
 * `headers.<name>`, `$…` in the body, `query(<expression>)`. Never throws
 * for a mismatch.
 *
 * Synchronous unless a `$verify` matcher needs a signature check (then the
 * answer is a promise; `await` works on both).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkResponse } from "./response.ts";
 * const response = {
 *   status: 400,
 *   headers: { "x-amzn-ErrorType": "NotAuthorizedException:" },
 *   body: { __type: "NotAuthorizedException", message: "Invalid Refresh Token." },
 * };
 * const expectation = { error: { type: "NotAuthorizedException", message: "Invalid Refresh Token." } };
 * assert.deepEqual(checkResponse(response, expectation), []);
 * const wrong = await checkResponse(response, { body: { AuthenticationResult: { $exists: true } } });
 * assert.deepEqual(wrong.map((m) => m.path), ["status", "$.AuthenticationResult"]);
 * ```
 */
export function checkResponse(
  response: ResponseSnapshot,
  expectation: ResponseExpectation,
  options: CheckResponseOptions = {},
): Mismatch[] | Promise<Mismatch[]> {
  return checked(options, (out, walk) => {
    statusInto(response, expectation, out, walk);
    contentInto(response, expectation, out, walk);
  });
}

/**
 * The first check of the pipeline: the status (`expectation.status`, by
 * default 200, or the `error` sugar's 400/500) and the `error` sugar's type
 * and message. Headers, body and queries are left to
 * {@linkcode checkContent}. Synchronous unless a `$verify` needs a
 * signature check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkStatus } from "./response.ts";
 * const response = { status: 500, headers: {}, body: { __type: "CognitoLocal#Unsupported" } };
 * const mismatches = await checkStatus(response, { body: { AuthenticationResult: { $exists: true } } });
 * assert.deepEqual(mismatches.map((m) => `${m.path}: ${m.message}`), ["status: expected 200, got 500"]);
 * ```
 */
export function checkStatus(
  response: ResponseSnapshot,
  expectation: ResponseExpectation,
  options: CheckResponseOptions = {},
): Mismatch[] | Promise<Mismatch[]> {
  return checked(options, (out, walk) => statusInto(response, expectation, out, walk));
}

/**
 * The checks after the status: `expectation.headers` (only read when some
 * are expected), `body` and `query`. Synchronous unless a `$verify` needs a
 * signature check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkContent } from "./response.ts";
 * const response = { status: 500, headers: { "Content-Type": "text/html" }, body: "<html>" };
 * const mismatches = await checkContent(response, { headers: { "content-type": { $match: "json" } } });
 * assert.deepEqual(mismatches.map((m) => m.path), ["headers.content-type"]);
 * ```
 */
export function checkContent(
  response: ResponseSnapshot,
  expectation: ResponseExpectation,
  options: CheckResponseOptions = {},
): Mismatch[] | Promise<Mismatch[]> {
  return checked(options, (out, walk) => contentInto(response, expectation, out, walk));
}

/** Runs `checks` as one matching walk (repeated only when a `$verify` needs a verdict). */
function checked(
  options: CheckResponseOptions,
  checks: (out: Mismatch[], walk: Walk) => void,
): Mismatch[] | Promise<Mismatch[]> {
  return settle((walk) => {
    const out: Mismatch[] = [];
    checks(out, walk);
    return out;
  }, options.verifyJwt);
}

/**
 * Matches one part of the response, after checking the part's matcher
 * arguments (those that came from templates are only known now: a bad one,
 * say an invalid regular expression, is reported, never thrown).
 */
function part(actual: unknown, expected: unknown, path: string, out: Mismatch[], walk: Walk): void {
  const problems = problemsOf(expected);
  if (problems.length === 0) return match(actual, expected, path, out, walk);
  for (const problem of problems) {
    const at = problem.path.reduce<string>((where, key) => childPath(where, key), path);
    out.push({ path: at, message: problem.message });
  }
}

const NOTHING_DYNAMIC = { isDynamic: () => false };
const NO_PROBLEMS: readonly ExpectationProblem[] = Object.freeze([]);
/**
 * The problems of expectations that were deeply frozen when first checked, by
 * expectation: they cannot change, so neither can their problems (the
 * runner checks a step's template-free `expect` block, frozen, on every run).
 */
const FROZEN_PROBLEMS = new WeakMap<object, readonly ExpectationProblem[]>();

/** The matcher problems of `expected`, as {@linkcode validateExpectation} finds them. */
function problemsOf(expected: unknown): readonly ExpectationProblem[] {
  // Only objects and lists hold matchers.
  if (typeof expected !== "object" || expected === null) return NO_PROBLEMS;
  const known = Object.isFrozen(expected) ? FROZEN_PROBLEMS.get(expected) : undefined;
  if (known !== undefined) return known;
  const problems = validateExpectation(expected, NOTHING_DYNAMIC);
  if (isDeeplyFrozen(expected)) FROZEN_PROBLEMS.set(expected, problems);
  return problems;
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const key in value) {
    if (!isDeeplyFrozen((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function statusInto(
  response: ResponseSnapshot,
  expectation: ResponseExpectation,
  out: Mismatch[],
  walk: Walk,
): void {
  const status = expectation.status ?? defaultStatus(expectation.error);
  part(response.status, status, "status", out, walk);
  if (expectation.error !== undefined) errorInto(response, expectation.error, out, walk);
}

function contentInto(
  response: ResponseSnapshot,
  expectation: ResponseExpectation,
  out: Mismatch[],
  walk: Walk,
): void {
  if (expectation.headers !== undefined) {
    for (const name in expectation.headers) {
      const lower = name.toLowerCase();
      part(headerOf(response, lower), expectation.headers[name], `headers.${lower}`, out, walk);
    }
  }
  if (expectation.body !== undefined) part(response.body, expectation.body, "$", out, walk);
  for (const { query, expected } of expectation.query ?? []) {
    const path = `query(${query.expression})`;
    let value: unknown;
    try {
      value = query.evaluate(response.body);
    } catch (error) {
      out.push({ path, message: (error as Error).message, expected });
      continue;
    }
    part(value, expected, path, out, walk);
  }
}

function defaultStatus(error: ResponseExpectation["error"]): number {
  if (error === undefined) return 200;
  return error.type === "InternalErrorException" ? 500 : 400;
}

function errorInto(
  response: ResponseSnapshot,
  error: NonNullable<ResponseExpectation["error"]>,
  out: Mismatch[],
  walk: Walk,
): void {
  const body = isPlainObject(response.body) ? response.body : {};
  if (error.type !== undefined) {
    const fromBody = typeof body.__type === "string"
      ? "__type"
      : typeof body.code === "string"
      ? "code"
      : undefined;
    const raw = fromBody !== undefined
      ? body[fromBody] as string
      : headerOf(response, "x-amzn-errortype");
    const path = fromBody !== undefined ? `$.${fromBody}` : "headers.x-amzn-errortype";
    const type = raw === undefined ? undefined : errorCode(raw);
    part(type, error.type, path, out, walk);
  }
  if (error.message !== undefined) {
    const key = typeof body.message === "string" || !("Message" in body) ? "message" : "Message";
    part(body[key], error.message, `$.${key}`, out, walk);
  }
}

/**
 * The bare error name from a `__type`, `code` or `x-amzn-ErrorType` value:
 * cut at the first `,` and `:`, keep what follows the last `#` (the rule of
 * the AWS SDKs).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorCode } from "./response.ts";
 * assert.equal(errorCode("NotAuthorizedException:"), "NotAuthorizedException");
 * assert.equal(errorCode("com.amazonaws.cognito#UserNotFoundException"), "UserNotFoundException");
 * assert.equal(errorCode("NotAuthorizedException:http://internal.amazon.com/coral/x/"), "NotAuthorizedException");
 * ```
 */
export function errorCode(raw: string): string {
  const cut = raw.split(",")[0]!.split(":")[0]!;
  return cut.slice(cut.lastIndexOf("#") + 1).trim();
}

/**
 * One response header by its lower-case name. Names are compared without
 * case, but only for the headers an expectation names: a response without
 * header expectations is never walked.
 */
function headerOf(response: ResponseSnapshot, lower: string): string | undefined {
  const headers = response.headers;
  if (headers instanceof Headers) return headers.get(lower) ?? undefined;
  const exact = (headers as Record<string, string>)[lower];
  if (exact !== undefined && Object.hasOwn(headers, lower)) return exact;
  for (const name in headers) {
    if (name.toLowerCase() === lower) return (headers as Record<string, string>)[name];
  }
  return undefined;
}
