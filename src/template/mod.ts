/**
 * The `${…}` template language of scenario files.
 *
 * - A string that is exactly one `${…}` renders to the raw value (object,
 *   number, string…); inside a longer string, strings are inserted as they are
 *   and other values as JSON. `$${` is a literal `${`.
 * - An expression is a path (`tokens.AccessToken`, `a.b[0]`, `a["x-y"]`,
 *   `users.alice.password`, `env.NAME`), a literal (`'text'`, `"text"`, `42`,
 *   `true`, `null`) or a call to a function of the fixed registry
 *   (`srp.deviceVerifier(device)`), with positional arguments. No operators,
 *   no eval. A call's result cannot be dereferenced (`f().x`): bind it with a
 *   step's `let` so that one evaluation feeds every member.
 * - Functions are declared once ({@linkcode FUNCTION_SIGNATURES}) so scenario
 *   files can be validated without running; implementations are registered
 *   by their provider ({@linkcode FunctionRegistry.register}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtinFunctions, parseTemplate, render } from "./mod.ts";
 * const context = { values: { vars: { who: "alice" } }, functions: builtinFunctions() };
 * assert.equal(await render(parseTemplate("hi ${vars.who}, $${literal}"), context), "hi alice, ${literal}");
 * ```
 *
 * @module
 */

export {
  type CallExpression,
  type Expression,
  expressionNodes,
  type ExpressionPart,
  formatExpression,
  formatPath,
  isTemplate,
  type LiteralExpression,
  type Locator,
  type PathExpression,
  type PathSegment,
  type SourcePosition,
  type Span,
  Template,
  type TemplatePart,
  type TextPart,
} from "./ast.ts";
export { type MissingValue, RenderError, TemplateSyntaxError } from "./errors.ts";
export {
  hasTemplate,
  parseExpression,
  parseTemplate,
  type ParseTemplateOptions,
} from "./parser.ts";
export {
  type CallContext,
  checkArity,
  FUNCTION_SIGNATURES,
  type FunctionCatalogue,
  type FunctionSignature,
  type TemplateFunction,
} from "./signatures.ts";
export { builtinFunctions, FunctionRegistry, toText } from "./functions.ts";
export type { RenderContext, RenderOptions } from "./context.ts";
export { evaluate, render, renderEager } from "./render.ts";
export { closest, didYouMean, editDistance } from "./suggest.ts";
