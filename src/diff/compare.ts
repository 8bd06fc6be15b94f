/**
 * Comparing what two targets answered to the same scenarios, step by step,
 * after the normaliser (`normalise.ts`).
 *
 * Per step that ran on both targets: the step's outcome, the HTTP status,
 * the error's `__type` and message, the compared headers, and the body's
 * shape and values — members present on one side only, JSON types (a JWT is
 * a type of its own), array lengths, and the values left after
 * normalisation. A step that failed on one target stops that run (the
 * runner skips the rest), so the runs diverge there: that is one `steps`
 * difference, and only the steps run on both are compared.
 *
 * @module
 */

import type { Outcome, ScenarioResult, SuiteResult, TargetInfo } from "../runner/mod.ts";
import { DEFAULT_NORMALISE_RULES, type NormaliseRules } from "./normalise.ts";
import { compareSteps } from "./_compare_steps.ts";

/** What differs. */
export type DifferenceKind =
  /** The step passed on one target and failed, errored or was skipped on the other. */
  | "outcome"
  /** The runs diverged: steps from here ran on one target only. */
  | "steps"
  /** The HTTP status (`null`: no response arrived). */
  | "status"
  /** The error's `__type` (`"absent"` on a side that answered no error). */
  | "error-type"
  /** The error message, after placeholders (only when both answered an error). */
  | "error-message"
  /** A compared response header (`null`: absent). */
  | "header"
  /** A body member present on one side only (`a`/`b`: its type, or `"absent"`). */
  | "presence"
  /** The JSON type at a path (`jwt` and `jwe` count as types). */
  | "type"
  /** The length of an array. */
  | "length"
  /** A value, after normalisation. */
  | "value";

/** One difference between the two targets. `a` and `b` are what each side had. */
export interface Difference {
  /** What differs. */
  kind: DifferenceKind;
  /** 0-based index of the step; absent for differences of the whole scenario. */
  step?: number;
  /** The step's name. */
  stepName?: string;
  /** The step's operation or control action. */
  call?: string;
  /** Where in the body (`$.AuthenticationResult.NewDeviceMetadata`), or the header's name. */
  path?: string;
  /** Target A's side. */
  a: string | number | boolean | null;
  /** Target B's side. */
  b: string | number | boolean | null;
  /** One line more, e.g. which steps ran on one side only and why. */
  note?: string;
}

/**
 * How a scenario compared: `same`, `different`, `not-compared` (skipped on
 * a target, e.g. a missing capability), or `not-run` (a target could not
 * run it: unreachable, provisioning failed).
 */
export type ScenarioStatus = "same" | "different" | "not-compared" | "not-run";

/** The comparison of one scenario. */
export interface ScenarioDiff {
  /** The scenario's id. */
  id: string;
  /** The scenario's name. */
  name: string;
  /** The scenario's file. */
  file: string;
  /** How it compared. */
  status: ScenarioStatus;
  /** The scenario's outcome on each target. */
  outcome: { a: Outcome; b: Outcome };
  /** Why it was not compared or not run. */
  reason?: string;
  /**
   * Problems of a target, by side: outside the steps (a pool left behind), or
   * a step without an answer (unreachable, timed out). Counted as "not run".
   */
  problems?: { a?: string; b?: string };
  /** Every difference, in step order. */
  differences: Difference[];
}

/** One target of a differential run, as the report names it. */
export interface DiffTarget extends TargetInfo {
  /** How the user named it, e.g. `embedded:reconfirmDevice=idempotent`. */
  label: string;
}

/** Counts of a differential run. */
export interface DiffSummary {
  /** Scenarios in the run. */
  scenarios: number;
  /** Scenarios that compared equal. */
  same: number;
  /** Scenarios with at least one difference. */
  different: number;
  /** Scenarios skipped on at least one target. */
  notCompared: number;
  /** Scenarios a target could not run, or with a target problem (see `ScenarioDiff.problems`). */
  notRun: number;
  /** Differences in all scenarios. */
  differences: number;
}

/** The result of a differential run (the JSON format prints exactly this). */
export interface DiffReport {
  /** The version of this shape; grows only with additions. */
  version: 1;
  /** The two targets. */
  targets: { a: DiffTarget; b: DiffTarget };
  /** The counts. */
  summary: DiffSummary;
  /** Every scenario, in the order of the run. */
  scenarios: ScenarioDiff[];
}

/** Options of {@linkcode compareScenarios} and {@linkcode compareSuites}. */
export interface CompareOptions {
  /** The normaliser's rules. @default {DEFAULT_NORMALISE_RULES} */
  rules?: NormaliseRules;
}

/**
 * Compares the results of one scenario on target A and target B.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ScenarioResult } from "../runner/mod.ts";
 * import { compareScenarios } from "./compare.ts";
 * const result = (status: number, body: unknown): ScenarioResult => ({
 *   scenario: { id: "x.yaml", name: "x", file: "x.yaml", tags: [] },
 *   outcome: "passed",
 *   durationMs: 1,
 *   steps: [{
 *     index: 0, name: "confirm", call: "ConfirmDevice", outcome: "passed", durationMs: 1, failures: [],
 *     exchanges: [{ request: { method: "POST", url: "", headers: {}, body: {} }, response: { status, headers: {}, body }, durationMs: 1 }],
 *   }],
 * });
 * const same = compareScenarios(result(200, { UserConfirmationNecessary: false }), result(200, { UserConfirmationNecessary: false }));
 * assert.equal(same.status, "same");
 * const diff = compareScenarios(
 *   result(400, { __type: "DeviceKeyExistsException", message: "Device already exists." }),
 *   result(200, { UserConfirmationNecessary: false }),
 * );
 * assert.equal(diff.status, "different");
 * assert.deepEqual(diff.differences.map((d) => [d.kind, d.path ?? "", d.a, d.b]), [
 *   ["status", "", 400, 200],
 *   ["error-type", "", "DeviceKeyExistsException", "absent"],
 *   ["presence", "$.UserConfirmationNecessary", "absent", "boolean"],
 * ]);
 * ```
 */
export function compareScenarios(
  a: ScenarioResult,
  b: ScenarioResult,
  options: CompareOptions = {},
): ScenarioDiff {
  const rules = options.rules ?? DEFAULT_NORMALISE_RULES;
  const base = {
    id: a.scenario.id,
    name: a.scenario.name,
    file: a.scenario.file,
    outcome: { a: a.outcome, b: b.outcome },
  };
  const problemA = targetProblem(a);
  const problemB = targetProblem(b);
  const problems = {
    ...(problemA === undefined ? {} : { a: problemA }),
    ...(problemB === undefined ? {} : { b: problemB }),
  };
  const withProblems = Object.keys(problems).length === 0 ? {} : { problems };
  const notRun = [
    ...(a.steps.length === 0 && a.outcome === "errored" ? [`A could not run it: ${a.error}`] : []),
    ...(b.steps.length === 0 && b.outcome === "errored" ? [`B could not run it: ${b.error}`] : []),
  ];
  if (notRun.length > 0) {
    return { ...base, status: "not-run", reason: notRun.join("; "), differences: [] };
  }
  if (a.steps.length === 0 || b.steps.length === 0) {
    const reason = a.steps.length === 0 && b.steps.length === 0
      ? a.skipReason === b.skipReason
        ? `skipped on both: ${a.skipReason}`
        : `skipped on both: A: ${a.skipReason}; B: ${b.skipReason}`
      : a.steps.length === 0
      ? `skipped on A: ${a.skipReason}`
      : `skipped on B: ${b.skipReason}`;
    return { ...base, status: "not-compared", reason, differences: [] };
  }
  const differences = compareSteps(a.steps, b.steps, rules);
  const status = differences.length > 0 ? "different" : "same";
  return { ...base, status, ...withProblems, differences };
}

/**
 * Compares two suite results of the same scenarios (matched by id) and
 * counts. `targets` names them in the report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SuiteResult } from "../runner/mod.ts";
 * import { compareSuites } from "./compare.ts";
 * const suite = (reason: string): SuiteResult => ({
 *   target: { kind: "mock", endpoint: "http://127.0.0.1:1/", region: "us-east-1" },
 *   scenarios: [{ scenario: { id: "x.yaml", name: "x", file: "x.yaml", tags: [] }, outcome: "skipped", durationMs: 0, steps: [], skipReason: reason }],
 *   counts: { passed: 0, failed: 0, skipped: 1, errored: 0 },
 *   durationMs: 1,
 *   startedAt: "2026-01-01T00:00:00.000Z",
 * });
 * const report = compareSuites(suite("--bail"), suite("--bail"), { labels: { a: "embedded", b: "embedded" } });
 * assert.equal(report.version, 1);
 * assert.equal(report.targets.a.label, "embedded");
 * assert.deepEqual(report.summary, { scenarios: 1, same: 0, different: 0, notCompared: 1, notRun: 0, differences: 0 });
 * assert.equal(report.scenarios[0]!.reason, "skipped on both: --bail");
 * ```
 */
export function compareSuites(
  a: SuiteResult,
  b: SuiteResult,
  options: CompareOptions & { labels: { a: string; b: string } },
): DiffReport {
  const byId = new Map(b.scenarios.map((result) => [result.scenario.id, result]));
  const scenarios: ScenarioDiff[] = a.scenarios.map((result) => {
    const other = byId.get(result.scenario.id);
    if (other === undefined) {
      return {
        id: result.scenario.id,
        name: result.scenario.name,
        file: result.scenario.file,
        status: "not-run",
        outcome: { a: result.outcome, b: "skipped" },
        reason: "B did not run it",
        differences: [],
      };
    }
    return compareScenarios(result, other, options);
  });
  return {
    version: 1,
    targets: {
      a: { label: options.labels.a, ...a.target },
      b: { label: options.labels.b, ...b.target },
    },
    summary: summarise(scenarios),
    scenarios,
  };
}

/**
 * What kept a target from answering a scenario that did run: a clean-up
 * problem (a pool left behind), or a step that got no answer (unreachable,
 * timed out) — on both sides that would otherwise compare as "same".
 */
function targetProblem(result: ScenarioResult): string | undefined {
  if (result.steps.length === 0) return undefined;
  if (result.error !== undefined) return result.error;
  for (const step of result.steps) {
    const failure = step.failures.find((f) => f.kind === "transport" || f.kind === "timeout");
    if (failure !== undefined) return `step ${step.index + 1}: ${failure.message}`;
  }
  return undefined;
}

function summarise(scenarios: readonly ScenarioDiff[]): DiffSummary {
  const count = (status: ScenarioStatus) => scenarios.filter((s) => s.status === status).length;
  return {
    scenarios: scenarios.length,
    same: count("same"),
    different: count("different"),
    notCompared: count("not-compared"),
    notRun: count("not-run") + scenarios.filter((s) => s.problems !== undefined).length,
    differences: scenarios.reduce((sum, s) => sum + s.differences.length, 0),
  };
}
