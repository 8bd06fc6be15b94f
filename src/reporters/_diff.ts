/**
 * Expected-versus-actual as a small readable diff: two labelled lines for
 * short values, a line diff of the indented JSON for larger ones.
 *
 * @module
 */

import type { Failure } from "../runner/events.ts";
import type { Style } from "./_style.ts";

/** Longest compact JSON shown on one labelled line. */
const COMPACT = 60;
/** Above this many lines × lines, the diff falls back to showing both sides. */
const LCS_LIMIT = 40_000;
/** Unchanged lines kept around each change. */
const CONTEXT = 2;

/** JSON of a value, or a word for what JSON cannot say. */
export function showValue(value: unknown, indent?: number): string {
  if (value === undefined) return "(missing)";
  return JSON.stringify(value, null, indent) ?? String(value);
}

/**
 * Lines showing how `actual` differs from `expected`, without indentation:
 * `- expected: …` / `+ actual:   …` for short values, else a unified line
 * diff of both as indented JSON.
 */
export function diffLines(failure: Failure, paint: Style): string[] {
  if (!("expected" in failure) && !("actual" in failure)) return [];
  const expected = "expected" in failure ? showValue(failure.expected) : "(anything)";
  const actual = showValue(failure.actual);
  const structured = isStructured(failure.expected) && isStructured(failure.actual);
  if (!structured || (expected.length <= COMPACT && actual.length <= COMPACT)) {
    return [
      ...labelled("- expected: ", multiline(failure.expected, expected)).map(paint.green),
      ...labelled("+ actual:   ", multiline(failure.actual, actual)).map(paint.red),
    ];
  }
  const expectedLines = showValue(failure.expected, 2).split("\n");
  const actualLines = showValue(failure.actual, 2).split("\n");
  return [
    paint.green("- expected"),
    paint.red("+ actual"),
    ...unified(expectedLines, actualLines, paint),
  ];
}

function isStructured(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}

function multiline(value: unknown, compact: string): string {
  return compact.length <= COMPACT ? compact : showValue(value, 2);
}

function labelled(label: string, text: string): string[] {
  const pad = " ".repeat(label.length);
  return text.split("\n").map((line, index) => (index === 0 ? label : pad) + line);
}

type Op = { op: " " | "-" | "+"; line: string };

function unified(expected: string[], actual: string[], paint: Style): string[] {
  const ops = lineDiff(expected, actual);
  const keep = ops.map((_, index) =>
    ops.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((op) => op.op !== " ")
  );
  const out: string[] = [];
  let elided = false;
  ops.forEach(({ op, line }, index) => {
    if (!keep[index]) {
      if (!elided) out.push(paint.dim("  …"));
      elided = true;
      return;
    }
    elided = false;
    const text = `${op} ${line}`;
    out.push(op === "-" ? paint.green(text) : op === "+" ? paint.red(text) : text);
  });
  return out;
}

/** Longest-common-subsequence line diff; both sides whole when too large. */
export function lineDiff(expected: string[], actual: string[]): Op[] {
  const n = expected.length;
  const m = actual.length;
  if (n * m > LCS_LIMIT) {
    return [
      ...expected.map((line): Op => ({ op: "-", line })),
      ...actual.map((line): Op => ({ op: "+", line })),
    ];
  }
  // lengths[i][j]: LCS length of expected[i..] and actual[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = expected[i] === actual[j]
        ? lengths[i + 1]![j + 1]! + 1
        : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (expected[i] === actual[j]) {
      ops.push({ op: " ", line: expected[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      ops.push({ op: "-", line: expected[i++]! });
    } else {
      ops.push({ op: "+", line: actual[j++]! });
    }
  }
  while (i < n) ops.push({ op: "-", line: expected[i++]! });
  while (j < m) ops.push({ op: "+", line: actual[j++]! });
  return ops;
}
