/**
 * USER_PASSWORD_AUTH load with wrk (Debian's `wrk`, C, one thread): the
 * lightest load generator on this 2-core machine, so it takes the least CPU
 * from the server under test. A Lua script POSTs the InitiateAuth body,
 * counts every answer that is not a 200 carrying an access token, and prints
 * one JSON line with the counts and latency percentiles.
 */

import { type LoadResult, tally } from "./mock_stats.ts";

/** The wrk Lua script; the body comes from the environment (never a file or argv). */
export const WRK_SCRIPT = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; kinds = "" end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService.InitiateAuth"
wrk.body = os.getenv("BENCH_BODY")
function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"AccessToken"', 1, true) then
    bad = bad + 1
    if string.len(kinds) < 200 then
      local kind = string.match(body, '"__type"%s*:%s*"([^"]+)"') or "-"
      kinds = kinds .. status .. " " .. kind .. ";"
    end
  end
end
function done(summary, latency, requests)
  local bad_total, kinds_all = 0, ""
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    kinds_all = kinds_all .. thread:get("kinds")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"bad":%d,' ..
    '"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"kinds":"%s"}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    bad_total, e.connect, e.read, e.write, e.timeout, e.status, kinds_all))
end
`;

/** Whether `wrk` is on PATH. */
export async function wrkAvailable(): Promise<boolean> {
  try {
    // `wrk -v` prints the version and exits with 1; any exit means it exists.
    await new Deno.Command("wrk", { args: ["-v"], stdout: "null", stderr: "null" }).output();
    return true;
  } catch {
    return false;
  }
}

/** What wrk's `done` printed. */
interface WrkSummary {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  bad: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  status: number;
  kinds: string;
}

/** Turns the script's `WRK_JSON` line into a {@linkcode LoadResult}. */
export function parseWrkOutput(text: string): LoadResult {
  const line = /^WRK_JSON (.+)$/m.exec(text)?.[1];
  if (line === undefined) throw new Error("Cannot read wrk's output: no WRK_JSON line");
  const summary = JSON.parse(line) as WrkSummary;
  const errorKinds: Record<string, number> = {};
  const socket = summary.connect + summary.read + summary.write + summary.timeout;
  if (socket > 0) tally(errorKinds, "socket errors", socket);
  for (const kind of summary.kinds.split(";").filter((entry) => entry !== "")) {
    tally(errorKinds, `InitiateAuth USER_PASSWORD_AUTH ${kind}`);
  }
  // `bad` already counts every non-200 (wrk's own status-error count is a subset).
  const errors = summary.bad + socket;
  return {
    completed: Math.max(0, summary.requests - summary.bad),
    errors,
    errorKinds,
    elapsedMs: summary.durationUs / 1000,
    p50Ms: summary.p50Us / 1000,
    p99Ms: summary.p99Us / 1000,
  };
}

/** A wrk run's result and wrk's own CPU time (user + system), ms. */
export interface WrkRun {
  result: LoadResult;
  cpuMs: number;
}

/** Parses bash's `times` output (second line: children's user and system time). */
export function parseTimes(text: string): number {
  const lines = text.trim().split("\n").filter((line) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(line));
  const children = lines.at(-1) ?? "0m0s 0m0s";
  return children.split(" ").reduce((sum, part) => {
    const [, minutes = "0", seconds = "0"] = /^(\d+)m([\d.]+)s$/.exec(part) ?? [];
    return sum + (Number(minutes) * 60 + Number(seconds)) * 1000;
  }, 0);
}

/** Options of {@linkcode runWrk}. */
export interface WrkOptions {
  connections: number;
  durationS: number;
  /** Folder for the Lua script. */
  scratchDir: string;
}

/** Runs wrk (1 thread) against `endpoint` with the InitiateAuth `body`. */
export async function runWrk(endpoint: string, body: string, options: WrkOptions): Promise<WrkRun> {
  const script = `${options.scratchDir}/mock_upa.lua`;
  await Deno.writeTextFile(script, WRK_SCRIPT);
  const output = await new Deno.Command("bash", {
    args: [
      "-c",
      'wrk -t1 -c"$1" -d"$2"s --timeout 10s -s "$3" "$4/" && times',
      "wrk",
      String(options.connections),
      String(options.durationS),
      script,
      endpoint,
    ],
    env: { BENCH_BODY: body },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  if (!output.success) {
    const tail = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-2).join(" | ");
    throw new Error(`Cannot run wrk: exit ${output.code}: ${tail}`);
  }
  return { result: parseWrkOutput(text), cpuMs: parseTimes(text) };
}
