/** Small run results for the comparison and report tests. */

import type {
  Outcome,
  RecordedResponse,
  ScenarioResult,
  StepResult,
  SuiteResult,
} from "../runner/mod.ts";

/** A step that got `response` (or none), with the given outcome. */
export function step(
  index: number,
  call: string,
  response: RecordedResponse | undefined,
  outcome: Outcome = "passed",
  extra: Partial<StepResult> = {},
): StepResult {
  return {
    index,
    name: `step ${index + 1}`,
    call,
    outcome,
    durationMs: 1,
    exchanges: outcome === "skipped" ? [] : [{
      request: { method: "POST", url: "http://127.0.0.1:1/", headers: {}, body: {} },
      ...(response === undefined ? {} : { response }),
      durationMs: 1,
    }],
    failures: outcome === "passed" || outcome === "skipped"
      ? []
      : [{ kind: "assertion", message: "expected something else" }],
    ...(outcome === "skipped" ? { skipReason: "an earlier step failed" } : {}),
    ...extra,
  };
}

/** A 200 answer with `body`. */
export function ok(body: unknown, headers: Record<string, string> = {}): RecordedResponse {
  return {
    status: 200,
    headers: { "content-type": "application/x-amz-json-1.1", ...headers },
    body,
  };
}

/** A 400 error answer. */
export function fault(type: string, message: string): RecordedResponse {
  return {
    status: 400,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": `${type}:` },
    body: { __type: type, message },
  };
}

/** A scenario result; its outcome is the worst of its steps unless given. */
export function scenario(
  id: string,
  steps: StepResult[],
  extra: Partial<ScenarioResult> = {},
): ScenarioResult {
  const outcome = steps.some((s) => s.outcome === "errored")
    ? "errored"
    : steps.some((s) => s.outcome === "failed")
    ? "failed"
    : "passed";
  return {
    scenario: { id, name: `scenario ${id}`, file: `scenarios/${id}`, tags: [] },
    outcome,
    durationMs: 2,
    steps,
    ...extra,
  };
}

/** A suite result of `scenarios` against an embedded mock. */
export function suite(scenarios: ScenarioResult[], port = 1): SuiteResult {
  return {
    target: { kind: "mock", endpoint: `http://127.0.0.1:${port}/`, region: "us-east-1" },
    scenarios,
    counts: { passed: 0, failed: 0, skipped: 0, errored: 0 },
    durationMs: 3,
    startedAt: "2026-12-07T12:00:00.000Z",
  };
}

/** A JWT (unsigned) with these claims. */
export function jwt(claims: object, header: object = { alg: "RS256", kid: "k" }): string {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part(header)}.${part(claims)}.c2ln`;
}
