/**
 * The word level of the shell reader: quotes, escapes, `$NAME`, `${…}`,
 * `$(…)`, backticks and `$'…'`, with the line and column of every part.
 * `_shell_reader.ts` adds the command level on top.
 *
 * @module
 */

import {
  type ParamPart,
  type Script,
  type ShellPosition,
  ShellSyntaxError,
  type TextPart,
  type Word,
  type WordPart,
} from "./shell.ts";

/** A cursor over script text that reads words; subclasses read commands. */
export abstract class WordReader {
  protected readonly text: string;
  protected index = 0;
  protected line: number;
  protected column: number;
  protected get position(): ShellPosition {
    return { line: this.line, column: this.column };
  }

  protected peek(offset = 0): string {
    return this.text[this.index + offset] ?? "";
  }

  protected advance(count = 1): string {
    let out = "";
    for (let i = 0; i < count && this.index < this.text.length; i++) {
      const char = this.text[this.index++]!;
      out += char;
      if (char === "\n") {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
    return out;
  }

  protected fail(message: string, position: ShellPosition = this.position): never {
    throw new ShellSyntaxError(`Cannot read the script: ${message}`, position);
  }

  protected skipBlanks(): void {
    for (;;) {
      const char = this.peek();
      if (char === " " || char === "\t" || char === "\r") this.advance();
      else if (char === "\\" && this.peek(1) === "\n") this.advance(2);
      else if (char === "\\" && this.peek(1) === "\r" && this.peek(2) === "\n") this.advance(3);
      else return;
    }
  }

  protected atWordBoundary(): boolean {
    const before = this.text[this.index - 1];
    return before === undefined || /[\s;&|()]/.test(before);
  }

  /** Reads one word at the cursor (the caller has checked it is not an operator). */
  protected word(): Word {
    const position = this.position;
    const parts: WordPart[] = [];
    let bare = "";
    let barePosition = position;
    const flush = () => {
      if (bare !== "") {
        parts.push({ kind: "text", text: bare, quoted: "none", position: barePosition });
      }
      bare = "";
    };
    for (;;) {
      const char = this.peek();
      if (char === "" || /[\s;&|()]/.test(char)) break;
      if (char === "<" || char === ">") {
        const placeholder = /^<[A-Za-z][^\s<>'"]*>/.exec(this.text.slice(this.index));
        if (char === "<" && placeholder !== null) {
          if (bare === "") barePosition = this.position;
          bare += this.advance(placeholder[0].length);
          continue;
        }
        break;
      }
      if (char === "\\") {
        if (this.peek(1) === "\n") {
          this.advance(2);
          continue;
        }
        if (bare === "") barePosition = this.position;
        this.advance();
        bare += this.advance();
        continue;
      }
      if (char === "'") {
        flush();
        const start = this.position;
        this.advance();
        const close = this.text.indexOf("'", this.index);
        if (close < 0) this.fail("unterminated single quote", start);
        parts.push({
          kind: "text",
          text: this.advance(close - this.index),
          quoted: "single",
          position: start,
        });
        this.advance();
        barePosition = this.position;
        continue;
      }
      if (char === "$" && this.peek(1) === "'") {
        flush();
        parts.push(this.#ansiQuoted());
        barePosition = this.position;
        continue;
      }
      if (char === '"') {
        flush();
        const start = this.position;
        this.advance();
        parts.push(...this.doubleQuotedContent(start));
        barePosition = this.position;
        continue;
      }
      if (char === "$" || char === "`") {
        const part = this.#dollar(false);
        if (part !== undefined) {
          flush();
          parts.push(part);
          barePosition = this.position;
          continue;
        }
      }
      if (bare === "") barePosition = this.position;
      bare += this.advance();
    }
    flush();
    if (parts.length === 0) return { parts: [], position };
    return { parts, position };
  }

  #ansiQuoted(): TextPart {
    const start = this.position;
    this.advance(2);
    let text = "";
    const escapes: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      "\\": "\\",
      "'": "'",
      '"': '"',
      a: "\x07",
      b: "\b",
      e: "\x1b",
      f: "\f",
      v: "\v",
    };
    for (;;) {
      const char = this.peek();
      if (char === "") this.fail("unterminated $'…' quote", start);
      if (char === "'") {
        this.advance();
        break;
      }
      if (char === "\\") {
        this.advance();
        const next = this.advance();
        if (next === "x") {
          const hex = /^[0-9a-fA-F]{1,2}/.exec(this.text.slice(this.index))?.[0] ?? "";
          this.advance(hex.length);
          text += String.fromCharCode(parseInt(hex || "0", 16));
        } else text += escapes[next] ?? `\\${next}`;
        continue;
      }
      text += this.advance();
    }
    return { kind: "text", text, quoted: "ansi", position: start };
  }

  /**
   * The parts inside double quotes, up to the closing quote (consumed), or, with
   * `opening` undefined, to the end of the text (a here-document's body).
   */
  protected doubleQuotedContent(opening: ShellPosition | undefined): WordPart[] {
    const parts: WordPart[] = [];
    let text = "";
    let textPosition = this.position;
    const flush = () => {
      if (text !== "") parts.push({ kind: "text", text, quoted: "double", position: textPosition });
      text = "";
    };
    for (;;) {
      const char = this.peek();
      if (char === "") {
        if (opening !== undefined) this.fail("unterminated double quote", opening);
        break;
      }
      if (char === '"' && opening !== undefined) {
        this.advance();
        break;
      }
      if (char === "\\") {
        const next = this.peek(1);
        if (next === "\n") {
          this.advance(2);
          continue;
        }
        if (text === "") textPosition = this.position;
        const escapable = opening === undefined ? "$`\\" : '$`"\\';
        if (escapable.includes(next) && next !== "") {
          this.advance();
          text += this.advance();
        } else text += this.advance();
        continue;
      }
      if (char === "$" || char === "`") {
        const part = this.#dollar(true);
        if (part !== undefined) {
          flush();
          parts.push(part);
          textPosition = this.position;
          continue;
        }
      }
      if (text === "") textPosition = this.position;
      text += this.advance();
    }
    flush();
    if (parts.length === 0 && opening !== undefined) {
      parts.push({ kind: "text", text: "", quoted: "double", position: opening });
    }
    return parts;
  }

  /** `$NAME`, `${…}`, `$(…)`, `$((…))` or a backtick substitution; `undefined` for a lone `$`. */
  #dollar(quoted: boolean): WordPart | undefined {
    const position = this.position;
    if (this.peek() === "`") {
      this.advance();
      let inner = "";
      const innerStart = this.position;
      for (;;) {
        const char = this.peek();
        if (char === "") this.fail("unterminated backtick substitution", position);
        if (char === "`") {
          this.advance();
          break;
        }
        if (char === "\\" && "`$\\".includes(this.peek(1))) {
          this.advance();
        }
        inner += this.advance();
      }
      const script = this.nested(inner, innerStart);
      return { kind: "command", script, quoted, position };
    }
    const next = this.peek(1);
    if (next === "(" && this.peek(2) === "(") {
      // Arithmetic: kept as text, it never carries a Cognito value.
      const close = this.text.indexOf("))", this.index);
      if (close < 0) this.fail('unterminated "$((" (no closing "))")', position);
      const text = this.advance(close + 2 - this.index);
      return { kind: "text", text, quoted: quoted ? "double" : "none", position };
    }
    if (next === "(") {
      this.advance(2);
      const script = this.substitution();
      return { kind: "command", script, quoted, position };
    }
    if (next === "{") {
      this.advance(2);
      return this.#braced(quoted, position);
    }
    if (/[A-Za-z_]/.test(next)) {
      this.advance();
      let name = "";
      while (/[A-Za-z0-9_]/.test(this.peek()) && this.peek() !== "") name += this.advance();
      return { kind: "param", name, quoted, position };
    }
    if (/[0-9@*#?$!-]/.test(next) && next !== "") {
      this.advance();
      return { kind: "param", name: this.advance(), quoted, position };
    }
    return undefined;
  }

  #braced(quoted: boolean, position: ShellPosition): ParamPart {
    let name = "";
    if (this.peek() === "#" && this.peek(1) !== "}") name = this.advance(); // ${#NAME}: length
    if (/[A-Za-z_]/.test(this.peek()) && this.peek() !== "") {
      while (/[A-Za-z0-9_]/.test(this.peek()) && this.peek() !== "") name += this.advance();
    } else if (/[0-9@*?!$#-]/.test(this.peek()) && this.peek() !== "") {
      name += this.advance();
    }
    if (name === "") this.fail('expected a parameter name after "${"', position);
    const part: ParamPart = { kind: "param", name, quoted, position };
    if (this.peek() === "[") {
      const close = this.text.indexOf("]", this.index);
      if (close < 0) this.fail('unterminated "${…[" (no closing "]")', position);
      part.index = this.text.slice(this.index + 1, close);
      this.advance(close + 1 - this.index);
    }
    const op = /^(?::[-=?+]|[-=?+]|##?|%%?|\/\/?|:)/.exec(this.text.slice(this.index))?.[0];
    if (op !== undefined) {
      this.advance(op.length);
      part.op = op;
      part.arg = this.#bracedWord(position);
    }
    if (this.peek() !== "}") this.fail('unterminated "${" (no closing "}")', position);
    this.advance();
    return part;
  }

  /** The word of `${NAME:-word}` up to the closing brace (not consumed). */
  #bracedWord(opening: ShellPosition): Word {
    const position = this.position;
    const parts: WordPart[] = [];
    let text = "";
    let textPosition = position;
    const flush = () => {
      if (text !== "") parts.push({ kind: "text", text, quoted: "none", position: textPosition });
      text = "";
    };
    for (;;) {
      const char = this.peek();
      if (char === "") this.fail('unterminated "${" (no closing "}")', opening);
      if (char === "}") break;
      if (char === "'") {
        flush();
        const start = this.position;
        this.advance();
        const close = this.text.indexOf("'", this.index);
        if (close < 0) this.fail("unterminated single quote", start);
        parts.push({
          kind: "text",
          text: this.advance(close - this.index),
          quoted: "single",
          position: start,
        });
        this.advance();
        continue;
      }
      if (char === '"') {
        flush();
        const start = this.position;
        this.advance();
        parts.push(...this.doubleQuotedContent(start));
        continue;
      }
      if (char === "\\") {
        this.advance();
        if (text === "") textPosition = this.position;
        text += this.advance();
        continue;
      }
      if (char === "$" || char === "`") {
        const part = this.#dollar(false);
        if (part !== undefined) {
          flush();
          parts.push(part);
          continue;
        }
      }
      if (text === "") textPosition = this.position;
      text += this.advance();
    }
    flush();
    return { parts, position };
  }

  constructor(text: string, start: ShellPosition) {
    this.text = text;
    this.line = start.line;
    this.column = start.column;
  }

  /** Reads the commands of a `$(…)` up to its `)`. */
  protected abstract substitution(): Script;

  /** Reads `text` (a backtick substitution's) as a script starting at `start`. */
  protected abstract nested(text: string, start: ShellPosition): Script;
}
