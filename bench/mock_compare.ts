/**
 * The mock server benchmark, side by side with moto and cognito-local
 * (`deno task bench:mock`, or `deno run -A bench/mock_compare.ts --help`).
 * A benchmark, not a test: it prints a markdown report and exits 0 even when
 * a target is missed. See bench/README.md for what each figure means.
 *
 * 1. Startup: each server is started and stopped `--startup-reps` times
 *    alone; spawn → first HTTP answer (same curl probe for all).
 * 2. All servers run together, idle but one: each gets a pool, a client and
 *    a confirmed user through the admin API, and one checked sign-in.
 * 3. USER_PASSWORD_AUTH load from a separate process (wrk, or the Deno load
 *    generator), warm-up then `--reps` × `--duration`, at each connection
 *    count, servers interleaved so background load hits all alike. Around
 *    each run: the server tree's CPU time, the load generator's, the machine's.
 * 4. Memory (VmRSS / VmHWM of each server's process tree) after the runs.
 * 5. Mock only: USER_SRP_AUTH and remembered-device sign-ins, and
 *    USER_PASSWORD_AUTH as their base, all with the Deno load generator.
 * 6. With every server stopped: what one RS256 signature costs here
 *    (bench/mock_rs256.ts), the floor under the mock's sign-in rate.
 */

import { parseArgs } from "node:util";
import { type BenchUser, call, isSignedIn, passwordAuthBody, provisionUser } from "./mock_api.ts";
import { type FlowConfig, FlowError, type FlowName, rememberDevice, signIn } from "./mock_flows.ts";
import { type LoadReport, runDenoLoad } from "./mock_load.ts";
import {
  loadAverage,
  type MachineTimes,
  machineTimes,
  stopServer,
  treeCpuMs,
  treeMemory,
} from "./mock_proc.ts";
import {
  type BenchResults,
  renderReport,
  type ServerResult,
  type SrpResult,
} from "./mock_report.ts";
import {
  machineInfo,
  SERVER_NAMES,
  type ServerName,
  ServerStartError,
  type StartedServer,
  startServer,
  type StartSettings,
} from "./mock_servers.ts";
import type { LoadResult, RunRecord } from "./mock_stats.ts";
import { runWrk, wrkAvailable } from "./mock_wrk.ts";
import { runRs256Probe } from "./mock_rs256.ts";

const USAGE = `Usage: deno run -A bench/mock_compare.ts [options]

  --servers LIST       servers to compare (default mock,moto,cognito-local)
  --connections LIST   connection counts (default 1,10)
  --duration S         seconds per measured run (default 5)
  --warmup S           warm-up seconds before measuring (default 2)
  --reps N             measured runs per server and connection count (default 3)
  --startup-reps N     startups timed per server (default 3)
  --loadgen G          auto | wrk | deno: USER_PASSWORD_AUTH load generator (default auto = wrk if found)
  --no-srp             skip the mock's SRP and remembered-device flows
  --quick              short debugging run: --duration 2 --warmup 1 --reps 1 --startup-reps 1
  --json FILE          also write the results as JSON
  --peers-dir DIR      npm cache for cognito-local (default .peers, gitignored)
  --mock-root DIR      run the mock from this checkout instead (e.g. an older commit)
  -h, --help           this help
`;

const encoder = new TextEncoder();
const progress = (text: string) => void Deno.stderr.writeSync(encoder.encode(`${text}\n`));

function options() {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      servers: { type: "string", default: SERVER_NAMES.join(",") },
      connections: { type: "string", default: "1,10" },
      duration: { type: "string" },
      warmup: { type: "string" },
      reps: { type: "string" },
      "startup-reps": { type: "string" },
      loadgen: { type: "string", default: "auto" },
      "no-srp": { type: "boolean", default: false },
      quick: { type: "boolean", default: false },
      json: { type: "string" },
      "peers-dir": { type: "string" },
      "mock-root": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const number = (name: string, text: string | undefined, fallback: number) => {
    const value = Number(text ?? fallback);
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Cannot use --${name}: "${text}" is not a positive number`);
    }
    return value;
  };
  const quick = values.quick;
  const servers = values.servers.split(",").map((name) => name.trim());
  for (const name of servers) {
    if (!SERVER_NAMES.includes(name as ServerName)) {
      throw new RangeError(`Cannot use --servers: "${name}" is not one of ${SERVER_NAMES}`);
    }
  }
  if (!["auto", "wrk", "deno"].includes(values.loadgen)) {
    throw new RangeError(`Cannot use --loadgen: "${values.loadgen}" is not auto, wrk or deno`);
  }
  return {
    help: values.help,
    servers: servers as ServerName[],
    connections: values.connections.split(",").map((text) => number("connections", text, 1)),
    durationS: number("duration", values.duration, quick ? 2 : 5),
    warmupS: number("warmup", values.warmup, quick ? 1 : 2),
    reps: number("reps", values.reps, quick ? 1 : 3),
    startupReps: number("startup-reps", values["startup-reps"], quick ? 1 : 3),
    loadgen: values.loadgen as "auto" | "wrk" | "deno",
    srp: !values["no-srp"],
    json: values.json,
    peersDir: values["peers-dir"],
    mockRoot: values["mock-root"],
  };
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

function toRecord(result: LoadResult, loadgenCpuMs: number, before: Probe, after: Probe) {
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
  } satisfies RunRecord;
}

/** A live server with its benchmark user. */
interface Live {
  server: StartedServer;
  user: BenchUser;
}

type Settings = ReturnType<typeof options> & { loadgen: "wrk" | "deno"; scratchDir: string };

/** One USER_PASSWORD_AUTH run with the configured load generator. */
async function passwordRun(live: Live, connections: number, seconds: number, settings: Settings) {
  const { server, user } = live;
  if (settings.loadgen === "wrk") {
    const before = probe(server.pid);
    const run = await runWrk(server.endpoint, passwordAuthBody(user), {
      connections,
      durationS: seconds,
      scratchDir: settings.scratchDir,
    });
    return toRecord(run.result, run.cpuMs, before, probe(server.pid));
  }
  return flowRun(live, { endpoint: server.endpoint, user }, "upa", connections, settings, 0);
}

/** One run of the Deno load generator; its in-process warm-up is not measured. */
async function flowRun(
  live: Live,
  config: FlowConfig,
  flow: FlowName,
  connections: number,
  settings: Settings,
  warmupS = Math.min(1, settings.warmupS),
) {
  let before = probe(live.server.pid);
  const report: LoadReport = await runDenoLoad(
    { config, flow, connections, durationS: settings.durationS, warmupS },
    { onMeasureStart: () => before = probe(live.server.pid) },
  );
  return toRecord(report, report.cpuMs, before, probe(live.server.pid));
}

function failedRecord(error: FlowError): RunRecord {
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

/** Checks a flow once; a FlowError becomes the record every run of it reports. */
async function check(work: () => Promise<unknown>): Promise<RunRecord | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (error instanceof FlowError) return failedRecord(error);
    throw error;
  }
}

async function srpPart(live: Live, settings: Settings): Promise<SrpResult[]> {
  const endpoint = live.server.endpoint;
  const plain: FlowConfig = { endpoint, user: live.user };
  const failures = new Map<FlowName, RunRecord | undefined>();
  failures.set("srp", await check(() => signIn("srp", plain)));
  let deviceConfig: FlowConfig | undefined;
  failures.set(
    "device",
    await check(async () => {
      const user = await provisionUser(endpoint, {
        poolName: "bench-device",
        deviceConfiguration: {
          ChallengeRequiredOnNewDevice: true,
          DeviceOnlyRememberedOnUserPrompt: false,
        },
      });
      const device = await rememberDevice({ endpoint, user });
      deviceConfig = { endpoint, user, device };
      await signIn("device", deviceConfig);
    }),
  );
  const results: SrpResult[] = [];
  for (const connections of settings.connections) {
    for (const flow of ["upa", "srp", "device"] as const) {
      results.push({ flow, connections, runs: [] });
    }
  }
  for (let rep = 0; rep < settings.reps; rep++) {
    for (const result of results) {
      const failure = failures.get(result.flow);
      if (failure !== undefined) {
        if (rep === 0) result.runs.push(failure);
        continue;
      }
      const config = result.flow === "device" ? deviceConfig! : plain;
      progress(`  srp rep ${rep + 1}: ${result.flow} c=${result.connections}`);
      result.runs.push(await flowRun(live, config, result.flow, result.connections, settings));
    }
  }
  return results;
}

async function timeStartups(result: ServerResult, start: StartSettings, reps: number) {
  for (let rep = 0; rep < reps; rep++) {
    const server = await startServer(result.name, start);
    await stopServer(server.pid);
    result.readyMs.push(server.readyMs);
    if (server.endpointMs !== undefined) result.endpointMs.push(server.endpointMs);
    progress(`  ${result.name} startup ${rep + 1}: ${server.readyMs} ms`);
  }
}

async function bringUp(result: ServerResult, start: StartSettings): Promise<Live> {
  const server = await startServer(result.name, start);
  try {
    const user = await provisionUser(server.endpoint);
    const answer = await call(server.endpoint, "InitiateAuth", JSON.parse(passwordAuthBody(user)));
    if (!isSignedIn(answer)) {
      throw new ServerStartError(`Cannot sign in on ${result.name}: answer ${answer.status}`);
    }
    return { server, user };
  } catch (error) {
    await stopServer(server.pid);
    throw error;
  }
}

async function main(): Promise<void> {
  const parsed = options();
  if (parsed.help) {
    Deno.stdout.writeSync(encoder.encode(USAGE));
    return;
  }
  const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
  const haveWrk = await wrkAvailable();
  if (parsed.loadgen === "wrk" && !haveWrk) {
    throw new Error("Cannot use --loadgen wrk: wrk is not installed (apt-get install -y wrk)");
  }
  const loadgen = parsed.loadgen === "auto" ? (haveWrk ? "wrk" : "deno") : parsed.loadgen;
  if (loadgen === "deno" && parsed.loadgen === "auto") {
    progress("wrk not found (apt-get install -y wrk): using the Deno load generator");
  }
  const scratchDir = await Deno.makeTempDir({ prefix: "mock-bench-" });
  const settings: Settings = { ...parsed, loadgen, scratchDir };
  const peersDir = parsed.peersDir ?? `${root}/.peers`;
  const start: StartSettings = {
    root,
    mockRoot: parsed.mockRoot ?? root,
    peersDir,
    pollInterval: 0.01,
    logDir: scratchDir,
  };
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: await machineInfo(peersDir),
    settings: {
      loadgen,
      durationS: settings.durationS,
      warmupS: settings.warmupS,
      reps: settings.reps,
      startupReps: settings.startupReps,
      connections: settings.connections,
      pollIntervalS: start.pollInterval,
    },
    loadAverageAtStart: loadAverage(),
    servers: settings.servers.map((name) => ({ name, readyMs: [], endpointMs: [], runs: {} })),
  };
  const live = new Map<ServerName, Live>();
  const stopAll = async () => {
    for (const { server } of live.values()) await stopServer(server.pid);
    live.clear();
  };
  const interrupt = () => void stopAll().finally(() => Deno.exit(130));
  Deno.addSignalListener("SIGINT", interrupt);
  try {
    progress("startup…");
    for (const result of results.servers) {
      try {
        await timeStartups(result, start, settings.startupReps);
      } catch (error) {
        if (!(error instanceof ServerStartError)) throw error;
        result.skipped = error.message;
        progress(`  ${error.message}`);
      }
    }
    progress("provisioning…");
    for (const result of results.servers.filter((r) => r.skipped === undefined)) {
      try {
        live.set(result.name, await bringUp(result, start));
      } catch (error) {
        result.skipped = error instanceof Error ? error.message : String(error);
        progress(`  ${result.skipped}`);
      }
    }
    const measured = results.servers.filter((result) => live.has(result.name));
    progress("warm-up…");
    for (const result of measured) {
      await passwordRun(live.get(result.name)!, 10, settings.warmupS, settings);
    }
    for (let rep = 0; rep < settings.reps; rep++) {
      for (const connections of settings.connections) {
        for (const result of measured) {
          const run = await passwordRun(
            live.get(result.name)!,
            connections,
            settings.durationS,
            settings,
          );
          (result.runs[String(connections)] ??= []).push(run);
          progress(`  rep ${rep + 1} c=${connections} ${result.name}: ${run.rate.toFixed(0)}/s`);
        }
      }
    }
    for (const result of measured) result.memory = treeMemory(live.get(result.name)!.server.pid);
    const mock = live.get("mock");
    if (settings.srp) {
      results.srp = mock === undefined
        ? { skipped: "the mock is not running", results: [] }
        : { results: await srpPart(mock, settings) };
    }
  } finally {
    await stopAll();
    Deno.removeSignalListener("SIGINT", interrupt);
    await Deno.remove(scratchDir, { recursive: true }).catch(() => {});
  }
  progress("RS256 cost…");
  results.rs256 = await runRs256Probe();
  Deno.stdout.writeSync(encoder.encode(renderReport(results)));
  if (settings.json !== undefined) {
    await Deno.writeTextFile(settings.json, `${JSON.stringify(results, null, 2)}\n`);
    progress(`results written to ${settings.json}`);
  }
}

if (import.meta.main) await main();
