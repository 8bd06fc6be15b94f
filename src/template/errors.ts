/**
 * The errors of the template language: a template that cannot be parsed
 * ({@linkcode TemplateSyntaxError}) and one that cannot be rendered
 * ({@linkcode RenderError}). Messages name the expression, never a value.
 *
 * @module
 */

import type { SourcePosition } from "./ast.ts";

/**
 * A template that cannot be parsed. `offset` is the 0-based position in the
 * template source where the problem was found.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTemplate, TemplateSyntaxError } from "./mod.ts";
 * assert.throws(() => parseTemplate("Bearer ${tokens.}"), (error: unknown) => {
 *   assert.ok(error instanceof TemplateSyntaxError);
 *   assert.equal(error.offset, 16);
 *   assert.equal(error.message, 'Cannot parse template "${tokens.}": expected a name after "."');
 *   return true;
 * });
 * ```
 */
export class TemplateSyntaxError extends SyntaxError {
  /** Always `"TemplateSyntaxError"`. */
  override name = "TemplateSyntaxError";
  /** The whole template source. */
  readonly source: string;
  /** 0-based offset of the problem in {@linkcode source}. */
  readonly offset: number;

  /**
   * `reason` is the part after the colon, e.g. `expected a name after "."`;
   * `at.snippet` is the occurrence quoted in the message.
   */
  constructor(reason: string, at: { source: string; offset: number; snippet: string }) {
    super(`Cannot parse template "${at.snippet}": ${reason}`);
    this.source = at.source;
    this.offset = at.offset;
  }
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
  /** Always `"RenderError"`. */
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

/** A path that could not be followed (see {@linkcode RenderError.missing}). */
export interface MissingValue {
  /** The path's segments as written, root first: `["response", "body", "Devices", 0]`. */
  path: readonly (string | number)[];
  /** How many leading segments were found (0 when the root itself is not defined). */
  found: number;
}
