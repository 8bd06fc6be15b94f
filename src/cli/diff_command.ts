/**
 * `diff`: the same scenarios against two targets, and where they disagree.
 *
 * ```
 * deno task cli diff --target A --target B [PATH…] [options]   # see --help
 * ```
 *
 * Exit codes follow diff(1) ({@linkcode DiffExitCode}): 0 same, 1
 * different, 2 bad input, 3 a target could not run the scenarios.
 *
 * @module
 */

import {
  type DiffReport,
  formatDiff,
  type NormaliseRules,
  parseNormaliseRules,
  runDiff,
  summaryLine,
} from "../diff/mod.ts";
import { colorFromEnv } from "../reporters/mod.ts";
import { SecretRegistry, type Target, type TargetOptions } from "../runner/mod.ts";
import { environmentProblems, type Scenario } from "../scenario/mod.ts";
import { type Command, UsageError } from "./command.ts";
import { DiffExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { resolveCredentials } from "./_config_files.ts";
import { type DiffArgs, parseDiffArgs, type TargetSpec } from "./_diff_args.ts";
import { DIFF_USAGE } from "./_diff_usage.ts";
import { loadForCli, printProblems } from "./_load.ts";
import {
  environment,
  existingUsers,
  onInterrupt,
  openForCli,
  selectionOf,
  selectToRun,
} from "./_run_common.ts";

/**
 * The exit code of a finished differential run: 1 when anything differs
 * (the more useful signal, as `run`'s 4 beats its 3), else 3 when a target
 * could not run a scenario, else 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffExitCodeOf } from "./diff_command.ts";
 * const summary = { scenarios: 3, same: 2, different: 1, notCompared: 0, notRun: 1, differences: 4 };
 * assert.equal(diffExitCodeOf(summary), 1);
 * assert.equal(diffExitCodeOf({ ...summary, different: 0, differences: 0 }), 3);
 * assert.equal(diffExitCodeOf({ ...summary, different: 0, differences: 0, notRun: 0 }), 0);
 * ```
 */
export function diffExitCodeOf(summary: DiffReport["summary"]): DiffExitCode {
  if (summary.different > 0) return DiffExitCode.Different;
  if (summary.notRun > 0) return DiffExitCode.TargetError;
  return DiffExitCode.Same;
}

/**
 * Runs `diff` with its command-line arguments. Bad input is reported here
 * (exit 2), not by `main` (whose usage errors exit 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffCommand } from "./diff_command.ts";
 * import { captureIo } from "./io.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/pools.yaml`, "name: list pools\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 5 }\n");
 * const io = captureIo();
 * assert.equal(await diffCommand.run(["--target", "embedded", "--target", "embedded", dir], io), 0);
 * assert.match(io.out, /1 scenario: 1 same, 0 different/);
 * assert.equal(await diffCommand.run(["--target", "embedded", dir], io), 2);
 * assert.match(io.err, /give two targets/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export const diffCommand: Command = {
  name: "diff",
  summary: "Run scenarios against two targets and report where their answers differ",
  run: async (argv, io) => {
    try {
      return await diff(argv, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`error: ${error.message}\n`);
      return DiffExitCode.BadInput;
    }
  },
};

async function diff(argv: string[], io: CliIo): Promise<DiffExitCode> {
  const args = parseDiffArgs(argv);
  if (args.help) {
    io.stdout(DIFF_USAGE);
    return DiffExitCode.Same;
  }
  const rules = await readRules(args, io);
  if (rules === "errors") return DiffExitCode.BadInput;
  const env = await environment(args, io);
  const loaded = await loadForCli(args.paths, io, {
    command: "diff",
    externalVars: Object.keys(args.vars),
  });
  if (loaded.kind === "errors") return DiffExitCode.BadInput;
  if (loaded.kind === "empty") {
    if (!args.passWithNone) {
      throw new UsageError(
        `Cannot diff: no scenarios in ${loaded.where}: add *.yaml scenario files there, or ` +
          "pass paths (--pass-with-none accepts none)",
      );
    }
    io.stderr(loaded.message);
    return DiffExitCode.Same;
  }
  const scenarios = loaded.scenarios;
  const selection = selectionOf(args);
  const selected = selectToRun(scenarios, selection, args.passWithNone, io, "diff");
  const unset = environmentProblems(selected, (name) => env(name) !== undefined, {
    externalVars: Object.keys(args.vars),
  });
  if (unset.length > 0) {
    printProblems(unset, io, "diff");
    return DiffExitCode.BadInput;
  }
  // Checked before anything runs, so a typo in the path does not cost a whole run.
  const output = await openOutput(args.output);
  const secrets = new SecretRegistry();
  const targets: Target[] = [];
  const interrupt = onInterrupt(io);
  try {
    for (const spec of args.targets) {
      targets.push(await openForCli(await targetOptions(spec, args, env, scenarios, secrets)));
    }
    for (const [index, target] of targets.entries()) {
      if (target.unreachable === undefined) continue;
      io.stderr(
        `error: Cannot diff: target ${"AB"[index]} (${
          args.targets[index]!.label
        }): ${target.unreachable}\n`,
      );
      return DiffExitCode.TargetError;
    }
    const report = await runDiff(scenarios, {
      ...selection,
      a: targets[0]!,
      b: targets[1]!,
      labels: { a: args.targets[0]!.label, b: args.targets[1]!.label },
      signal: interrupt.signal,
      vars: args.vars,
      env,
      secrets,
      showSecrets: args.showSecrets,
      ...(rules === undefined ? {} : { rules }),
      ...(args.jobs === undefined ? {} : { jobs: args.jobs }),
      ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
      ...(args.retries === undefined ? {} : { retries: args.retries }),
    });
    const color = output === undefined && args.format === "text" &&
      colorFromEnv(io.isTerminal, io.env);
    const text = formatDiff(report, args.format, { color });
    if (output === undefined) io.stdout(text);
    else {
      await output.write(text);
      io.stderr(`${summaryLine(report)}; report written to ${args.output}\n`);
    }
    const code = diffExitCodeOf(report.summary);
    return interrupt.signal.aborted && code === DiffExitCode.Same ? DiffExitCode.TargetError : code;
  } finally {
    interrupt.dispose();
    output?.close();
    await Promise.all(targets.map((target) => target.close()));
  }
}

async function readRules(
  args: DiffArgs,
  io: CliIo,
): Promise<NormaliseRules | undefined | "errors"> {
  if (args.normalise === undefined) return undefined;
  let text: string;
  try {
    text = await Deno.readTextFile(args.normalise);
  } catch {
    throw new UsageError(`Cannot read --normalise "${args.normalise}": no such readable file`);
  }
  const { rules, errors } = parseNormaliseRules(text, args.normalise);
  if (rules !== undefined) return rules;
  for (const error of errors) io.stderr(`${error.toString()}\n`);
  io.stderr(
    `error: Cannot diff: ${errors.length} ${errors.length === 1 ? "problem" : "problems"} in ` +
      `the --normalise file; nothing was sent\n`,
  );
  return "errors";
}

async function targetOptions(
  spec: TargetSpec,
  args: DiffArgs,
  env: (name: string) => string | undefined,
  scenarios: readonly Scenario[],
  secrets: SecretRegistry,
): Promise<TargetOptions> {
  if (spec.kind === "embedded") {
    return {
      ...(args.region === undefined ? {} : { region: args.region }),
      ...(Object.keys(spec.behaviour).length === 0 ? {} : { mock: { behaviour: spec.behaviour } }),
    };
  }
  const options: TargetOptions = {
    endpoint: spec.endpoint,
    provision: args.provision && spec.pool === undefined,
  };
  const region = args.region ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
  if (region !== undefined) options.region = region;
  const credentials = await resolveCredentials(args.profile, env);
  if (credentials !== undefined) options.credentials = credentials;
  if (spec.pool !== undefined) {
    if (spec.pool.clientSecret !== undefined) secrets.add(spec.pool.clientSecret, "ClientSecret");
    options.existingPool = { ...spec.pool, users: existingUsers(args.users, env, scenarios) };
  }
  return options;
}

/** A writer for `--output`, opened now; a path that cannot be written is bad input. */
async function openOutput(
  path: string | undefined,
): Promise<{ write(text: string): Promise<void>; close(): void } | undefined> {
  if (path === undefined) return undefined;
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { write: true, create: true, truncate: true });
  } catch (error) {
    throw new UsageError(
      `Cannot write --output "${path}": ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const encoder = new TextEncoder();
  return {
    async write(text) {
      const bytes = encoder.encode(text);
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
    },
    close: () => file.close(),
  };
}
