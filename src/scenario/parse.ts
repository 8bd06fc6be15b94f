/**
 * `parseScenario`: text → validated AST, or every problem of the file.
 *
 * @module
 */

import { type FunctionCatalogue, FunctionRegistry } from "../template/mod.ts";
import { buildScenario } from "./_build.ts";
import { issueProblems, type Problem } from "./_issues.ts";
import { type YamlPath, YamlSource } from "./_source.ts";
import { ScenarioSyntaxError } from "./errors.ts";
import { COGNITO_ERROR_TYPES } from "./error_types.ts";
import { scenarioSchema } from "./schema.ts";
import type { Scenario } from "./types.ts";
import type { z } from "zod";

/** Options of {@linkcode parseScenario}. */
export interface ParseScenarioOptions {
  /**
   * Stable identifier of the scenario.
   * @default {file}
   */
  id?: string;
  /**
   * The functions templates may call (signatures are enough).
   * @default {the built-in catalogue, FUNCTION_SIGNATURES}
   */
  functions?: FunctionCatalogue;
  /**
   * The request members an operation accepts (from the Cognito model), to
   * flag misspelt members as errors; `undefined` for an operation means
   * "unknown, do not check". A step opts out with `allowUnknownMembers: true`.
   * Also checks `pool` (CreateUserPool) and `client` (CreateUserPoolClient).
   * @default {undefined}
   */
  knownRequestMembers?: (operation: string) => readonly string[] | undefined;
  /**
   * Names of vars provided from outside the file (e.g. `--var`), which
   * templates may read although `vars` does not declare them.
   * @default {[]}
   */
  externalVars?: readonly string[];
  /**
   * The error types `expect.error.type` and `expect.body.__type` may name
   * (also inside `$oneOf` and `$not`); any other name is an error, with a
   * suggestion. Templates and other matchers are not checked.
   * @default {COGNITO_ERROR_TYPES}
   */
  errorTypes?: readonly string[];
}

/** What {@linkcode parseScenario} returns: a scenario, or the reasons there is none. */
export interface ParseResult {
  /** The validated scenario; absent when `errors` is not empty. */
  scenario?: Scenario;
  /** Every problem of the file, in file order. */
  errors: ScenarioSyntaxError[];
}

/**
 * Parses and validates one scenario file. Never throws for a bad file: every
 * problem (YAML syntax, unknown keys, types, operations, templates,
 * references, matchers, JMESPath) comes back in `errors`, positioned.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "./parse.ts";
 * const text = [
 *   "name: sign in",
 *   "steps:",
 *   "  - call: InitiateAuth",
 *   "    request: { ClientId: '${client.id}', AuthFlow: USER_PASSWORD_AUTH }",
 *   "    save: { tokens: AuthenticationResult }",
 *   "  - call: GetUser",
 *   "    request: { AccessToken: '${tokns.AccessToken}' }",
 * ].join("\n");
 * const { scenario, errors } = parseScenario(text, "sign-in.yaml");
 * assert.equal(scenario, undefined);
 * assert.deepEqual(errors.map(String), [
 *   'sign-in.yaml:7:32: Cannot resolve "tokns": no earlier step saves it (did you mean "tokens"?)',
 * ]);
 * const fixed = parseScenario(text.replace("tokns", "tokens"), "sign-in.yaml");
 * assert.equal(fixed.scenario?.steps[1]?.call, "GetUser");
 * ```
 */
export function parseScenario(
  text: string,
  file: string,
  options: ParseScenarioOptions = {},
): ParseResult {
  const source = new YamlSource(text);
  const toErrors = (problems: Problem[]) =>
    sortProblems(problems).map((p) => new ScenarioSyntaxError(p.message, { file, ...p.position }));
  if (source.document.errors.length > 0) return { errors: toErrors(yamlProblems(source)) };
  const raw: unknown = source.document.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === undefined) {
    return {
      errors: toErrors([{
        message: "Cannot load scenario: the file is empty",
        position: { line: 1, column: 1 },
      }]),
    };
  }
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  const problems = parsed.success ? [] : issueProblems(parsed.error.issues, source, knownKeysAt);
  const built = buildScenario(raw, source, {
    id: options.id ?? file,
    file,
    functions: options.functions ?? new FunctionRegistry(),
    knownRequestMembers: options.knownRequestMembers,
    externalVars: options.externalVars ?? [],
    errorTypes: options.errorTypes ?? COGNITO_ERROR_TYPES,
  });
  problems.push(...built.problems);
  if (problems.length > 0 || built.scenario === undefined) return { errors: toErrors(problems) };
  return { scenario: built.scenario, errors: [] };
}

function yamlProblems(source: YamlSource): Problem[] {
  const seenLines = new Set<number>();
  const problems: Problem[] = [];
  for (const error of source.document.errors) {
    const position = source.positionAt(error.pos[0]);
    if (seenLines.has(position.line)) continue;
    seenLines.add(position.line);
    const line = source.text.split("\n")[position.line - 1] ?? "";
    const hint = /[{[].*\$\{/.test(line)
      ? ' (inside "{ … }" or "[ … ]", write templates in quotes: "${…}")'
      : "";
    problems.push({ message: `Cannot parse YAML: ${error.message}${hint}`, position });
  }
  return problems;
}

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) =>
      a.problem.position.line - b.problem.position.line ||
      a.problem.position.column - b.problem.position.column || a.index - b.index
    )
    .map(({ problem }) => problem)
    .filter((problem) => {
      const key = `${problem.position.line}:${problem.position.column}:${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The keys the mapping at `path` accepts, read from the zod schema. */
function knownKeysAt(path: YamlPath): readonly string[] {
  let schema: z.ZodType | undefined = scenarioSchema;
  for (const key of path) {
    schema = schema === undefined ? undefined : child(unwrap(schema), key);
  }
  if (schema === undefined) return [];
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if (def.type !== "optional" || def.innerType === undefined) return current;
    current = def.innerType;
  }
}

function child(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  const def = schema._zod.def as {
    type: string;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    valueType?: z.ZodType;
  };
  if (def.type === "object") return def.shape?.[String(key)];
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}
