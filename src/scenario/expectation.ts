/**
 * Rendering a step's `expect` block into the plain form the assertion module
 * checks.
 *
 * @module
 */

import type { ResponseExpectation } from "../assert/mod.ts";
import { render, type RenderContext, type RenderOptions } from "../template/mod.ts";
import type { Expectation } from "./types.ts";

/**
 * Renders the templates of an `expect` block (with `response` among the
 * context's values, if the scenario reads it) into a
 * {@linkcode ResponseExpectation} for `checkResponse`. A step without
 * `expect` yields `{}`, which expects status 200.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkResponse } from "../assert/mod.ts";
 * import { builtinFunctions } from "../template/mod.ts";
 * import { parseScenario } from "./parse.ts";
 * import { renderExpectation } from "./expectation.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: x",
 *     "vars: { key: k1 }",
 *     "steps:",
 *     "  - call: GetDevice",
 *     "    request: { DeviceKey: '${vars.key}' }",
 *     "    expect:",
 *     "      body: { Device: { DeviceKey: '${vars.key}' } }",
 *   ].join("\n"),
 *   "x.yaml",
 * );
 * const context = { values: { vars: { key: "k1" } }, functions: builtinFunctions() };
 * const expectation = await renderExpectation(scenario!.steps[0]!.expect, context);
 * assert.deepEqual(expectation, { body: { Device: { DeviceKey: "k1" } } });
 * const response = { status: 200, headers: {}, body: { Device: { DeviceKey: "k1" } } };
 * assert.deepEqual(await checkResponse(response, expectation), []);
 * ```
 */
export async function renderExpectation(
  expectation: Expectation | undefined,
  context: RenderContext,
  options: RenderOptions = {},
): Promise<ResponseExpectation> {
  const out: ResponseExpectation = {};
  if (expectation === undefined) return out;
  if (expectation.status !== undefined) {
    out.status = await render(expectation.status, context, options);
  }
  if (expectation.headers !== undefined) {
    out.headers = await render(expectation.headers, context, options) as Record<string, unknown>;
  }
  if (expectation.body !== undefined) out.body = await render(expectation.body, context, options);
  if (expectation.error !== undefined) {
    out.error = await render(expectation.error, context, options) as
      & ResponseExpectation["error"]
      & object;
  }
  if (expectation.query.length > 0) {
    const query = [];
    for (const check of expectation.query) {
      query.push({ query: check.query, expected: await render(check.expected, context, options) });
    }
    out.query = query;
  }
  return out;
}
