/**
 * Writing bash words: literal text quoted so that bash gives it back byte
 * for byte, and words glued from literal text and expansions (`$X`,
 * `$(…)`), the way curl recipes splice variables into JSON bodies:
 * `'{"ClientId": "'"$CLIENT_ID"'"}'`.
 *
 * Only the quoting forms that `from-curl` reads are written (docs/curl-format.md):
 * bare words of safe characters, `'…'`, `"…"` around an expansion, and `$'…'`
 * for text with control characters.
 *
 * @module
 */

/** A piece of a glued word: literal text, or an expansion written as is and double-quoted. */
export type WordPart =
  /** Literal text. */
  | { text: string }
  /**
   * An expansion such as `$X`, `${X:-d}` or `$(cmd)`, written inside `"…"`;
   * `unsafe` when its text may hold characters JSON needs escaped (`"`, `\\`).
   */
  | { expansion: string; unsafe?: boolean };

/** Options of {@linkcode shellQuote} and {@linkcode shellWord}. */
export interface QuoteOptions {
  /**
   * Keep newlines as they are inside `'…'` (a multi-line JSON body) instead
   * of writing `$'…\n…'`.
   * @default false
   */
  multiline?: boolean;
}

/** Characters that need no quoting anywhere in a word. */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// deno-lint-ignore no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/**
 * Quotes literal text as one bash word that expands to exactly that text:
 * bare when every character is safe, `'…'` otherwise (a `'` inside is
 * written `'"'"'`), `$'…'` when the text holds control characters (newlines
 * too, unless `multiline`). NUL cannot be part of a bash string and is refused.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellQuote } from "./bash.ts";
 * assert.equal(shellQuote("alice@example.com"), "alice@example.com");
 * assert.equal(shellQuote("Passw0rd!Passw0rd"), "'Passw0rd!Passw0rd'");
 * assert.equal(shellQuote("it's"), `'it'"'"'s'`);
 * assert.equal(shellQuote("a\nb"), "$'a\\nb'");
 * assert.equal(shellQuote(""), "''");
 * ```
 */
export function shellQuote(text: string, options: QuoteOptions = {}): string {
  if (text.includes("\u0000")) {
    throw new RangeError("Cannot quote text for bash: it holds a NUL character");
  }
  if (SAFE.test(text)) return text;
  const control = options.multiline === true ? CONTROL_BUT_NEWLINE : CONTROL;
  if (control.test(text)) return ansiQuote(text);
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** `$'…'`: backslash escapes for `\`, `'` and control characters; the rest as is. */
function ansiQuote(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === "'") out += "\\'";
    else if (char === "\n") out += "\\n";
    else if (char === "\t") out += "\\t";
    else if (char === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return `$'${out}'`;
}

/**
 * Glues literal text and expansions into one bash word: text quoted by
 * {@linkcode shellQuote}, each expansion inside `"…"` (so its value is
 * never split or globbed). Adjacent text parts are joined first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellWord } from "./bash.ts";
 * const body = shellWord([{ text: '{"ClientId": "' }, { expansion: "$CLIENT_ID" }, { text: '"}' }]);
 * assert.equal(body, `'{"ClientId": "'"$CLIENT_ID"'"}'`);
 * assert.equal(shellWord([{ expansion: "$REGION" }, { text: "_" }, { expansion: "$(uuid)" }]), `"$REGION"_"$(uuid)"`);
 * assert.equal(shellWord([]), "''");
 * ```
 */
export function shellWord(parts: readonly WordPart[], options: QuoteOptions = {}): string {
  const merged: WordPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if ("text" in part && part.text === "") continue;
    if ("text" in part && last !== undefined && "text" in last) {
      merged[merged.length - 1] = { text: last.text + part.text };
    } else merged.push(part);
  }
  if (merged.length === 0) return "''";
  return merged
    .map((part) => "text" in part ? shellQuote(part.text, options) : `"${part.expansion}"`)
    .join("");
}

/**
 * Whether `name` can be a bash variable name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isShellName } from "./bash.ts";
 * assert.equal(isShellName("device_key_2"), true);
 * assert.equal(isShellName("device-key"), false);
 * ```
 */
export function isShellName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * Variables that bash itself, the environment or the generated script use,
 * which no scenario name may take over (`PATH`, `R`, `STATUS`…).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCRIPT_VARIABLES } from "./bash.ts";
 * assert.ok(SCRIPT_VARIABLES.has("PATH") && SCRIPT_VARIABLES.has("STATUS"));
 * ```
 */
export const SCRIPT_VARIABLES: ReadonlySet<string> = new Set([
  // bash and the environment
  "BASH",
  "BASHOPTS",
  "BASHPID",
  "BASH_COMMAND",
  "BASH_SOURCE",
  "BASH_VERSION",
  "EUID",
  "FUNCNAME",
  "GROUPS",
  "HOME",
  "HOSTNAME",
  "IFS",
  "LANG",
  "LINENO",
  "OLDPWD",
  "OPTARG",
  "OPTIND",
  "PATH",
  "PIPESTATUS",
  "PPID",
  "PS1",
  "PS4",
  "PWD",
  "RANDOM",
  "REPLY",
  "SECONDS",
  "SHELL",
  "SHELLOPTS",
  "SHLVL",
  "TMPDIR",
  "UID",
  // the script's own
  "CLI",
  "E",
  "HDR",
  "H",
  "OUT",
  "R",
  "SECRETS",
  "SHOW_SECRETS",
  "SIGV4",
  "STATUS",
  "STEP",
  "WORK",
  "JQ_LIB",
  "DEVICE_PASSWORDS",
  "DEVICE_GROUP_KEYS",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "COGNITO_ENDPOINT",
  "COGNITO_CONFORMANCE_CLI",
]);
