/**
 * Where a scenario holds templates that a run evaluates: one list, for
 * everything that reads them before the run (which environment variables
 * they need, whether they read the pool).
 *
 * @module
 */

import { isTemplate, type SourcePosition, type Template } from "../template/mod.ts";
import type { Scenario } from "./types.ts";

/** Options of {@linkcode scenarioTemplates}. */
export interface ScenarioTemplatesOptions {
  /**
   * Vars given from outside the files (e.g. `--var name=value`). They win
   * over the scenario's own `vars` of the same name, whose values are then
   * never evaluated, so their templates are left out.
   * @default {[]}
   */
  externalVars?: readonly string[];
}

/** One template of a scenario, and where the YAML value holding it is. */
export interface ScenarioTemplate {
  /** The template. */
  template: Template;
  /**
   * The position of the binding, user, step or `expect` block it sits in
   * (line 1, column 1 for `pool` and `client`), for a template that does
   * not know its own position.
   */
  position: SourcePosition;
}

/**
 * Every template a run of the scenario evaluates, nested ones included: in
 * `vars` (but those given from outside), `pool`, `client`, `users` and every
 * step's `let`, `request` and `expect`. `secrets` paths are no templates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario, scenarioTemplates } from "./mod.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: x",
 *     "vars: { key: '${env.API_KEY}' }",
 *     "steps:",
 *     "  - call: GetUser",
 *     "    request: { AccessToken: '${vars.key}' }",
 *     "    expect: { body: { Username: ['${vars.key}'] } }",
 *   ].join("\n"),
 *   "x.yaml",
 * );
 * const sources = (options = {}) =>
 *   [...scenarioTemplates(scenario!, options)].map(({ template }) => template.source);
 * assert.deepEqual(sources(), ["${env.API_KEY}", "${vars.key}", "${vars.key}"]);
 * assert.deepEqual(sources({ externalVars: ["key"] }), ["${vars.key}", "${vars.key}"]);
 * ```
 */
export function* scenarioTemplates(
  scenario: Scenario,
  options: ScenarioTemplatesOptions = {},
): Generator<ScenarioTemplate> {
  const external = new Set(options.externalVars ?? []);
  for (const binding of scenario.vars) {
    if (!external.has(binding.name)) yield* templatesIn(binding.value, binding.position);
  }
  const start = { line: 1, column: 1 };
  yield* templatesIn(scenario.pool, start);
  yield* templatesIn(scenario.client, start);
  for (const user of scenario.users) {
    yield* templatesIn([user.username, user.password, user.attributes], user.position);
  }
  for (const step of scenario.steps) {
    for (const binding of step.let) yield* templatesIn(binding.value, binding.position);
    yield* templatesIn(step.request, step.position);
    const expect = step.expect;
    if (expect === undefined) continue;
    yield* templatesIn([expect.status, expect.headers, expect.body, expect.error], expect.position);
    for (const check of expect.query) yield* templatesIn(check.expected, check.position);
  }
}

/** The templates in a value tree, depth first. */
function* templatesIn(tree: unknown, position: SourcePosition): Generator<ScenarioTemplate> {
  if (isTemplate(tree)) yield { template: tree, position };
  else if (Array.isArray(tree)) {
    for (const item of tree) yield* templatesIn(item, position);
  } else if (typeof tree === "object" && tree !== null) {
    for (const item of Object.values(tree)) yield* templatesIn(item, position);
  }
}
