/**
 * The `dot` reporter: one character per finished scenario, then the details
 * of what did not pass and a summary line.
 *
 * @module
 */

import type { Outcome, RunEvent, SuiteResult } from "../runner/events.ts";
import { failureLines, indent, scenarioTitle } from "./_detail.ts";
import { RunState } from "./_run_state.ts";
import { formatMs, resolveOptions, type Style, style } from "./_style.ts";
import type { ReporterOptions } from "./types.ts";

/** The character printed for each scenario outcome. */
const DOT: Readonly<Record<Outcome, string>> = {
  passed: ".",
  failed: "F",
  errored: "E",
  skipped: "S",
};

/**
 * Prints `.` (passed), `F` (failed), `E` (errored) or `S` (skipped) as each
 * scenario finishes, wrapping at `options.width` (80) columns; then a block
 * per failed or errored scenario and a one-line summary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dot } from "./dot.ts";
 * import type { RunEvent, ScenarioResult } from "../runner/events.ts";
 * const result = (id: string, outcome: ScenarioResult["outcome"]): ScenarioResult => ({
 *   scenario: { id, name: id, file: id, tags: [] }, outcome, durationMs: 1, steps: [],
 * });
 * const events: RunEvent[] = [
 *   { type: "scenario:end", result: result("a.yaml", "passed") },
 *   { type: "scenario:end", result: result("b.yaml", "skipped") },
 * ];
 * let text = "";
 * for await (const chunk of dot((async function* () { yield* events; })())) text += chunk;
 * assert.ok(text.startsWith(".S\n"));
 * assert.match(text, /2 scenarios: 1 passed, 0 failed, 0 errored, 1 skipped/);
 * ```
 */
export async function* dot(
  events: AsyncIterable<RunEvent>,
  options: ReporterOptions = {},
): AsyncGenerator<string> {
  const { width, color } = resolveOptions(options);
  const paint = style(color);
  const state = new RunState();
  let column = 0;
  for await (const event of events) {
    state.consume(event);
    if (event.type !== "scenario:end") continue;
    const outcome = event.result.outcome;
    const wrap = column === width ? "\n" : "";
    if (wrap) column = 0;
    column++;
    yield wrap + paint.outcome(outcome, DOT[outcome]);
  }
  yield (column > 0 ? "\n" : "") + details(state.suite(), paint, state.end !== undefined);
}

function details(suite: SuiteResult, paint: Style, complete: boolean): string {
  const lines: string[] = [];
  for (const result of suite.scenarios) {
    if (result.outcome !== "failed" && result.outcome !== "errored") continue;
    lines.push("", scenarioTitle(result, paint), ...indent(failureLines(result, paint), "  "));
  }
  const { passed, failed, errored, skipped } = suite.counts;
  const total = passed + failed + errored + skipped;
  const time = complete ? ` in ${formatMs(suite.durationMs)}` : " (run ended early)";
  lines.push(
    "",
    `${total} scenario${total === 1 ? "" : "s"}: ${passed} passed, ${failed} failed, ` +
      `${errored} errored, ${skipped} skipped${time}`,
  );
  return lines.join("\n") + "\n";
}
