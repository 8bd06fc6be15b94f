/**
 * The `junit` reporter: one JUnit XML document at the end of the run, one
 * `<testsuite>` per scenario folder and one `<testcase>` per scenario, in a
 * stable order so that shard reports merge ({@linkcode mergeJUnit}) into the
 * document an unsharded run would have written.
 *
 * @module
 */

import type { RunEvent, ScenarioResult, SuiteResult } from "../runner/events.ts";
import { exchangeLines, failureLines, groupOf, stepLabel, stepLines } from "./_detail.ts";
import { RunState } from "./_run_state.ts";
import { oneLine, resolveOptions, style } from "./_style.ts";
import { element, serializeXml, type XmlElement } from "./_xml.ts";
import type { ReporterOptions } from "./types.ts";

export { mergeJUnit, type MergeJUnitOptions } from "./junit_merge.ts";

const plain = style(false);

/**
 * Writes JUnit XML when the run ends. Each scenario is a `<testcase>` with
 * `classname` = its folder (`device-on`, nested folders joined with `.`;
 * the first tag for a scenario at the root), `name` = its name, `file` and
 * `time` in seconds; `(classname, name, file)` identifies it across shards.
 * A failed scenario holds `<failure message type>` (type = the failure kind)
 * whose body lists every step and the failure details; an errored one holds
 * `<error>`; a skipped one `<skipped message>`. Every `<testsuite>` carries
 * counts, the run's timestamp and `<properties>`: `target`, `endpoint`,
 * `region` and, when sharded, `shard` (`2/5`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { junit } from "./junit.ts";
 * import type { RunEvent } from "../runner/events.ts";
 * const scenario = { id: "srp/a.yaml", name: "A & B", file: "scenarios/srp/a.yaml", tags: [] };
 * const result = { scenario, outcome: "passed" as const, durationMs: 1500, steps: [] };
 * const target = { kind: "mock" as const, endpoint: "http://127.0.0.1:1/", region: "us-east-1" };
 * const counts = { passed: 1, failed: 0, skipped: 0, errored: 0 };
 * const events: RunEvent[] = [{
 *   type: "suite:end",
 *   result: { target, scenarios: [result], counts, durationMs: 1600, startedAt: "2025-01-01T00:00:00.000Z" },
 * }];
 * let xml = "";
 * for await (const chunk of junit((async function* () { yield* events; })())) xml += chunk;
 * assert.match(xml, /<testcase classname="srp" name="A &amp; B" file="scenarios\/srp\/a.yaml" time="1.500"\/>/);
 * ```
 */
export async function* junit(
  events: AsyncIterable<RunEvent>,
  options: ReporterOptions = {},
): AsyncGenerator<string> {
  const { showExchanges } = resolveOptions(options);
  const state = new RunState();
  for await (const event of events) state.consume(event);
  yield serializeXml(junitDocument(state.suite(), showExchanges));
}

function junitDocument(suite: SuiteResult, showExchanges: boolean): XmlElement {
  const groups = new Map<string, ScenarioResult[]>();
  for (const result of suite.scenarios) {
    const group = groupOf(result.scenario);
    groups.set(group, [...(groups.get(group) ?? []), result]);
  }
  const properties = element(
    "properties",
    [],
    propertiesOf(suite).map(([name, value]) =>
      element("property", [["name", name], ["value", value]])
    ),
  );
  const testsuites = [...groups].sort(([a], [b]) => compare(a, b)).map(([name, results]) => {
    const sorted = [...results].sort((a, b) =>
      compare(a.scenario.file, b.scenario.file) || compare(a.scenario.name, b.scenario.name)
    );
    const ms = sorted.reduce((sum, r) => sum + r.durationMs, 0);
    return element("testsuite", [
      ["name", name],
      ...countAttributes(sorted),
      ["time", seconds(ms)],
      ["timestamp", suite.startedAt],
    ], [properties, ...sorted.map((r) => testcase(r, showExchanges))]);
  });
  return element("testsuites", [
    ["name", "cognito-conformance"],
    ...countAttributes(suite.scenarios),
    ["time", seconds(suite.durationMs)],
    ["timestamp", suite.startedAt],
  ], testsuites);
}

function propertiesOf(suite: SuiteResult): Array<[string, string]> {
  const properties: Array<[string, string]> = [
    ["target", suite.target.kind],
    ["endpoint", suite.target.endpoint],
    ["region", suite.target.region],
  ];
  if (suite.shard !== undefined) {
    properties.push(["shard", `${suite.shard.index}/${suite.shard.total}`]);
  }
  return properties;
}

function countAttributes(results: readonly ScenarioResult[]): Array<[string, string]> {
  const count = (outcome: string) => String(results.filter((r) => r.outcome === outcome).length);
  return [
    ["tests", String(results.length)],
    ["failures", count("failed")],
    ["errors", count("errored")],
    ["skipped", count("skipped")],
  ];
}

function testcase(result: ScenarioResult, showExchanges: boolean): XmlElement {
  const { scenario } = result;
  const children: XmlElement[] = [];
  if (result.outcome === "skipped") {
    children.push(element("skipped", result.skipReason ? [["message", result.skipReason]] : []));
  } else if (result.outcome === "failed" || result.outcome === "errored") {
    children.push(problem(result));
  }
  if (showExchanges && result.steps.some((s) => s.exchanges.length > 0)) {
    const lines = result.steps.flatMap((step) => [stepLabel(step), ...exchangeLines(step, plain)]);
    children.push(element("system-out", [], [lines.join("\n") + "\n"]));
  }
  return element("testcase", [
    ["classname", groupOf(scenario)],
    ["name", scenario.name],
    ["file", scenario.file],
    ["time", seconds(result.durationMs)],
  ], children);
}

/** `<failure>` or `<error>`: the first problem as the message, every step and detail in the body. */
function problem(result: ScenarioResult): XmlElement {
  const step = result.steps.find((s) => s.outcome === "failed" || s.outcome === "errored");
  const failure = step?.failures[0];
  let message: string;
  let type: string;
  if (step === undefined || (result.error !== undefined && result.outcome === "errored")) {
    message = result.error ?? `scenario ${result.outcome}`;
    type = "scenario";
  } else {
    message = `${stepLabel(step)}: ${failure?.message ?? step.outcome}`;
    type = failure?.kind ?? step.outcome;
  }
  const body = [...stepLines(result.steps, plain), "", ...failureLines(result, plain)];
  const text = (result.steps.length === 0 ? body.slice(1) : body).join("\n") + "\n";
  return element(result.outcome === "failed" ? "failure" : "error", [
    ["message", oneLine(message)],
    ["type", type],
  ], [text]);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
