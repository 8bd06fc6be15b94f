/**
 * Reporters: each turns the runner's events into text, chunk by chunk.
 *
 * | name     | output                                                        |
 * | -------- | ------------------------------------------------------------- |
 * | `pretty` | steps with timing, failure diffs, summary, timing table       |
 * | `dot`    | `.`/`F`/`E`/`S` per scenario, then failures                   |
 * | `tap`    | TAP version 14, steps as subtests, YAML diagnostics           |
 * | `junit`  | JUnit XML, one testcase per scenario, mergeable across shards |
 * | `json`   | the full suite result with every exchange                     |
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseReporterSpecs, teeEvents } from "./mod.ts";
 * import type { RunEvent } from "../runner/events.ts";
 * const specs = parseReporterSpecs(["dot", "json:report.json"]);
 * const source = (async function* (): AsyncGenerator<RunEvent> {})();
 * const outputs = await Promise.all(teeEvents(source, specs.length).map(async (events, index) => {
 *   let text = "";
 *   for await (const chunk of specs[index]!.reporter(events)) text += chunk;
 *   return text;
 * }));
 * assert.match(outputs[0]!, /0 scenarios/);
 * assert.equal(JSON.parse(outputs[1]!).scenarios.length, 0);
 * ```
 *
 * @module
 */

export type { Reporter, ReporterOptions } from "./types.ts";
export type * from "../runner/events.ts";
export { pretty } from "./pretty.ts";
export { dot } from "./dot.ts";
export { tap } from "./tap.ts";
export { junit } from "./junit.ts";
export { mergeJUnit, type MergeJUnitOptions } from "./junit_merge.ts";
export { json } from "./json.ts";
export {
  colorFromEnv,
  DEFAULT_REPORTER,
  getReporter,
  parseReporterSpec,
  parseReporterSpecs,
  type ParseReporterSpecsOptions,
  type ReporterEntry,
  type ReporterName,
  REPORTERS,
  type ReporterSpec,
  ReporterSpecError,
  teeEvents,
} from "./registry.ts";
