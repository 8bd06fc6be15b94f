/**
 * The expression grammar of `${…}` templates (see `parser.ts`): a recursive
 * descent over one occurrence, failing with a {@linkcode TemplateSyntaxError}
 * that quotes the occurrence.
 *
 * @module
 */

import type { CallExpression, Expression, PathSegment } from "./ast.ts";
import { TemplateSyntaxError } from "./errors.ts";

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Reads expressions from `text`, starting at `pos`; `snippet` is quoted in errors. */
export class ExpressionParser {
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
