/**
 * JMESPath, compiled once and evaluated many times: the one query language of
 * `save` and `expect.query`. Compile errors carry the offset of the offending
 * token so the scenario loader can point at it.
 *
 * @module
 */

import {
  compile,
  getRegisteredFunctions,
  type JSONValue,
  tokenize,
  TreeInterpreter,
} from "@jmespath-community/jmespath";

/**
 * A JMESPath expression that does not compile, or calls an unknown function.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileQuery, QuerySyntaxError } from "./query.ts";
 * assert.throws(() => compileQuery("a.[b"), (error: unknown) => {
 *   assert.ok(error instanceof QuerySyntaxError);
 *   assert.equal(error.offset, 4);
 *   return true;
 * });
 * ```
 */
export class QuerySyntaxError extends SyntaxError {
  /** Always `"QuerySyntaxError"`. */
  override name = "QuerySyntaxError";
  /** The expression as written. */
  readonly expression: string;
  /** 0-based offset of the problem in {@linkcode expression}. */
  readonly offset: number;

  /** `reason` is the part after the colon; `at` says where. */
  constructor(reason: string, at: { expression: string; offset: number }) {
    super(`Cannot compile query "${at.expression}": ${reason}`);
    this.expression = at.expression;
    this.offset = at.offset;
  }
}

/**
 * A query that failed while evaluating (e.g. a function given the wrong type).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileQuery, QueryEvaluationError } from "./query.ts";
 * assert.throws(() => compileQuery("length(a)").evaluate({ a: 1 }), QueryEvaluationError);
 * ```
 */
export class QueryEvaluationError extends TypeError {
  /** Always `"QueryEvaluationError"`. */
  override name = "QueryEvaluationError";
}

/** A compiled JMESPath expression. */
export interface Query {
  /** The expression as written. */
  readonly expression: string;
  /** Evaluates against a JSON value; `null` when nothing matches (JMESPath semantics). */
  evaluate(value: unknown): unknown;
}

type AstNode = { type?: string; name?: string; children?: unknown[]; [key: string]: unknown };

/**
 * Compiles a JMESPath expression, checking function names too (the library
 * only finds unknown functions when it runs them).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileQuery } from "./query.ts";
 * const query = compileQuery("AuthenticationResult.NewDeviceMetadata.DeviceKey");
 * const body = { AuthenticationResult: { NewDeviceMetadata: { DeviceKey: "us-east-1_x" } } };
 * assert.equal(query.evaluate(body), "us-east-1_x");
 * assert.equal(query.evaluate({}), null);
 * assert.equal(compileQuery("length(Devices)").evaluate({ Devices: [1, 2] }), 2);
 * ```
 */
export function compileQuery(expression: string): Query {
  if (expression.trim() === "") {
    throw new QuerySyntaxError("the expression is empty", { expression, offset: 0 });
  }
  let ast: AstNode;
  try {
    ast = compile(expression) as unknown as AstNode;
  } catch (error) {
    const reason = error instanceof Error ? cleanReason(error.message) : String(error);
    throw new QuerySyntaxError(reason, { expression, offset: errorOffset(expression, error) });
  }
  const known = new Set(getRegisteredFunctions());
  for (const name of functionNames(ast)) {
    if (!known.has(name)) {
      throw new QuerySyntaxError(`unknown function "${name}()"`, {
        expression,
        offset: functionOffset(expression, name),
      });
    }
  }
  const compiled = ast as unknown as Parameters<typeof TreeInterpreter.search>[0];
  return {
    expression,
    evaluate(value: unknown): unknown {
      try {
        return TreeInterpreter.search(compiled, value as JSONValue);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new QueryEvaluationError(`Cannot evaluate query "${expression}": ${reason}`);
      }
    },
  };
}

/** Rewrites the library's token-speak ("invalid token (Rbracket)") into plain words. */
function cleanReason(message: string): string {
  const reason = message.replace(/^Syntax error[:,]\s*/i, "");
  if (/\(EOF\)|got: EOF|\bEOF\b/.test(reason)) return "unexpected end of the expression";
  const token = /^invalid token \(\w+\): "(.*)"$/.exec(reason)?.[1] ??
    /^unexpected token type: \w+, value: (.*)$/.exec(reason)?.[1] ??
    /^unexpected token: (.*)\(\w+\)$/.exec(reason)?.[1];
  return token === undefined ? reason : `unexpected "${token}"`;
}

function* functionNames(node: unknown): Generator<string> {
  if (Array.isArray(node)) {
    for (const item of node) yield* functionNames(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const ast = node as AstNode;
  if (ast.type === "Function" && typeof ast.name === "string") yield ast.name;
  for (const [key, value] of Object.entries(ast)) {
    if (key !== "value" && typeof value === "object") yield* functionNames(value);
  }
}

function functionOffset(expression: string, name: string): number {
  const match = new RegExp(`\\b${name}\\s*\\(`).exec(expression);
  return match?.index ?? 0;
}

/**
 * The library's errors carry no position. A lexer error names the character;
 * for a parser error, the offending token is the first one whose inclusion
 * makes a prefix of the expression fail for a reason other than running out
 * of input.
 */
function errorOffset(expression: string, error: unknown): number {
  const message = error instanceof Error ? error.message : "";
  let tokens: { start: number }[];
  try {
    tokens = tokenize(expression) as { start: number }[];
  } catch {
    const char = /unknown character: (.)/.exec(message)?.[1];
    const at = char === undefined ? -1 : expression.indexOf(char);
    return at === -1 ? 0 : at;
  }
  for (let i = 0; i < tokens.length; i++) {
    const end = tokens[i + 1]?.start ?? expression.length;
    try {
      compile(expression.slice(0, end));
    } catch (prefixError) {
      const text = prefixError instanceof Error ? prefixError.message : "";
      if (!/\bEOF\b/.test(text)) return tokens[i]!.start;
    }
  }
  return expression.trimEnd().length;
}
