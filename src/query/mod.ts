/**
 * The query engine of scenario files: JMESPath (the language of the AWS CLI's
 * `--query`), via `@jmespath-community/jmespath`. `save` uses it to capture
 * values from response bodies, `expect.query` to assert on computed values.
 * Expressions compile once, at load time, where errors carry positions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileQuery } from "./mod.ts";
 * const query = compileQuery("Devices[?DeviceKey=='k'] | length(@)");
 * assert.equal(query.evaluate({ Devices: [{ DeviceKey: "k" }, { DeviceKey: "j" }] }), 1);
 * ```
 *
 * @module
 */

export { compileQuery, type Query, QueryEvaluationError, QuerySyntaxError } from "./query.ts";
export {
  type CaptureFailure,
  type CaptureResult,
  type CaptureSpec,
  evaluateCaptures,
} from "./capture.ts";
