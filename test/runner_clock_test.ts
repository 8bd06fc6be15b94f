/**
 * The template clock follows the scenario's pool clock on the mock:
 * `setClock` and `advanceClock` move `now()`, SRP TIMESTAMPs and the expiry
 * check of `$verify`; a clock action the mock refuses moves nothing.
 */

import assert from "node:assert/strict";
import type { ScenarioResult } from "../src/runner/events.ts";
import { knownRequestMembers, runScenario } from "../src/runner/mod.ts";
import { ScenarioClock } from "../src/runner/_clock.ts";
import { scenarioTransport } from "../src/runner/_transport.ts";
import type { Target } from "../src/runner/target.ts";
import { loadScenarios } from "../src/scenario/mod.ts";

const FIXTURE = new URL("./fixtures/runner/clock/clock_follow.yaml", import.meta.url).pathname;
const SET = Date.UTC(2020, 0, 1) / 1000;

function explain(result: ScenarioResult): string {
  return JSON.stringify(result.steps.map((s) => [s.name, s.outcome, s.failures]), null, 1);
}

function renderedSeconds(result: ScenarioResult, step: number): number {
  const body = result.steps[step]!.exchanges[0]!.request.body as { Username: string };
  return Number(body.Username.replace(/^at-/, ""));
}

Deno.test("clock: after setClock and advanceClock, now(), SRP TIMESTAMPs and $verify read the pool's time", async () => {
  const { scenarios, errors } = await loadScenarios([FIXTURE], { knownRequestMembers });
  assert.deepEqual(errors.map(String), []);
  const result = await runScenario(scenarios[0]!);
  assert.equal(result.outcome, "passed", explain(result));
  assert.deepEqual(result.steps[0]!.exchanges[0]!.request.body, {
    setEpochSeconds: SET,
    poolId: (result.steps[0]!.exchanges[0]!.request.body as { poolId: string }).poolId,
  });
  const first = renderedSeconds(result, 1);
  assert.ok(first >= SET && first < SET + 30, `now() was ${first}, the pool's clock ${SET}`);
  const second = renderedSeconds(result, 3);
  assert.ok(second - first >= 600 && second - first < 630, `now() moved ${second - first} s`);
});

Deno.test("clock: only a clock action the mock accepted moves the scenario's clock", async () => {
  let answer = 200;
  const fetch = (() =>
    Promise.resolve(
      new Response("{}", { status: answer }),
    )) as unknown as typeof globalThis.fetch;
  const target = { info: { endpoint: "http://fake.test/" }, fetch } as unknown as Target;
  const clock = new ScenarioClock(() => 1_000_000);
  const transport = scenarioTransport(target, () => "us-east-1_P", clock);
  const signal = new AbortController().signal;
  await transport.control({ kind: "advanceClock", seconds: 60 }, signal);
  assert.equal(clock.now(), 1_060_000);
  await transport.control({ kind: "setClock", epochSeconds: 5_000 }, signal);
  assert.equal(clock.now(), 5_000_000);
  await transport.control({ kind: "throttle", count: 1 }, signal);
  assert.equal(clock.now(), 5_000_000);
  answer = 400;
  await transport.control({ kind: "advanceClock", seconds: 60 }, signal);
  assert.equal(clock.now(), 5_000_000, "a refused action moves nothing");
});
