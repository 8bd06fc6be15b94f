/**
 * The command level of the shell reader: pipelines, lists, assignments and
 * arrays, redirections with here-strings and here-documents, comments,
 * function definitions, and the keywords of compound commands.
 *
 * @module
 */

import { WordReader } from "./_shell_words.ts";
import {
  type Assignment,
  type Comment,
  type FunctionDefinition,
  type Pipeline,
  type Redirect,
  type Script,
  type ShellPosition,
  type SimpleCommand,
  type TextPart,
  type Word,
  type WordPart,
  wordText,
} from "./shell.ts";

/** Words that start or end compound commands; a command's leading ones are dropped. */
const LEADING_KEYWORDS = new Set([
  "if",
  "then",
  "elif",
  "else",
  "while",
  "until",
  "do",
  "!",
  "{",
  "time",
]);
const CLOSING_KEYWORDS = new Set(["fi", "done", "}", "esac"]);
const DECLARATIONS = new Set(["export", "local", "declare", "readonly", "typeset"]);

/** Reads a script: see `parseShell`. */
export class Reader extends WordReader {
  #pendingHeredocs: Array<{ delimiter: string; expand: boolean; strip: boolean; target: Word }> =
    [];
  readonly #comments: Comment[] = [];
  readonly #functions: FunctionDefinition[] = [];

  /** Reads pipelines until `terminator` (`)` of a `$(`) or the end. */
  script(terminator: ")" | undefined): Script {
    const pipelines: Pipeline[] = [];
    let commands: SimpleCommand[] = [];
    let current = this.#newCommand();
    let lastLine = this.line;
    const flushCommand = () => {
      if (current.words.length > 0 || current.assignments.length > 0 || current.redirects.length) {
        current.endLine = lastLine;
        const trimmed = this.#trimKeywords(current);
        if (trimmed !== undefined) commands.push(trimmed);
      }
      current = this.#newCommand();
    };
    const flushPipeline = () => {
      flushCommand();
      if (commands.length > 0) {
        pipelines.push({
          commands,
          position: commands[0]!.position,
          endLine: commands[commands.length - 1]!.endLine,
        });
      }
      commands = [];
    };
    for (;;) {
      this.skipBlanks();
      const char = this.peek();
      if (char === "") {
        if (terminator !== undefined) this.fail('unterminated "$(" (no closing ")")');
        break;
      }
      if (char === ")" && terminator === ")") {
        this.advance();
        break;
      }
      if (char === "#" && this.atWordBoundary()) {
        this.#comment();
        continue;
      }
      if (char === "\n") {
        this.advance();
        this.#readHeredocBodies();
        flushPipeline();
        continue;
      }
      if (char === ";" || char === "&") {
        const op = char === "&" && this.peek(1) === "&" ? "&&" : char;
        if (char === ";" && this.peek(1) === ";") this.advance(); // case's ";;"
        this.advance(op.length);
        flushPipeline();
        continue;
      }
      if (char === "|") {
        if (this.peek(1) === "|") {
          this.advance(2);
          flushPipeline();
        } else {
          this.advance(this.peek(1) === "&" ? 2 : 1);
          flushCommand();
        }
        continue;
      }
      if (char === "(" || char === ")") {
        // A function definition "name() {…}", or a subshell: read through.
        if (char === "(" && this.peek(1) === ")" && current.words.length === 1) {
          const name = wordText(current.words[0]!);
          this.advance(2);
          if (name !== undefined) {
            this.#functionBody(name, current.position);
            current = this.#newCommand();
            continue;
          }
        }
        this.advance();
        flushPipeline();
        continue;
      }
      const redirect = this.#redirect();
      if (redirect !== undefined) {
        current.redirects.push(redirect);
        lastLine = this.line;
        continue;
      }
      const start = this.position;
      const word = this.word();
      lastLine = this.line;
      if (current.words.length === 0 || this.#isDeclaration(current)) {
        const assignment = this.#assignment(word, start);
        if (assignment !== undefined) {
          current.assignments.push(assignment);
          lastLine = this.line;
          continue;
        }
      }
      if (current.words.length === 0 && current.assignments.length === 0) {
        const text = wordText(word);
        if (text === "function") {
          this.skipBlanks();
          const nameWord = this.word();
          this.skipBlanks();
          if (this.peek() === "(" && this.peek(1) === ")") this.advance(2);
          this.#functionBody(wordText(nameWord) ?? "", start);
          continue;
        }
      }
      current.words.push(word);
    }
    flushPipeline();
    return { pipelines, comments: this.#comments, functions: this.#functions };
  }

  #newCommand(): SimpleCommand {
    return {
      kind: "simple",
      assignments: [],
      words: [],
      redirects: [],
      position: this.position,
      endLine: this.line,
    };
  }

  #isDeclaration(command: SimpleCommand): boolean {
    const first = command.words[0];
    return command.words.length >= 1 && first !== undefined &&
      DECLARATIONS.has(wordText(first) ?? "") &&
      command.words.slice(1).every((word) => (wordText(word) ?? "").startsWith("-"));
  }

  /** Drops leading compound keywords (`if`, `then`, `do`…); `undefined` for a bare `fi`. */
  #trimKeywords(command: SimpleCommand): SimpleCommand | undefined {
    let words = command.words;
    while (words.length > 0 && LEADING_KEYWORDS.has(wordText(words[0]!) ?? "")) {
      words = words.slice(1);
    }
    if (
      words.length === 1 && CLOSING_KEYWORDS.has(wordText(words[0]!) ?? "") &&
      command.assignments.length === 0
    ) return undefined;
    const declaration = words.length > 0 && DECLARATIONS.has(wordText(words[0]!) ?? "");
    if (declaration && words.slice(1).every((word) => (wordText(word) ?? "").startsWith("-"))) {
      words = [];
    }
    if (words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
      return undefined;
    }
    return { ...command, words, position: words[0]?.position ?? command.position };
  }

  #functionBody(name: string, position: ShellPosition): void {
    this.#skipSpace();
    if (this.peek() !== "{") this.fail(`expected "{" after "${name}()"`);
    this.advance();
    // The body, up to the matching "}", is read as a script of its own.
    const start = this.index;
    const startPosition = this.position;
    const end = this.#matchingBrace();
    const inner = new Reader(this.text.slice(start, end), startPosition).script(undefined);
    this.advance(end - this.index + 1);
    this.#functions.push({ name, body: inner, position });
  }

  /** The index of the "}" closing the body that starts at the cursor (quotes respected). */
  #matchingBrace(): number {
    let depth = 1;
    let i = this.index;
    const text = this.text;
    while (i < text.length) {
      const char = text[i]!;
      if (char === "\\") i += 2;
      else if (char === "'") {
        const close = text.indexOf("'", i + 1);
        i = close < 0 ? text.length : close + 1;
      } else if (char === '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
        i++;
      } else if (char === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
        while (i < text.length && text[i] !== "\n") i++;
      } else if (char === "{") {
        depth++;
        i++;
      } else if (char === "}") {
        depth--;
        if (depth === 0) return i;
        i++;
      } else i++;
    }
    this.fail('unterminated function body (no closing "}")');
  }

  #skipSpace(): void {
    while (/\s/.test(this.peek()) && this.peek() !== "") this.advance();
  }

  #comment(): void {
    const position = this.position;
    this.advance();
    let text = "";
    while (this.peek() !== "\n" && this.peek() !== "") text += this.advance();
    this.#comments.push({ text: text.replace(/\r$/, ""), position });
  }

  #redirect(): Redirect | undefined {
    const rest = this.text.slice(this.index, this.index + 4);
    const match = /^(?:<<<|<<-|<<|&>>|&>|[0-9]?>>|[0-9]?>&|[0-9]?>|[0-9]?<&|<>|<)/.exec(rest);
    if (match === null) return undefined;
    const op = match[0];
    // "<placeholder>" in a recipe is a value, not a redirection.
    if (op === "<" && /^<[A-Za-z][^\s<>'"]*>/.test(this.text.slice(this.index))) return undefined;
    if (/^[0-9]/.test(op) && !this.atWordBoundary()) return undefined;
    const position = this.position;
    this.advance(op.length);
    this.skipBlanks();
    if (op.endsWith(">&") || op === "<&") {
      if (/[0-9-]/.test(this.peek())) {
        const fd = this.advance();
        return { op, target: textWord(fd, "none", position), position };
      }
    }
    if (op === "<<" || op === "<<-") {
      const delimiterWord = this.word();
      const delimiter = delimiterWord.parts.map((part) => part.kind === "text" ? part.text : "")
        .join("");
      const expand = delimiterWord.parts.every((part) =>
        part.kind === "text" && part.quoted === "none"
      );
      const target: Word = { parts: [], position };
      this.#pendingHeredocs.push({ delimiter, expand, strip: op === "<<-", target });
      return { op, target, position };
    }
    if (this.peek() === "" || this.peek() === "\n") this.fail(`expected a word after "${op}"`);
    return { op, target: this.word(), position };
  }

  #readHeredocBodies(): void {
    for (const pending of this.#pendingHeredocs.splice(0)) {
      const bodyStart = this.position;
      let body = "";
      for (;;) {
        if (this.peek() === "") {
          this.fail(`unterminated here-document (no line "${pending.delimiter}")`, bodyStart);
        }
        let line = "";
        while (this.peek() !== "\n" && this.peek() !== "") line += this.advance();
        if (this.peek() === "\n") this.advance();
        const compared = pending.strip ? line.replace(/^\t+/, "") : line;
        if (compared.replace(/\r$/, "") === pending.delimiter) break;
        body += (pending.strip ? line.replace(/^\t+/, "") : line) + "\n";
      }
      pending.target.position = bodyStart;
      pending.target.parts = pending.expand
        ? new Reader(body, bodyStart).doubleQuotedContent(undefined)
        : [{ kind: "text", text: body, quoted: "single", position: bodyStart }];
    }
  }

  #assignment(word: Word, start: ShellPosition): Assignment | undefined {
    const first = word.parts[0];
    if (first === undefined || first.kind !== "text" || first.quoted !== "none") return undefined;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)/.exec(first.text);
    if (match === null) return undefined;
    const name = match[1]!;
    const restText = first.text.slice(match[0].length);
    const valueParts: WordPart[] = [];
    if (restText !== "") {
      valueParts.push({
        ...first,
        text: restText,
        position: { line: first.position.line, column: first.position.column + match[0].length },
      });
    }
    valueParts.push(...word.parts.slice(1));
    if (valueParts.length === 0 && this.peek() === "(") {
      this.advance();
      const words: Word[] = [];
      for (;;) {
        this.#skipSpace();
        if (this.peek() === "#") {
          this.#comment();
          continue;
        }
        if (this.peek() === ")") {
          this.advance();
          break;
        }
        if (this.peek() === "") {
          this.fail(`unterminated array "${name}=(" (no closing ")")`, start);
        }
        words.push(this.word());
      }
      return { name, value: words, position: start };
    }
    const valuePosition = valueParts[0]?.position ?? this.position;
    return { name, value: { parts: valueParts, position: valuePosition }, position: start };
  }

  protected substitution(): Script {
    return this.script(")");
  }

  protected nested(text: string, start: ShellPosition): Script {
    return new Reader(text, start).script(undefined);
  }
}

function textWord(text: string, quoted: TextPart["quoted"], position: ShellPosition): Word {
  return { parts: [{ kind: "text", text, quoted, position }], position };
}
