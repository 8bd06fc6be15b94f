/**
 * `mock`: runs the mock Cognito server until SIGINT or SIGTERM.
 *
 * ```
 * mock [--port 9229] [--host 127.0.0.1] [--region us-east-1] [--seed FILE] [--data-dir DIR]
 *      [--issuer URL] [--key-strategy per-pool|shared] [--require-signature]
 *      [--no-control] [--log-requests] [--native-crypto auto|off]
 *      [--behaviour NAME=VALUE]…
 * ```
 *
 * Prints `ENDPOINT <url>` on standard output once the server answers;
 * unexpected faults inside the mock are reported on standard error.
 *
 * @module
 */

import type { AwsCredentials } from "../cognito/client.ts";
import { MOCK_CREDENTIALS } from "../cognito/credentials.ts";
import type { RequestLogEntry } from "../mock/handler.ts";
import {
  BEHAVIOUR_CHOICES,
  DEFAULT_BEHAVIOUR,
  type MockBehaviour,
} from "../mock/state/behaviour.ts";
import type { KeyStrategy } from "../mock/tokens/keys.ts";
import type { NativeCryptoMode } from "../mock/tokens/signer.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { parseBehaviourChoice } from "./_behaviour_choice.ts";

const CHOICE_LINES = Object.entries(BEHAVIOUR_CHOICES).map(([name, values]) =>
  `                           ${name}=${
    typeof values === "string"
      ? `<${values === "seconds" ? "seconds" : "number"}> (default ${
        DEFAULT_BEHAVIOUR[name as keyof MockBehaviour]
      })`
      : values.join("|")
  }\n`
).join("");

const USAGE = `Usage: deno task cli mock [options]

Runs the mock Cognito user-pool server until Ctrl-C (SIGINT) or SIGTERM.
Prints "ENDPOINT <url>" once it answers; point clients' endpoint there.

Options:
  --port N               port to listen on; 0 picks a free one (default 9229)
  --host HOST            interface to listen on (default 127.0.0.1, loopback only;
                         any other is announced on stderr: the mock has no real
                         authentication)
  --region REGION        region of new pools (default us-east-1)
  --seed FILE            YAML file of pools, clients and users to create at start
                         (with --data-dir: only when DIR holds no state yet)
  --data-dir DIR         keep the state across restarts in DIR/mock-state.sqlite
                         (pools, clients, users and their passwords, devices, MFA
                         and TOTP secrets, lockout counters, refresh tokens and
                         revocations, sessions, codes, signing keys, clock
                         offsets; not injected faults). Every request is
                         committed before it is answered (SQLite WAL,
                         synchronous=FULL), so kill -9 loses nothing answered;
                         a damaged file is an error naming it. The file holds
                         secrets in the clear (mode 0600). Default: in memory
  --issuer URL           base of the tokens' iss (default: the server's URL)
  --key-strategy S       per-pool (default) or shared signing keys
  --require-signature    verify SigV4 on IAM operations (Admin*, pool and client
                         management): the harness's test key, plus the key in
                         AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
                         (/ AWS_SESSION_TOKEN) when set in the mock's environment
  --no-control           switch the /_mock test-control surface off (404)
  --log-requests         one line per request on stderr: method, path, operation,
                         status, error type, time (never a body or token)
  --native-crypto MODE   auto (default): RS256 and SRP through the system OpenSSL
                         when it loads; off: WebCrypto and node:crypto only
                         (COGNITO_CONFORMANCE_NATIVE=off keeps OpenSSL unloaded
                         for the whole process)
  --behaviour NAME=VALUE a behaviour choice for every pool (repeatable; the last
                         of a name wins; docs/mock-choices.md). The first value
                         is the default:
${CHOICE_LINES}  -h, --help             this help
`;

/** Options of {@linkcode runMock}. */
export interface RunMockOptions {
  /** Stops the server when aborted. @default SIGINT or SIGTERM */
  signal?: AbortSignal;
}

/** What the `mock` command line asks for, checked. */
export interface MockCommandSettings {
  /** `--help`: print the usage and start nothing. */
  readonly help: boolean;
  /** `--port`: the port to listen on; 0 picks a free one. */
  readonly port: number;
  /** `--host`: the interface to listen on. */
  readonly hostname: string;
  /** `--region`: the region of new pools. */
  readonly region: string;
  /** `--key-strategy`: signing keys per pool or shared. */
  readonly keyStrategy: KeyStrategy;
  /** `--require-signature`: verify SigV4 on IAM operations. */
  readonly requireSignature: boolean;
  /** `--no-control` turns this off: serve the `/_mock` test-control surface. */
  readonly control: boolean;
  /** `--log-requests`: an access log line per request on standard error. */
  readonly logRequests: boolean;
  /** `--native-crypto`: whether RS256 and SRP may go through the system OpenSSL. */
  readonly nativeCrypto: NativeCryptoMode;
  /** The `--behaviour` choices, validated (empty: the defaults). */
  readonly behaviour: Partial<MockBehaviour>;
  /** `--issuer`: the base of the tokens' `iss`, when not the server's URL. */
  readonly issuer?: string;
  /** The `--seed` file, not read yet. */
  readonly seedFile?: string;
  /** `--data-dir`: where the state persists (in memory without it). */
  readonly dataDir?: string;
}

function parse(args: string[]) {
  return parseCommandArgs("mock options", {
    args,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      region: { type: "string" },
      seed: { type: "string" },
      "data-dir": { type: "string" },
      issuer: { type: "string" },
      "key-strategy": { type: "string" },
      "require-signature": { type: "boolean" },
      "no-control": { type: "boolean" },
      "log-requests": { type: "boolean" },
      "native-crypto": { type: "string" },
      behaviour: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  }).values;
}

/**
 * Checks the `mock` command line and returns what it asks for; bad input is
 * a {@linkcode UsageError} with a one-line message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMockArgs } from "./mock_command.ts";
 * const settings = parseMockArgs([
 *   "--native-crypto", "off",
 *   "--behaviour", "deviceSrpAuth=with-mfa",
 *   "--behaviour", "timestampSkewSeconds=60",
 * ]);
 * assert.equal(settings.nativeCrypto, "off");
 * assert.deepEqual(settings.behaviour, { deviceSrpAuth: "with-mfa", timestampSkewSeconds: 60 });
 * assert.throws(() => parseMockArgs(["--behaviour", "deviceSrpAuth=never"]), {
 *   message: 'Cannot use --behaviour "deviceSrpAuth=never": "deviceSrpAuth" must be one of "always", "with-mfa"',
 * });
 * ```
 */
export function parseMockArgs(args: string[]): MockCommandSettings {
  const flags = parse(args);
  const port = Number(flags.port ?? "9229");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`Cannot use --port: "${flags.port}" is not a port number`);
  }
  const keyStrategy = flags["key-strategy"] ?? "per-pool";
  if (keyStrategy !== "per-pool" && keyStrategy !== "shared") {
    throw new UsageError(`Cannot use --key-strategy: "${keyStrategy}" is not per-pool or shared`);
  }
  const nativeCrypto = flags["native-crypto"] ?? "auto";
  if (nativeCrypto !== "auto" && nativeCrypto !== "off") {
    throw new UsageError(`Cannot use --native-crypto: "${nativeCrypto}" is not auto or off`);
  }
  if (flags.issuer !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.issuer)) {
    throw new UsageError(`Cannot use --issuer: "${flags.issuer}" is not an http(s) URL`);
  }
  const behaviour: Partial<MockBehaviour> = {};
  for (const choice of flags.behaviour ?? []) {
    Object.assign(behaviour, parseBehaviourChoice(choice));
  }
  return {
    help: flags.help === true,
    port,
    hostname: flags.host ?? "127.0.0.1",
    region: flags.region ?? "us-east-1",
    keyStrategy,
    requireSignature: flags["require-signature"] === true,
    control: flags["no-control"] !== true,
    logRequests: flags["log-requests"] === true,
    nativeCrypto,
    behaviour,
    ...(flags.issuer === undefined ? {} : { issuer: flags.issuer }),
    ...(flags.seed === undefined ? {} : { seedFile: flags.seed }),
    ...(flags["data-dir"] === undefined ? {} : { dataDir: dataDirOf(flags["data-dir"]) }),
  };
}

function dataDirOf(value: string): string {
  if (value.trim() === "") throw new UsageError("Cannot use --data-dir: the directory is empty");
  return value;
}

/**
 * What `mock` says on standard error when it listens beyond loopback (any
 * address outside 127.0.0.0/8 and ::1), and nothing otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exposureWarning } from "./mock_command.ts";
 * assert.equal(exposureWarning("127.0.0.1", 9229), undefined);
 * assert.equal(exposureWarning("localhost", 9229), undefined);
 * assert.match(exposureWarning("0.0.0.0", 9229)!, /^mock: warning: listening on 0\.0\.0\.0/);
 * ```
 */
export function exposureWarning(hostname: string, port: number): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  return `mock: warning: listening on ${hostname}, not loopback only: anyone who can reach ` +
    `port ${port} can create users and obtain their tokens (the mock is a test server; ` +
    "--host 127.0.0.1 keeps it local)\n";
}

/** The test key, and the process's AWS key when its environment has one (env permission allowing). */
function acceptedCredentials(): AwsCredentials[] {
  const read = (name: string) => {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // no env permission: the test key alone
    }
  };
  const accessKeyId = read("AWS_ACCESS_KEY_ID");
  const secretAccessKey = read("AWS_SECRET_ACCESS_KEY");
  const sessionToken = read("AWS_SESSION_TOKEN");
  if (accessKeyId === undefined || secretAccessKey === undefined) return [MOCK_CREDENTIALS];
  return [MOCK_CREDENTIALS, {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken === undefined ? {} : { sessionToken }),
  }];
}

/**
 * One access-log line: `mock: POST / InitiateAuth 400 NotAuthorizedException 1.2 ms`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatLogEntry } from "./mock_command.ts";
 * assert.equal(
 *   formatLogEntry({ method: "POST", path: "/", operation: "GetUser", status: 200, durationMs: 0.42 }),
 *   "mock: POST / GetUser 200 0.4 ms\n",
 * );
 * ```
 */
export function formatLogEntry(entry: RequestLogEntry): string {
  const parts = [entry.method, entry.path, entry.operation, String(entry.status), entry.errorType];
  return `mock: ${parts.filter((part) => part !== undefined).join(" ")} ${
    entry.durationMs.toFixed(1)
  } ms\n`;
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
  const settings = parseMockArgs(args);
  if (settings.help) {
    io.stdout(USAGE);
    return ExitCode.Ok;
  }
  const { createMockServer, loadSeedFile, SeedError, StateStoreError } = await import(
    "../mock/mod.ts"
  );
  let seed;
  if (settings.seedFile !== undefined) {
    try {
      seed = await loadSeedFile(settings.seedFile);
    } catch (error) {
      if (error instanceof SeedError) throw new UsageError(error.message);
      if (error instanceof Deno.errors.NotFound) {
        throw new UsageError(`Cannot read --seed: "${settings.seedFile}" does not exist`);
      }
      throw error;
    }
  }
  const signal = options.signal ?? signalFromProcess();
  let server;
  try {
    server = await createMockServer({
      port: settings.port,
      hostname: settings.hostname,
      region: settings.region,
      keyStrategy: settings.keyStrategy,
      requireSignature: settings.requireSignature,
      credentials: acceptedCredentials(),
      control: settings.control,
      nativeCrypto: settings.nativeCrypto,
      behaviour: settings.behaviour,
      ...(settings.issuer === undefined ? {} : { issuer: settings.issuer }),
      ...(seed === undefined ? {} : { seed }),
      ...(settings.dataDir === undefined ? {} : { dataDir: settings.dataDir }),
      ...(settings.logRequests ? { onRequest: (entry) => io.stderr(formatLogEntry(entry)) } : {}),
      onFault: (error, operation) => {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`mock: fault in ${operation ?? "request"}: ${message.split("\n")[0]}\n`);
      },
    });
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new UsageError(`Cannot listen on port ${settings.port}: it is in use`);
    }
    if (error instanceof StateStoreError) throw new UsageError(error.message);
    throw error;
  }
  if (server.state?.restored === true && settings.seedFile !== undefined) {
    io.stderr(
      `mock: --seed not applied: "${server.state.file}" holds the state of an earlier run\n`,
    );
  }
  const warning = exposureWarning(settings.hostname, server.port);
  if (warning !== undefined) io.stderr(warning);
  io.stdout(`ENDPOINT ${server.url}\n`);
  if (!signal.aborted) {
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  }
  await server.close();
  return ExitCode.Ok;
}

/**
 * The `mock` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureIo } from "./io.ts";
 * import { mockCommand } from "./mock_command.ts";
 * const io = captureIo();
 * assert.equal(await mockCommand.run(["--help"], io), 0);
 * assert.match(io.out, /--native-crypto MODE/);
 * ```
 */
export const mockCommand: Command = {
  name: "mock",
  summary: "Run the mock Cognito server (ENDPOINT printed on start)",
  run: (args, io) => runMock(args, io),
};
