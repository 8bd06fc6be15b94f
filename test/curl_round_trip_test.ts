/**
 * to-curl and from-curl are inverses on the shipped scenarios: for every
 * scenario s and both script variants (with and without `--provision`),
 * `fromCurl(toCurl(s))` parses back to a scenario equivalent to s — the same
 * identity, vars, secrets, pool, client, users and steps (requests,
 * expectations, captures, `let`s, control actions, SRP/TOTP function uses).
 * Only what has no meaning is left out of the comparison (see `canonical`).
 */

import assert from "node:assert/strict";
import { fromCurl } from "../src/curl/from_curl.ts";
import { toCurl } from "../src/curl/mod.ts";
import { knownRequestMembers } from "../src/runner/mod.ts";
import { loadScenarios, parseScenario, type Scenario } from "../src/scenario/mod.ts";
import { formatExpression, isTemplate } from "../src/template/mod.ts";

/**
 * A scenario as plain JSON with what carries no meaning removed:
 * - source positions (of steps, bindings, captures, checks, templates) and
 *   step indexes: where a thing is written, not what it is;
 * - `id` and `file`: the file name, which a script cannot carry back;
 * - a template's spans and literal quoting: `'a'` and `"a"` are one literal,
 *   so each `${…}` is compared as its canonical text (`formatExpression`).
 * Everything else — including step names, `requires`, timeouts and retries —
 * must come back as it was.
 */
function canonical(scenario: Scenario): unknown {
  const { id: _id, file: _file, ...rest } = scenario;
  return plain(rest);
}

function plain(value: unknown): unknown {
  if (isTemplate(value)) {
    return {
      template: value.parts.map((part) =>
        part.type === "text" ? part.text : `\${${formatExpression(part.expression)}}`
      ),
    };
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    // A compiled JMESPath query: its expression is what it means.
    if ("expression" in value && "evaluate" in value) {
      return { query: (value as { expression: string }).expression };
    }
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === "position" || key === "index") continue;
      out[key] = plain(member);
    }
    return out;
  }
  return value;
}

function roundTrip(scenario: Scenario, provision: boolean): Scenario {
  const script = toCurl(scenario, provision ? { provision: true } : {});
  const { yaml } = fromCurl(script, { file: `${scenario.id}.sh`, knownRequestMembers });
  const { scenario: back, errors } = parseScenario(yaml, `${scenario.id} (round trip)`, {
    knownRequestMembers,
  });
  assert.deepEqual(errors.map(String), [], yaml);
  return back!;
}

const { scenarios, errors } = await loadScenarios(["scenarios"], { knownRequestMembers });

Deno.test("curl round trip: the shipped scenarios load", () => {
  assert.deepEqual(errors.map(String), []);
  assert.ok(scenarios.length >= 62, `${scenarios.length} scenarios`);
});

for (const provision of [true, false]) {
  const variant = provision ? "to-curl --provision" : "to-curl";
  for (const scenario of scenarios) {
    Deno.test(`curl round trip (${variant}): ${scenario.id}`, () => {
      assert.deepEqual(canonical(roundTrip(scenario, provision)), canonical(scenario));
    });
  }
}
