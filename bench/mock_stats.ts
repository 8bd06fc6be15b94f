/**
 * Shared result types and small statistics of the mock benchmark
 * (bench/mock_compare.ts): what one load run measured, percentiles and
 * medians.
 */

/** What one load run (wrk or bench/mock_load.ts) measured. */
export interface LoadResult {
  /** Complete sign-ins that succeeded in the measured window. */
  completed: number;
  /** Sign-ins that failed (non-200, wrong shape, socket error); the run is then not a throughput. */
  errors: number;
  /** Error kinds and counts, e.g. `"InitiateAuth 400 NotAuthorizedException": 3`; never secrets. */
  errorKinds: Record<string, number>;
  /** Length of the measured window in ms. */
  elapsedMs: number;
  /** Median latency of one full sign-in, ms. */
  p50Ms: number;
  /** 99th percentile latency of one full sign-in, ms. */
  p99Ms: number;
  /** Set when the server answered 501 NotImplemented for the flow (no measurement). */
  notImplemented?: string;
}

/** A load run plus what the benchmark observed around it. */
export interface RunRecord extends LoadResult {
  /** Sign-ins per second (`completed / elapsed`). */
  rate: number;
  /** Server CPU time (user + system, whole process tree) per completed sign-in, ms. */
  serverCpuMs: number;
  /** CPU time of the load generator process, ms per completed sign-in. */
  loadgenCpuMs: number;
  /** Busy CPU of the whole machine during the run, in cores (2 = both cores busy). */
  machineBusyCores: number;
  /** Of that, what neither the server nor the load generator used (other users, the harness). */
  otherCores: number;
}

/**
 * The `q`-quantile (0..1) of `values` by the nearest-rank method; NaN when empty.
 * Sorts a copy.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** The median (lower middle for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Adds `count` occurrences of `kind` to an error tally. */
export function tally(kinds: Record<string, number>, kind: string, count = 1): void {
  kinds[kind] = (kinds[kind] ?? 0) + count;
}

/**
 * The fastest of `runs`, whose latencies and CPU figures are then reported
 * together. On a shared machine other work only ever slows a run down, so the
 * best of N repetitions is the steadiest estimate of what a server can do;
 * every server gets the same treatment. `undefined` when a run failed or was
 * not measured ({@linkcode failedRun} returns that run).
 */
export function bestRun(runs: readonly RunRecord[]): RunRecord | undefined {
  if (runs.length === 0 || runs.some((run) => run.errors > 0 || run.notImplemented)) {
    return undefined;
  }
  return [...runs].sort((a, b) => b.rate - a.rate)[0];
}

/** The first run that had errors or was not implemented, if any. */
export function failedRun(runs: readonly RunRecord[]): RunRecord | undefined {
  return runs.find((run) => run.errors > 0 || run.notImplemented !== undefined);
}
