/**
 * Reading a scenario file within the size bound: never more than one byte
 * past `SCENARIO_LIMITS.maxBytes` (a device or a pipe may never end), and
 * only UTF-8 text, with the position of the first byte that is not.
 */

import type { Problem } from "./_issues.ts";
import { sizeProblem } from "./_guards.ts";
import { SCENARIO_LIMITS } from "./limits.ts";

/** The text of the file at `path`, or the problem that keeps it from being read. */
export async function readScenarioText(
  path: string,
): Promise<{ text: string } | { problem: Problem }> {
  const max = SCENARIO_LIMITS.maxBytes;
  const info = await Deno.stat(path);
  if (info.isFile && info.size > max) return { problem: sizeProblem(info.size, false) };
  const bytes = new Uint8Array(max + 1);
  let length = 0;
  using file = await Deno.open(path);
  while (length < bytes.length) {
    const read = await file.read(bytes.subarray(length));
    if (read === null) break;
    length += read;
  }
  if (length > max) return { problem: sizeProblem(length, true) };
  return decodeUtf8(bytes.subarray(0, length));
}

/**
 * Decodes UTF-8 strictly (a byte-order mark is dropped). For bytes that are
 * not UTF-8, finds the first bad byte by bisection with the platform's
 * streaming decoder (which holds back an unfinished sequence at the end of a
 * chunk and throws only on a sequence that cannot be completed).
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: Problem } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // fall through: find where
  }
  const fails = (end: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let low = 0; // decodes
  let high = bytes.length; // fails (or the file ends inside a sequence)
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fails(middle)) high = middle;
    else low = middle;
  }
  // What decodes before the bad sequence (an unfinished sequence is held back): its UTF-8
  // length is where that sequence starts.
  const before = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, high - 1), {
    stream: true,
  });
  const start = new TextEncoder().encode(before).length;
  const lines = before.replace(/^\uFEFF/, "").split("\n");
  const byte = bytes[start]!.toString(16).padStart(2, "0");
  return {
    problem: {
      message: `Cannot read the file: it is not UTF-8 text (byte 0x${byte}); save it as UTF-8`,
      position: { line: lines.length, column: lines.at(-1)!.length + 1 },
    },
  };
}
