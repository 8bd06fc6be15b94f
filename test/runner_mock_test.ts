/**
 * End-to-end runs of the fixture scenarios in `test/fixtures/runner/`
 * against the embedded mock: one mock for the file (shared keys), a fresh
 * pool per scenario, real HTTP, real JWKS verification.
 */

import assert from "node:assert/strict";
import type { RunEvent, ScenarioResult } from "../src/runner/events.ts";
import {
  knownRequestMembers,
  openTarget,
  runScenario,
  runSuite,
  type Target,
} from "../src/runner/mod.ts";
import { loadScenarios, type Scenario } from "../src/scenario/mod.ts";
import { OPERATION_REGISTRY } from "../src/mock/operations/registry.ts";

const FIXTURES = new URL("./fixtures/runner/suite/", import.meta.url).pathname;

async function load(path: string): Promise<Scenario> {
  const { scenarios, errors } = await loadScenarios([path], { knownRequestMembers });
  assert.deepEqual(errors.map(String), []);
  return scenarios[0]!;
}

async function withTarget<T>(body: (target: Target) => Promise<T>): Promise<T> {
  const target = await openTarget();
  try {
    return await body(target);
  } finally {
    await target.close();
  }
}

function explain(result: ScenarioResult): string {
  return JSON.stringify(result.steps.map((s) => [s.name, s.outcome, s.failures]), null, 1);
}

Deno.test("mock e2e: device tracking OFF — password sign-in, refresh, verified tokens, GetUser", async () => {
  const scenario = await load(`${FIXTURES}device_off_refresh.yaml`);
  await withTarget(async (target) => {
    const result = await runScenario(scenario, { target });
    assert.equal(result.outcome, "passed", explain(result));
    assert.deepEqual(result.steps.map((s) => s.exchanges.length), [1, 1, 1]);
    const request = result.steps[0]!.exchanges[0]!.request;
    assert.equal(request.headers["x-amz-target"], "AWSCognitoIdentityProviderService.InitiateAuth");
    const parameters = (request.body as { AuthParameters: Record<string, string> }).AuthParameters;
    assert.match(parameters.SECRET_HASH!, /^«secret:/, "SECRET_HASH is recorded, masked");
    assert.match(parameters.PASSWORD!, /^«secret:/);
  });
});

Deno.test("mock e2e: throttling through the mock's fault is retried until the call passes", async () => {
  const scenario = await load(`${FIXTURES}throttled_retry.yaml`);
  const result = await runScenario(scenario);
  assert.equal(result.outcome, "passed", explain(result));
  const attempts = result.steps[1]!.exchanges.map((e) => e.response?.status);
  assert.deepEqual(attempts, [400, 400, 200]);
  assert.equal(
    (result.steps[1]!.exchanges[0]!.response!.body as { __type: string }).__type,
    "TooManyRequestsException",
  );
  assert.equal(result.steps[0]!.call, "mock.throttle");
});

Deno.test("mock e2e: the clock control moves the scenario's pool past the token's expiry", async () => {
  const result = await runScenario(await load(`${FIXTURES}clock_expiry.yaml`));
  assert.equal(result.outcome, "passed", explain(result));
  assert.deepEqual(result.steps[1]!.exchanges[0]!.request.body, {
    advanceSeconds: 7200,
    poolId: (result.steps[1]!.exchanges[0]!.request.body as { poolId: string }).poolId,
  });
});

Deno.test("mock e2e: a whole directory in parallel; a wrong expectation fails only its scenario", async () => {
  const { scenarios } = await loadScenarios([FIXTURES], { knownRequestMembers });
  const events: RunEvent[] = [];
  for await (const event of runSuite(scenarios, { jobs: 4 })) events.push(event);
  const end = events.at(-1) as Extract<RunEvent, { type: "suite:end" }>;
  const outcomes = Object.fromEntries(end.result.scenarios.map((r) => [r.scenario.id, r.outcome]));
  assert.deepEqual(outcomes, {
    "clock_expiry.yaml": "passed",
    "device_off_refresh.yaml": "passed",
    "device_srp_sign_in.yaml": "passed",
    "srp_timestamp_forms.yaml": "passed",
    "throttled_retry.yaml": "passed",
    "wrong_expectation.yaml": "failed",
  });
  const failed = end.result.scenarios.find((r) => r.outcome === "failed")!;
  assert.deepEqual(failed.steps.map((s) => s.outcome), ["failed", "skipped"]);
  assert.equal(end.result.target.kind, "mock");
});

// The seed device-ON flow needs device tracking in the mock (NewDeviceMetadata, ConfirmDevice,
// refresh bound to DEVICE_KEY). It runs as soon as the mock implements ConfirmDevice.
const deviceTracking = OPERATION_REGISTRY.has("ConfirmDevice");
Deno.test({
  name: deviceTracking
    ? "mock e2e: the seed device-ON flow passes"
    : "mock e2e: the seed device-ON flow passes (skipped: the mock does not implement ConfirmDevice yet)",
  ignore: !deviceTracking,
  fn: async () => {
    const scenario = await load(
      new URL("./fixtures/seed_device_on.yaml", import.meta.url).pathname,
    );
    const result = await runScenario(scenario);
    assert.equal(result.outcome, "passed", explain(result));
  },
});
