/**
 * A step's `expect` block, rendered for `checkResponse`. A block without
 * templates renders the same every time, so it is rendered once per block
 * and shared (frozen) by every later run of its step.
 */

import type { ResponseExpectation } from "../assert/mod.ts";
import { type Expectation, renderExpectation } from "../scenario/mod.ts";
import { isTemplate, type RenderContext, type RenderOptions } from "../template/mod.ts";

/** A step without `expect` expects status 200. */
const NO_EXPECTATION: Expectation = { query: [], position: { line: 0, column: 0 } };
/**
 * Rendered `expect` blocks that hold no template, by block: rendering one
 * again would only copy the same tree. Frozen, since every run of the step
 * shares it.
 */
const STATIC_EXPECTATIONS = new WeakMap<Expectation, ResponseExpectation>();
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
 * The rendered `expect` block of a step (`{}`, status 200, without one);
 * `context` makes the render context, with `response` in scope, when the
 * block has to be rendered.
 */
export async function expectationOf(
  expect: Expectation | undefined,
  context: () => RenderContext,
  options: RenderOptions,
): Promise<ResponseExpectation> {
  const block = expect ?? NO_EXPECTATION;
  const known = STATIC_EXPECTATIONS.get(block);
  if (known !== undefined) return known;
  const rendered = await renderExpectation(block, context(), options);
  if (!TEMPLATED.has(block)) {
    if (holdsTemplates(block)) TEMPLATED.add(block);
    else STATIC_EXPECTATIONS.set(block, deepFreeze(rendered));
  }
  return rendered;
}
