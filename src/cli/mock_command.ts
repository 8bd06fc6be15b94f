/**
 * `mock`: runs the mock Cognito server until SIGINT or SIGTERM.
 *
 * ```
 * mock [--port 9229] [--host 127.0.0.1] [--region us-east-1] [--seed FILE]
 *      [--issuer URL] [--key-strategy per-pool|shared] [--require-signature]
 * ```
 *
 * Prints `ENDPOINT <url>` on standard output once the server answers;
 * unexpected faults inside the mock are reported on standard error.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";

const USAGE = `Usage: deno task cli mock [options]

Runs the mock Cognito user-pool server until Ctrl-C (SIGINT) or SIGTERM.
Prints "ENDPOINT <url>" once it answers; point clients' endpoint there.

Options:
  --port N               port to listen on; 0 picks a free one (default 9229)
  --host HOST            interface to listen on (default 127.0.0.1)
  --region REGION        region of new pools (default us-east-1)
  --seed FILE            YAML file of pools, clients and users to create at start
  --issuer URL           base of the tokens' iss (default: the server's URL)
  --key-strategy S       per-pool (default) or shared signing keys
  --require-signature    refuse IAM operations without an Authorization header
  -h, --help             this help
`;

/** Options of {@linkcode runMock}. */
export interface RunMockOptions {
  /** Stops the server when aborted. @default SIGINT or SIGTERM */
  signal?: AbortSignal;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        region: { type: "string" },
        seed: { type: "string" },
        issuer: { type: "string" },
        "key-strategy": { type: "string" },
        "require-signature": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(
      `Cannot parse mock options: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function signalFromProcess(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  for (const name of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(name, stop);
  controller.signal.addEventListener("abort", () => {
    for (const name of ["SIGINT", "SIGTERM"] as const) Deno.removeSignalListener(name, stop);
  });
  return controller.signal;
}

/**
 * Runs the mock with command-line `args` until `options.signal` aborts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runMock } from "./mock_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * const controller = new AbortController();
 * const done = runMock(["--port", "0"], io, { signal: controller.signal });
 * while (!io.out.includes("\n")) await new Promise((resolve) => setTimeout(resolve, 5));
 * const url = io.out.trim().replace("ENDPOINT ", "");
 * assert.equal((await (await fetch(`${url}/_mock`)).json()).name, "cognito-conformance-mock");
 * controller.abort();
 * assert.equal(await done, 0);
 * ```
 */
export async function runMock(
  args: string[],
  io: CliIo,
  options: RunMockOptions = {},
): Promise<ExitCode> {
  const flags = parse(args);
  if (flags.help === true) {
    io.stdout(USAGE);
    return ExitCode.Ok;
  }
  const port = Number(flags.port ?? "9229");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`Cannot use --port: "${flags.port}" is not a port number`);
  }
  const keyStrategy = flags["key-strategy"] ?? "per-pool";
  if (keyStrategy !== "per-pool" && keyStrategy !== "shared") {
    throw new UsageError(`Cannot use --key-strategy: "${keyStrategy}" is not per-pool or shared`);
  }
  if (flags.issuer !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.issuer)) {
    throw new UsageError(`Cannot use --issuer: "${flags.issuer}" is not an http(s) URL`);
  }
  const { createMockServer, loadSeedFile, SeedError } = await import("../mock/mod.ts");
  let seed;
  if (flags.seed !== undefined) {
    try {
      seed = await loadSeedFile(flags.seed);
    } catch (error) {
      if (error instanceof SeedError) throw new UsageError(error.message);
      if (error instanceof Deno.errors.NotFound) {
        throw new UsageError(`Cannot read --seed: "${flags.seed}" does not exist`);
      }
      throw error;
    }
  }
  const signal = options.signal ?? signalFromProcess();
  let server;
  try {
    server = await createMockServer({
      port,
      hostname: flags.host ?? "127.0.0.1",
      region: flags.region ?? "us-east-1",
      keyStrategy,
      requireSignature: flags["require-signature"] === true,
      ...(flags.issuer === undefined ? {} : { issuer: flags.issuer }),
      ...(seed === undefined ? {} : { seed }),
      onFault: (error, operation) => {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`mock: fault in ${operation ?? "request"}: ${message.split("\n")[0]}\n`);
      },
    });
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new UsageError(`Cannot listen on port ${port}: it is in use`);
    }
    throw error;
  }
  io.stdout(`ENDPOINT ${server.url}\n`);
  if (!signal.aborted) {
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  }
  await server.close();
  return ExitCode.Ok;
}

/** The `mock` command. */
export const mockCommand: Command = {
  name: "mock",
  summary: "Run the mock Cognito server (ENDPOINT printed on start)",
  run: (args, io) => runMock(args, io),
};
