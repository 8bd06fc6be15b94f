/**
 * Starting and stopping the servers of the contract run, and running the
 * suite against one through the real CLI. Everything binds to 127.0.0.1;
 * every process is stopped by the pid it was started with.
 *
 * @module
 */

import type { SuiteResult } from "../src/runner/events.ts";

/** A server that answers. */
export interface Started {
  endpoint: string;
  /** Stops the server (by its pid) and waits until it is gone. */
  stop(): Promise<void>;
}

/** A server that could not start, with the reason for the report. */
export class StartError extends Error {
  override name = "StartError";
}

/** Dummy SigV4 credentials: loopback servers only, never AWS. */
export const DUMMY_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "AKIDCONTRACTDUMMY000",
  AWS_SECRET_ACCESS_KEY: "contract-dummy-secret-not-a-real-key",
} as const;

const decoder = new TextDecoder();

/** The process environment without any AWS_* variable, plus the dummy credentials. */
export function childEnv(): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(Deno.env.toObject()).filter(([key]) => !key.startsWith("AWS_")),
  );
  return { ...env, ...DUMMY_CREDENTIALS };
}

/** Starts this project's mock (`src/cli/main.ts mock --port 0`) and waits for its ENDPOINT line. */
export async function startMock(root: string): Promise<Started> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "src/cli/main.ts", "mock", "--port", "0"],
    cwd: root,
    env: childEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await child.status;
    clearTimeout(timer);
  };
  const errors = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = setTimeout(() => reader.cancel(), 30_000);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
      const endpoint = /^ENDPOINT (\S+)$/m.exec(seen)?.[1];
      if (endpoint !== undefined) {
        // Keep draining, so a chatty server never blocks on a full pipe.
        (async () => {
          while (!(await reader.read().catch(() => ({ done: true }))).done) { /* drain */ }
        })();
        return { endpoint, stop };
      }
    }
  } finally {
    clearTimeout(deadline);
  }
  await stop();
  const tail = lastLines(await errors);
  throw new StartError(`the mock printed no ENDPOINT line${tail === "" ? "" : `: ${tail}`}`);
}

/**
 * Starts a peer through its `bench/peers/start-*.sh` script on a free port
 * and reads its PID and ENDPOINT lines.
 */
export async function startPeer(script: string, args: string[], root: string): Promise<Started> {
  const output = await new Deno.Command("bash", {
    args: [script, ...args],
    cwd: root,
    env: childEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = decoder.decode(output.stdout);
  const field = (key: string) => new RegExp(`^${key} (\\S+)$`, "m").exec(text)?.[1];
  const pid = Number(field("PID"));
  const endpoint = field("ENDPOINT");
  if (!output.success || !Number.isInteger(pid) || pid <= 0 || endpoint === undefined) {
    const tail = lastLines(decoder.decode(output.stderr));
    throw new StartError(
      `${script} exited with code ${output.code}${tail === "" ? "" : `: ${tail}`}`,
    );
  }
  return { endpoint, stop: () => stopPid(pid) };
}

/**
 * SIGTERM to the process group the start script created with `setsid` (the
 * server and its children), SIGKILL after 5 s, then waits until it is gone.
 */
async function stopPid(pid: number): Promise<void> {
  const signal = (name: Deno.Signal) => {
    for (const target of [-pid, pid]) {
      try {
        Deno.kill(target, name);
        return;
      } catch {
        // not a group leader, or already gone
      }
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (alive(pid)) signal("SIGKILL");
  while (alive(pid)) await new Promise((r) => setTimeout(r, 25));
}

function alive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** A free loopback port (bound, then released; the peers' scripts need a number). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** What a suite run against one endpoint gave. */
export type SuiteOutcome = { suite: SuiteResult } | { notRun: string };

/**
 * Runs `deno run -A src/cli/main.ts run scenarios --endpoint URL <flags>
 * --reporter json:FILE` with dummy credentials and reads the JSON report.
 */
export async function runSuite(
  endpoint: string,
  settings: { root: string; flags: readonly string[]; jsonPath: string; timeoutMs: number },
): Promise<SuiteOutcome> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(endpoint)) {
    return { notRun: `Cannot run against "${endpoint}": not a loopback endpoint` };
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "src/cli/main.ts",
      "run",
      "scenarios",
      "--endpoint",
      endpoint,
      ...settings.flags,
      "--reporter",
      `json:${settings.jsonPath}`,
    ],
    cwd: settings.root,
    env: childEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGTERM"), settings.timeoutMs);
  const [status, errors] = await Promise.all([child.status, new Response(child.stderr).text()]);
  clearTimeout(timer);
  // 0 all passed, 3 some errored, 4 some failed: the report is complete. 1 and 2 mean
  // bad usage or broken scenario files, which is the harness's fault, not the server's.
  if (![0, 3, 4].includes(status.code)) {
    const tail = lastLines(errors);
    return { notRun: `the CLI exited with code ${status.code}${tail === "" ? "" : `: ${tail}`}` };
  }
  try {
    return { suite: JSON.parse(await Deno.readTextFile(settings.jsonPath)) as SuiteResult };
  } catch (error) {
    return { notRun: `Cannot read the JSON report: ${(error as Error).message}` };
  }
}

/** A command's trimmed standard output, or undefined when it cannot run. */
export async function commandOutput(command: string, args: string[]): Promise<string | undefined> {
  try {
    const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "null" })
      .output();
    return output.success ? decoder.decode(output.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-2).join(" | ").slice(0, 300);
}
