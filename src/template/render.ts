/**
 * Evaluation of templates against a context of named values (vars, pool,
 * client, users, captures, `let` bindings, `response`) and a function
 * registry.
 *
 * @module
 */

import {
  type CallExpression,
  type Expression,
  type ExpressionPart,
  formatExpression,
  formatPath,
  type PathExpression,
  type SourcePosition,
  Template,
} from "./ast.ts";
import type {
  CallContext,
  FunctionRegistry,
  FunctionSignature,
  TemplateFunction,
} from "./functions.ts";
import { toText } from "./functions.ts";
import { didYouMean } from "./suggest.ts";
import { isPlainObject, kindOf } from "./_values.ts";

/** What templates are evaluated against. */
export interface RenderContext {
  /**
   * The root names a path can start with: `vars`, `pool`, `client`, `users`,
   * saved captures, `let` bindings, `response`… (`env` is handled apart).
   */
  values: Readonly<Record<string, unknown>>;
  /** The functions a call can use. */
  functions: FunctionRegistry;
  /**
   * Reads environment variables for `${env.NAME}` and `env(name)`. Without it
   * every variable counts as unset (library code does not read the process
   * environment on its own).
   */
  env?: (name: string) => string | undefined;
  /** Clock in epoch milliseconds, for `now()` and SRP timestamps. Defaults to `Date.now`. */
  now?: () => number;
  /** UUID source for `uuid()`. Defaults to `crypto.randomUUID`. */
  randomUUID?: () => string;
}

/** Options of {@linkcode render}. */
export interface RenderOptions {
  /**
   * Called with every string that must be masked in reports, and a label
   * saying what it is: the declared secret members of a function's object
   * result (labelled with the member name, e.g. `PASSWORD_CLAIM_SIGNATURE`),
   * results of secret functions (the function name, e.g. `secretHash`, or
   * the member name for a string inside an object result), results of
   * functions that declare no secret members applied to secret arguments
   * (the function name, e.g. `concat`), and values read through paths that
   * {@linkcode RenderOptions.isSecret} flags (the last path segment).
   * @default {undefined}
   */
  onSecret?: (value: string, label: string) => void;
  /**
   * Whether a value read through a path is secret (e.g. the runner's set of
   * known secret strings), so that functions applied to it taint their result.
   * @default {() => false}
   */
  isSecret?: (value: unknown) => boolean;
}

/**
 * A template that cannot be rendered: a missing value, a failing function.
 * The message names the expression and the missing segment, never a value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtinFunctions, parseTemplate, render, RenderError } from "./mod.ts";
 * const template = parseTemplate("${tokens.RefreshTokn}");
 * const context = { values: { tokens: { RefreshToken: "r" } }, functions: builtinFunctions() };
 * await assert.rejects(render(template, context), (error: unknown) => {
 *   assert.ok(error instanceof RenderError);
 *   assert.equal(
 *     error.message,
 *     'Cannot render "${tokens.RefreshTokn}": "RefreshTokn" is not in tokens (did you mean "RefreshToken"?)',
 *   );
 *   return true;
 * });
 * ```
 */
export class RenderError extends Error {
  override name = "RenderError";
  /** The `${…}` occurrence that failed, as written. */
  readonly expression: string;
  /** The whole template source. */
  readonly template: string;
  /** File position of the failing occurrence, when the template knows it. */
  readonly position: SourcePosition | undefined;
  /**
   * When a path led nowhere (an undefined root, a missing key, an index out
   * of range, a scalar where a container was read): the path and how far it
   * got. The runner turns a missing `response.body…` into an assertion
   * failure at that JSON path.
   */
  readonly missing: MissingValue | undefined;

  /** `reason` is the part after the colon; `at` says which occurrence failed. */
  constructor(
    reason: string,
    at: {
      expression: string;
      template: string;
      position?: SourcePosition | undefined;
      missing?: MissingValue | undefined;
    },
  ) {
    super(`Cannot render "${at.expression}": ${reason}`);
    this.expression = at.expression;
    this.template = at.template;
    this.position = at.position;
    this.missing = at.missing;
  }
}

interface Evaluated {
  value: unknown;
  secret: boolean;
  /** What a secret value is, for its mask: a function or the last path segment. */
  label: string;
}

/** A path that could not be followed (see {@linkcode RenderError.missing}). */
export interface MissingValue {
  /** The path's segments as written, root first: `["response", "body", "Devices", 0]`. */
  path: readonly (string | number)[];
  /** How many leading segments were found (0 when the root itself is not defined). */
  found: number;
}

class Failure extends Error {
  readonly missing: MissingValue | undefined;
  constructor(message: string, missing?: MissingValue) {
    super(message);
    this.missing = missing;
  }
}

/**
 * A value, or a promise of it when a function implementation was async.
 * Rendering stays synchronous until then: a promise per node of every
 * request and expectation tree cost more than the rest of the rendering.
 */
type Maybe<T> = T | Promise<T>;

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

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
  return await renderTree(value, { context, call: callContext(context), options });
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
 * Failures throw a {@linkcode RenderError} whose expression is the given
 * label.
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

const randomUUID = () => crypto.randomUUID();
const noEnvironment = () => undefined;

function callContext(context: RenderContext): CallContext {
  return {
    now: context.now ?? Date.now,
    randomUUID: context.randomUUID ?? randomUUID,
    env: context.env ?? noEnvironment,
  };
}

function evaluateNode(
  node: Expression,
  context: RenderContext,
  call: CallContext,
  options: RenderOptions,
): Maybe<Evaluated> {
  switch (node.type) {
    case "literal":
      return { value: node.value, secret: false, label: "literal" };
    case "path": {
      const value = readPath(node, context, call);
      const secret = options.isSecret?.(value) ?? false;
      return { value, secret, label: secret ? pathLabel(node) : "value" };
    }
    case "call":
      return callFunction(node, context, call, options);
  }
}

/** The last named segment of a path: what a secret read through it is. */
function pathLabel(node: PathExpression): string {
  const last = node.segments.findLast((segment) => typeof segment.key === "string");
  return String(last?.key ?? "value");
}

function readPath(node: PathExpression, context: RenderContext, call: CallContext): unknown {
  const segments = node.segments;
  const rootName = segments[0].key as string;
  if (rootName === "env") {
    const name = segments[1]?.key;
    if (segments.length !== 2 || typeof name !== "string") {
      throw new Failure('write environment variables as "env.NAME"');
    }
    const value = call.env(name);
    if (value === undefined) throw new Failure(`environment variable "${name}" is not set`);
    return value;
  }
  const missing = (found: number): MissingValue => ({
    path: segments.map((segment) => segment.key),
    found,
  });
  if (!Object.hasOwn(context.values, rootName)) {
    const known = [...Object.keys(context.values), "env"];
    throw new Failure(`"${rootName}" is not defined${didYouMean(rootName, known)}`, missing(0));
  }
  let value: unknown = context.values[rootName];
  for (let index = 1; index < segments.length; index++) {
    const key = segments[index]!.key;
    // The path so far (`formatPath(segments, index)`) is formatted only for a message.
    if (typeof key === "number") {
      if (!Array.isArray(value)) {
        throw new Failure(
          `${formatPath(segments, index)} is ${kindOf(value)}, not a list`,
          missing(index),
        );
      }
      const at = key < 0 ? value.length + key : key;
      if (at < 0 || at >= value.length) {
        throw new Failure(
          `index ${key} is out of range: ${formatPath(segments, index)} has ${value.length} items`,
          missing(index),
        );
      }
      value = value[at];
    } else {
      if (!isPlainObject(value)) {
        throw new Failure(
          `${formatPath(segments, index)} is ${kindOf(value)}, so it has no "${key}"`,
          missing(index),
        );
      }
      if (!Object.hasOwn(value, key)) {
        throw new Failure(
          `"${key}" is not in ${formatPath(segments, index)}${didYouMean(key, Object.keys(value))}`,
          missing(index),
        );
      }
      value = value[key];
    }
  }
  return value;
}

function callFunction(
  node: CallExpression,
  context: RenderContext,
  call: CallContext,
  options: RenderOptions,
): Maybe<Evaluated> {
  const signature = context.functions.signature(node.name);
  if (signature === undefined) {
    throw new Failure(
      `unknown function "${node.name}"${didYouMean(node.name, context.functions.names())}`,
    );
  }
  const arityProblem = checkArity(signature, node.args.length);
  if (arityProblem !== undefined) {
    throw new Failure(`${signature.name}${signature.params} ${arityProblem}`);
  }
  const implementation = context.functions.implementation(node.name);
  if (implementation === undefined) {
    throw new Failure(`function "${node.name}" has no implementation in this run`);
  }
  const invoke = { node, signature, implementation, context, call, options };
  return evaluateArgs(invoke, 0, [], false);
}

/** A call being evaluated. */
interface Invocation {
  node: CallExpression;
  signature: FunctionSignature;
  implementation: TemplateFunction;
  context: RenderContext;
  call: CallContext;
  options: RenderOptions;
}

/** Evaluates the arguments from `from` on, in order, then calls the function. */
function evaluateArgs(
  invoke: Invocation,
  from: number,
  args: unknown[],
  tainted: boolean,
): Maybe<Evaluated> {
  const { node, context, call, options } = invoke;
  for (let i = from; i < node.args.length; i++) {
    const result = evaluateNode(node.args[i]!, context, call, options);
    if (isPromise(result)) {
      return result.then((done) =>
        evaluateArgs(invoke, i + 1, [...args, done.value], tainted || done.secret)
      );
    }
    args.push(result.value);
    tainted ||= result.secret;
  }
  const failed = (error: unknown): never => {
    throw new Failure(`${node.name}() failed: ${error instanceof Error ? error.message : error}`);
  };
  let value: unknown;
  try {
    value = invoke.implementation(args, call);
  } catch (error) {
    failed(error);
  }
  if (value !== null && typeof value === "object" && "then" in value) {
    return Promise.resolve(value).then((done) => called(invoke, done, tainted), failed);
  }
  return called(invoke, value, tainted);
}

function called(invoke: Invocation, value: unknown, tainted: boolean): Evaluated {
  const { node, signature, options } = invoke;
  if (value === undefined) throw new Failure(`${node.name}() returned nothing`);
  const secret = signature.secret;
  if (Array.isArray(secret) && isPlainObject(value)) {
    // The signature names what is secret: its other members (a username, a
    // TIMESTAMP, a device key) stay readable, whatever the arguments were.
    for (const member of secret) reportSecrets(value[member], member, options);
    return { value, secret: false, label: node.name };
  }
  return {
    value,
    secret: secret === true || tainted || Array.isArray(secret),
    label: node.name,
  };
}

/**
 * Why `count` arguments do not fit `signature` (`takes 1 argument, got 0`),
 * or `undefined` when they do.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FUNCTION_SIGNATURES } from "./functions.ts";
 * import { checkArity } from "./render.ts";
 * const verifier = FUNCTION_SIGNATURES.find((s) => s.name === "srp.deviceVerifier")!;
 * assert.equal(checkArity(verifier, 0), "takes 1 argument, got 0");
 * assert.equal(checkArity(verifier, 1), undefined);
 * ```
 */
export function checkArity(signature: FunctionSignature, count: number): string | undefined {
  const { minArgs: min, maxArgs: max } = signature;
  if (count >= min && count <= max) return undefined;
  const plural = (n: number) => (n === 1 ? "argument" : "arguments");
  const takes = max === Infinity
    ? `at least ${min} ${plural(min)}`
    : min === max
    ? min === 0 ? "no arguments" : `${min} ${plural(min)}`
    : `${min} to ${max} arguments`;
  return `takes ${takes}, got ${count}`;
}

/** Reports every string of a secret value; a string inside an object is labelled with its key. */
function reportSecrets(value: unknown, label: string, options: RenderOptions): void {
  if (options.onSecret === undefined) return;
  if (typeof value === "string") options.onSecret(value, label);
  else if (Array.isArray(value)) { for (const item of value) reportSecrets(item, label, options); }
  else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) reportSecrets(item, key, options);
  }
}

function cloneJson(value: unknown): unknown {
  return typeof value === "object" && value !== null ? structuredClone(value) : value;
}
