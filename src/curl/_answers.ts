/**
 * Expectations written in comments: answer samples after a call
 * (`# → HTTP 400 {"__type": …}`, also `->`, `=>`, `Output:`, `Response:`,
 * over several comment lines), and `# expect: …` and `# let: …` lines
 * (docs/curl-format.md).
 *
 * @module
 */

import { parse as parseYaml } from "yaml";
import { readAnswerJson } from "./json_body.ts";
import type { Comment } from "./shell.ts";

/** An answer sample or an `# expect:` line read from a comment block. */
export type AnswerSource =
  /** `# expect: …`: the step's expect block as written (`undefined`: unreadable). */
  | { kind: "expect"; value: Record<string, unknown> | undefined; next: number }
  /** `# let: …`: the step's `let` bindings as written (`undefined`: unreadable). */
  | { kind: "let"; value: Record<string, unknown> | undefined; next: number }
  /** `# → …`: a status and/or a sample body. */
  | { kind: "answer"; status?: number; sample?: unknown; next: number };

const ARROW = /^\s*(?:→|->|=>|(?:Output|Response|Returns?|Answer)\s*:)\s*(.*)$/i;
const EXPECT = /^\s*(expect|let):\s*(.+)$/;
const STATUS = /^(?:HTTP(?:\/[\d.]+)?\s+)?(\d{3})\b[^{]*/i;

/**
 * Reads the answer sample or `# expect:` line that starts at `block[start]`,
 * or `undefined` when that comment is neither. `next` is the index of the
 * first comment after it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAnswerSource } from "./_answers.ts";
 * const at = (line: number) => ({ line, column: 1 });
 * const block = [
 *   { text: ' → HTTP 400 {"__type": "NotAuthorizedException",', position: at(1) },
 *   { text: '    "message": "Invalid Refresh Token."}  (always)', position: at(2) },
 * ];
 * assert.deepEqual(readAnswerSource(block, 0), {
 *   kind: "answer",
 *   status: 400,
 *   sample: { __type: "NotAuthorizedException", message: "Invalid Refresh Token." },
 *   next: 2,
 * });
 * assert.equal(readAnswerSource([{ text: " sign in", position: at(1) }], 0), undefined);
 * ```
 */
export function readAnswerSource(
  block: readonly Comment[],
  start: number,
): AnswerSource | undefined {
  const first = block[start]!;
  const expect = EXPECT.exec(first.text);
  if (expect !== null) {
    let value: unknown;
    try {
      value = parseYaml(expect[2]!);
    } catch {
      value = undefined;
    }
    const object = value !== null && typeof value === "object" && !Array.isArray(value)
      ? value as Record<string, unknown>
      : undefined;
    return { kind: expect[1] as "expect" | "let", value: object, next: start + 1 };
  }
  const arrow = ARROW.exec(first.text);
  if (arrow === null) return undefined;
  let text = arrow[1]!;
  let next = start + 1;
  const status = STATUS.exec(text);
  const result: AnswerSource = { kind: "answer", next };
  if (status !== null) {
    result.status = Number(status[1]);
    text = text.slice(status[0].length);
  }
  // "# Response:" alone, the JSON on the next comment lines.
  if (
    text.trim() === "" && next < block.length &&
    block[next]!.position.line === first.position.line + 1 && /^\s*\{/.test(block[next]!.text)
  ) {
    text = block[next]!.text;
    next++;
  }
  const open = text.indexOf("{");
  if (open < 0) return result;
  text = text.slice(open);
  // The JSON may run over the next comment lines, as long as they are adjacent.
  let end = balancedEnd(text);
  while (
    end === undefined && next < block.length &&
    block[next]!.position.line === block[next - 1]!.position.line + 1
  ) {
    text += "\n" + block[next]!.text;
    next++;
    end = balancedEnd(text);
  }
  result.next = next;
  const sample = readAnswerJson(end === undefined ? text : text.slice(0, end));
  if (sample !== undefined) result.sample = sample;
  return result;
}

/** The index after the `}` closing the object that starts at 0, if it closes. */
function balancedEnd(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
