import assert from "node:assert/strict";
import type { RunEvent } from "../runner/events.ts";
import { json } from "./json.ts";

const GOLDEN_EVENTS = new URL("../../fixtures/golden/events.json", import.meta.url);
const events: RunEvent[] = JSON.parse(await Deno.readTextFile(GOLDEN_EVENTS));

async function render(list: RunEvent[]): Promise<string> {
  let text = "";
  for await (
    const chunk of json((async function* () {
      yield* list;
    })())
  ) text += chunk;
  return text;
}

/** The same data with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

Deno.test("json: the same data in any key order gives the same bytes", async () => {
  const text = await render(events);
  assert.equal(await render(reversedKeys(events) as RunEvent[]), text);
  assert.ok(text.endsWith("}\n"));
});

Deno.test("json: the document is the suite result with every exchange", async () => {
  const suite = (events.at(-1) as Extract<RunEvent, { type: "suite:end" }>).result;
  const parsed = JSON.parse(await render(events));
  assert.deepEqual(parsed, JSON.parse(JSON.stringify(suite)));
  const exchanges = parsed.scenarios.flatMap((s: { steps: { exchanges: unknown[] }[] }) =>
    s.steps.flatMap((step) => step.exchanges)
  );
  assert.equal(exchanges.length, 7);
});

Deno.test("json: a run cut short still gives a document of what finished", async () => {
  const ends = events.flatMap((event, index) => event.type === "scenario:end" ? [index] : []);
  const parsed = JSON.parse(await render(events.slice(0, ends[1]! + 1)));
  assert.deepEqual(parsed.scenarios.map((s: { scenario: { id: string } }) => s.scenario.id), [
    "device-off/password-sign-in.yaml",
    "device-on/forget-device.yaml",
  ]);
  assert.deepEqual(parsed.counts, { passed: 1, failed: 1, skipped: 0, errored: 0 });
  assert.equal(parsed.durationMs, 0);
  assert.deepEqual(parsed.shard, { index: 1, total: 2 });
});
