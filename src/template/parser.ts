/**
 * Parser of `${…}` templates: text with embedded expressions. No eval: an
 * expression is a path, a literal or a call to a registered function.
 *
 * ```
 * template   := ( text | "$${" | "${" ws expression ws "}" )*
 * expression := literal | path | call
 * path       := name ( "." name | "[" integer "]" | "[" string "]" )*
 * call       := name ( "." name )* "(" [ expression ( "," expression )* ] ")"
 * literal    := string | number | "true" | "false" | "null"
 * name       := [A-Za-z_][A-Za-z0-9_-]*
 * string     := '…' | "…"   (escapes: \\ \' \" \n \t \uXXXX)
 * ```
 *
 * @module
 */

import type { Expression, ExpressionPart, Locator, TemplatePart } from "./ast.ts";
import { Template } from "./ast.ts";
import { ExpressionParser } from "./_expression_parser.ts";

/** Options of {@linkcode parseTemplate}. */
export interface ParseTemplateOptions {
  /**
   * Maps offsets in the text to file positions; kept by the template for
   * error reporting.
   * @default {undefined}
   */
  locate?: Locator;
}

/**
 * Whether `text` needs template parsing, i.e. contains `${` (or the `$${`
 * escape).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hasTemplate } from "./parser.ts";
 * assert.equal(hasTemplate("Bearer ${token}"), true);
 * assert.equal(hasTemplate("$5 {x}"), false);
 * ```
 */
export function hasTemplate(text: string): boolean {
  return text.includes("${");
}

/**
 * Parses a string with `${…}` expressions. `$${` stands for a literal `${`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTemplate } from "./parser.ts";
 * const template = parseTemplate("user-${uuid()} costs $${5}");
 * assert.equal(template.parts.length, 3);
 * assert.equal(template.parts[2]?.type === "text" && template.parts[2].text, " costs ${5}");
 * ```
 */
export function parseTemplate(text: string, options: ParseTemplateOptions = {}): Template {
  const parts: TemplatePart[] = [];
  let buffer = "";
  let bufferStart = 0;
  let i = 0;
  const flush = (end: number) => {
    if (buffer !== "") parts.push({ type: "text", text: buffer, start: bufferStart, end });
    buffer = "";
  };
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      if (buffer === "") bufferStart = i;
      buffer += "${";
      i += 3;
    } else if (text.startsWith("${", i)) {
      flush(i);
      const part = parseOccurrence(text, i);
      parts.push(part);
      i = part.end;
      bufferStart = i;
    } else {
      if (buffer === "") bufferStart = i;
      buffer += text[i];
      i += 1;
    }
  }
  flush(text.length);
  return new Template(text, parts, options.locate);
}

/**
 * Parses one expression, as found between `${` and `}` (also used for the
 * bare paths of a scenario's `secrets` list).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseExpression } from "./parser.ts";
 * const expression = parseExpression("srp.deviceClaim(challenge, device)");
 * assert.equal(expression.type, "call");
 * assert.equal(expression.type === "call" && expression.args.length, 2);
 * ```
 */
export function parseExpression(text: string): Expression {
  const parser = new ExpressionParser(text, 0, text);
  const expression = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail(`unexpected "${text[parser.pos]}"`);
  return expression;
}

function parseOccurrence(text: string, start: number): ExpressionPart {
  const close = text.indexOf("}", start);
  const snippet = close === -1 ? text.slice(start) : text.slice(start, close + 1);
  const parser = new ExpressionParser(text, start + 2, snippet);
  parser.skipSpace();
  if (parser.peek() === "}") parser.fail("empty expression");
  const expression = parser.expression();
  parser.skipSpace();
  if (parser.atEnd()) parser.fail('missing "}"');
  if (parser.peek() !== "}") parser.fail(`unexpected "${parser.peek()}"; expected "}"`);
  const end = parser.pos + 1;
  return { type: "expression", expression, source: text.slice(start, end), start, end };
}
