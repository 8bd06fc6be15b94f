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

import { Reader } from "./_shell_reader.ts";

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
