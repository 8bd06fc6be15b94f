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
import {
  type Binding,
  type Expectation,
  loadScenarios,
  parseScenario,
  type Scenario,
  type Step,
} from "../src/scenario/mod.ts";
import { formatExpression, isTemplate } from "../src/template/mod.ts";

/**
 * A scenario as plain JSON, leaving out only what carries no meaning:
 * - `id` and `file`: the file's name, which is no part of the scenario;
 * - source positions (of steps, bindings, users, secrets, captures, checks)
 *   and step indexes: where a thing is written, not what it is;
 * - a template's spans and literal quoting: each `${…}` is compared as its
 *   canonical text (`formatExpression`), since `'a'` and `"a"` are one literal;
 * - a compiled query: compared as its expression.
 * Everything else — step names, `requires`, timeouts, retries, whatever a
 * step or scenario may gain later (the spreads keep it) — must come back as it was.
 */
function canonical(scenario: Scenario): unknown {
  const { id: _id, file: _file, vars, users, secrets, steps, pool, client, ...rest } = scenario;
  return {
    ...rest,
    vars: vars.map(binding),
    ...(pool === undefined ? {} : { pool: tree(pool) }),
    ...(client === undefined ? {} : { client: tree(client) }),
    users: users.map(({ position: _position, ...user }) => tree(user)),
    secrets: secrets.map(({ position: _position, ...path }) => path),
    steps: steps.map(step),
  };
}

function step(value: Step): unknown {
  const { index: _index, position: _position, let: lets, save, expect, request, ...rest } = value;
  return {
    ...rest,
    let: lets.map(binding),
    ...(request === undefined ? {} : { request: tree(request) }),
    ...(expect === undefined ? {} : { expect: expectation(expect) }),
    save: save.map(({ name, query }) => ({ name, query: query.expression })),
  };
}

function expectation(value: Expectation): unknown {
  const { position: _position, query, ...rest } = value;
  return {
    ...(tree(rest) as object),
    query: query.map((check) => ({
      query: check.query.expression,
      expected: tree(check.expected),
    })),
  };
}

function binding({ name, value }: Binding): unknown {
  return { name, value: tree(value) };
}

/** A value tree with each template as its parts (text, and `${…}` in canonical form). */
function tree(value: unknown): unknown {
  if (isTemplate(value)) {
    return {
      template: value.parts.map((part) =>
        part.type === "text" ? part.text : `\${${formatExpression(part.expression)}}`
      ),
    };
  }
  if (Array.isArray(value)) return value.map(tree);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, tree(member)]));
  }
  return value;
}

function roundTrip(scenario: Scenario, provision: boolean): Scenario {
  const script = toCurl(scenario, provision ? { provision: true } : {});
  const { yaml, diagnostics } = fromCurl(script, {
    file: `${scenario.id}.sh`,
    knownRequestMembers,
  });
  // Nothing of a to-curl script is left unread (notes are assumptions, not losses).
  assert.deepEqual(diagnostics.filter((diagnostic) => diagnostic.level === "warning"), []);
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

Deno.test("curl round trip: the comparison ignores where things are written, not what they are", () => {
  const seed = scenarios.find((scenario) => scenario.id === "01-seed/device-on-refresh.yaml")!;
  const text = Deno.readTextFileSync(
    new URL("../scenarios/01-seed/device-on-refresh.yaml", import.meta.url),
  );
  const parsed = (yaml: string) =>
    parseScenario(yaml, "other.yaml", { knownRequestMembers }).scenario!;
  // Moved down a line, in another file, quoted differently: the same scenario.
  assert.deepEqual(
    canonical(parsed(`\n${text.replace('"${device.DeviceKey}"', "'${device.DeviceKey}'")}`)),
    canonical(seed),
  );
  // Another member read in a check: not the same.
  assert.notDeepEqual(
    canonical(parsed(text.replace('"${device.DeviceKey}"', '"${device.DeviceGroupKey}"'))),
    canonical(seed),
  );
});

for (const provision of [true, false]) {
  const variant = provision ? "to-curl --provision" : "to-curl";
  for (const scenario of scenarios) {
    Deno.test(`curl round trip (${variant}): ${scenario.id}`, () => {
      assert.deepEqual(canonical(roundTrip(scenario, provision)), canonical(scenario));
    });
  }
}
