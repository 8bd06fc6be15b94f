/**
 * A {@linkcode DiffReport} as text (like a diff: `-` lines are target A,
 * `+` lines target B), JSON (the report object itself, stable: see
 * {@linkcode DiffReport}) or Markdown (tables for a pull request). Text and
 * Markdown number steps from 1, as people count; JSON keeps the runner's
 * 0-based `step` index.
 *
 * @module
 */

import type { Difference, DiffReport, ScenarioDiff } from "./compare.ts";

/**
 * The output formats.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DIFF_FORMATS } from "./report.ts";
 * assert.deepEqual(DIFF_FORMATS, ["text", "json", "markdown"]);
 * ```
 */
export const DIFF_FORMATS = ["text", "json", "markdown"] as const;

/** One of {@linkcode DIFF_FORMATS}. */
export type DiffFormat = typeof DIFF_FORMATS[number];

/** Options of {@linkcode formatDiff}. */
export interface FormatDiffOptions {
  /** ANSI colours in the text format (red `-`, green `+`). @default false */
  color?: boolean;
}

/**
 * Formats a report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { DiffReport } from "./compare.ts";
 * import { formatDiff } from "./report.ts";
 * const target = { kind: "mock" as const, endpoint: "http://127.0.0.1:1/", region: "us-east-1" };
 * const report: DiffReport = {
 *   version: 1,
 *   targets: { a: { label: "embedded", ...target }, b: { label: "embedded:reconfirmDevice=idempotent", ...target } },
 *   summary: { scenarios: 1, same: 0, different: 1, notCompared: 0, notRun: 0, differences: 1 },
 *   scenarios: [{
 *     id: "x.yaml", name: "confirm twice", file: "x.yaml", status: "different",
 *     outcome: { a: "passed", b: "failed" },
 *     differences: [{ kind: "status", step: 1, stepName: "again", call: "ConfirmDevice", a: 400, b: 200 }],
 *   }],
 * };
 * const text = formatDiff(report, "text");
 * assert.match(text, /^--- A: embedded/);
 * assert.match(text, /\n    - status: 400\n    \+ status: 200\n/);
 * assert.deepEqual(JSON.parse(formatDiff(report, "json")), report);
 * assert.match(formatDiff(report, "markdown"), /\| `x\.yaml` \| 2 `ConfirmDevice` \| status \|  \| `400` \| `200` \|/);
 * ```
 */
export function formatDiff(
  report: DiffReport,
  format: DiffFormat,
  options: FormatDiffOptions = {},
): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "markdown") return markdown(report);
  return text(report, options.color ?? false);
}

/**
 * The one-line summary the text format ends with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { DiffReport } from "./compare.ts";
 * import { summaryLine } from "./report.ts";
 * const summary = { scenarios: 62, same: 61, different: 1, notCompared: 0, notRun: 0, differences: 5 };
 * assert.equal(
 *   summaryLine({ summary } as DiffReport),
 *   "62 scenarios: 61 same, 1 different (5 differences), 0 not compared, 0 not run",
 * );
 * ```
 */
export function summaryLine(report: DiffReport): string {
  const { summary } = report;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${plural(summary.scenarios, "scenario", "scenarios")}: ${summary.same} same, ` +
    `${summary.different} different (${
      plural(summary.differences, "difference", "differences")
    }), ${summary.notCompared} not compared, ${summary.notRun} not run`;
}

function targetLine(report: DiffReport, side: "a" | "b"): string {
  const target = report.targets[side];
  const kind = target.kind === "mock"
    ? "embedded mock"
    : target.label === target.endpoint
    ? "endpoint"
    : target.endpoint;
  return `${side === "a" ? "---" : "+++"} ${side.toUpperCase()}: ${target.label} (${kind})`;
}

function text(report: DiffReport, color: boolean): string {
  const paint = (code: number, line: string) => color ? `\x1b[${code}m${line}\x1b[0m` : line;
  const lines = [targetLine(report, "a"), targetLine(report, "b"), ""];
  for (const scenario of report.scenarios) {
    if (scenario.status === "same" && scenario.problems === undefined) continue;
    lines.push(`${statusMark(scenario)} ${scenario.id}: ${scenario.name} ${outcomes(scenario)}`);
    if (scenario.reason !== undefined) lines.push(`    ${scenario.reason}`);
    for (const [side, problem] of Object.entries(scenario.problems ?? {})) {
      lines.push(`    ${side.toUpperCase()}: ${problem}`);
    }
    let step: number | undefined;
    for (const difference of scenario.differences) {
      if (difference.step !== step) {
        step = difference.step;
        if (step !== undefined) {
          lines.push(`  step ${step + 1} ${difference.call}: ${difference.stepName}`);
        }
      }
      if (difference.kind === "steps") {
        lines.push(`    ${difference.note}`);
        continue;
      }
      const what = subject(difference);
      // A short note (which part of a token) rides along; a long one (a failure) gets a line.
      const note = difference.note ?? "";
      const inline = note !== "" && note.length <= 40 ? ` [${note}]` : "";
      lines.push(paint(31, `    - ${what}: ${shown(difference.a, difference)}${inline}`));
      lines.push(paint(32, `    + ${what}: ${shown(difference.b, difference)}`));
      if (note !== "" && inline === "") lines.push(`      ${note}`);
    }
    lines.push("");
  }
  lines.push(summaryLine(report), "");
  return lines.join("\n");
}

function statusMark(scenario: ScenarioDiff): string {
  if (scenario.status === "different") return "~";
  return scenario.status === "not-run" || scenario.problems !== undefined ? "!" : "?";
}

function outcomes(scenario: ScenarioDiff): string {
  return `(A ${scenario.outcome.a}, B ${scenario.outcome.b})`;
}

function subject(difference: Difference): string {
  switch (difference.kind) {
    case "error-type":
      return "error type";
    case "error-message":
      return "error message";
    case "header":
      return `header ${difference.path}`;
    case "presence":
    case "type":
    case "length":
    case "value":
      return difference.path ?? "$";
    default:
      return difference.kind;
  }
}

function shown(value: Difference["a"], difference: Difference): string {
  if (difference.kind === "presence") return value === "absent" ? "(absent)" : `${value}`;
  if (difference.kind === "type") return `type ${value}`;
  if (difference.kind === "length") return `${value} ${value === 1 ? "item" : "items"}`;
  if (difference.kind === "header" && value === null) return "(absent)";
  if (difference.kind === "status" && value === null) return "(no response)";
  if (
    (difference.kind === "error-type" || difference.kind === "error-message") && value === "absent"
  ) return "(no error)";
  if (difference.kind === "value") return JSON.stringify(value);
  return String(value);
}

function markdown(report: DiffReport): string {
  const lines = [
    "## Differential run",
    "",
    "| side | target | kind |",
    "| --- | --- | --- |",
    ...(["a", "b"] as const).map((side) => {
      const target = report.targets[side];
      return `| ${side.toUpperCase()} | ${code(target.label)} | ${
        target.kind === "mock" ? "embedded mock" : "endpoint"
      } |`;
    }),
    "",
    `**${summaryLine(report)}.**`,
    "",
  ];
  const different = report.scenarios.filter((scenario) => scenario.status === "different");
  if (different.length > 0) {
    lines.push(
      "| scenario | step | what | where | A | B |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const scenario of different) {
      for (const difference of scenario.differences) {
        const step = difference.step === undefined
          ? ""
          : `${difference.step + 1} ${code(difference.call ?? "")}`;
        const path = difference.path === undefined ? "" : code(difference.path);
        const where = difference.kind === "steps"
          ? cell(difference.note ?? "")
          : [path, cell(difference.note ?? "")].filter((part) => part !== "").join(" — ");
        const value = (side: "a" | "b") =>
          difference.kind === "steps"
            ? String(difference[side])
            : code(shown(difference[side], difference));
        lines.push(
          `| ${code(scenario.id)} | ${step} | ${difference.kind} | ${where} | ${value("a")} | ${
            value("b")
          } |`,
        );
      }
    }
    lines.push("");
  }
  const others = report.scenarios.filter((scenario) =>
    scenario.status === "not-run" || scenario.status === "not-compared" ||
    scenario.problems !== undefined
  );
  if (others.length > 0) {
    lines.push("| scenario | status | why |", "| --- | --- | --- |");
    for (const scenario of others) {
      const why = [
        scenario.reason ?? "",
        ...Object.entries(scenario.problems ?? {}).map(([side, p]) =>
          `${side.toUpperCase()}: ${p}`
        ),
      ].filter((part) => part !== "").join("; ");
      lines.push(`| ${code(scenario.id)} | ${scenario.status} | ${cell(why)} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Inline code that survives any backticks in the text. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, "\\|").replace(/\n/g, " ")}${fence}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
