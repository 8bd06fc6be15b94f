/**
 * A curl body is JSON text glued together from literal pieces and shell
 * values (`'{"a": "'"$X"'"}'`). This module puts a marker in place of each
 * value, reads the text as JSON — repairing small mistakes (trailing commas,
 * single quotes, a missing quote or bracket) with `jsonrepair` — and gives
 * back the JSON tree with the values where their markers were.
 *
 * @module
 */

import { jsonrepair } from "jsonrepair";

/** A string of the body that holds shell values between its literal pieces. */
export interface HoleString<H> {
  /** Literal text and values, in order; never two strings in a row. */
  pieces: (string | H)[];
}

/** A JSON value whose strings may hold shell values. */
export type BodyTree<H> =
  | null
  | boolean
  | number
  | string
  | HoleString<H>
  | BodyTree<H>[]
  | { [key: string]: BodyTree<H> };

/** What {@linkcode readJsonBody} read. */
export interface JsonBody<H> {
  /** The body, a JSON object. */
  value: { [key: string]: BodyTree<H> };
  /** Whether the text needed repair (so the converter can say so). */
  repaired: boolean;
}

/**
 * A body that is not a JSON object even after repair. `line` and `column`
 * are 1-based, inside the body text; the message names no part of the body
 * (it may hold secrets).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BodyError, readJsonBody } from "./json_body.ts";
 * assert.throws(() => readJsonBody(["a=1&b=2"]), (error: unknown) =>
 *   error instanceof BodyError && /not a JSON object/.test(error.message));
 * ```
 */
export class BodyError extends SyntaxError {
  /** Always `"BodyError"`. */
  override name = "BodyError";
  /** 1-based line inside the body where reading stopped, if known. */
  readonly line: number | undefined;
  /** 1-based column inside the body where reading stopped, if known. */
  readonly column: number | undefined;
  /** `reason` completes "not JSON even after repair: …". */
  constructor(message: string, at?: { line: number; column: number }) {
    super(message);
    this.line = at?.line;
    this.column = at?.column;
  }
}

const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKER = /\uE000(\d+)\uE001/g;

/**
 * Reads a body made of literal text and values as a JSON object. A value
 * inside a JSON string becomes a piece of that string; a value outside any
 * string (`"Config": '"$(jq -c … )"'`) becomes the whole JSON value there.
 * Throws {@linkcode BodyError} when the text is not a JSON object even after
 * repair.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonBody } from "./json_body.ts";
 * const token = { shell: "REFRESH" };
 * const body = readJsonBody(['{"AuthParameters": {"REFRESH_TOKEN": "', token, '",}}']);
 * assert.equal(body.repaired, true); // the trailing comma
 * assert.deepEqual(body.value, { AuthParameters: { REFRESH_TOKEN: { pieces: [token] } } });
 * const whole = readJsonBody(['{"DeviceSecretVerifierConfig": ', token, "}"]);
 * assert.deepEqual(whole.value.DeviceSecretVerifierConfig, { pieces: [token] });
 * ```
 */
export function readJsonBody<H>(pieces: readonly (string | H)[]): JsonBody<H> {
  const holes: H[] = [];
  let text = "";
  let inString = false;
  let quote = "";
  let escaped = false;
  for (const piece of pieces) {
    if (typeof piece !== "string") {
      const marker = `${OPEN}${holes.length}${CLOSE}`;
      holes.push(piece);
      text += inString ? marker : `"${marker}"`;
      continue;
    }
    for (const char of piece) {
      text += char;
      if (inString) {
        if (escaped) escaped = false;
        else if (char === "\\") escaped = true;
        else if (char === quote) inString = false;
      } else if (char === '"' || char === "'") {
        inString = true;
        quote = char;
      }
    }
  }
  let parsed: unknown;
  let repaired = false;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = JSON.parse(jsonrepair(withoutEllipses(text)));
      repaired = true;
    } catch (error) {
      const offset = (error as { position?: unknown }).position;
      const at = typeof offset === "number" ? lineColumn(text, offset) : undefined;
      throw new BodyError(
        `not JSON even after repair${at ? ` (body line ${at.line}, column ${at.column})` : ""}`,
        at,
      );
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new BodyError(`not a JSON object (a Cognito request body is one)`);
  }
  return { value: fill(parsed, holes) as { [key: string]: BodyTree<H> }, repaired };
}

/**
 * Reads the JSON of an answer comment, where `…` stands for left-out values
 * and members (`{"AccessToken": "…", …}`). Left-out members are dropped;
 * `…` values (and items) stay as the string `"…"`. `undefined` when it is not JSON even
 * after repair.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAnswerJson } from "./json_body.ts";
 * assert.deepEqual(readAnswerJson('{"a": "…", "b": 1, …}'), { a: "…", b: 1 });
 * assert.deepEqual(readAnswerJson('{"Devices": [{"DeviceKey": "k"}, …]}'), {
 *   Devices: [{ DeviceKey: "k" }, "…"],
 * });
 * assert.equal(readAnswerJson('{"a": 1,, "b": 2}'), undefined);
 * ```
 */
export function readAnswerJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(jsonrepair(withoutEllipses(text)));
    } catch {
      return undefined;
    }
  }
}

/**
 * Bare `…`/`...` outside strings become the string "…" where a value goes (an
 * array item, after a colon) and are dropped where a member goes.
 */
function withoutEllipses(text: string): string {
  let out = "";
  const stack: string[] = [];
  let inString = false;
  let quote = "";
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      out += char;
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === quote) inString = false;
      continue;
    }
    if (char === '"' || char === "'") {
      inString = true;
      quote = char;
      out += char;
      continue;
    }
    if (char === "{" || char === "[") stack.push(char);
    if (char === "}" || char === "]") stack.pop();
    const ellipsis = char === "…" ? 1 : text.startsWith("...", i) ? 3 : 0;
    if (ellipsis > 0) {
      const member = stack[stack.length - 1] === "{" && !/:\s*$/.test(out);
      if (!member) out += '"…"';
      i += ellipsis - 1;
      continue;
    }
    out += char;
  }
  return out;
}

function fill<H>(value: unknown, holes: readonly H[]): BodyTree<H> {
  if (typeof value === "string") return filledString(value, holes);
  if (Array.isArray(value)) return value.map((item) => fill(item, holes));
  if (value === null || typeof value !== "object") return value as BodyTree<H>;
  const out: { [key: string]: BodyTree<H> } = {};
  for (const [key, member] of Object.entries(value)) {
    out[key.replace(MARKER, "")] = fill(member, holes);
  }
  return out;
}

function filledString<H>(text: string, holes: readonly H[]): string | HoleString<H> {
  if (!text.includes(OPEN)) return text;
  const pieces: (string | H)[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push(holes[Number(match[1])]!);
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return { pieces };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
