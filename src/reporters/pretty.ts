/**
 * The `pretty` reporter: a block per scenario as it finishes (title, one
 * line per step with its call and time, then a failure block), a live status
 * line on a terminal, and at the end the counts, the wall time and a
 * per-scenario timing table.
 *
 * @module
 */

import type { RunEvent, ScenarioResult, SuiteResult } from "../runner/events.ts";
import {
  exchangeLines,
  failureLines,
  indent,
  scenarioTitle,
  stepLabel,
  stepLines,
} from "./_detail.ts";
import { RunState } from "./_run_state.ts";
import {
  countsOf,
  formatMs,
  padEnd,
  padStart,
  type ResolvedOptions,
  resolveOptions,
  type Style,
  style,
  SYMBOL,
  truncate,
} from "./_style.ts";
import type { ReporterOptions } from "./types.ts";

/** Return to column 0 and erase the line: the status line is redrawn in place. */
const ERASE_LINE = "\r\x1b[2K";

/**
 * Formats a run for people: scenario blocks as they finish, a status line
 * while it runs (only when `options.terminal`), ANSI colour only when
 * `options.color`, and a summary with a timing table at the end.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pretty } from "./pretty.ts";
 * import type { RunEvent } from "../runner/events.ts";
 * const scenario = { id: "srp/a.yaml", name: "SRP sign-in", file: "scenarios/srp/a.yaml", tags: [] };
 * const result = { scenario, outcome: "passed" as const, durationMs: 12, steps: [] };
 * const target = { kind: "mock" as const, endpoint: "http://127.0.0.1:1/", region: "us-east-1" };
 * const events: RunEvent[] = [
 *   { type: "suite:start", target, scenarios: [scenario], startedAt: "2025-01-01T00:00:00.000Z" },
 *   { type: "scenario:end", result },
 *   {
 *     type: "suite:end",
 *     result: { target, scenarios: [result], counts: { passed: 1, failed: 0, skipped: 0, errored: 0 },
 *       durationMs: 20, startedAt: "2025-01-01T00:00:00.000Z" },
 *   },
 * ];
 * let text = "";
 * for await (const chunk of pretty((async function* () { yield* events; })())) text += chunk;
 * assert.match(text, /✓ srp\/a\.yaml · SRP sign-in · 12 ms/);
 * assert.match(text, /Scenarios +1 · 1 passed/);
 * ```
 */
export async function* pretty(
  events: AsyncIterable<RunEvent>,
  options: ReporterOptions = {},
): AsyncGenerator<string> {
  const resolved = resolveOptions(options);
  const paint = style(resolved.color);
  const state = new RunState();
  let shownStatus = "";
  const status = (): string => {
    if (!resolved.terminal) return "";
    const next = truncate(statusText(state, paint), resolved.width - 1);
    if (next === shownStatus) return "";
    shownStatus = next;
    return ERASE_LINE + next;
  };
  const clearStatus = (): string => {
    if (shownStatus === "") return "";
    shownStatus = "";
    return ERASE_LINE;
  };
  for await (const event of events) {
    state.consume(event);
    switch (event.type) {
      case "suite:start":
        yield clearStatus() + header(event, paint) + "\n\n" + status();
        break;
      case "scenario:end":
        yield clearStatus() + scenarioBlock(event.result, paint, resolved) + "\n" + status();
        break;
      case "suite:end":
        yield clearStatus() + summary(event.result, paint, resolved);
        break;
      default: {
        const text = status();
        if (text !== "") yield text;
      }
    }
  }
  const leftover = clearStatus();
  if (leftover !== "") yield leftover;
  if (state.end === undefined && state.start !== undefined) {
    yield paint.yellow(
      `run ended early: ${state.finished.length} of ${state.planned} scenarios finished`,
    ) +
      "\n";
  }
}

function header(event: Extract<RunEvent, { type: "suite:start" }>, paint: Style): string {
  const { target, scenarios, shard } = event;
  const parts = [
    paint.bold("cognito-conformance"),
    `${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"}`,
    `${target.kind} ${target.endpoint} (${target.region})`,
  ];
  if (shard !== undefined) parts.push(`shard ${shard.index}/${shard.total}`);
  return parts.join(" · ");
}

function statusText(state: RunState, paint: Style): string {
  const counts = countsOf(state.finished.map((r) => r.outcome));
  const tally = (["passed", "failed", "errored", "skipped"] as const)
    .map((o) => paint.outcome(o, `${SYMBOL[o]}${counts[o]}`)).join(" ");
  const running = [...state.running.values()]
    .map(({ scenario, step }) => step === undefined ? scenario.id : `${scenario.id} › ${step}`)
    .join(", ");
  return `${state.finished.length}/${state.planned} ${tally}${running ? ` · ${running}` : ""}`;
}

function scenarioBlock(result: ScenarioResult, paint: Style, options: ResolvedOptions): string {
  const lines = [scenarioTitle(result, paint)];
  const steps = stepLines(result.steps, paint);
  result.steps.forEach((step, index) => {
    lines.push(`    ${steps[index]}`);
    if (options.showExchanges) lines.push(...indent(exchangeLines(step, paint), "        "));
  });
  const failures = failureLines(result, paint);
  if (failures.length > 0) lines.push("", ...indent(failures, "    "));
  return lines.join("\n") + "\n";
}

function summary(suite: SuiteResult, paint: Style, options: ResolvedOptions): string {
  const { counts } = suite;
  const total = counts.passed + counts.failed + counts.errored + counts.skipped;
  const steps = countsOf(suite.scenarios.flatMap((r) => r.steps.map((s) => s.outcome)));
  const stepTotal = steps.passed + steps.failed + steps.errored + steps.skipped;
  const lines = [
    `${paint.bold("Scenarios")}  ${total} · ${tallyText(counts, paint)}`,
    `${paint.bold("Steps")}      ${stepTotal} · ${tallyText(steps, paint)}`,
    `${paint.bold("Time")}       ${formatMs(suite.durationMs)} wall · started ${suite.startedAt}`,
  ];
  lines.push(...timingTable(suite.scenarios, paint, options.timingRows));
  const problems = suite.scenarios.filter((r) => r.outcome === "failed" || r.outcome === "errored");
  if (problems.length > 0) {
    lines.push("", paint.bold("Failures"));
    for (const result of problems) {
      const step = result.steps.find((s) => s.outcome === "failed" || s.outcome === "errored");
      const where = step !== undefined ? stepLabel(step) : "scenario error";
      lines.push(
        `  ${
          paint.outcome(result.outcome, SYMBOL[result.outcome])
        } ${result.scenario.id} › ${where}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

function tallyText(
  counts: Record<"passed" | "failed" | "errored" | "skipped", number>,
  paint: Style,
): string {
  return (["passed", "failed", "errored", "skipped"] as const)
    .map((outcome) => {
      const text = `${counts[outcome]} ${outcome}`;
      return counts[outcome] > 0 ? paint.outcome(outcome, text) : text;
    })
    .join(" · ");
}

function timingTable(results: readonly ScenarioResult[], paint: Style, rows: number): string[] {
  if (rows <= 0 || results.length === 0) return [];
  const sorted = [...results].sort((a, b) =>
    b.durationMs - a.durationMs || a.scenario.id.localeCompare(b.scenario.id)
  );
  const shown = sorted.slice(0, rows);
  const times = shown.map((r) => formatMs(r.durationMs));
  const timeWidth = Math.max(...times.map((t) => t.length));
  const stepsText = shown.map((r) => `${r.steps.length} step${r.steps.length === 1 ? "" : "s"}`);
  const stepsWidth = Math.max(...stepsText.map((t) => t.length));
  const lines = ["", paint.bold("Timing (slowest first)")];
  shown.forEach((result, index) => {
    const mark = paint.outcome(result.outcome, SYMBOL[result.outcome]);
    lines.push(
      `  ${padStart(times[index]!, timeWidth)}  ${mark}  ${
        paint.dim(padEnd(stepsText[index]!, stepsWidth))
      }  ${result.scenario.id}`,
    );
  });
  if (sorted.length > shown.length) {
    lines.push(paint.dim(`  … ${sorted.length - shown.length} more`));
  }
  return lines;
}
