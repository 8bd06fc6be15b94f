/**
 * The environment variables scenarios read (`${env.NAME}`, `env('NAME')`),
 * found in the AST before anything runs, so that a variable the run does
 * not have is a positioned scenario error instead of a failure found after
 * earlier steps were sent.
 *
 * @module
 */

import {
  didYouMean,
  type Expression,
  expressionNodes,
  type SourcePosition,
} from "../template/mod.ts";
import { ScenarioSyntaxError } from "./errors.ts";
import { scenarioTemplates } from "./templates.ts";
import type { Scenario } from "./types.ts";

/** One place where a scenario reads an environment variable. */
export interface EnvironmentReference {
  /** The variable's name, e.g. `API_KEY`. */
  name: string;
  /** `path` for `${env.NAME}`, `function` for `env('NAME')`. */
  form: "path" | "function";
  /** Where the name is written (1-based line and column). */
  position: SourcePosition;
}

/** Options of {@linkcode environmentReferences}. */
export interface EnvironmentReferencesOptions {
  /**
   * Vars given from outside the files (e.g. `--var name=value`). They win
   * over the scenario's own `vars` of the same name, whose values are then
   * never evaluated, so the environment those read is not needed.
   * @default {[]}
   */
  externalVars?: readonly string[];
}

/** Options of {@linkcode environmentProblems}. */
export interface EnvironmentProblemsOptions extends EnvironmentReferencesOptions {
  /**
   * Names of the variables that are set, to suggest one for a misspelt
   * name ("did you mean …?"). Without it there are no suggestions.
   * @default {[]}
   */
  available?: Iterable<string>;
}

/**
 * Every environment variable the scenario reads when it runs, in file
 * order: `${env.NAME}` anywhere (nested in function arguments too) and
 * `env('NAME')` with a literal name, in `vars` (but those given from
 * outside), `pool`, `client`, `users` and every step's `let`, `request` and
 * `expect`. An `env(…)` whose name is computed (`env(vars.name)`) is only
 * known at run time and is not listed; `secrets` paths read no environment.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { environmentReferences, parseScenario } from "./mod.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: x",
 *     "vars: { key: '${env.API_KEY}' }",
 *     "steps:",
 *     "  - call: GetUser",
 *     "    request: { AccessToken: \"${env('TOKEN')}\" }",
 *   ].join("\n"),
 *   "x.yaml",
 * );
 * assert.deepEqual(environmentReferences(scenario!), [
 *   { name: "API_KEY", form: "path", position: { line: 2, column: 21 } },
 *   { name: "TOKEN", form: "function", position: { line: 5, column: 36 } },
 * ]);
 * assert.deepEqual(environmentReferences(scenario!, { externalVars: ["key"] }).length, 1);
 * ```
 */
export function environmentReferences(
  scenario: Scenario,
  options: EnvironmentReferencesOptions = {},
): EnvironmentReference[] {
  const found: EnvironmentReference[] = [];
  for (const { template, position } of scenarioTemplates(scenario, options)) {
    const at = (offset: number) => template.positionAt(offset) ?? template.position ?? position;
    for (const part of template.expressions) {
      for (const reference of references(part.expression)) {
        found.push({ name: reference.name, form: reference.form, position: at(reference.offset) });
      }
    }
  }
  return found.sort((a, b) =>
    a.position.line - b.position.line || a.position.column - b.position.column
  );
}

/**
 * The references of `scenarios` to environment variables that `has` says
 * are not set, one positioned error each (`file:line:column: message`, as
 * loading reports), in scenario then file order. The template language has
 * no default for a missing variable, so every such reference would fail its
 * step at run time. Run it over the scenarios about to run, with the run's
 * environment (process environment and any env file), before sending
 * anything: the same contract as a file that does not load.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { environmentProblems, parseScenario } from "./mod.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: x",
 *     "steps:",
 *     "  - call: GetUser",
 *     "    request: { AccessToken: '${env.ACCES_TOKEN}' }",
 *   ].join("\n"),
 *   "x.yaml",
 * );
 * const environment = new Map([["ACCESS_TOKEN", "t"]]);
 * const problems = environmentProblems([scenario!], (name) => environment.has(name), {
 *   available: environment.keys(),
 * });
 * assert.deepEqual(problems.map(String), [
 *   'x.yaml:4:36: Cannot read environment variable "ACCES_TOKEN": it is not set ' +
 *   '(did you mean "ACCESS_TOKEN"?)',
 * ]);
 * assert.deepEqual(environmentProblems([scenario!], () => true), []);
 * ```
 */
export function environmentProblems(
  scenarios: readonly Scenario[],
  has: (name: string) => boolean,
  options: EnvironmentProblemsOptions = {},
): ScenarioSyntaxError[] {
  const available = [...options.available ?? []];
  const problems: ScenarioSyntaxError[] = [];
  for (const scenario of scenarios) {
    for (const reference of environmentReferences(scenario, options)) {
      if (has(reference.name)) continue;
      problems.push(
        new ScenarioSyntaxError(
          `Cannot read environment variable "${reference.name}": it is not set${
            didYouMean(reference.name, available)
          }`,
          { file: scenario.file, ...reference.position },
        ),
      );
    }
  }
  return problems;
}

/** The environment references of one expression, at offsets in its template. */
function* references(
  expression: Expression,
): Generator<{ name: string; form: "path" | "function"; offset: number }> {
  for (const node of expressionNodes(expression)) {
    if (node.type === "path") {
      const [root, name, ...rest] = node.segments;
      // Other shapes (`${env}`, `${env.A.B}`) are load errors already.
      if (
        root.key === "env" && name !== undefined && typeof name.key === "string" &&
        rest.length === 0
      ) {
        yield { name: name.key, form: "path", offset: name.start };
      }
    } else if (node.type === "call" && node.name === "env") {
      const [argument] = node.args;
      if (argument?.type === "literal" && typeof argument.value === "string") {
        yield { name: argument.value, form: "function", offset: argument.start };
      }
    }
  }
}
