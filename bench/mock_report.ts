/**
 * The results of the mock benchmark and their markdown report: the servers
 * side by side, the targets of the issue with PASS/MISS verdicts, the SRP
 * flows against the mock's own USER_PASSWORD_AUTH rate, and the machine.
 */

import type { FlowName } from "./mock_flows.ts";
import type { Memory } from "./mock_proc.ts";
import type { Rs256Costs } from "./mock_rs256.ts";
import type { MachineInfo, ServerName } from "./mock_servers.ts";
import { bestRun, failedRun, median, type RunRecord } from "./mock_stats.ts";

/** One server's measurements. */
export interface ServerResult {
  name: ServerName;
  /** Why the server was not measured, if it was not. */
  skipped?: string;
  /** Spawn → first HTTP answer of each startup, ms. */
  readyMs: number[];
  /** Mock only: spawn → "ENDPOINT" line, ms. */
  endpointMs: number[];
  /** USER_PASSWORD_AUTH runs by connection count. */
  runs: Record<string, RunRecord[]>;
  /** Memory of the process tree after provisioning, before any load. */
  idleMemory?: Memory;
  /** Memory of the process tree after the last measured run. */
  memory?: Memory;
}

/** The mock's SRP-family flows at one connection count. */
export interface SrpResult {
  flow: FlowName;
  connections: number;
  runs: RunRecord[];
}

/** Everything one benchmark run measured. */
export interface BenchResults {
  date: string;
  machine: MachineInfo;
  settings: {
    loadgen: "wrk" | "deno";
    durationS: number;
    warmupS: number;
    reps: number;
    startupReps: number;
    connections: number[];
    pollIntervalS: number;
  };
  loadAverageAtStart: number;
  servers: ServerResult[];
  /** Absent when the SRP part was not run; `skipped` says why it could not be. */
  srp?: { skipped?: string; results: SrpResult[] };
  /** The cost of one RS256 signature here (two per sign-in). */
  rs256?: Rs256Costs;
}

/** The throughput targets of the issue: ours ≥ factor × peer. */
export const THROUGHPUT_TARGETS: ReadonlyArray<{ peer: ServerName; factor: number }> = [
  { peer: "moto", factor: 1.5 },
  { peer: "cognito-local", factor: 5 },
];
/** First answer within this many ms of the mock process's spawn. */
export const STARTUP_TARGET_MS = 100;
/** SRP and device sign-ins/s ≥ this share of the mock's USER_PASSWORD_AUTH rate. */
export const SRP_TARGET_SHARE = 0.4;

const FLOW_LABELS: Record<FlowName, string> = {
  upa: "USER_PASSWORD_AUTH (1 call)",
  srp: "USER_SRP_AUTH (2 calls)",
  device: "remembered device (4 calls)",
};

const fixed = (value: number, digits = 0) => Number.isFinite(value) ? value.toFixed(digits) : "–";

/** PASS or MISS. */
export function verdict(measured: number, target: number, atMost = false): "PASS" | "MISS" {
  return (atMost ? measured <= target : measured >= target) ? "PASS" : "MISS";
}

/** A cell for a set of runs: the value of the best run, or why there is none. */
function runCell(runs: readonly RunRecord[], value: (run: RunRecord) => string): string {
  const failed = failedRun(runs);
  if (failed?.notImplemented !== undefined) return "not implemented yet";
  if (failed !== undefined) {
    const total = failed.completed + failed.errors;
    const kind = Object.keys(failed.errorKinds)[0] ?? "errors";
    return `ERROR: ${failed.errors}/${total} failed (${kind})`;
  }
  const run = bestRun(runs);
  return run === undefined ? "–" : value(run);
}

/** The best-run rate of a server at `connections`, or undefined. */
export function rateOf(result: ServerResult | undefined, connections: number): number | undefined {
  if (result === undefined || result.skipped !== undefined) return undefined;
  return bestRun(result.runs[String(connections)] ?? [])?.rate;
}

/** The lowest and highest rate of a set of runs, e.g. `"540–707"`. */
function rateRange(runs: readonly RunRecord[]): string {
  const rates = runs.map((run) => run.rate);
  return `${fixed(Math.min(...rates))}–${fixed(Math.max(...rates))}`;
}

function serverTable(results: BenchResults): string[] {
  const servers = results.servers;
  const row = (label: string, cell: (server: ServerResult) => string) =>
    `| ${label} | ${
      servers.map((server) => server.skipped === undefined ? cell(server) : "skipped").join(" | ")
    } |`;
  const lines = [
    `| USER_PASSWORD_AUTH | ${servers.map((server) => server.name).join(" | ")} |`,
    `|---|${servers.map(() => "---:").join("|")}|`,
    row(
      `first answer after spawn, ms (median of ${results.settings.startupReps})`,
      (server) => fixed(median(server.readyMs)),
    ),
    row(
      "`ENDPOINT` line after spawn, ms",
      (server) => server.endpointMs.length === 0 ? "–" : fixed(median(server.endpointMs)),
    ),
  ];
  for (const connections of results.settings.connections) {
    const runs = (server: ServerResult) => server.runs[String(connections)] ?? [];
    lines.push(
      row(
        `c=${connections}: sign-ins/s, best (all runs)`,
        (s) => runCell(runs(s), (run) => `${fixed(run.rate)} (${rateRange(runs(s))})`),
      ),
      row(
        `c=${connections}: p50 / p99 latency, ms`,
        (s) => runCell(runs(s), (run) => `${fixed(run.p50Ms, 2)} / ${fixed(run.p99Ms, 2)}`),
      ),
      row(
        `c=${connections}: server CPU per sign-in, ms`,
        (s) => runCell(runs(s), (run) => fixed(run.serverCpuMs, 2)),
      ),
    );
  }
  lines.push(
    row(
      "memory: RSS idle / RSS after the last run / peak, MiB",
      (server) => {
        const mib = (kib: number | undefined) => fixed((kib ?? Number.NaN) / 1024);
        return `${mib(server.idleMemory?.rssKiB)} / ${mib(server.memory?.rssKiB)} / ${
          mib(server.memory?.peakKiB)
        }`;
      },
    ),
  );
  const skipped = servers.filter((server) => server.skipped !== undefined);
  if (skipped.length > 0) lines.push("");
  for (const server of skipped) lines.push(`- ${server.name} skipped: ${server.skipped}`);
  return lines;
}

function targetTable(results: BenchResults): string[] {
  const find = (name: ServerName) => results.servers.find((server) => server.name === name);
  const mock = find("mock");
  const lines = ["| target | measured | verdict |", "|---|---|---|"];
  for (const connections of results.settings.connections) {
    const ours = rateOf(mock, connections);
    for (const { peer, factor } of THROUGHPUT_TARGETS) {
      const theirs = rateOf(find(peer), connections);
      const label = `c=${connections}: mock ≥ ${factor}× ${peer} sign-ins/s`;
      if (ours === undefined || theirs === undefined) {
        lines.push(`| ${label} | not measured | – |`);
        continue;
      }
      const ratio = ours / theirs;
      lines.push(
        `| ${label} | ${fixed(ratio, 2)}× (${fixed(ours)} vs ${fixed(theirs)}) | ${
          verdict(ratio, factor)
        } |`,
      );
    }
  }
  const startup = median(mock?.readyMs ?? []);
  lines.push(
    `| mock: first answer ≤ ${STARTUP_TARGET_MS} ms after spawn | ${fixed(startup)} ms | ${
      Number.isFinite(startup) ? verdict(startup, STARTUP_TARGET_MS, true) : "–"
    } |`,
  );
  for (const { label, share, reason } of srpShares(results)) {
    lines.push(
      `| ${label} ≥ ${SRP_TARGET_SHARE * 100}% of USER_PASSWORD_AUTH | ${
        share === undefined ? reason : `${fixed(share * 100)}%`
      } | ${share === undefined ? "–" : verdict(share, SRP_TARGET_SHARE)} |`,
    );
  }
  return lines;
}

/**
 * SRP-family targets: sign-ins/s as measured (the client's SRP math runs on
 * the same cores), and on a server-CPU basis (USER_PASSWORD_AUTH server CPU
 * per sign-in ÷ the flow's), i.e. the share a CPU-bound server would reach
 * with its clients elsewhere.
 */
function srpShares(results: BenchResults) {
  const rows: Array<{ label: string; share?: number; reason: string }> = [];
  if (results.srp === undefined) return rows;
  const byKey = new Map(results.srp.results.map((r) => [`${r.flow}:${r.connections}`, r.runs]));
  for (const connections of results.settings.connections) {
    const base = bestRun(byKey.get(`upa:${connections}`) ?? []);
    for (const flow of ["srp", "device"] as const) {
      const runs = byKey.get(`${flow}:${connections}`) ?? [];
      const run = bestRun(runs);
      const failed = failedRun(runs);
      const reason = results.srp.skipped ??
        (failed?.notImplemented !== undefined
          ? "not implemented yet"
          : failed !== undefined
          ? "errors"
          : "not measured");
      const measured = run !== undefined && base !== undefined;
      rows.push(
        {
          label: `c=${connections}: ${FLOW_LABELS[flow]}, sign-ins/s`,
          reason,
          ...(measured ? { share: run.rate / base.rate } : {}),
        },
        {
          label: `c=${connections}: ${FLOW_LABELS[flow]}, server CPU basis`,
          reason,
          ...(measured ? { share: base.serverCpuMs / run.serverCpuMs } : {}),
        },
      );
    }
  }
  return rows;
}

function srpTable(results: BenchResults): string[] {
  const srp = results.srp;
  if (srp === undefined) return [];
  if (srp.skipped !== undefined) return [`SRP flows not measured: ${srp.skipped}`];
  const lines = [
    "| flow (mock, Deno load generator) | c | sign-ins/s, best (all runs) | p50 / p99 ms | server CPU ms / sign-in | load generator CPU ms / sign-in |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const result of srp.results) {
    const cell = (value: (run: RunRecord) => string) => runCell(result.runs, value);
    lines.push(
      `| ${FLOW_LABELS[result.flow]} | ${result.connections} | ${
        cell((r) => `${fixed(r.rate)} (${rateRange(result.runs)})`)
      } | ${cell((r) => `${fixed(r.p50Ms, 2)} / ${fixed(r.p99Ms, 2)}`)} | ${
        cell((r) => fixed(r.serverCpuMs, 2))
      } | ${cell((r) => fixed(r.loadgenCpuMs, 2))} |`,
    );
  }
  return lines;
}

/** One signing engine's measured costs, as the RS256 table shows them. */
interface SignerCost {
  readonly name: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly pairMs: number | undefined;
}

/**
 * The signing engines measured, the mock's own first: OpenSSL via
 * src/srp/native when the probe saw the mock pick it, else WebCrypto.
 */
function signerCosts(costs: Rs256Costs): { mock: SignerCost; other?: SignerCost } {
  const webcrypto: SignerCost = {
    name: "WebCrypto",
    wallMs: costs.webcryptoMs,
    cpuMs: costs.webcryptoCpuMs,
    pairMs: costs.webcryptoPairMs,
  };
  if (costs.opensslFfiMs === undefined) return { mock: webcrypto };
  const openssl: SignerCost = {
    name: "OpenSSL via `src/srp/native`",
    wallMs: costs.opensslFfiMs,
    cpuMs: costs.opensslCpuMs ?? costs.opensslFfiMs,
    pairMs: costs.opensslPairMs,
  };
  return costs.mockSigner === "openssl"
    ? { mock: openssl, other: webcrypto }
    : { mock: webcrypto, other: openssl };
}

function rs256Lines(results: BenchResults): string[] {
  const costs = results.rs256;
  if (costs === undefined) return [];
  const cores = results.machine.cores;
  const mock = results.servers.find((server) => server.name === "mock");
  const signers = signerCosts(costs);
  const rows = (signer: SignerCost, role: string) => [
    `| ${signer.name} (${role}): one, wall / CPU | ${fixed(signer.wallMs, 2)} / ${
      fixed(signer.cpuMs, 2)
    } | ${cores} cores signing only: ${fixed((cores * 1000) / (2 * signer.cpuMs))} |`,
    `| ${signer.name}: two at once (\`Promise.all\`), wall | ${fixed(signer.pairMs ?? NaN, 2)} | ` +
    `c=1, nothing but the pair: ${fixed(1000 / (signer.pairMs ?? NaN))} |`,
  ];
  const lines = [
    "| every sign-in signs two RS256 tokens | ms | ceiling, sign-ins/s |",
    "|---|---:|---:|",
    ...rows(signers.mock, "the mock's signer"),
    ...(signers.other === undefined
      ? [`| OpenSSL libcrypto via FFI | ${costs.opensslSkipped ?? "not measured"} | – |`]
      : rows(signers.other, signers.other.name === "WebCrypto" ? "portable path" : "not used")),
  ];
  for (const connections of results.settings.connections) {
    const run = bestRun(mock?.runs[String(connections)] ?? []);
    if (run === undefined) continue;
    lines.push(
      `| mock c=${connections}: server CPU per sign-in beyond two ${signers.mock.name} signatures | ${
        fixed(run.serverCpuMs - 2 * signers.mock.cpuMs, 2)
      } | – |`,
    );
  }
  return lines;
}

function allRuns(results: BenchResults): RunRecord[] {
  return [
    ...results.servers.flatMap((server) => Object.values(server.runs).flat()),
    ...(results.srp?.results.flatMap((result) => result.runs) ?? []),
  ];
}

/** The whole report as markdown. */
export function renderReport(results: BenchResults): string {
  const { machine, settings } = results;
  const others = allRuns(results).map((run) => run.otherCores);
  const loadgen = settings.loadgen === "wrk"
    ? `wrk ${machine.wrk} (1 thread, Lua script checks every answer)`
    : "bench/mock_load.ts (Deno, separate process)";
  return [
    `# Mock benchmark, ${results.date}`,
    "",
    ...serverTable(results),
    "",
    "## Targets",
    "",
    ...targetTable(results),
    "",
    ...(results.srp === undefined
      ? []
      : ["## SRP flows (mock only)", "", ...srpTable(results), ""]),
    ...(results.rs256 === undefined ? [] : ["## The RS256 floor", "", ...rs256Lines(results), ""]),
    "## Machine and method",
    "",
    `- ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.kernel}`,
    `- Deno ${machine.deno}, Node ${machine.node}, Python ${machine.python}, moto ${machine.moto}, ` +
    `cognito-local ${machine.cognitoLocal}, wrk ${machine.wrk}`,
    `- USER_PASSWORD_AUTH load: ${loadgen}; ${settings.warmupS} s warm-up, then ` +
    `${settings.reps} × ${settings.durationS} s per connection count, servers interleaved; ` +
    "each cell shows the fastest run (others only slow runs down), with the range of all runs",
    ...(results.srp === undefined ? [] : [
      `- SRP flows: bench/mock_load.ts in its own process (client SRP math on the same cores); ` +
      "the USER_PASSWORD_AUTH row there uses the same generator, as the base of the ratio",
    ]),
    `- startup: spawn → first HTTP answer, curl probe every ${settings.pollIntervalS} s ` +
    "(same script logic for all three)",
    `- load average at start ${results.loadAverageAtStart.toFixed(2)}; CPU used by other ` +
    `processes during runs: median ${fixed(median(others), 2)}, max ${
      fixed(Math.max(...others), 2)
    } cores`,
    "",
  ].join("\n");
}
