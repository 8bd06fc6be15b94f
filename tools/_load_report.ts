/**
 * The load test's report: the figures as plain data ({@linkcode LoadReport},
 * what `--json` prints) and as text. Nothing secret is in it: counts, error
 * types, operation labels, user names and times only.
 *
 * @module
 */

import type { CallTally, UnexpectedAnswer } from "./_load_calls.ts";

/** p50 / p99 of one operation, ms. */
export interface LatencyRow {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Everything a load run found. */
export interface LoadReport {
  users: number;
  concurrency: number;
  /** Users whose lifecycle ran to its end. */
  completedUsers: number;
  requests: { setup: number; load: number; verify: number; total: number };
  /** Wall time of the load phase (all lifecycles), ms. */
  loadWallMs: number;
  /** Requests of the load phase per second of its wall time. */
  loadRequestsPerSecond: number;
  /** Error answers by `__type`, over all phases. */
  expectedErrors: Record<string, number>;
  unexpectedErrors: Record<string, number>;
  /** Answers with status ≥ 500, over all phases (must be 0). */
  serverErrors: number;
  /** The answers that differed from what the client expected (first 20). */
  unexpected: UnexpectedAnswer[];
  unexpectedCount: number;
  /** Admin-API findings: state that differs from what the clients were told. */
  verificationIssues: string[];
  /** What the verification checked. */
  verified: {
    users: number;
    devices: number;
    remembered: number;
    forgotten: number;
    signedOut: number;
  };
  /** Latency of the load phase by operation, and over all its calls. */
  latency: { operations: LatencyRow[]; overall: Omit<LatencyRow, "label"> };
  /** The mock process's memory (bytes), `undefined` where /proc is not readable. */
  memory?: { idleRss: number; finalRss: number; peakRss: number };
  /** What the mock wrote on standard error (faults), cut to 2000 characters. */
  mockStderr: string;
  /** Whether nothing went wrong: no 5xx, no unexpected answer, no finding. */
  ok: boolean;
}

/** The nearest-rank quantile `q` (0–1) of ascending `sorted` values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function summarise(samples: number[]): Omit<LatencyRow, "label"> {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  };
}

/** Per-operation and overall latency of one tally. */
export function latencyOf(tally: CallTally): LoadReport["latency"] {
  const operations = [...tally.latencies.entries()]
    .map(([label, samples]) => ({ label, ...summarise(samples) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { operations, overall: summarise([...tally.latencies.values()].flat()) };
}

/** Adds `from`'s counts into `into`. */
export function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

const ms = (value: number) => value.toFixed(1).padStart(8);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function counts(label: string, values: Record<string, number>): string[] {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return [`${label}: none`];
  return [`${label}:`, ...entries.map(([type, count]) => `  ${type.padEnd(40)} ${count}`)];
}

/** The report as text, one figure per line; the last line says PASS or FAIL. */
export function renderLoadReport(report: LoadReport): string {
  const { requests, verified, latency } = report;
  const width = Math.max(9, ...latency.operations.map((row) => row.label.length));
  const lines = [
    `load: ${report.users} users, ${report.concurrency} at once, one mock process`,
    `completed lifecycles: ${report.completedUsers}/${report.users}`,
    `requests served: ${requests.total} (setup ${requests.setup}, load ${requests.load}, ` +
    `verification ${requests.verify})`,
    `load phase: ${(report.loadWallMs / 1000).toFixed(2)} s wall, ` +
    `${report.loadRequestsPerSecond.toFixed(0)} requests/s`,
    `5xx answers: ${report.serverErrors}`,
    ...counts("expected errors (provoked on purpose), by __type", report.expectedErrors),
    ...counts("unexpected errors, by __type", report.unexpectedErrors),
    `unexpected answers: ${report.unexpectedCount}`,
    ...report.unexpected.map((entry) =>
      `  ${entry.user} ${entry.label}: ${entry.status} ${entry.type}: ${entry.detail}`
    ),
    `admin verification: ${verified.users} users, ${verified.devices} devices ` +
    `(${verified.remembered} remembered), ${verified.forgotten} forgotten, ` +
    `${verified.signedOut} signed out: ` +
    (report.verificationIssues.length === 0
      ? "all consistent"
      : `${report.verificationIssues.length} finding(s)`),
    ...report.verificationIssues.slice(0, 20).map((issue) => `  ${issue}`),
    "latency of the load phase, ms (round trip as the client sees it; client and mock share the cores):",
    `  ${"operation".padEnd(width)}    calls      p50      p99      max`,
    ...latency.operations.map((row) =>
      `  ${row.label.padEnd(width)} ${String(row.count).padStart(8)} ${ms(row.p50)} ${
        ms(row.p99)
      } ${ms(row.max)}`
    ),
    `  ${"overall".padEnd(width)} ${String(latency.overall.count).padStart(8)} ${
      ms(latency.overall.p50)
    } ${ms(latency.overall.p99)} ${ms(latency.overall.max)}`,
    report.memory === undefined
      ? "mock memory: not available (no /proc)"
      : `mock memory: idle ${mib(report.memory.idleRss)}, after ${
        mib(report.memory.finalRss)
      }, peak (VmHWM) ${mib(report.memory.peakRss)}`,
  ];
  if (report.mockStderr.trim() !== "") {
    lines.push("mock stderr:", ...report.mockStderr.trim().split("\n").map((line) => `  ${line}`));
  }
  lines.push(report.ok ? "PASS" : "FAIL");
  return `${lines.join("\n")}\n`;
}
