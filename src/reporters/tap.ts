/**
 * The `tap` reporter: TAP version 14 with one test point per scenario, its
 * steps as an indented subtest, and a YAML diagnostic for what did not pass.
 *
 * @module
 */

import YAML from "yaml";
import type { RunEvent, ScenarioResult, StepResult } from "../runner/events.ts";
import { errorParts, indent } from "./_detail.ts";
import { oneLine } from "./_style.ts";
import type { ReporterOptions } from "./types.ts";

/**
 * Writes TAP 14 (https://testanything.org/tap-version-14-specification.html):
 * `TAP version 14`, the plan `1..N` from `suite:start`, then one test point
 * per scenario in the order scenarios finish (`ok N - <id> - <name>`). Steps
 * form a subtest indented by four spaces; skipped scenarios and steps carry
 * `# SKIP <reason>`; failed and errored scenarios carry a YAML block
 * (`---` … `...`) with the failing step, message, path, expected, actual and
 * the response. Comments at the end repeat the counts and the wall time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tap } from "./tap.ts";
 * import type { RunEvent } from "../runner/events.ts";
 * const scenario = { id: "a.yaml", name: "A", file: "a.yaml", tags: [] };
 * const target = { kind: "mock" as const, endpoint: "http://127.0.0.1:1/", region: "us-east-1" };
 * const events: RunEvent[] = [
 *   { type: "suite:start", target, scenarios: [scenario], startedAt: "2025-01-01T00:00:00.000Z" },
 *   { type: "scenario:end", result: { scenario, outcome: "skipped", durationMs: 0, steps: [], skipReason: "no sms" } },
 * ];
 * let text = "";
 * for await (const chunk of tap((async function* () { yield* events; })())) text += chunk;
 * assert.equal(text.split("\n").slice(0, 2).join("\n"), "TAP version 14\n1..1");
 * assert.match(text, /^ok 1 - a\.yaml - A # SKIP no sms$/m);
 * ```
 */
export async function* tap(
  events: AsyncIterable<RunEvent>,
  _options: ReporterOptions = {},
): AsyncGenerator<string> {
  let started = false;
  let planned = false;
  let number = 0;
  for await (const event of events) {
    if (event.type === "suite:start" && !started) {
      started = true;
      planned = true;
      const { target, shard } = event;
      const where = `${target.kind} ${target.endpoint} (${target.region})` +
        (shard ? `, shard ${shard.index}/${shard.total}` : "");
      yield `TAP version 14\n1..${event.scenarios.length}\n# cognito-conformance: ${
        oneLine(where)
      }\n`;
    } else if (event.type === "scenario:end") {
      if (!started) {
        // No plan was announced: state the version now and the plan at the end (allowed by TAP 14).
        started = true;
        yield "TAP version 14\n";
      }
      yield testPoint(event.result, ++number);
    } else if (event.type === "suite:end") {
      const { counts, durationMs } = event.result;
      yield [
        `# passed ${counts.passed}`,
        `# failed ${counts.failed}`,
        `# errored ${counts.errored}`,
        `# skipped ${counts.skipped}`,
        `# duration_ms ${durationMs}`,
      ].join("\n") + "\n";
    }
  }
  if (!started) yield "TAP version 14\n";
  if (!planned) yield `1..${number}\n`;
}

function testPoint(result: ScenarioResult, number: number): string {
  const { scenario } = result;
  const description = escapeDescription(`${scenario.id} - ${scenario.name}`);
  let text = "";
  if (result.steps.length > 0) {
    text += `# Subtest: ${oneLine(description)}\n`;
    text += indent(subtest(result.steps), "    ").join("\n") + "\n";
  }
  if (result.outcome === "skipped") {
    return text + `ok ${number} - ${description} # SKIP${directiveReason(result.skipReason)}\n`;
  }
  const ok = result.outcome === "passed" ? "ok" : "not ok";
  text += `${ok} ${number} - ${description} # time=${result.durationMs}ms\n`;
  if (result.outcome !== "passed") text += diagnostic(result);
  return text;
}

function subtest(steps: readonly StepResult[]): string[] {
  const lines = [`1..${steps.length}`];
  steps.forEach((step, index) => {
    const description = escapeDescription(step.name);
    if (step.outcome === "skipped") {
      lines.push(`ok ${index + 1} - ${description} # SKIP${directiveReason(step.skipReason)}`);
    } else {
      const ok = step.outcome === "passed" ? "ok" : "not ok";
      lines.push(`${ok} ${index + 1} - ${description} # time=${step.durationMs}ms`);
    }
  });
  return lines;
}

/** The YAML block of a failed or errored scenario, indented two spaces under its test point. */
function diagnostic(result: ScenarioResult): string {
  const data: Record<string, unknown> = {
    outcome: result.outcome,
    file: result.scenario.file,
    duration_ms: result.durationMs,
  };
  if (result.error !== undefined) data.error = result.error;
  const step = result.steps.find((s) => s.outcome === "failed" || s.outcome === "errored");
  if (step !== undefined) {
    data.step = step.index + 1;
    data.name = step.name;
    data.call = step.call;
    data.failures = step.failures.map((failure) => {
      const entry: Record<string, unknown> = { kind: failure.kind, message: failure.message };
      if (failure.path !== undefined) entry.path = failure.path;
      if ("expected" in failure) entry.expected = failure.expected ?? null;
      if ("actual" in failure) entry.actual = failure.actual ?? null;
      return entry;
    });
    const last = step.exchanges.at(-1);
    if (last !== undefined) {
      const response = last.response;
      data.response = response === undefined
        ? { status: null, duration_ms: last.durationMs }
        : withError({ status: response.status, duration_ms: last.durationMs }, response);
    }
  }
  const yaml = YAML.stringify(data, { lineWidth: 0 }).trimEnd();
  return ["---", ...yaml.split("\n"), "..."].map((line) => `  ${line}`).join("\n") + "\n";
}

function withError(
  summary: Record<string, unknown>,
  response: { body: unknown; headers: Record<string, string> },
): Record<string, unknown> {
  return { ...summary, ...errorParts(response.body, response.headers) };
}

/** `#` starts a directive and `\` escapes: both are escaped in descriptions (TAP 14). */
function escapeDescription(text: string): string {
  return oneLine(text).replace(/\\/g, "\\\\").replace(/#/g, "\\#");
}

function directiveReason(reason: string | undefined): string {
  return reason === undefined || reason === "" ? "" : ` ${oneLine(reason)}`;
}
