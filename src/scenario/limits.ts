/**
 * The bounds a scenario file must keep, so that loading a hostile or broken
 * file ends in a positioned error within bounded time and memory, never in a
 * hang, an exhausted heap or a stack overflow.
 *
 * @module
 */

/** The bounds of {@linkcode SCENARIO_LIMITS}. */
export interface ScenarioLimits {
  /**
   * Largest file, in bytes (UTF-8). The largest scenario of the suite is
   * about 7 KiB; a file is read no further than one byte past this bound.
   */
  readonly maxBytes: number;
  /**
   * Deepest nesting of mappings and lists, the root mapping being level 1,
   * counted in the file and again with every alias expanded. The loader, the
   * template checker, the matchers and the redactor walk values recursively:
   * this keeps every walk far from the stack's end.
   */
  readonly maxDepth: number;
  /**
   * Most values (scalars, mappings, lists) the file may hold with every alias
   * expanded: a "billion laughs" file of a few hundred bytes stops at the alias
   * that crosses it.
   */
  readonly maxValues: number;
}

/**
 * The bounds every scenario file is checked against before anything else
 * reads it. A file past one of them is one positioned
 * `Cannot read the file: …` or `Cannot read the scenario: …` error.
 *
 * `$match` patterns need no bound: they run on a linear-time engine (RE2
 * syntax; see `src/assert/_regex.ts`), so no pattern can backtrack.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario, SCENARIO_LIMITS } from "./mod.ts";
 * assert.equal(SCENARIO_LIMITS.maxDepth, 64);
 * // The root mapping is level 1, the first "[" (column 7) level 2: column 70 is level 65.
 * const deep = "name: x\nsteps: []\nvars: " + "[".repeat(100) + "]".repeat(100) + "\n";
 * assert.deepEqual(parseScenario(deep, "deep.yaml").errors.map(String), [
 *   "deep.yaml:3:70: Cannot read the scenario: the values nest deeper than 64 levels",
 * ]);
 * ```
 */
export const SCENARIO_LIMITS: ScenarioLimits = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxValues: 100_000,
});
