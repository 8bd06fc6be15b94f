/**
 * The `json` reporter: the whole {@linkcode SuiteResult}, every exchange
 * included, as one JSON document when the run ends.
 *
 * @module
 */

import type {
  Exchange,
  Failure,
  RunEvent,
  ScenarioInfo,
  ScenarioResult,
  StepResult,
  SuiteResult,
} from "../runner/events.ts";
import { RunState } from "./_run_state.ts";
import type { ReporterOptions } from "./types.ts";

/**
 * Writes the suite result as JSON with 2-space indentation and a stable key
 * order: result objects list their fields in the order `events.ts` declares
 * them, and free-form values (bodies, headers, expected and actual values)
 * have their keys sorted, so two runs that saw the same things write the same
 * bytes. If the events end without `suite:end`, the document holds the
 * scenarios that finished and `durationMs` 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { json } from "./json.ts";
 * import type { RunEvent } from "../runner/events.ts";
 * const target = { region: "us-east-1", endpoint: "http://127.0.0.1:1/", kind: "mock" as const };
 * const counts = { errored: 0, skipped: 0, failed: 0, passed: 0 };
 * const events: RunEvent[] = [{
 *   type: "suite:end",
 *   result: { startedAt: "2025-01-01T00:00:00.000Z", durationMs: 3, counts, scenarios: [], target },
 * }];
 * let text = "";
 * for await (const chunk of json((async function* () { yield* events; })())) text += chunk;
 * assert.deepEqual(Object.keys(JSON.parse(text)), ["target", "scenarios", "counts", "durationMs", "startedAt"]);
 * assert.ok(text.startsWith('{\n  "target": {\n    "kind": "mock",'));
 * ```
 */
export async function* json(
  events: AsyncIterable<RunEvent>,
  _options: ReporterOptions = {},
): AsyncGenerator<string> {
  const state = new RunState();
  for await (const event of events) state.consume(event);
  yield JSON.stringify(canonicalSuite(state.suite()), null, 2) + "\n";
}

type Json = unknown;

/** Builds an object with `keys` first, in order, then any other keys sorted. */
function ordered(
  source: object,
  keys: readonly string[],
  convert: Record<string, (v: never) => Json> = {},
): Json {
  const record = source as Record<string, unknown>;
  const out: Record<string, Json> = {};
  const rest = Object.keys(record).filter((key) => !keys.includes(key)).sort();
  for (const key of [...keys, ...rest]) {
    if (!(key in record) || record[key] === undefined) continue;
    const value = record[key];
    const converter = convert[key] as ((v: unknown) => Json) | undefined;
    out[key] = converter ? converter(value) : sortedKeys(value);
  }
  return out;
}

/** Deep copy with object keys sorted; arrays keep their order. */
function sortedKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record).sort().map((key) => [key, sortedKeys(record[key])]),
  );
}

function canonicalSuite(suite: SuiteResult): Json {
  return ordered(suite, ["target", "scenarios", "counts", "durationMs", "startedAt", "shard"], {
    target: (t: SuiteResult["target"]) => ordered(t, ["kind", "endpoint", "region"]),
    scenarios: (list: ScenarioResult[]) => list.map(canonicalScenario),
    counts: (c: SuiteResult["counts"]) => ordered(c, ["passed", "failed", "skipped", "errored"]),
    shard: (s: { index: number; total: number }) => ordered(s, ["index", "total"]),
  });
}

function canonicalScenario(result: ScenarioResult): Json {
  return ordered(result, ["scenario", "outcome", "durationMs", "steps", "skipReason", "error"], {
    scenario: (info: ScenarioInfo) => ordered(info, ["id", "name", "file", "tags", "description"]),
    steps: (steps: StepResult[]) => steps.map(canonicalStep),
  });
}

function canonicalStep(step: StepResult): Json {
  const keys = [
    "index",
    "name",
    "call",
    "outcome",
    "durationMs",
    "exchanges",
    "failures",
    "skipReason",
  ];
  return ordered(step, keys, {
    exchanges: (list: Exchange[]) => list.map(canonicalExchange),
    failures: (list: Failure[]) =>
      list.map((failure) => ordered(failure, ["kind", "message", "path", "expected", "actual"])),
  });
}

function canonicalExchange(exchange: Exchange): Json {
  return ordered(exchange, ["request", "response", "durationMs"], {
    request: (r: Exchange["request"]) => ordered(r, ["method", "url", "headers", "body"]),
    response: (r: NonNullable<Exchange["response"]>) => ordered(r, ["status", "headers", "body"]),
  });
}
