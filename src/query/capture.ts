/**
 * Captures: the `save` block of a step, evaluated against a response body.
 *
 * @module
 */

import { type Query, QueryEvaluationError } from "./query.ts";

/** One `save` entry: a name and the compiled query whose result it holds. */
export interface CaptureSpec {
  /** Name later steps read as `${name…}`. */
  name: string;
  /** The compiled JMESPath query. */
  query: Query;
}

/** A capture that produced nothing. */
export interface CaptureFailure {
  /** The capture's name. */
  name: string;
  /** The query as written. */
  expression: string;
  /** "Cannot save …" explanation; names the query, never a value. */
  message: string;
}

/** What {@linkcode evaluateCaptures} found. */
export interface CaptureResult {
  /** Captured values by name (failed captures are absent). */
  values: Record<string, unknown>;
  /** One entry per capture that failed or found nothing. */
  failures: CaptureFailure[];
}

/**
 * Evaluates every capture against `body`. A query that finds nothing (JMESPath
 * `null`) or fails is reported, not thrown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileQuery, evaluateCaptures } from "./mod.ts";
 * const body = { AuthenticationResult: { AccessToken: "a", NewDeviceMetadata: { DeviceKey: "k" } } };
 * const result = evaluateCaptures([
 *   { name: "device", query: compileQuery("AuthenticationResult.NewDeviceMetadata") },
 *   { name: "session", query: compileQuery("Session") },
 * ], body);
 * assert.deepEqual(result.values, { device: { DeviceKey: "k" } });
 * assert.equal(result.failures[0]?.message, 'Cannot save "session": query "Session" found nothing');
 * ```
 */
export function evaluateCaptures(captures: readonly CaptureSpec[], body: unknown): CaptureResult {
  const values: Record<string, unknown> = {};
  const failures: CaptureFailure[] = [];
  for (const { name, query } of captures) {
    const fail = (reason: string) =>
      failures.push({
        name,
        expression: query.expression,
        message: `Cannot save "${name}": ${reason}`,
      });
    let value: unknown;
    try {
      value = query.evaluate(body);
    } catch (error) {
      if (!(error instanceof QueryEvaluationError)) throw error;
      fail(error.message.replace(/^Cannot evaluate /, ""));
      continue;
    }
    if (value === null || value === undefined) fail(`query "${query.expression}" found nothing`);
    else values[name] = value;
  }
  return { values, failures };
}
