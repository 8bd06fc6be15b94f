/**
 * `run`: loads scenarios, runs them against a target and reports.
 *
 * ```
 * deno task cli run [PATH…] [options]      # see --help
 * ```
 *
 * @module
 */

import {
  type OutcomeCounts,
  type RunEvent,
  runSuite,
  type RunSuiteOptions,
  SecretRegistry,
  type TargetOptions,
} from "../runner/mod.ts";
import {
  colorFromEnv,
  parseReporterSpecs,
  type ReporterOptions,
  type ReporterSpec,
  ReporterSpecError,
  teeEvents,
} from "../reporters/mod.ts";
import { environmentProblems, type Scenario } from "../scenario/mod.ts";
import { type Command, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { resolveCredentials } from "./_config_files.ts";
import { loadForCli, printProblems } from "./_load.ts";
import { parseRunArgs, type RunArgs } from "./_run_args.ts";
import {
  environment,
  existingUsers,
  onInterrupt,
  openForCli,
  selectionOf,
  selectToRun,
} from "./_run_common.ts";
import { RUN_USAGE } from "./_run_usage.ts";

/**
 * The exit code of a finished run. Precedence: an assertion failure (4)
 * beats a runtime error (3): a definite conformance failure is the more
 * useful signal, and re-running will not make it go away.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exitCodeOf } from "./run_command.ts";
 * assert.equal(exitCodeOf({ passed: 3, failed: 1, skipped: 0, errored: 1 }), 4);
 * assert.equal(exitCodeOf({ passed: 3, failed: 0, skipped: 2, errored: 1 }), 3);
 * assert.equal(exitCodeOf({ passed: 0, failed: 0, skipped: 2, errored: 0 }), 0);
 * ```
 */
export function exitCodeOf(counts: OutcomeCounts): ExitCode {
  if (counts.failed > 0) return ExitCode.AssertionFailure;
  if (counts.errored > 0) return ExitCode.Runtime;
  return ExitCode.Ok;
}

/**
 * Runs `run` with its command-line arguments.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCommand } from "./run_command.ts";
 * import { captureIo } from "./io.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/pools.yaml`, "name: list pools\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 5 }\n");
 * const io = captureIo();
 * assert.equal(await runCommand.run([dir, "--reporter", "dot"], io), 0);
 * assert.match(io.out, /1 passed/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export const runCommand: Command = {
  name: "run",
  summary: "Run scenarios against the embedded mock or an endpoint (default: scenarios/)",
  run: run,
};

async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  const args = parseRunArgs(argv);
  if (args.help) {
    io.stdout(RUN_USAGE);
    return ExitCode.Ok;
  }
  const specs = reporterSpecs(args);
  const env = await environment(args, io);
  const loaded = await loadForCli(args.paths, io, { externalVars: Object.keys(args.vars) });
  if (loaded.kind === "errors") return ExitCode.ScenarioError;
  if (loaded.kind === "empty") {
    if (!args.passWithNone) {
      throw new UsageError(
        `Cannot run: no scenarios in ${loaded.where}: add *.yaml scenario files there, or ` +
          "pass paths (--pass-with-none accepts none)",
      );
    }
    io.stderr(loaded.message);
    return ExitCode.Ok;
  }
  const scenarios = loaded.scenarios;
  const selection = selectionOf(args);
  const selected = selectToRun(scenarios, selection, args.passWithNone, io);
  // Before the target opens: opening an endpoint already sends a probe.
  const unset = environmentProblems(selected, (name) => env(name) !== undefined, {
    externalVars: Object.keys(args.vars),
  });
  if (unset.length > 0) {
    printProblems(unset, io, "run");
    return ExitCode.ScenarioError;
  }
  const target = await openForCli(await targetOptions(args, env, scenarios));
  const interrupt = onInterrupt(io);
  try {
    const options: RunSuiteOptions = {
      ...selection,
      target,
      signal: interrupt.signal,
      vars: args.vars,
      env,
      bail: args.bail,
      showSecrets: args.showSecrets,
      secrets: new SecretRegistry(),
      ...(args.jobs === undefined ? {} : { jobs: args.jobs }),
      ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
      ...(args.retries === undefined ? {} : { retries: args.retries }),
    };
    let counts: OutcomeCounts = { passed: 0, failed: 0, skipped: 0, errored: 0 };
    const observed = async function* (events: AsyncIterable<RunEvent>) {
      for await (const event of events) {
        if (event.type === "suite:end") counts = event.result.counts;
        yield event;
      }
    };
    try {
      await report(observed(runSuite(scenarios, options)), specs, args, io);
    } catch (error) {
      if (!(error instanceof ReportWriteError)) throw error;
      io.stderr(`error: ${error.message}\n`);
      return ExitCode.Runtime;
    }
    const code = exitCodeOf(counts);
    return interrupt.signal.aborted && code === ExitCode.Ok ? ExitCode.Runtime : code;
  } finally {
    interrupt.dispose();
    await target.close();
  }
}

function reporterSpecs(args: RunArgs): ReporterSpec[] {
  try {
    return parseReporterSpecs(args.reporters, { outputs: args.reporterOutputs });
  } catch (error) {
    if (error instanceof ReporterSpecError) throw new UsageError(error.message);
    throw error;
  }
}

async function targetOptions(
  args: RunArgs,
  env: (name: string) => string | undefined,
  scenarios: readonly Scenario[],
): Promise<TargetOptions> {
  const endpoint = args.endpoint ?? env("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER") ??
    (args.region === undefined ? undefined : `https://cognito-idp.${args.region}.amazonaws.com`);
  if (endpoint === undefined) {
    if (args.poolId !== undefined) {
      throw new UsageError("Cannot use --pool-id without --endpoint or --region");
    }
    return args.region === undefined ? {} : { region: args.region };
  }
  const options: TargetOptions = { endpoint, provision: args.provision };
  const region = args.region ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
  if (region !== undefined) options.region = region;
  const credentials = await resolveCredentials(args.profile, env);
  if (credentials !== undefined) options.credentials = credentials;
  if (args.poolId !== undefined && args.clientId !== undefined) {
    options.existingPool = {
      poolId: args.poolId,
      clientId: args.clientId,
      ...(args.clientSecret === undefined ? {} : { clientSecret: args.clientSecret }),
      users: existingUsers(args.users, env, scenarios),
    };
  }
  return options;
}

/** Feeds every reporter from one event stream, each to its own destination. */
async function report(
  events: AsyncIterable<RunEvent>,
  specs: ReporterSpec[],
  args: RunArgs,
  io: CliIo,
): Promise<void> {
  const branches = teeEvents(events, specs.length);
  const width = io.isTerminal ? consoleColumns() : undefined;
  await Promise.all(specs.map(async (spec, index) => {
    const toStdout = spec.path === undefined;
    const options: ReporterOptions = {
      color: toStdout && colorFromEnv(io.isTerminal, io.env),
      terminal: toStdout && io.isTerminal,
      showExchanges: args.showExchanges,
      ...(width === undefined ? {} : { width }),
    };
    const chunks = spec.reporter(branches[index]!, options);
    if (toStdout) {
      for await (const chunk of chunks) io.stdout(chunk);
      return;
    }
    await writeReport(spec.path!, chunks);
  }));
}

/** A report file that cannot be written (exit code 3). */
class ReportWriteError extends Error {
  override name = "ReportWriteError";
}

async function writeReport(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const slash = path.replace(/\\/g, "/").lastIndexOf("/");
  let file: Deno.FsFile;
  try {
    if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
    file = await Deno.open(path, { write: true, create: true, truncate: true });
  } catch (error) {
    throw new ReportWriteError(
      `Cannot write report "${path}": ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const encoder = new TextEncoder();
  try {
    for await (const chunk of chunks) {
      const bytes = encoder.encode(chunk);
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
    }
  } finally {
    file.close();
  }
}

function consoleColumns(): number | undefined {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return undefined;
  }
}
