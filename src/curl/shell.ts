/**
 * A reader for the subset of bash that curl recipes are written in
 * (docs/curl-format.md, "Shell syntax understood"): words made of quoted and
 * bare parts with `$NAME`, `${…}`, `$(…)` and backticks kept as parts (not
 * expanded), assignments and arrays, pipelines, redirections with here-strings
 * and here-documents, and comments. Every word part carries its line and
 * column, so a converter can point at the exact place in the script.
 *
 * Not a shell: nothing is expanded or run. Compound commands (`if`, `for`,
 * `{ …; }`) are read as the simple commands inside them; function bodies are
 * read and kept apart.
 *
 * @module
 */

/** A 1-based line and column in the script. */
export interface ShellPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
}

/** Literal text of a word: bare, or inside single, double or `$'…'` quotes. */
export interface TextPart {
  /** Always `"text"`. */
  kind: "text";
  /** The text after quote removal and escapes. */
  text: string;
  /** How it was quoted. */
  quoted: "none" | "single" | "double" | "ansi";
  /** Where it starts. */
  position: ShellPosition;
}

/** A parameter expansion: `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME[@]}`… */
export interface ParamPart {
  /** Always `"param"`. */
  kind: "param";
  /** The parameter: a name, a digit, or a special character (`@`, `?`…). */
  name: string;
  /** The operator of `${NAME<op>word}`, e.g. `:-` or `:?`. */
  op?: string;
  /** The word after the operator. */
  arg?: Word;
  /** The subscript of `${NAME[…]}` (`@`, `*`, or text). */
  index?: string;
  /** Whether it sits inside double quotes (no word splitting). */
  quoted: boolean;
  /** Where the `$` is. */
  position: ShellPosition;
}

/** A command substitution, `$(…)` or backticks. */
export interface CommandPart {
  /** Always `"command"`. */
  kind: "command";
  /** The commands inside. */
  script: Script;
  /** Whether it sits inside double quotes. */
  quoted: boolean;
  /** Where the `$(` or backtick is. */
  position: ShellPosition;
}

/** One part of a word. */
export type WordPart = TextPart | ParamPart | CommandPart;

/** A shell word: adjacent parts glued together (`'{"a": "'"$X"'"}'` is one word). */
export interface Word {
  /** The parts in order. */
  parts: WordPart[];
  /** Where the word starts. */
  position: ShellPosition;
}

/** `NAME=word`, `NAME+=word` or `NAME=(word …)`. */
export interface Assignment {
  /** The variable. */
  name: string;
  /** The value: a word, or the words of an array. */
  value: Word | Word[];
  /** Where the name starts. */
  position: ShellPosition;
}

/** A redirection; here-strings and here-documents carry their text as a word. */
export interface Redirect {
  /** The operator: `<`, `>`, `>>`, `<<<`, `<<`, `2>`, `&>`, `>&`… */
  op: string;
  /** The target word (file, here-string, or the here-document's body). */
  target: Word;
  /** Where the operator is. */
  position: ShellPosition;
}

/** A simple command: assignments, words and redirections. */
export interface SimpleCommand {
  /** Always `"simple"`. */
  kind: "simple";
  /** Leading `NAME=value` words (and those after `export`, `local`, `declare`, `readonly`). */
  assignments: Assignment[];
  /** The command's words (after leading keywords such as `if` or `then`). */
  words: Word[];
  /** Its redirections. */
  redirects: Redirect[];
  /** Where the command starts. */
  position: ShellPosition;
  /** The line of its last character. */
  endLine: number;
}

/** Commands joined by `|`. */
export interface Pipeline {
  /** The commands, left to right. */
  commands: SimpleCommand[];
  /** Where it starts. */
  position: ShellPosition;
  /** The line of its last character. */
  endLine: number;
}

/** A `#` comment. */
export interface Comment {
  /** The text after `#`. */
  text: string;
  /** Where the `#` is. */
  position: ShellPosition;
}

/** A function definition `name() { … }`, kept apart from the script's flow. */
export interface FunctionDefinition {
  /** The function's name. */
  name: string;
  /** Its body. */
  body: Script;
  /** Where it starts. */
  position: ShellPosition;
}

/** A parsed script: its pipelines in order, comments and function definitions. */
export interface Script {
  /** Pipelines in order (`;`, `&&`, `||` and newlines all separate them). */
  pipelines: Pipeline[];
  /** Every comment, in order. */
  comments: Comment[];
  /** Function definitions. */
  functions: FunctionDefinition[];
}

/**
 * A script that cannot be read (an unterminated quote, an unbalanced `$(`),
 * at the place of the problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseShell, ShellSyntaxError } from "./shell.ts";
 * assert.throws(() => parseShell("echo 'abc"), (error: unknown) =>
 *   error instanceof ShellSyntaxError && error.position.line === 1 && error.position.column === 6);
 * ```
 */
export class ShellSyntaxError extends SyntaxError {
  /** Always `"ShellSyntaxError"`. */
  override name = "ShellSyntaxError";
  /** Where the problem is. */
  readonly position: ShellPosition;
  /** `message` is `Cannot read the script: …`. */
  constructor(message: string, position: ShellPosition) {
    super(message);
    this.position = position;
  }
}

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

/**
 * Reads a bash script into pipelines of simple commands, with positions.
 * Throws {@linkcode ShellSyntaxError} for an unterminated quote or
 * substitution.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseShell, wordText } from "./shell.ts";
 * const script = parseShell(`R=$(curl -s "$E" \\\n  -d '{"a": "'"$X"'"}')  # sign in`);
 * const [assignment] = script.pipelines[0]!.commands[0]!.assignments;
 * assert.equal(assignment?.name, "R");
 * const curl = (assignment!.value as { parts: { kind: string; script?: unknown }[] }).parts[0];
 * assert.equal(curl?.kind, "command");
 * assert.equal(script.comments[0]?.text, " sign in");
 * assert.equal(wordText(parseShell("echo 'a'\"b\"c").pipelines[0]!.commands[0]!.words[1]!), "abc");
 * ```
 */
export function parseShell(text: string): Script {
  const reader = new Reader(text, { line: 1, column: 1 });
  const script = reader.script(undefined);
  return script;
}

/**
 * The literal text of a word with no expansions, or `undefined` when it has one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseShell, wordText } from "./shell.ts";
 * const [, literal, expanded] = parseShell('curl -XPOST "$E"').pipelines[0]!.commands[0]!.words;
 * assert.equal(wordText(literal!), "-XPOST");
 * assert.equal(wordText(expanded!), undefined);
 * ```
 */
export function wordText(word: Word): string | undefined {
  let out = "";
  for (const part of word.parts) {
    if (part.kind !== "text") return undefined;
    out += part.text;
  }
  return out;
}

class Reader {
  readonly #text: string;
  #index = 0;
  #line: number;
  #column: number;
  #pendingHeredocs: Array<{ delimiter: string; expand: boolean; strip: boolean; target: Word }> =
    [];
  readonly #comments: Comment[] = [];
  readonly #functions: FunctionDefinition[] = [];

  constructor(text: string, start: ShellPosition) {
    this.#text = text;
    this.#line = start.line;
    this.#column = start.column;
  }

  get #position(): ShellPosition {
    return { line: this.#line, column: this.#column };
  }

  #peek(offset = 0): string {
    return this.#text[this.#index + offset] ?? "";
  }

  #advance(count = 1): string {
    let out = "";
    for (let i = 0; i < count && this.#index < this.#text.length; i++) {
      const char = this.#text[this.#index++]!;
      out += char;
      if (char === "\n") {
        this.#line++;
        this.#column = 1;
      } else this.#column++;
    }
    return out;
  }

  #fail(message: string, position: ShellPosition = this.#position): never {
    throw new ShellSyntaxError(`Cannot read the script: ${message}`, position);
  }

  /** Reads pipelines until `terminator` (`)` of a `$(`) or the end. */
  script(terminator: ")" | undefined): Script {
    const pipelines: Pipeline[] = [];
    let commands: SimpleCommand[] = [];
    let current = this.#newCommand();
    let lastLine = this.#line;
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
      this.#skipBlanks();
      const char = this.#peek();
      if (char === "") {
        if (terminator !== undefined) this.#fail('unterminated "$(" (no closing ")")');
        break;
      }
      if (char === ")" && terminator === ")") {
        this.#advance();
        break;
      }
      if (char === "#" && this.#atWordBoundary()) {
        this.#comment();
        continue;
      }
      if (char === "\n") {
        this.#advance();
        this.#readHeredocBodies();
        flushPipeline();
        continue;
      }
      if (char === ";" || char === "&") {
        const op = char === "&" && this.#peek(1) === "&" ? "&&" : char;
        if (char === ";" && this.#peek(1) === ";") this.#advance(); // case's ";;"
        this.#advance(op.length);
        flushPipeline();
        continue;
      }
      if (char === "|") {
        if (this.#peek(1) === "|") {
          this.#advance(2);
          flushPipeline();
        } else {
          this.#advance(this.#peek(1) === "&" ? 2 : 1);
          flushCommand();
        }
        continue;
      }
      if (char === "(" || char === ")") {
        // A function definition "name() {…}", or a subshell: read through.
        if (char === "(" && this.#peek(1) === ")" && current.words.length === 1) {
          const name = wordText(current.words[0]!);
          this.#advance(2);
          if (name !== undefined) {
            this.#functionBody(name, current.position);
            current = this.#newCommand();
            continue;
          }
        }
        this.#advance();
        flushPipeline();
        continue;
      }
      const redirect = this.#redirect();
      if (redirect !== undefined) {
        current.redirects.push(redirect);
        lastLine = this.#line;
        continue;
      }
      const start = this.#position;
      const word = this.#word();
      lastLine = this.#line;
      if (current.words.length === 0 || this.#isDeclaration(current)) {
        const assignment = this.#assignment(word, start);
        if (assignment !== undefined) {
          current.assignments.push(assignment);
          lastLine = this.#line;
          continue;
        }
      }
      if (current.words.length === 0 && current.assignments.length === 0) {
        const text = wordText(word);
        if (text === "function") {
          this.#skipBlanks();
          const nameWord = this.#word();
          this.#skipBlanks();
          if (this.#peek() === "(" && this.#peek(1) === ")") this.#advance(2);
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
      position: this.#position,
      endLine: this.#line,
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
    if (this.#peek() !== "{") this.#fail(`expected "{" after "${name}()"`);
    this.#advance();
    // The body, up to the matching "}", is read as a script of its own.
    const start = this.#index;
    const startPosition = this.#position;
    const end = this.#matchingBrace();
    const inner = new Reader(this.#text.slice(start, end), startPosition).script(undefined);
    this.#advance(end - this.#index + 1);
    this.#functions.push({ name, body: inner, position });
  }

  /** The index of the "}" closing the body that starts at the cursor (quotes respected). */
  #matchingBrace(): number {
    let depth = 1;
    let i = this.#index;
    const text = this.#text;
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
    this.#fail('unterminated function body (no closing "}")');
  }

  #skipBlanks(): void {
    for (;;) {
      const char = this.#peek();
      if (char === " " || char === "\t" || char === "\r") this.#advance();
      else if (char === "\\" && this.#peek(1) === "\n") this.#advance(2);
      else if (char === "\\" && this.#peek(1) === "\r" && this.#peek(2) === "\n") this.#advance(3);
      else return;
    }
  }

  #skipSpace(): void {
    while (/\s/.test(this.#peek()) && this.#peek() !== "") this.#advance();
  }

  #atWordBoundary(): boolean {
    const before = this.#text[this.#index - 1];
    return before === undefined || /[\s;&|()]/.test(before);
  }

  #comment(): void {
    const position = this.#position;
    this.#advance();
    let text = "";
    while (this.#peek() !== "\n" && this.#peek() !== "") text += this.#advance();
    this.#comments.push({ text: text.replace(/\r$/, ""), position });
  }

  #redirect(): Redirect | undefined {
    const rest = this.#text.slice(this.#index, this.#index + 4);
    const match = /^(?:<<<|<<-|<<|&>>|&>|[0-9]?>>|[0-9]?>&|[0-9]?>|[0-9]?<&|<>|<)/.exec(rest);
    if (match === null) return undefined;
    const op = match[0];
    // "<placeholder>" in a recipe is a value, not a redirection.
    if (op === "<" && /^<[A-Za-z][^\s<>'"]*>/.test(this.#text.slice(this.#index))) return undefined;
    if (/^[0-9]/.test(op) && !this.#atWordBoundary()) return undefined;
    const position = this.#position;
    this.#advance(op.length);
    this.#skipBlanks();
    if (op.endsWith(">&") || op === "<&") {
      if (/[0-9-]/.test(this.#peek())) {
        const fd = this.#advance();
        return { op, target: textWord(fd, "none", position), position };
      }
    }
    if (op === "<<" || op === "<<-") {
      const delimiterWord = this.#word();
      const delimiter = delimiterWord.parts.map((part) => part.kind === "text" ? part.text : "")
        .join("");
      const expand = delimiterWord.parts.every((part) =>
        part.kind === "text" && part.quoted === "none"
      );
      const target: Word = { parts: [], position };
      this.#pendingHeredocs.push({ delimiter, expand, strip: op === "<<-", target });
      return { op, target, position };
    }
    if (this.#peek() === "" || this.#peek() === "\n") this.#fail(`expected a word after "${op}"`);
    return { op, target: this.#word(), position };
  }

  #readHeredocBodies(): void {
    for (const pending of this.#pendingHeredocs.splice(0)) {
      const bodyStart = this.#position;
      let body = "";
      for (;;) {
        if (this.#peek() === "") {
          this.#fail(`unterminated here-document (no line "${pending.delimiter}")`, bodyStart);
        }
        let line = "";
        while (this.#peek() !== "\n" && this.#peek() !== "") line += this.#advance();
        if (this.#peek() === "\n") this.#advance();
        const compared = pending.strip ? line.replace(/^\t+/, "") : line;
        if (compared.replace(/\r$/, "") === pending.delimiter) break;
        body += (pending.strip ? line.replace(/^\t+/, "") : line) + "\n";
      }
      pending.target.position = bodyStart;
      pending.target.parts = pending.expand
        ? new Reader(body, bodyStart).#doubleQuotedContent(undefined)
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
    if (valueParts.length === 0 && this.#peek() === "(") {
      this.#advance();
      const words: Word[] = [];
      for (;;) {
        this.#skipSpace();
        if (this.#peek() === "#") {
          this.#comment();
          continue;
        }
        if (this.#peek() === ")") {
          this.#advance();
          break;
        }
        if (this.#peek() === "") {
          this.#fail(`unterminated array "${name}=(" (no closing ")")`, start);
        }
        words.push(this.#word());
      }
      return { name, value: words, position: start };
    }
    const valuePosition = valueParts[0]?.position ?? this.#position;
    return { name, value: { parts: valueParts, position: valuePosition }, position: start };
  }

  /** Reads one word at the cursor (the caller has checked it is not an operator). */
  #word(): Word {
    const position = this.#position;
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
      const char = this.#peek();
      if (char === "" || /[\s;&|()]/.test(char)) break;
      if (char === "<" || char === ">") {
        const placeholder = /^<[A-Za-z][^\s<>'"]*>/.exec(this.#text.slice(this.#index));
        if (char === "<" && placeholder !== null) {
          if (bare === "") barePosition = this.#position;
          bare += this.#advance(placeholder[0].length);
          continue;
        }
        break;
      }
      if (char === "\\") {
        if (this.#peek(1) === "\n") {
          this.#advance(2);
          continue;
        }
        if (bare === "") barePosition = this.#position;
        this.#advance();
        bare += this.#advance();
        continue;
      }
      if (char === "'") {
        flush();
        const start = this.#position;
        this.#advance();
        const close = this.#text.indexOf("'", this.#index);
        if (close < 0) this.#fail("unterminated single quote", start);
        parts.push({
          kind: "text",
          text: this.#advance(close - this.#index),
          quoted: "single",
          position: start,
        });
        this.#advance();
        barePosition = this.#position;
        continue;
      }
      if (char === "$" && this.#peek(1) === "'") {
        flush();
        parts.push(this.#ansiQuoted());
        barePosition = this.#position;
        continue;
      }
      if (char === '"') {
        flush();
        const start = this.#position;
        this.#advance();
        parts.push(...this.#doubleQuotedContent(start));
        barePosition = this.#position;
        continue;
      }
      if (char === "$" || char === "`") {
        const part = this.#dollar(false);
        if (part !== undefined) {
          flush();
          parts.push(part);
          barePosition = this.#position;
          continue;
        }
      }
      if (bare === "") barePosition = this.#position;
      bare += this.#advance();
    }
    flush();
    if (parts.length === 0) return { parts: [], position };
    return { parts, position };
  }

  #ansiQuoted(): TextPart {
    const start = this.#position;
    this.#advance(2);
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
      const char = this.#peek();
      if (char === "") this.#fail("unterminated $'…' quote", start);
      if (char === "'") {
        this.#advance();
        break;
      }
      if (char === "\\") {
        this.#advance();
        const next = this.#advance();
        if (next === "x") {
          const hex = /^[0-9a-fA-F]{1,2}/.exec(this.#text.slice(this.#index))?.[0] ?? "";
          this.#advance(hex.length);
          text += String.fromCharCode(parseInt(hex || "0", 16));
        } else text += escapes[next] ?? `\\${next}`;
        continue;
      }
      text += this.#advance();
    }
    return { kind: "text", text, quoted: "ansi", position: start };
  }

  /**
   * The parts inside double quotes, up to the closing quote (consumed), or, with
   * `opening` undefined, to the end of the text (a here-document's body).
   */
  #doubleQuotedContent(opening: ShellPosition | undefined): WordPart[] {
    const parts: WordPart[] = [];
    let text = "";
    let textPosition = this.#position;
    const flush = () => {
      if (text !== "") parts.push({ kind: "text", text, quoted: "double", position: textPosition });
      text = "";
    };
    for (;;) {
      const char = this.#peek();
      if (char === "") {
        if (opening !== undefined) this.#fail("unterminated double quote", opening);
        break;
      }
      if (char === '"' && opening !== undefined) {
        this.#advance();
        break;
      }
      if (char === "\\") {
        const next = this.#peek(1);
        if (next === "\n") {
          this.#advance(2);
          continue;
        }
        if (text === "") textPosition = this.#position;
        const escapable = opening === undefined ? "$`\\" : '$`"\\';
        if (escapable.includes(next) && next !== "") {
          this.#advance();
          text += this.#advance();
        } else text += this.#advance();
        continue;
      }
      if (char === "$" || char === "`") {
        const part = this.#dollar(true);
        if (part !== undefined) {
          flush();
          parts.push(part);
          textPosition = this.#position;
          continue;
        }
      }
      if (text === "") textPosition = this.#position;
      text += this.#advance();
    }
    flush();
    if (parts.length === 0 && opening !== undefined) {
      parts.push({ kind: "text", text: "", quoted: "double", position: opening });
    }
    return parts;
  }

  /** `$NAME`, `${…}`, `$(…)`, `$((…))` or a backtick substitution; `undefined` for a lone `$`. */
  #dollar(quoted: boolean): WordPart | undefined {
    const position = this.#position;
    if (this.#peek() === "`") {
      this.#advance();
      let inner = "";
      const innerStart = this.#position;
      for (;;) {
        const char = this.#peek();
        if (char === "") this.#fail("unterminated backtick substitution", position);
        if (char === "`") {
          this.#advance();
          break;
        }
        if (char === "\\" && "`$\\".includes(this.#peek(1))) {
          this.#advance();
        }
        inner += this.#advance();
      }
      const script = new Reader(inner, innerStart).script(undefined);
      return { kind: "command", script, quoted, position };
    }
    const next = this.#peek(1);
    if (next === "(" && this.#peek(2) === "(") {
      // Arithmetic: kept as text, it never carries a Cognito value.
      const close = this.#text.indexOf("))", this.#index);
      if (close < 0) this.#fail('unterminated "$((" (no closing "))")', position);
      const text = this.#advance(close + 2 - this.#index);
      return { kind: "text", text, quoted: quoted ? "double" : "none", position };
    }
    if (next === "(") {
      this.#advance(2);
      const script = this.script(")");
      return { kind: "command", script, quoted, position };
    }
    if (next === "{") {
      this.#advance(2);
      return this.#braced(quoted, position);
    }
    if (/[A-Za-z_]/.test(next)) {
      this.#advance();
      let name = "";
      while (/[A-Za-z0-9_]/.test(this.#peek()) && this.#peek() !== "") name += this.#advance();
      return { kind: "param", name, quoted, position };
    }
    if (/[0-9@*#?$!-]/.test(next) && next !== "") {
      this.#advance();
      return { kind: "param", name: this.#advance(), quoted, position };
    }
    return undefined;
  }

  #braced(quoted: boolean, position: ShellPosition): ParamPart {
    let name = "";
    if (this.#peek() === "#" && this.#peek(1) !== "}") name = this.#advance(); // ${#NAME}: length
    if (/[A-Za-z_]/.test(this.#peek()) && this.#peek() !== "") {
      while (/[A-Za-z0-9_]/.test(this.#peek()) && this.#peek() !== "") name += this.#advance();
    } else if (/[0-9@*?!$#-]/.test(this.#peek()) && this.#peek() !== "") {
      name += this.#advance();
    }
    if (name === "") this.#fail('expected a parameter name after "${"', position);
    const part: ParamPart = { kind: "param", name, quoted, position };
    if (this.#peek() === "[") {
      const close = this.#text.indexOf("]", this.#index);
      if (close < 0) this.#fail('unterminated "${…[" (no closing "]")', position);
      part.index = this.#text.slice(this.#index + 1, close);
      this.#advance(close + 1 - this.#index);
    }
    const op = /^(?::[-=?+]|[-=?+]|##?|%%?|\/\/?|:)/.exec(this.#text.slice(this.#index))?.[0];
    if (op !== undefined) {
      this.#advance(op.length);
      part.op = op;
      part.arg = this.#bracedWord(position);
    }
    if (this.#peek() !== "}") this.#fail('unterminated "${" (no closing "}")', position);
    this.#advance();
    return part;
  }

  /** The word of `${NAME:-word}` up to the closing brace (not consumed). */
  #bracedWord(opening: ShellPosition): Word {
    const position = this.#position;
    const parts: WordPart[] = [];
    let text = "";
    let textPosition = position;
    const flush = () => {
      if (text !== "") parts.push({ kind: "text", text, quoted: "none", position: textPosition });
      text = "";
    };
    for (;;) {
      const char = this.#peek();
      if (char === "") this.#fail('unterminated "${" (no closing "}")', opening);
      if (char === "}") break;
      if (char === "'") {
        flush();
        const start = this.#position;
        this.#advance();
        const close = this.#text.indexOf("'", this.#index);
        if (close < 0) this.#fail("unterminated single quote", start);
        parts.push({
          kind: "text",
          text: this.#advance(close - this.#index),
          quoted: "single",
          position: start,
        });
        this.#advance();
        continue;
      }
      if (char === '"') {
        flush();
        const start = this.#position;
        this.#advance();
        parts.push(...this.#doubleQuotedContent(start));
        continue;
      }
      if (char === "\\") {
        this.#advance();
        if (text === "") textPosition = this.#position;
        text += this.#advance();
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
      if (text === "") textPosition = this.#position;
      text += this.#advance();
    }
    flush();
    return { parts, position };
  }
}

function textWord(text: string, quoted: TextPart["quoted"], position: ShellPosition): Word {
  return { parts: [{ kind: "text", text, quoted, position }], position };
}
