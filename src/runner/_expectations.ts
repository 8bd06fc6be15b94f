/**
 * A step's `expect` block, rendered for the checks: the status part
 * (`status` and the `error` sugar, checked first) and the content parts
 * (`headers`, `body`, each `query`). Parts are rendered one by one, so a
 * part that cannot be rendered (say, it reads a field the response lacks)
 * is reported on its own while the others are still checked.
 *
 * A block without templates renders the same every time, so it is rendered
 * once per block and shared (frozen) by every later run of its step.
 */

import type { QueryExpectation, ResponseExpectation } from "../assert/mod.ts";
import type { Expectation } from "../scenario/mod.ts";
import { isTemplate, render, type RenderContext, type RenderOptions } from "../template/mod.ts";

/** The rendered parts of an `expect` block, and the parts that could not be rendered. */
export interface RenderedExpectation {
  /** `status` and `error`, for `checkStatus`; absent when they could not be rendered. */
  status?: ResponseExpectation;
  /** `headers`, `body` and the queries that rendered, for `checkContent`. */
  content: ResponseExpectation;
  /** Why the status part could not be rendered. */
  statusProblem?: unknown;
  /** Why content parts could not be rendered, in part order. */
  contentProblems: unknown[];
}

/** A step without `expect` expects status 200. */
const NO_EXPECTATION: Expectation = { query: [], position: { line: 0, column: 0 } };
/**
 * Rendered `expect` blocks that hold no template, by block: rendering one
 * again would only copy the same tree. Frozen, since every run of the step
 * shares it.
 */
const STATIC_EXPECTATIONS = new WeakMap<Expectation, RenderedExpectation>();
/** `expect` blocks known to hold templates. */
const TEMPLATED = new WeakSet<Expectation>();

function holdsTemplates(expect: Expectation): boolean {
  const trees = [expect.status, expect.headers, expect.body, expect.error];
  for (const check of expect.query) trees.push(check.expected);
  return trees.some(holdsTemplate);
}

function holdsTemplate(tree: unknown): boolean {
  if (isTemplate(tree)) return true;
  if (Array.isArray(tree)) return tree.some(holdsTemplate);
  if (isRecord(tree)) return Object.values(tree).some(holdsTemplate);
  return false;
}

/** Freezes plain objects and lists (not the compiled queries an expectation holds). */
function deepFreeze<T>(value: T): T {
  if ((Array.isArray(value) || isRecord(value)) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The rendered `expect` block of a step (status 200 without one); `context`
 * makes the render context, with `response` in scope, when the block has to
 * be rendered. A template-free block comes back at once (no promise).
 */
export function expectationOf(
  expect: Expectation | undefined,
  context: () => RenderContext,
  options: RenderOptions,
): RenderedExpectation | Promise<RenderedExpectation> {
  const block = expect ?? NO_EXPECTATION;
  const known = STATIC_EXPECTATIONS.get(block);
  if (known !== undefined) return known;
  return renderParts(block, context(), options).then((rendered) => {
    if (!TEMPLATED.has(block)) {
      if (holdsTemplates(block)) TEMPLATED.add(block);
      else STATIC_EXPECTATIONS.set(block, deepFreeze(rendered));
    }
    return rendered;
  });
}

async function renderParts(
  block: Expectation,
  context: RenderContext,
  options: RenderOptions,
): Promise<RenderedExpectation> {
  const out: RenderedExpectation = { content: {}, contentProblems: [] };
  try {
    const status: ResponseExpectation = {};
    if (block.status !== undefined) status.status = await render(block.status, context, options);
    if (block.error !== undefined) {
      status.error = await render(block.error, context, options) as
        & ResponseExpectation["error"]
        & object;
    }
    out.status = status;
  } catch (error) {
    out.statusProblem = error;
  }
  const content = out.content;
  const attempt = async (fill: () => Promise<void>) => {
    try {
      await fill();
    } catch (error) {
      out.contentProblems.push(error);
    }
  };
  if (block.headers !== undefined) {
    await attempt(async () => {
      content.headers = await render(block.headers, context, options) as Record<string, unknown>;
    });
  }
  if (block.body !== undefined) {
    await attempt(async () => {
      content.body = await render(block.body, context, options);
    });
  }
  const queries: QueryExpectation[] = [];
  for (const check of block.query) {
    await attempt(async () => {
      queries.push({
        query: check.query,
        expected: await render(check.expected, context, options),
      });
    });
  }
  if (queries.length > 0) content.query = queries;
  return out;
}
