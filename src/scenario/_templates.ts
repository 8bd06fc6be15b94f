/**
 * Load-time checks of templates: syntax (with positions inside the string),
 * function names and arities, and whether every path's root is defined at
 * that point of the scenario.
 */

import {
  checkArity,
  type Expression,
  expressionNodes,
  type FunctionCatalogue,
  hasTemplate,
  type Locator,
  parseTemplate,
  type PathExpression,
  type SourcePosition,
  TemplateSyntaxError,
} from "../template/mod.ts";
import { didYouMean } from "../template/suggest.ts";
import type { Problem } from "./_issues.ts";
import type { YamlPath, YamlSource } from "./_source.ts";
import type { TemplateTree } from "./types.ts";

/** Fields of the `pool`, `client`, user and `response` roots. */
export const ROOT_FIELDS = {
  pool: ["id", "name", "region"],
  client: ["id", "secret"],
  user: ["username", "password", "sub", "attributes"],
  response: ["status", "headers", "body"],
} as const;

/** A set of names as the checks read it: a `Set`, or a view of one (see {@linkcode namesWhere}). */
export interface Names {
  has(name: string): boolean;
  [Symbol.iterator](): Iterator<string>;
}

/**
 * The names of `positions` whose position passes `test`, as a view: a scope
 * per step (or per `let`) holding copies of the names before it made loading
 * quadratic in the number of steps.
 */
export function namesWhere(
  positions: ReadonlyMap<string, number>,
  test: (at: number) => boolean,
): Names & { get(name: string): number | undefined } {
  const get = (name: string) => {
    const at = positions.get(name);
    return at !== undefined && test(at) ? at : undefined;
  };
  return {
    has: (name) => get(name) !== undefined,
    get,
    *[Symbol.iterator]() {
      for (const [name, at] of positions) if (test(at)) yield name;
    },
  };
}

/** What is visible at one place of a scenario. */
export interface Scope {
  /** Where, for messages: "vars", "users", "steps[2]"… */
  where: string;
  /** Whether this is inside a step (changes the "not defined" wording). */
  inStep: boolean;
  /** Vars visible here (declared before, or provided from outside). */
  vars?: ReadonlySet<string>;
  /** Every declared var (to explain order problems). */
  allVars?: ReadonlySet<string>;
  /** Whether `pool`, `client`, `users` and `response` are visible. */
  pool?: boolean;
  client?: boolean;
  users?: ReadonlySet<string>;
  response?: boolean;
  /** Captures saved by earlier steps. */
  captures?: Names;
  /** `let` names defined so far in this step. */
  lets?: Names;
  /** `let` names defined later in this step. */
  laterLets?: Names;
  /** Captures saved by this step. */
  ownSaves?: Names;
  /** The var or `let` binding being defined here (it cannot read itself). */
  self?: string;
  /** Captures first saved by a later step → that step's index. */
  laterSaves?: { get(name: string): number | undefined };
}

/** Turns raw YAML values into template trees, collecting problems. */
export class TemplateChecker {
  readonly problems: Problem[] = [];
  readonly #source: YamlSource;
  readonly #functions: FunctionCatalogue;

  constructor(source: YamlSource, functions: FunctionCatalogue) {
    this.#source = source;
    this.#functions = functions;
  }

  #add(message: string, position: SourcePosition): void {
    this.problems.push({ message, position });
  }

  /** Converts `value` (at `path` in the file) into a template tree checked against `scope`. */
  tree(value: unknown, path: YamlPath, scope: Scope): TemplateTree {
    if (typeof value === "string") return this.string(value, path, scope);
    if (Array.isArray(value)) {
      return value.map((item, index) => this.tree(item, [...path, index], scope));
    }
    if (typeof value === "object" && value !== null) {
      const out: Record<string, TemplateTree> = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] = this.tree(item, [...path, key], scope);
      }
      return out;
    }
    return value as TemplateTree;
  }

  string(value: string, path: YamlPath, scope: Scope): TemplateTree {
    if (!hasTemplate(value)) return value;
    const locate = this.#source.locator(path);
    let template;
    try {
      template = parseTemplate(value, { locate });
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      this.#add(error.message, locate(error.offset) ?? this.#source.position(path));
      return value;
    }
    const expressions = template.expressions;
    if (expressions.length === 0) {
      return template.parts.map((part) => part.type === "text" ? part.text : "").join("");
    }
    for (const part of expressions) this.expression(part.expression, locate, scope);
    return template;
  }

  /** Checks one expression (and those nested in it). */
  expression(expression: Expression, locate: Locator, scope: Scope): void {
    for (const node of expressionNodes(expression)) {
      if (node.type === "call") {
        const at = locate(node.nameSpan.start)!;
        const signature = this.#functions.signature(node.name);
        if (signature === undefined) {
          const hint = didYouMean(node.name, this.#functions.names());
          this.#add(`Cannot call function "${node.name}": it is not defined${hint}`, at);
          continue;
        }
        const arity = checkArity(signature, node.args.length);
        if (arity !== undefined) {
          this.#add(`Cannot call "${node.name}${signature.params}": it ${arity}`, at);
        }
      } else if (node.type === "path") this.#path(node, locate, scope);
    }
  }

  #path(node: PathExpression, locate: Locator, scope: Scope): void {
    const [root, ...rest] = node.segments;
    const name = root.key as string;
    const at = (index: number) => locate(node.segments[index]!.start)!;
    const fail = (message: string, index = 0) => this.#add(message, at(index));
    const field = (index: number) => rest[index - 1]?.key;
    const checkField = (index: number, label: string, allowed: readonly string[], what: string) => {
      const key = field(index);
      if (key === undefined || (typeof key === "string" && allowed.includes(key))) return;
      fail(`Cannot resolve "${label}.${key}": ${what}${didYouMean(String(key), allowed)}`, index);
    };
    if (name === "env") {
      if (rest.length !== 1 || typeof rest[0]!.key !== "string") {
        fail('Cannot resolve "env": write environment variables as "env.NAME"');
      }
      return;
    }
    if (name === "vars" && scope.vars !== undefined) {
      const key = field(1);
      if (key === undefined || scope.vars.has(String(key))) return;
      if (scope.where === "vars" && key === scope.self) {
        return fail(`Cannot resolve "vars.${key}": a var cannot read itself`, 1);
      }
      if (scope.allVars?.has(String(key))) {
        return fail(
          `Cannot resolve "vars.${key}": vars are evaluated in order and "${key}" comes later`,
          1,
        );
      }
      return fail(
        `Cannot resolve "vars.${key}": no var "${key}" is declared${
          didYouMean(String(key), scope.vars)
        }`,
        1,
      );
    }
    if (name === "pool" && scope.pool) {
      return checkField(1, "pool", ROOT_FIELDS.pool, "the pool has id, name and region");
    }
    if (name === "client" && scope.client) {
      return checkField(1, "client", ROOT_FIELDS.client, "the client has id and secret");
    }
    if (name === "response" && scope.response) {
      return checkField(
        1,
        "response",
        ROOT_FIELDS.response,
        "the response has status, headers and body",
      );
    }
    if (name === "users" && scope.users !== undefined) {
      const user = field(1);
      if (user === undefined) return;
      if (!scope.users.has(String(user))) {
        return fail(
          `Cannot resolve "users.${user}": no user "${user}" is declared${
            didYouMean(String(user), scope.users)
          }`,
          1,
        );
      }
      return checkField(
        2,
        `users.${user}`,
        ROOT_FIELDS.user,
        "a user has username, password, sub and attributes",
      );
    }
    if (scope.lets?.has(name) || scope.captures?.has(name)) return;
    fail(`Cannot resolve "${name}": ${this.#whyUndefined(name, scope)}`);
  }

  #whyUndefined(name: string, scope: Scope): string {
    if (scope.lets !== undefined && name === scope.self) {
      return `the let binding "${name}" cannot read itself`;
    }
    if (scope.laterLets?.has(name)) return `the let binding "${name}" is defined after this use`;
    if (scope.ownSaves?.has(name)) {
      return "this step saves it, so only later steps can read it (use response.body here)";
    }
    const later = scope.laterSaves?.get(name);
    if (later !== undefined) return `it is saved only by a later step (steps[${later}])`;
    if (["vars", "pool", "client", "users", "response"].includes(name)) {
      return `not available in ${scope.where}`;
    }
    const known = [
      ...(scope.captures ?? []),
      ...(scope.lets ?? []),
      ...(scope.vars ? ["vars"] : []),
      ...(scope.pool ? ["pool"] : []),
      ...(scope.client ? ["client"] : []),
      ...(scope.users ? ["users"] : []),
      ...(scope.response ? ["response"] : []),
      "env",
    ];
    const hint = didYouMean(name, known);
    return scope.inStep
      ? `no earlier step saves it${hint}`
      : `it is not defined in ${scope.where}${hint}`;
  }
}
