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

import {
  type CallExpression,
  type Expression,
  type ExpressionPart,
  type Locator,
  type PathSegment,
  Template,
  type TemplatePart,
} from "./ast.ts";

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

/** Options of {@linkcode parseTemplate}. */
export interface ParseTemplateOptions {
  /**
   * Maps offsets in the text to file positions; kept by the template for
   * error reporting.
   * @default {undefined}
   */
  locate?: Locator;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

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

class ExpressionParser {
  pos: number;
  readonly #text: string;
  readonly #snippet: string;

  constructor(text: string, pos: number, snippet: string) {
    this.#text = text;
    this.pos = pos;
    this.#snippet = snippet;
  }

  fail(reason: string, at = this.pos): never {
    throw new TemplateSyntaxError(reason, {
      source: this.#text,
      offset: at,
      snippet: this.#snippet,
    });
  }

  atEnd(): boolean {
    return this.pos >= this.#text.length;
  }

  peek(): string | undefined {
    return this.#text[this.pos];
  }

  skipSpace(): void {
    while (this.peek() === " " || this.peek() === "\t") this.pos += 1;
  }

  expression(): Expression {
    this.skipSpace();
    const c = this.peek();
    const start = this.pos;
    if (c === undefined || c === "}") {
      return this.fail("expected a value, a name or a function call");
    }
    if (c === '"' || c === "'") {
      const value = this.string();
      return { type: "literal", value, start, end: this.pos };
    }
    if (c === "-" || /[0-9]/.test(c)) return this.number();
    if (!NAME_START.test(c)) return this.fail(`unexpected "${c}"`);
    return this.pathOrCall();
  }

  number(): Expression {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.#text);
    if (match === null) return this.fail("expected a number");
    this.pos = start + match[0].length;
    if (this.peek() !== undefined && NAME_CHAR.test(this.peek()!)) {
      this.fail(`unexpected "${this.peek()}" after a number`);
    }
    return { type: "literal", value: Number(match[0]), start, end: this.pos };
  }

  name(): PathSegment {
    const start = this.pos;
    if (this.atEnd() || !NAME_START.test(this.peek()!)) return this.fail("expected a name");
    while (!this.atEnd() && NAME_CHAR.test(this.peek()!)) this.pos += 1;
    return { key: this.#text.slice(start, this.pos), start, end: this.pos };
  }

  pathOrCall(): Expression {
    const start = this.pos;
    const first = this.name();
    const segments: [PathSegment, ...PathSegment[]] = [first];
    let dottedOnly = true;
    for (;;) {
      const c = this.peek();
      if (c === ".") {
        this.pos += 1;
        if (this.atEnd() || !NAME_START.test(this.peek()!)) this.fail('expected a name after "."');
        segments.push(this.name());
      } else if (c === "[") {
        dottedOnly = false;
        segments.push(this.bracket());
      } else break;
    }
    if (this.peek() === "(") {
      if (!dottedOnly) this.fail('a function name cannot contain "[…]"');
      return this.call(segments, start);
    }
    if (segments.length === 1 && ["true", "false", "null"].includes(first.key as string)) {
      const value = first.key === "null" ? null : first.key === "true";
      return { type: "literal", value, start, end: this.pos };
    }
    return { type: "path", segments, start, end: this.pos };
  }

  bracket(): PathSegment {
    const start = this.pos;
    this.pos += 1;
    this.skipSpace();
    const c = this.peek();
    let key: string | number;
    if (c === '"' || c === "'") key = this.string();
    else if (c === "-" || (c !== undefined && /[0-9]/.test(c))) {
      const literal = this.number();
      const value = (literal as { value: number }).value;
      if (!Number.isInteger(value)) this.fail("expected an integer index", literal.start);
      key = value;
    } else return this.fail('expected an index or a quoted name after "["');
    this.skipSpace();
    if (this.peek() !== "]") this.fail('expected "]"');
    this.pos += 1;
    return { key, start, end: this.pos };
  }

  call(segments: readonly PathSegment[], start: number): CallExpression {
    const name = segments.map((segment) => segment.key).join(".");
    const nameSpan = { start, end: this.pos };
    this.pos += 1; // "("
    const args: Expression[] = [];
    this.skipSpace();
    if (this.peek() === ")") this.pos += 1;
    else {
      for (;;) {
        args.push(this.expression());
        this.skipSpace();
        const c = this.peek();
        if (c === ",") this.pos += 1;
        else if (c === ")") {
          this.pos += 1;
          break;
        } else if (c === undefined || c === "}") this.fail(`missing ")" to close "${name}("`);
        else this.fail(`unexpected "${c}"; expected "," or ")"`);
      }
    }
    const next = this.peek();
    if (next === "." || next === "[") {
      this.fail(
        `cannot read a member of "${name}(…)"; bind the call with "let" and read the member from it`,
      );
    }
    return { type: "call", name, nameSpan, args, start, end: this.pos };
  }

  string(): string {
    const quote = this.peek()!;
    const start = this.pos;
    this.pos += 1;
    let value = "";
    for (;;) {
      const c = this.peek();
      if (c === undefined) return this.fail("unterminated string", start);
      this.pos += 1;
      if (c === quote) return value;
      if (c !== "\\") {
        value += c;
        continue;
      }
      const e = this.peek();
      this.pos += 1;
      if (e === "\\" || e === '"' || e === "'") value += e;
      else if (e === "n") value += "\n";
      else if (e === "t") value += "\t";
      else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.#text.slice(this.pos, this.pos + 4))) {
        value += String.fromCharCode(parseInt(this.#text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else this.fail(`unknown escape "\\${e ?? ""}"`, this.pos - 2);
    }
  }
}
