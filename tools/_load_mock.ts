/**
 * The one mock process the load test drives: `deno run --allow-all
 * src/cli/main.ts mock --host 127.0.0.1 --port 0` (a free loopback port; the
 * URL comes from its `ENDPOINT` line), its memory read from
 * `/proc/<pid>/status`, and stopping it by the pid it was started with.
 *
 * @module
 */

/** A running mock. */
export interface LoadMock {
  endpoint: string;
  pid: number;
  /** What the mock wrote on standard error so far (faults it reports; never secrets). */
  stderr(): string;
  /** Stops the mock (SIGTERM, SIGKILL after 5 s) and waits for it. */
  stop(): Promise<void>;
}

/** Options of {@linkcode startLoadMock}. */
export interface StartLoadMockOptions {
  /** Extra `mock` options, e.g. `["--native-crypto", "off"]`. @default [] */
  mockArgs?: string[];
  /** How long to wait for the ENDPOINT line, ms. @default 30000 */
  readyTimeoutMs?: number;
}

const ROOT = new URL("..", import.meta.url);

/** Starts the mock from this checkout and waits until it prints its endpoint. */
export async function startLoadMock(options: StartLoadMockOptions = {}): Promise<LoadMock> {
  const env = Object.fromEntries(
    Object.entries(Deno.env.toObject()).filter(([key]) => !key.startsWith("AWS_")),
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "src/cli/main.ts",
      "mock",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      ...(options.mockArgs ?? []),
    ],
    cwd: ROOT,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let errors = "";
  const errorsDone = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({
      write(chunk) {
        if (errors.length < 65_536) errors += chunk;
      },
    }),
  ).catch(() => {});
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
    await errorsDone;
  };
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const deadline = setTimeout(() => reader.cancel(), options.readyTimeoutMs ?? 30_000);
  let seen = "";
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
      const endpoint = /^ENDPOINT (\S+)$/m.exec(seen)?.[1];
      if (endpoint !== undefined) {
        // Keep draining, so the mock never blocks on a full pipe.
        (async () => {
          while (!(await reader.read().catch(() => ({ done: true }))).done) { /* drain */ }
        })();
        return { endpoint, pid: child.pid, stderr: () => errors, stop };
      }
    }
  } finally {
    clearTimeout(deadline);
  }
  await stop();
  throw new Error(
    `Cannot start the mock: no ENDPOINT line; it said: ${errors.trim().slice(0, 500)}`,
  );
}

/** Resident set figures of a process in bytes (Linux), or `undefined` elsewhere. */
export interface MemoryFigures {
  /** `VmRSS`: resident now. */
  rss: number;
  /** `VmHWM`: the peak resident set since the process started. */
  peak: number;
}

/** Reads `VmRSS` and `VmHWM` of `pid` from `/proc`. */
export function memoryOf(pid: number): MemoryFigures | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kib = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(status)?.[1]);
    const rss = kib("VmRSS");
    const peak = kib("VmHWM");
    return Number.isFinite(rss) && Number.isFinite(peak)
      ? { rss: rss * 1024, peak: peak * 1024 }
      : undefined;
  } catch {
    return undefined;
  }
}
