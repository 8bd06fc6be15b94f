/**
 * The conformance suite (`scenarios/`) against the embedded mock, through the
 * library API: every scenario must load and pass. On failure the message is
 * the dot reporter's report (which scenario, which step, the diff).
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  dotReporter,
  knownRequestMembers,
  loadScenarios,
  type RunEvent,
  runSuite,
  type SuiteResult,
} from "../mod.ts";

const SUITE = fileURLToPath(new URL("../scenarios/", import.meta.url));

/** Scenarios at once: the mock is in-process, so this mostly overlaps waiting. */
const JOBS = 8;

async function* replay(events: readonly RunEvent[]): AsyncGenerator<RunEvent> {
  yield* events;
}

/** The dot reporter's text for a finished run: failures with their diffs. */
async function report(events: readonly RunEvent[]): Promise<string> {
  let text = "";
  for await (const chunk of dotReporter(replay(events))) text += chunk;
  return text;
}

Deno.test("every scenario in scenarios/ passes against the embedded mock", async () => {
  const { scenarios, errors } = await loadScenarios([SUITE], { knownRequestMembers, root: SUITE });
  assert.deepEqual(errors.map((error) => error.toString()), [], "scenario files have errors");
  assert.ok(scenarios.length >= 30, `expected at least 30 scenarios, found ${scenarios.length}`);

  const events: RunEvent[] = [];
  for await (const event of runSuite(scenarios, { jobs: JOBS })) events.push(event);
  const end = events.at(-1);
  assert.equal(end?.type, "suite:end", "the run did not finish");
  const result: SuiteResult = (end as Extract<RunEvent, { type: "suite:end" }>).result;

  const notPassed = result.scenarios.filter((scenario) => scenario.outcome !== "passed");
  if (notPassed.length > 0) {
    const which = notPassed
      .map((scenario) => `  ${scenario.outcome}: ${scenario.scenario.id}`)
      .join("\n");
    assert.fail(
      `${notPassed.length} of ${scenarios.length} scenarios did not pass:\n${which}\n\n` +
        (await report(events)),
    );
  }
  assert.deepEqual(result.counts, {
    passed: scenarios.length,
    failed: 0,
    skipped: 0,
    errored: 0,
  });
});
