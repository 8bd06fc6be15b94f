/**
 * The evaluation engine of `${…}` expressions: paths read from the context,
 * literals, and calls to registered functions, each result carrying whether
 * it is secret. It stays synchronous until a function implementation returns
 * a promise. Failures are {@linkcode Failure}s, which the public entry points
 * (`render.ts`) turn into located `RenderError`s.
 *
 * @module
 */

import { type CallExpression, type Expression, formatPath, type PathExpression } from "./ast.ts";
import type { RenderContext, RenderOptions } from "./context.ts";
import type { MissingValue } from "./errors.ts";
import {
  type CallContext,
  checkArity,
  type FunctionSignature,
  type TemplateFunction,
} from "./signatures.ts";
import { pathLabel, trackCallSecrets } from "./_secrets.ts";
import { didYouMean } from "./suggest.ts";
import { isPlainObject, kindOf } from "./_values.ts";

/** An evaluated expression. */
export interface Evaluated {
  value: unknown;
  secret: boolean;
  /** What a secret value is, for its mask: a function or the last path segment. */
  label: string;
}

/** Why an expression cannot be evaluated, before it is located in its template. */
export class Failure extends Error {
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
export type Maybe<T> = T | Promise<T>;

/** Whether `value` is a promise (an async function was met). */
export function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

const randomUUID = () => crypto.randomUUID();
const noEnvironment = () => undefined;

/** What functions may use, from the context or its defaults. */
export function callContext(context: RenderContext): CallContext {
  return {
    now: context.now ?? Date.now,
    randomUUID: context.randomUUID ?? randomUUID,
    env: context.env ?? noEnvironment,
  };
}

/** Evaluates one expression node; throws a {@linkcode Failure} when it cannot. */
export function evaluateNode(
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
  return { value, secret: trackCallSecrets(signature, value, tainted, options), label: node.name };
}
