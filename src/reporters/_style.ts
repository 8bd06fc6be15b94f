/**
 * Options with their defaults, ANSI colour and the small text helpers the
 * human-readable reporters share.
 *
 * @module
 */

import type { Outcome } from "../runner/events.ts";
import type { ReporterOptions } from "./types.ts";

/** {@linkcode ReporterOptions} with every default filled in. */
export type ResolvedOptions = Required<ReporterOptions>;

export function resolveOptions(options: ReporterOptions = {}): ResolvedOptions {
  return {
    color: options.color ?? false,
    terminal: options.terminal ?? false,
    width: Math.max(20, options.width ?? 80),
    showExchanges: options.showExchanges ?? false,
    timingRows: options.timingRows ?? Infinity,
  };
}

/** Paints text; every painter is the identity when colour is off. */
export interface Style {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  /** Paints text in the colour of an outcome. */
  outcome(outcome: Outcome, text: string): string;
}

function ansi(open: number, close: number): (text: string) => string {
  return (text) => text === "" ? text : `\x1b[${open}m${text}\x1b[${close}m`;
}

export function style(color: boolean): Style {
  const plain = (text: string) => text;
  const painters = color
    ? {
      green: ansi(32, 39),
      red: ansi(31, 39),
      yellow: ansi(33, 39),
      magenta: ansi(35, 39),
      cyan: ansi(36, 39),
      dim: ansi(2, 22),
      bold: ansi(1, 22),
    }
    : {
      green: plain,
      red: plain,
      yellow: plain,
      magenta: plain,
      cyan: plain,
      dim: plain,
      bold: plain,
    };
  const byOutcome: Record<Outcome, (text: string) => string> = {
    passed: painters.green,
    failed: painters.red,
    errored: painters.magenta,
    skipped: painters.yellow,
  };
  return { ...painters, outcome: (outcome, text) => byOutcome[outcome](text) };
}

/** One-character marks used by pretty and in failure details. */
export const SYMBOL: Readonly<Record<Outcome, string>> = {
  passed: "✓",
  failed: "✗",
  errored: "!",
  skipped: "-",
};

/** `42 ms` under a second, `1.23 s` above. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

// deno-lint-ignore no-control-regex -- matching ANSI colour sequences is the point
const ANSI_SEQUENCE = /\x1b\[[0-9;]*m/y;
// deno-lint-ignore no-control-regex -- same sequences, all at once
const ANSI_SEQUENCES = /\x1b\[[0-9;]*m/g;

/**
 * Cuts text to `width` visible characters, ending with `…` when cut. ANSI
 * colour sequences take no width and are never split; a cut line ends with a
 * reset so the colour does not leak.
 */
export function truncate(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  let out = "";
  let visible = 0;
  for (let i = 0; i < text.length && visible < width - 1;) {
    ANSI_SEQUENCE.lastIndex = i;
    const sequence = ANSI_SEQUENCE.exec(text)?.[0] ?? String.fromCodePoint(text.codePointAt(i)!);
    if (sequence.length === 1 || !sequence.startsWith("\x1b")) visible++;
    out += sequence;
    i += sequence.length;
  }
  return out + "…" + (out.includes("\x1b[") ? "\x1b[0m" : "");
}

function visibleLength(text: string): number {
  return [...text.replace(ANSI_SEQUENCES, "")].length;
}

/** Pads text with spaces to `width` characters (counted as code points). */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - [...text].length));
}

/** Pads text on the left with spaces to `width` characters. */
export function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - [...text].length)) + text;
}

/** `1 passed · 2 failed …` style counts, in a fixed order. */
export function countsOf(outcomes: Iterable<Outcome>): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const outcome of outcomes) counts[outcome]++;
  return counts;
}

/** The text of one line, whatever line breaks it held. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ");
}
