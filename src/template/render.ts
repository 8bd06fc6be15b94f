/**
 * Rendering of value trees and evaluation of single expressions against a
 * context of named values (vars, pool, client, users, captures, `let`
 * bindings, `response`) and a function registry: the public entry points
 * over the engine in `_evaluate.ts`.
 *
 * @module
 */

import { type Expression, type ExpressionPart, formatExpression, Template } from "./ast.ts";
import type { RenderContext, RenderOptions } from "./context.ts";
import type { CallContext } from "./signatures.ts";
import { RenderError } from "./errors.ts";
import { toText } from "./functions.ts";
import {
  callContext,
  type Evaluated,
  evaluateNode,
  Failure,
  isPromise,
  type Maybe,
} from "./_evaluate.ts";
import { reportSecrets } from "./_secrets.ts";
import { isPlainObject } from "./_values.ts";

/**
 * Renders a value tree: every {@linkcode Template} in it is evaluated, other
 * values are kept. A whole template (`"${tokens}"`) yields the raw value; in a
 * longer string strings are inserted as they are and other values as JSON
 * (`"n=${count}"` → `"n=3"`, `"x=${obj}"` → `'x={"a":1}'`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtinFunctions, parseTemplate, render } from "./mod.ts";
 * const context = {
 *   values: { tokens: { AccessToken: "t0k3n", ExpiresIn: 3600 } },
 *   functions: builtinFunctions(),
 * };
 * const tree = {
 *   AccessToken: parseTemplate("${tokens.AccessToken}"),
 *   Note: parseTemplate("expires in ${tokens.ExpiresIn}s"),
 *   Whole: parseTemplate("${tokens}"),
 *   Fixed: [1, "two"],
 * };
 * assert.deepEqual(await render(tree, context), {
 *   AccessToken: "t0k3n",
 *   Note: "expires in 3600s",
 *   Whole: { AccessToken: "t0k3n", ExpiresIn: 3600 },
 *   Fixed: [1, "two"],
 * });
 * ```
 */
export async function render(
  value: unknown,
  context: RenderContext,
  options: RenderOptions = {},
): Promise<unknown> {
  return await renderEager(value, context, options);
}

/**
 * {@linkcode render}, without a promise when nothing in the tree has to
 * wait (no asynchronous function call): the runner renders every step's
 * request this way. A failure is thrown at once, or rejects the promise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtinFunctions, parseTemplate, renderEager } from "./mod.ts";
 * const context = { values: { token: "t0k3n" }, functions: builtinFunctions() };
 * assert.deepEqual(renderEager({ AccessToken: parseTemplate("${token}") }, context), { AccessToken: "t0k3n" });
 * ```
 */
export function renderEager(
  value: unknown,
  context: RenderContext,
  options: RenderOptions = {},
): unknown | Promise<unknown> {
  return renderTree(value, { context, call: callContext(context), options });
}

/** What a rendering needs, passed down the tree as one object. */
interface Scope {
  context: RenderContext;
  call: CallContext;
  options: RenderOptions;
}

function renderTree(value: unknown, scope: Scope): Maybe<unknown> {
  if (value instanceof Template) return renderTemplate(value, scope, 0, "");
  if (Array.isArray(value)) return renderList(value, scope, 0, []);
  if (isPlainObject(value)) return renderRecord(value, Object.keys(value), scope, 0, {});
  return value;
}

function renderList(list: unknown[], scope: Scope, from: number, out: unknown[]): Maybe<unknown> {
  for (let i = from; i < list.length; i++) {
    const item = renderTree(list[i], scope);
    if (isPromise(item)) {
      return item.then((done) => renderList(list, scope, i + 1, [...out, done]));
    }
    out.push(item);
  }
  return out;
}

function renderRecord(
  record: Record<string, unknown>,
  keys: readonly string[],
  scope: Scope,
  from: number,
  out: Record<string, unknown>,
): Maybe<unknown> {
  for (let i = from; i < keys.length; i++) {
    const key = keys[i]!;
    const item = renderTree(record[key], scope);
    if (isPromise(item)) {
      return item.then((done) => {
        out[key] = done;
        return renderRecord(record, keys, scope, i + 1, out);
      });
    }
    out[key] = item;
  }
  return out;
}

/** Renders the parts of `template` from `from` on, after the text already made. */
function renderTemplate(
  template: Template,
  scope: Scope,
  from: number,
  text: string,
): Maybe<unknown> {
  const { parts } = template;
  for (let i = from; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.type === "text") {
      text += part.text;
      continue;
    }
    let result: Maybe<Evaluated>;
    try {
      result = evaluateNode(part.expression, scope.context, scope.call, scope.options);
    } catch (error) {
      throw located(error, template, part);
    }
    if (isPromise(result)) {
      const made = text;
      return result.then(
        (done) => afterPart(template, scope, i, made, done),
        (error) => {
          throw located(error, template, part);
        },
      );
    }
    if (template.whole) return wholeValue(result, scope.options);
    text += piece(result, scope.options);
  }
  return text;
}

/** A failure of one `${…}` as a {@linkcode RenderError} that says where it is. */
function located(error: unknown, template: Template, part: ExpressionPart): unknown {
  if (!(error instanceof Failure)) return error;
  return new RenderError(error.message, {
    expression: part.source,
    template: template.source,
    position: template.positionAt(part.start),
    missing: error.missing,
  });
}

function afterPart(
  template: Template,
  scope: Scope,
  index: number,
  text: string,
  result: Evaluated,
): Maybe<unknown> {
  if (template.whole) return wholeValue(result, scope.options);
  return renderTemplate(template, scope, index + 1, text + piece(result, scope.options));
}

function wholeValue(result: Evaluated, options: RenderOptions): unknown {
  if (result.secret) reportSecrets(result.value, result.label, options);
  return cloneJson(result.value);
}

function piece(result: Evaluated, options: RenderOptions): string {
  const text = toText(result.value);
  if (result.secret) options.onSecret?.(text, result.label);
  return text;
}

/**
 * Evaluates one expression (the content of a `${…}`) to its raw value.
 * Failures throw a {@linkcode RenderError} whose expression is the
 * expression's canonical text in `${…}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtinFunctions, evaluate, parseExpression } from "./mod.ts";
 * const context = { values: { users: { alice: { username: "alice" } } }, functions: builtinFunctions() };
 * assert.equal(await evaluate(parseExpression("concat('u-', users.alice.username)"), context), "u-alice");
 * ```
 */
export async function evaluate(
  expression: Expression,
  context: RenderContext,
  options: RenderOptions = {},
): Promise<unknown> {
  try {
    const result = await evaluateNode(expression, context, callContext(context), options);
    if (result.secret) reportSecrets(result.value, result.label, options);
    return result.value;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const source = "${" + formatExpression(expression) + "}";
    throw new RenderError(error.message, {
      expression: source,
      template: source,
      missing: error.missing,
    });
  }
}

function cloneJson(value: unknown): unknown {
  return typeof value === "object" && value !== null ? structuredClone(value) : value;
}
