/**
 * `to-curl`: a scenario as a runnable bash script of curl calls, to replay
 * a failing step by hand against any endpoint (docs/curl-format.md).
 *
 * ```
 * to-curl SCENARIO [--step N] [--provision] [--output F]
 * ```
 *
 * @module
 */

import { toCurl } from "../curl/mod.ts";
import { knownRequestMembers } from "../runner/mod.ts";
import { loadScenarios, ScenarioSyntaxError } from "../scenario/mod.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";

const USAGE = `Usage: deno task cli to-curl SCENARIO [--step N] [--provision] [--output F]

Prints a bash script (set -euo pipefail; curl and jq) that makes the calls of
the scenario file SCENARIO and checks each answer as run does: one explicit
curl command per step, its expectation as a "# expect:" line and as jq checks,
captures as shell variables, and the SRP, SECRET_HASH, TIMESTAMP and TOTP values
from this CLI's own utilities (srp, secret-hash, totp). A failed check exits 4
and names the step and the check; secrets are masked unless SHOW_SECRETS=1.

Options:
  --step N        only the steps up to and including step N (1-based): replay one
                  failing step by hand
  --provision     the script creates the pool, app client and users with curl (as
                  run --provision does; SigV4-signed by curl --aws-sigv4 when
                  AWS_ACCESS_KEY_ID is set) and deletes the pool when it exits;
                  without it, it runs against an existing pool: POOL_ID, CLIENT_ID
                  (and the users' values) from the environment
  --output F      write the script to F (executable) instead of standard output
  -h, --help      this help

The script reads COGNITO_ENDPOINT (default http://127.0.0.1:9229, the mock of
deno task mock) and COGNITO_CONFORMANCE_CLI (default "deno task -q cli", which
works from the project's folder). It needs bash 4.4+, curl and jq.

Example:
  deno task cli to-curl scenarios/01-seed/device-on-refresh.yaml --provision > seed.sh
  deno task mock &   # then, in the project's folder:
  bash seed.sh
`;

interface Flags {
  help: boolean;
  path?: string;
  step?: number;
  provision: boolean;
  output?: string;
}

function parse(args: string[]): Flags {
  const { values, positionals } = parseCommandArgs("to-curl options", {
    args,
    options: {
      step: { type: "string" },
      provision: { type: "boolean" },
      output: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  const flags: Flags = { help: values.help === true, provision: values.provision === true };
  if (flags.help) return flags;
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "Cannot run to-curl: missing the SCENARIO file (see --help)"
        : `Cannot run to-curl: one SCENARIO file, not ${positionals.length} (see --help)`,
    );
  }
  flags.path = positionals[0]!;
  if (values.step !== undefined) {
    if (!/^[1-9]\d*$/.test(values.step)) {
      throw new UsageError(`Cannot use --step "${values.step}": expected a step number (1, 2, …)`);
    }
    flags.step = Number(values.step);
  }
  if (values.output !== undefined) {
    if (values.output === "") throw new UsageError("Cannot use --output: it is empty");
    flags.output = values.output;
  }
  return flags;
}

/**
 * The `to-curl` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toCurlCommand } from "./to_curl_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * const code = await toCurlCommand.run(["scenarios/01-seed/device-on-refresh.yaml", "--step", "2"], io);
 * assert.equal(code, 0);
 * assert.match(io.out, /^# step 2: refresh without DEVICE_KEY — refused$/m);
 * assert.doesNotMatch(io.out, /^# step 3/m);
 * ```
 */
export const toCurlCommand: Command = {
  name: "to-curl",
  summary: "Write a scenario as a runnable bash script of curl calls",
  async run(args: string[], io: CliIo): Promise<ExitCode> {
    const flags = parse(args);
    if (flags.help) {
      io.stdout(USAGE);
      return ExitCode.Ok;
    }
    const path = flags.path!;
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch {
      throw new UsageError(`Cannot convert "${path}": it does not exist`);
    }
    if (!info.isFile) {
      throw new UsageError(`Cannot convert "${path}": it is no file (to-curl takes one scenario)`);
    }
    const { scenarios, errors } = await loadScenarios([path], { knownRequestMembers });
    if (errors.length > 0) return problems(errors, path, io);
    const scenario = scenarios[0]!;
    if (flags.step !== undefined && flags.step > scenario.steps.length) {
      const count = scenario.steps.length;
      throw new UsageError(
        `Cannot use --step ${flags.step}: "${path}" has ${count} step${count === 1 ? "" : "s"}`,
      );
    }
    let script: string;
    try {
      script = toCurl(scenario, {
        provision: flags.provision,
        ...(flags.step === undefined ? {} : { step: flags.step }),
      });
    } catch (error) {
      if (error instanceof ScenarioSyntaxError) return problems([error], path, io);
      throw error;
    }
    if (flags.output === undefined) {
      io.stdout(script);
      return ExitCode.Ok;
    }
    try {
      await Deno.writeTextFile(flags.output, script, { mode: 0o755 });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new UsageError(`Cannot write "${flags.output}": ${reason}`);
    }
    return ExitCode.Ok;
  },
};

/** Positioned problems, one per line, then one summary line; exit 2 as run does. */
function problems(errors: readonly ScenarioSyntaxError[], path: string, io: CliIo): ExitCode {
  for (const error of errors) io.stderr(`${error.toString()}\n`);
  io.stderr(
    `error: Cannot convert "${path}": ${errors.length} ${
      errors.length === 1 ? "problem" : "problems"
    }; no script was written\n`,
  );
  return ExitCode.ScenarioError;
}
