/**
 * One measured load run of the mock benchmark, and the bookkeeping around
 * it: the server tree's CPU time, the load generator's and the whole
 * machine's are read at both ends of the measured window, so each run also
 * says how much CPU *other* processes took meanwhile (the machine is shared).
 * A run disturbed by others is repeated (the least disturbed attempt is kept).
 */

import { type BenchUser, call, isSignedIn, passwordAuthBody, provisionUser } from "./mock_api.ts";
import { type FlowConfig, FlowError, type FlowName } from "./mock_flows.ts";
import { runDenoLoad } from "./mock_load.ts";
import { type MachineTimes, machineTimes, stopServer, treeCpuMs } from "./mock_proc.ts";
import {
  type ServerName,
  ServerStartError,
  type StartedServer,
  startServer,
  type StartSettings,
} from "./mock_servers.ts";
import type { LoadResult, RunRecord } from "./mock_stats.ts";
import { runWrk } from "./mock_wrk.ts";

/** How the runs are made. */
export interface RunSettings {
  loadgen: "wrk" | "deno";
  durationS: number;
  warmupS: number;
  /** Folder for wrk's Lua script. */
  scratchDir: string;
}

/** A run whose other-process CPU exceeded this many cores is repeated. */
export const DISTURBED_CORES = 0.3;
/** Attempts per run at most (the least disturbed one is kept). */
const ATTEMPTS = 2;

/** A live server with its benchmark user. */
export interface Live {
  server: StartedServer;
  user: BenchUser;
}

/** CPU and time counters taken at both ends of a measured run. */
interface Probe {
  serverCpuMs: number;
  machine: MachineTimes;
  at: number;
}

function probe(pid: number): Probe {
  return { serverCpuMs: treeCpuMs(pid), machine: machineTimes(), at: performance.now() };
}

function toRecord(
  result: LoadResult,
  loadgenCpuMs: number,
  before: Probe,
  after: Probe,
): RunRecord {
  const wallMs = Math.max(1, after.at - before.at);
  const serverCpuMs = after.serverCpuMs - before.serverCpuMs;
  const busyCores = (after.machine.busyMs - before.machine.busyMs) / wallMs;
  const perSignIn = (ms: number) => result.completed > 0 ? ms / result.completed : Number.NaN;
  return {
    ...result,
    rate: result.elapsedMs > 0 ? (result.completed * 1000) / result.elapsedMs : 0,
    serverCpuMs: perSignIn(serverCpuMs),
    loadgenCpuMs: perSignIn(loadgenCpuMs),
    machineBusyCores: busyCores,
    otherCores: Math.max(0, busyCores - (serverCpuMs + loadgenCpuMs) / wallMs),
  };
}

/** Repeats a disturbed run up to {@linkcode ATTEMPTS} times; keeps the quietest. */
async function quietly(run: () => Promise<RunRecord>): Promise<RunRecord> {
  let best: RunRecord | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const record = await run();
    if (record.errors > 0 || record.notImplemented !== undefined) return record;
    if (best === undefined || record.otherCores < best.otherCores) best = record;
    if (record.otherCores <= DISTURBED_CORES) break;
  }
  return best!;
}

/**
 * One USER_PASSWORD_AUTH run with the configured load generator (wrk or the
 * Deno one), `seconds` long; `quiet` repeats it while others disturb it.
 */
export function passwordRun(
  live: Live,
  connections: number,
  seconds: number,
  settings: RunSettings,
  quiet = true,
): Promise<RunRecord> {
  const { server, user } = live;
  const once = async () => {
    if (settings.loadgen === "deno") {
      return await flowRunOnce(live, { endpoint: server.endpoint, user }, "upa", connections, {
        ...settings,
        durationS: seconds,
        warmupS: Math.min(1, settings.warmupS),
      });
    }
    const before = probe(server.pid);
    const run = await runWrk(server.endpoint, passwordAuthBody(user), {
      connections,
      durationS: seconds,
      scratchDir: settings.scratchDir,
    });
    return toRecord(run.result, run.cpuMs, before, probe(server.pid));
  };
  return quiet ? quietly(once) : once();
}

async function flowRunOnce(
  live: Live,
  config: FlowConfig,
  flow: FlowName,
  connections: number,
  settings: RunSettings,
): Promise<RunRecord> {
  let before = probe(live.server.pid);
  const report = await runDenoLoad(
    { config, flow, connections, durationS: settings.durationS, warmupS: settings.warmupS },
    { onMeasureStart: () => before = probe(live.server.pid) },
  );
  return toRecord(report, report.cpuMs, before, probe(live.server.pid));
}

/**
 * One run of the Deno load generator for `flow`; its in-process warm-up
 * (at most 1 s) is excluded from every figure.
 */
export function flowRun(
  live: Live,
  config: FlowConfig,
  flow: FlowName,
  connections: number,
  settings: RunSettings,
): Promise<RunRecord> {
  const warm = { ...settings, warmupS: Math.min(1, settings.warmupS) };
  return quietly(() => flowRunOnce(live, config, flow, connections, warm));
}

/** The record every run of a flow reports when its one checked sign-in failed. */
export function failedRecord(error: FlowError): RunRecord {
  return {
    completed: 0,
    errors: 1,
    errorKinds: { [error.kind]: 1 },
    elapsedMs: 0,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    ...(error.notImplemented ? { notImplemented: error.kind } : {}),
    rate: 0,
    serverCpuMs: Number.NaN,
    loadgenCpuMs: Number.NaN,
    machineBusyCores: 0,
    otherCores: 0,
  };
}

/** Runs a check; a FlowError becomes a failed record, anything else is rethrown. */
export async function check(work: () => Promise<unknown>): Promise<RunRecord | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (error instanceof FlowError) return failedRecord(error);
    throw error;
  }
}

/** Starts a server, provisions its user and checks one sign-in. */
export async function bringUp(name: ServerName, start: StartSettings): Promise<Live> {
  const server = await startServer(name, start);
  try {
    const user = await provisionUser(server.endpoint);
    const answer = await call(server.endpoint, "InitiateAuth", JSON.parse(passwordAuthBody(user)));
    if (!isSignedIn(answer)) {
      throw new ServerStartError(`Cannot sign in on ${name}: answer ${answer.status}`);
    }
    return { server, user };
  } catch (error) {
    await stopServer(server.pid);
    throw error;
  }
}
