/**
 * `parseScenario`: text → validated AST, or every problem of the file.
 *
 * @module
 */

import { type FunctionCatalogue, FunctionRegistry } from "../template/mod.ts";
import { buildScenario } from "./_build.ts";
import { documentProblems, textProblem, TOO_DEEP, TOO_MANY } from "./_guards.ts";
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
  const toErrors = (problems: Problem[]) =>
    sortProblems(problems).map((p) => new ScenarioSyntaxError(p.message, { file, ...p.position }));
  // The bounds first (limits.ts), each answered alone: past one, nothing else reads the file.
  const early = textProblem(text, (offset) => positionIn(text, offset));
  if (early !== undefined) return { errors: toErrors([early]) };
  const source = new YamlSource(text);
  if (source.tooManyAt !== undefined) {
    return {
      errors: toErrors([{ message: TOO_MANY, position: positionIn(text, source.tooManyAt) }]),
    };
  }
  if (source.tooDeepAt !== undefined) {
    return {
      errors: toErrors([{ message: TOO_DEEP, position: source.positionAt(source.tooDeepAt) }]),
    };
  }
  if (source.document.errors.length > 0) return { errors: toErrors(yamlProblems(source)) };
  const structural = documentProblems(source.document, (offset) => source.positionAt(offset));
  if (structural.length > 0) return { errors: toErrors(structural) };
  // Aliases are resolved and bounded above; the yaml package's own alias count would
  // refuse a file that merely reuses one anchor more than 100 times.
  const raw: unknown = source.document.toJS({ maxAliasCount: -1 });
  if (raw === null || raw === undefined) {
    return {
      errors: toErrors([{
        message: source.document.contents === null
          ? "Cannot load scenario: the file is empty"
          : "Cannot read the scenario: expected a mapping, got null",
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

/** The position of `offset` in `text`, counted without a parser (for text no parser has seen). */
function positionIn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) {
    line += 1;
    start = at + 1;
  }
  return { line, column: offset - start + 1 };
}

/** YAML syntax errors reported per file, at most (one mistake often causes many). */
const MAX_YAML_ERRORS = 20;

function yamlProblems(source: YamlSource): Problem[] {
  const seenLines = new Set<number>();
  const problems: Problem[] = [];
  let open: ReturnType<YamlSource["unclosed"]> | undefined;
  for (const error of source.document.errors) {
    let offset = error.pos[0];
    let message = error.message;
    // Where a quote or a bracket is never closed, the parser gives up far from it (often at
    // the end of the file): point at the opening one instead.
    const kind = error.code === "MISSING_CHAR" && /quote/.test(error.message)
      ? "quote"
      : /^Flow (map|sequence) .* end with a [\]}]$/.test(error.message) ||
          (error.code === "MISSING_CHAR" && /flow/i.test(error.message))
      ? "flow"
      : undefined;
    if (kind !== undefined) {
      open ??= source.unclosed();
      const opener = open.findLast((item) => item.kind === kind && item.offset <= offset);
      if (opener !== undefined) {
        offset = opener.offset;
        const opening = source.text[offset]!;
        message = kind === "quote"
          ? `the quoted text that starts here is never closed (no closing ${opening})`
          : `this "${opening}" is never closed (no matching "${opening === "[" ? "]" : "}"}")`;
      }
    }
    const position = source.positionAt(offset);
    if (seenLines.has(position.line)) continue;
    seenLines.add(position.line);
    if (problems.length === MAX_YAML_ERRORS) {
      problems.push({
        message: `Cannot parse YAML: more errors follow; the first ${MAX_YAML_ERRORS} are shown`,
        position,
      });
      break;
    }
    const hint = error.code !== "MULTIPLE_DOCS" &&
        /[{[].*\$\{/.test(source.lineAt(offset))
      ? ' (inside "{ … }" or "[ … ]", write templates in quotes: "${…}")'
      : "";
    problems.push({ message: `Cannot parse YAML: ${message}${hint}`, position });
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
