import assert from "node:assert/strict";
import type { Outcome, RunEvent, ScenarioResult } from "../runner/events.ts";
import { dot } from "./dot.ts";
import type { ReporterOptions } from "./types.ts";

function result(n: number, outcome: Outcome): ScenarioResult {
  const id = `s/${String(n).padStart(2, "0")}.yaml`;
  return { scenario: { id, name: id, file: id, tags: [] }, outcome, durationMs: n, steps: [] };
}

async function render(list: RunEvent[], options: ReporterOptions = {}): Promise<string> {
  let text = "";
  for await (
    const chunk of dot(
      (async function* () {
        yield* list;
      })(),
      options,
    )
  ) text += chunk;
  return text;
}

Deno.test("dot: one character per scenario in finishing order, wrapped at the width", async () => {
  const outcomes: Outcome[] = ["passed", "failed", "errored", "skipped"];
  const results = Array.from({ length: 45 }, (_, i) => result(i, outcomes[i % 4]!));
  const text = await render(results.map((r) => ({ type: "scenario:end", result: r })), {
    width: 20,
  });
  const lines = text.split("\n");
  assert.deepEqual(lines.slice(0, 3), [".FES".repeat(5), ".FES".repeat(5), ".FES."]);
  assert.match(
    text,
    /45 scenarios: 12 passed, 11 failed, 11 errored, 11 skipped \(run ended early\)\n$/,
  );
});

Deno.test("dot: failures are detailed after the dots; colour only when asked", async () => {
  const failed: ScenarioResult = {
    ...result(1, "failed"),
    steps: [{
      index: 0,
      name: "sign in",
      call: "InitiateAuth",
      outcome: "failed",
      durationMs: 3,
      exchanges: [],
      failures: [{ kind: "assertion", message: "wrong", path: "$.a", expected: 1, actual: 2 }],
    }],
  };
  const list: RunEvent[] = [{ type: "scenario:end", result: failed }];
  const plain = await render(list);
  assert.ok(plain.startsWith("F\n\n✗ s/01.yaml"));
  assert.ok(
    plain.includes(
      "\n      assertion at $.a: wrong\n        - expected: 1\n        + actual:   2\n",
    ),
  );
  assert.ok(!plain.includes("\x1b"));
  assert.ok((await render(list, { color: true })).startsWith("\x1b[31mF\x1b[39m"));
});
