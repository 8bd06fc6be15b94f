/**
 * The mock server benchmark, side by side with moto and cognito-local
 * (`deno task bench:mock`, or `deno run -A bench/mock_compare.ts --help`).
 * A benchmark, not a test: it prints a markdown report (and exits 0) even
 * when a target is missed. bench/README.md explains every figure.
 *
 * 1. Startup: each server is started and stopped `--startup-reps` times
 *    alone; spawn → first HTTP answer (the same curl probe for all three).
 * 2. USER_PASSWORD_AUTH: for each repetition, connection count and server
 *    (interleaved, so background load hits all alike), a fresh server (start,
 *    pool + client + confirmed user through the admin API, one checked
 *    sign-in), a warm-up, then the measured run from a separate process (wrk,
 *    or the Deno load generator). Fresh state per run is fair to
 *    cognito-local, whose file database slows it down as sign-ins pile up.
 *    Around each run: CPU of the server tree, of the load generator and of
 *    the machine; a run that other processes disturbed is repeated.
 * 3. Memory (VmRSS / VmHWM of the process tree) idle and after the last run.
 * 4. Mock only (bench/mock_srp.ts): USER_SRP_AUTH and remembered-device
 *    sign-ins against USER_PASSWORD_AUTH, all with the Deno load generator.
 * 5. With every server stopped: what one RS256 signature costs here
 *    (bench/mock_rs256.ts), the floor under the mock's sign-in rate.
 */

import { parseArgs } from "node:util";
import { loadAverage, stopServer, treeMemory } from "./mock_proc.ts";
import { type BenchResults, renderReport, type ServerResult } from "./mock_report.ts";
import { runRs256Probe } from "./mock_rs256.ts";
import { bringUp, type Live, passwordRun, type RunSettings } from "./mock_runs.ts";
import {
  machineInfo,
  SERVER_NAMES,
  type ServerName,
  ServerStartError,
  startServer,
  type StartSettings,
} from "./mock_servers.ts";
import { measureSrpFlows } from "./mock_srp.ts";
import { wrkAvailable } from "./mock_wrk.ts";

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

type Settings = ReturnType<typeof options> & RunSettings;

async function timeStartups(result: ServerResult, start: StartSettings, reps: number) {
  for (let rep = 0; rep < reps; rep++) {
    const server = await startServer(result.name, start);
    await stopServer(server.pid);
    result.readyMs.push(server.readyMs);
    if (server.endpointMs !== undefined) result.endpointMs.push(server.endpointMs);
    progress(`  ${result.name} startup ${rep + 1}: ${server.readyMs} ms`);
  }
}

/** Fresh server per run: start, provision, warm up, measure, stop. */
async function measurePassword(
  results: BenchResults,
  start: StartSettings,
  settings: Settings,
  track: (live: Live | undefined) => void,
): Promise<void> {
  const measured = results.servers.filter((result) => result.skipped === undefined);
  for (let rep = 0; rep < settings.reps; rep++) {
    for (const connections of settings.connections) {
      for (const result of measured) {
        if (result.skipped !== undefined) continue;
        let live: Live;
        try {
          live = await bringUp(result.name, start);
        } catch (error) {
          result.skipped = error instanceof Error ? error.message : String(error);
          progress(`  ${result.skipped}`);
          continue;
        }
        track(live);
        try {
          result.idleMemory ??= treeMemory(live.server.pid);
          await passwordRun(live, 10, settings.warmupS, settings, false);
          const run = await passwordRun(live, connections, settings.durationS, settings);
          (result.runs[String(connections)] ??= []).push(run);
          result.memory = treeMemory(live.server.pid);
          progress(
            `  rep ${rep + 1} c=${connections} ${result.name}: ${run.rate.toFixed(0)}/s` +
              (run.errors > 0 ? ` (${run.errors} errors)` : ""),
          );
        } finally {
          await stopServer(live.server.pid);
          track(undefined);
        }
      }
    }
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
  // The one server running at any time, stopped on Ctrl-C too.
  let current: Live | undefined;
  const track = (live: Live | undefined) => current = live;
  const interrupt = () => {
    const pid = current?.server.pid;
    void (pid === undefined ? Promise.resolve() : stopServer(pid)).finally(() => Deno.exit(130));
  };
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
    progress("USER_PASSWORD_AUTH…");
    await measurePassword(results, start, settings, track);
    if (settings.srp) {
      progress("SRP flows…");
      const mock = results.servers.find((result) => result.name === "mock");
      if (mock === undefined || mock.skipped !== undefined) {
        results.srp = { skipped: "the mock is not running", results: [] };
      } else {
        const live = await bringUp("mock", start);
        track(live);
        try {
          results.srp = { results: await measureSrpFlows(live, { ...settings, progress }) };
        } finally {
          await stopServer(live.server.pid);
          track(undefined);
        }
      }
    }
    progress("RS256 cost…");
    results.rs256 = await runRs256Probe();
  } finally {
    if (current !== undefined) await stopServer(current.server.pid);
    Deno.removeSignalListener("SIGINT", interrupt);
    await Deno.remove(scratchDir, { recursive: true }).catch(() => {});
  }
  Deno.stdout.writeSync(encoder.encode(renderReport(results)));
  if (settings.json !== undefined) {
    await Deno.writeTextFile(settings.json, `${JSON.stringify(results, null, 2)}\n`);
    progress(`results written to ${settings.json}`);
  }
}

if (import.meta.main) await main();
