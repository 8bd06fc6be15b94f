/**
 * The Deno load generator of the mock benchmark, run as its own process so
 * its CPU is not the server's: `connections` concurrent loops (one keep-alive
 * connection each) repeat one complete sign-in of a flow (bench/mock_flows.ts)
 * for a warm-up, then for the measured window, checking every answer.
 *
 * As a process it reads a {@linkcode LoadSpec} as JSON on standard input (so
 * passwords never appear in a command line) and prints one JSON
 * {@linkcode LoadReport} line. {@linkcode runDenoLoad} spawns it.
 */

import { type FlowConfig, FlowError, type FlowName, signIn } from "./mock_flows.ts";
import { type LoadResult, quantile, tally } from "./mock_stats.ts";

/** What to run. */
export interface LoadSpec {
  config: FlowConfig;
  flow: FlowName;
  connections: number;
  /** Measured window, seconds. */
  durationS: number;
  /** Unmeasured run before it, seconds (JIT, connections, server warm-up). */
  warmupS: number;
}

/** What the process reports: the measured window and its own CPU time. */
export interface LoadReport extends LoadResult {
  /** CPU time (user + system) of the load generator during the measured window, ms. */
  cpuMs: number;
}

function selfCpuMs(): number {
  const text = Deno.readTextFileSync("/proc/self/stat");
  const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function drive(spec: LoadSpec, seconds: number, client: Deno.HttpClient) {
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  let notImplemented: string | undefined;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let end = start;
  const loop = async () => {
    while (performance.now() < deadline && notImplemented === undefined) {
      const begun = performance.now();
      try {
        await signIn(spec.flow, spec.config, client);
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors += 1;
        if (error instanceof FlowError) {
          tally(errorKinds, error.kind);
          if (error.notImplemented) notImplemented = error.kind;
        } else {
          tally(errorKinds, `transport ${error instanceof Error ? error.name : "error"}`);
        }
      }
      end = Math.max(end, performance.now());
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const result: LoadResult = {
    completed: latencies.length,
    errors,
    errorKinds,
    elapsedMs: end - start,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    ...(notImplemented === undefined ? {} : { notImplemented }),
  };
  return result;
}

const encoder = new TextEncoder();
const emit = (line: string) => void Deno.stdout.writeSync(encoder.encode(`${line}\n`));

/** The line the process prints when the measured window starts (after the warm-up). */
export const MEASURE_START = "MEASURE_START";

async function main(): Promise<void> {
  const spec = JSON.parse(await new Response(Deno.stdin.readable).text()) as LoadSpec;
  const client = Deno.createHttpClient({ poolMaxIdlePerHost: spec.connections });
  try {
    if (spec.warmupS > 0) {
      const warm = await drive(spec, spec.warmupS, client);
      if (warm.notImplemented !== undefined) {
        emit(MEASURE_START);
        emit(JSON.stringify({ ...warm, cpuMs: 0 } satisfies LoadReport));
        return;
      }
    }
    emit(MEASURE_START);
    const cpuBefore = selfCpuMs();
    const result = await drive(spec, spec.durationS, client);
    emit(JSON.stringify({ ...result, cpuMs: selfCpuMs() - cpuBefore } satisfies LoadReport));
  } finally {
    client.close();
  }
}

/** Options of {@linkcode runDenoLoad}. */
export interface RunDenoLoadOptions {
  /** Called when the measured window starts (after the warm-up). */
  onMeasureStart?: () => void;
}

/** Runs the load generator in its own `deno` process and returns its report. */
export async function runDenoLoad(
  spec: LoadSpec,
  options: RunDenoLoadOptions = {},
): Promise<LoadReport> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL(import.meta.url).pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(encoder.encode(JSON.stringify(spec)));
  await writer.close();
  const stderr = new Response(child.stderr).text();
  let report: LoadReport | undefined;
  let buffer = "";
  for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line === MEASURE_START) options.onMeasureStart?.();
      else if (line.startsWith("{")) report = JSON.parse(line) as LoadReport;
    }
  }
  const status = await child.status;
  if (!status.success || report === undefined) {
    const tail = (await stderr).trim().split("\n").slice(-3).join(" | ");
    throw new Error(`Cannot run the load generator: exit ${status.code}: ${tail}`);
  }
  return report;
}

if (import.meta.main) await main();
