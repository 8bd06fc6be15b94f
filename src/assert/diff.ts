/**
 * A readable rendering of mismatches: the path and message, then the expected
 * and actual values as indented JSON.
 *
 * @module
 */

import type { Mismatch } from "./match.ts";

/** Options of {@linkcode formatMismatches}. */
export interface FormatMismatchesOptions {
  /**
   * Prefix of every line.
   * @default {""}
   */
  indent?: string;
  /**
   * Longest JSON rendering of a value before it is cut with `…`. Mask secrets
   * in the mismatches *before* formatting: a cut value cannot be masked.
   * @default {2000}
   */
  maxValueLength?: number;
}

/**
 * Renders mismatches for humans:
 *
 * ```
 * $.AuthenticationResult.TokenType: expected "Bearer", got "bearer"
 *   - expected: "Bearer"
 *   + actual:   "bearer"
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMismatches } from "./diff.ts";
 * const text = formatMismatches([
 *   { path: "$.a", message: 'expected "x", got "y"', expected: "x", actual: "y" },
 *   { path: "$.b", message: "expected a value, but it is missing", expected: { $exists: true } },
 * ]);
 * assert.equal(text, [
 *   '$.a: expected "x", got "y"',
 *   '  - expected: "x"',
 *   '  + actual:   "y"',
 *   "$.b: expected a value, but it is missing",
 *   '  - expected: {"$exists":true}',
 *   "  + actual:   (missing)",
 *   "",
 * ].join("\n"));
 * ```
 */
export function formatMismatches(
  mismatches: readonly Mismatch[],
  options: FormatMismatchesOptions = {},
): string {
  const indent = options.indent ?? "";
  const max = options.maxValueLength ?? 2000;
  const lines: string[] = [];
  for (const mismatch of mismatches) {
    lines.push(`${indent}${mismatch.path}: ${mismatch.message}`);
    if (!("expected" in mismatch) && !("actual" in mismatch)) continue;
    const expected = "expected" in mismatch ? json(mismatch.expected, max) : "(anything)";
    const actual = "actual" in mismatch ? json(mismatch.actual, max) : "(missing)";
    lines.push(...labelled(`${indent}  - expected: `, expected));
    lines.push(...labelled(`${indent}  + actual:   `, actual));
  }
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function json(value: unknown, max: number): string {
  const compact = JSON.stringify(value) ?? String(value);
  const text = compact.length <= 60 ? compact : JSON.stringify(value, null, 2);
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function labelled(label: string, text: string): string[] {
  const pad = " ".repeat(label.length);
  return text.split("\n").map((line, index) => (index === 0 ? label : pad) + line);
}
