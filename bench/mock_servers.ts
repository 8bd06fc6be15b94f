/**
 * The three servers of the mock benchmark and how each starts: this
 * project's mock through bench/mock_start.sh, moto through
 * bench/peers/start-moto.sh and cognito-local through
 * bench/peers/start-cognito-local.sh. All three scripts spawn the server in
 * its own session and probe it with curl at the same interval, so their
 * READY_MS figures are taken the same way.
 */

import { freePort } from "./mock_proc.ts";

/** Names of the compared servers. */
export type ServerName = "mock" | "moto" | "cognito-local";

/** All servers, in report order. */
export const SERVER_NAMES: readonly ServerName[] = ["mock", "moto", "cognito-local"];

/** A server that answers. */
export interface StartedServer {
  name: ServerName;
  endpoint: string;
  pid: number;
  /** Spawn of the server process → its first HTTP answer, ms. */
  readyMs: number;
  /** Mock only: spawn → the "ENDPOINT" line, ms. */
  endpointMs?: number;
}

/** Where scripts and caches live. */
export interface StartSettings {
  /** The repository root. */
  root: string;
  /** The checkout the mock runs from (another commit, for before/after runs). */
  mockRoot: string;
  /** Cache for the npm install of cognito-local (gitignored `.peers/`). */
  peersDir: string;
  /** Seconds between readiness probes. */
  pollInterval: number;
  /** Folder for server logs. */
  logDir: string;
}

/** A server that could not start (e.g. moto missing from the machine image). */
export class ServerStartError extends Error {
  override name = "ServerStartError";
}

function script(name: ServerName, settings: StartSettings, port: number): string[] {
  const logs = `${settings.logDir}/${name}`;
  switch (name) {
    case "mock":
      return [`${settings.root}/bench/mock_start.sh`, String(port), logs];
    case "moto":
      return [`${settings.root}/bench/peers/start-moto.sh`, String(port), logs];
    case "cognito-local":
      return [
        `${settings.root}/bench/peers/start-cognito-local.sh`,
        `${settings.peersDir}/cognito-local`,
        String(port),
      ];
  }
}

/** Starts one server on a free loopback port and waits for its first answer. */
export async function startServer(
  name: ServerName,
  settings: StartSettings,
): Promise<StartedServer> {
  const port = freePort();
  const [path, ...args] = script(name, settings, port);
  const output = await new Deno.Command("bash", {
    args: [path!, ...args],
    env: {
      POLL_INTERVAL: String(settings.pollInterval),
      DENO: Deno.execPath(),
      MOCK_ROOT: settings.mockRoot,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  const field = (key: string) => new RegExp(`^${key} (\\S+)$`, "m").exec(text)?.[1];
  const pid = Number(field("PID"));
  const endpoint = field("ENDPOINT");
  const readyMs = Number(field("READY_MS"));
  if (!output.success || !Number.isInteger(pid) || endpoint === undefined) {
    const tail = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-3).join(" | ");
    throw new ServerStartError(
      `Cannot start ${name}: ${path} exited with ${output.code}${tail ? `: ${tail}` : ""}`,
    );
  }
  const endpointMs = Number(field("ENDPOINT_MS"));
  return {
    name,
    endpoint,
    pid,
    readyMs,
    ...(Number.isFinite(endpointMs) ? { endpointMs } : {}),
  };
}

async function commandText(
  command: string,
  args: string[],
  anyExitCode = false,
): Promise<string | undefined> {
  try {
    const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" })
      .output();
    if (!output.success && !anyExitCode) return undefined;
    const decoder = new TextDecoder();
    return (decoder.decode(output.stdout) + decoder.decode(output.stderr)).trim();
  } catch {
    return undefined;
  }
}

/** The machine and the versions of everything compared. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  deno: string;
  node: string;
  python: string;
  moto: string;
  cognitoLocal: string;
  wrk: string;
}

/** Collects {@linkcode MachineInfo}; unknown items read "not found". */
export async function machineInfo(peersDir: string): Promise<MachineInfo> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo").catch(() => "");
  const meminfo = await Deno.readTextFile("/proc/meminfo").catch(() => "");
  const memKiB = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  const python = await commandText("python3", [
    "-c",
    "import sys, moto; print(sys.version.split()[0]); print(moto.__version__)",
  ]);
  const [pythonVersion, motoVersion] = python?.split("\n") ?? [];
  const cognitoLocal = await Deno.readTextFile(
    `${peersDir}/cognito-local/node_modules/cognito-local/package.json`,
  ).then((text) => String(JSON.parse(text).version)).catch(() => undefined);
  const wrk = await commandText("wrk", ["-v"], true); // wrk -v exits with 1
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    cores: navigator.hardwareConcurrency,
    memoryGiB: Math.round((memKiB / 1024 / 1024) * 10) / 10,
    kernel: (await commandText("uname", ["-sr"])) ?? "unknown",
    deno: Deno.version.deno,
    node: (await commandText("node", ["--version"])) ?? "not found",
    python: pythonVersion ?? "not found",
    moto: motoVersion ?? "not found",
    cognitoLocal: cognitoLocal ?? "not installed yet",
    wrk: /^wrk (\S+)/.exec(wrk ?? "")?.[1]?.replace(/^debian\//, "") ?? "not found",
  };
}
