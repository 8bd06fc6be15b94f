/**
 * Checking a whole response against a step's `expect`: status, headers,
 * body, the `error` sugar and JMESPath queries.
 *
 * @module
 */

import { type MatchOptions, matchValue, type Mismatch } from "./match.ts";
import type { VerifyJwt } from "./jwt.ts";
import { isPlainObject } from "./_values.ts";

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
 * empty list when it holds). Mismatch paths: `status`, `headers.<name>`,
 * `$…` in the body, `query(<expression>)`. Never throws for a mismatch.
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
 * assert.deepEqual(await checkResponse(response, expectation), []);
 * const wrong = await checkResponse(response, { body: { AuthenticationResult: { $exists: true } } });
 * assert.deepEqual(wrong.map((m) => m.path), ["status", "$.AuthenticationResult"]);
 * ```
 */
export async function checkResponse(
  response: ResponseSnapshot,
  expectation: ResponseExpectation,
  options: CheckResponseOptions = {},
): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const status = expectation.status ?? defaultStatus(expectation.error);
  out.push(...await matchValue(response.status, status, { ...options, path: "status" }));
  const headers = lowerCaseHeaders(response.headers);
  if (expectation.error !== undefined) {
    out.push(...await checkError(response, headers, expectation.error, options));
  }
  for (const [name, expected] of Object.entries(expectation.headers ?? {})) {
    const lower = name.toLowerCase();
    out.push(
      ...await matchValue(headers[lower], expected, { ...options, path: `headers.${lower}` }),
    );
  }
  if (expectation.body !== undefined) {
    out.push(...await matchValue(response.body, expectation.body, options));
  }
  for (const { query, expected } of expectation.query ?? []) {
    const path = `query(${query.expression})`;
    let value: unknown;
    try {
      value = query.evaluate(response.body);
    } catch (error) {
      out.push({ path, message: (error as Error).message, expected });
      continue;
    }
    out.push(...await matchValue(value, expected, { ...options, path }));
  }
  return out;
}

function defaultStatus(error: ResponseExpectation["error"]): number {
  if (error === undefined) return 200;
  return error.type === "InternalErrorException" ? 500 : 400;
}

async function checkError(
  response: ResponseSnapshot,
  headers: Record<string, string>,
  error: NonNullable<ResponseExpectation["error"]>,
  options: MatchOptions,
): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const body = isPlainObject(response.body) ? response.body : {};
  if (error.type !== undefined) {
    const fromBody = typeof body.__type === "string"
      ? "__type"
      : typeof body.code === "string"
      ? "code"
      : undefined;
    const raw = fromBody !== undefined ? body[fromBody] as string : headers["x-amzn-errortype"];
    const path = fromBody !== undefined ? `$.${fromBody}` : "headers.x-amzn-errortype";
    const type = raw === undefined ? undefined : errorCode(raw);
    out.push(...await matchValue(type, error.type, { ...options, path }));
  }
  if (error.message !== undefined) {
    const key = typeof body.message === "string" || !("Message" in body) ? "message" : "Message";
    out.push(...await matchValue(body[key], error.message, { ...options, path: `$.${key}` }));
  }
  return out;
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

function lowerCaseHeaders(headers: ResponseSnapshot["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) out[name.toLowerCase()] = value;
  return out;
}
