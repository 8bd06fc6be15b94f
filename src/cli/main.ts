/**
 * The `cognito-conformance` command line: `deno task cli <command> [options]`.
 *
 * Run `deno task cli --help` for the list of commands and
 * `deno task cli <command> --help` for each command's options.
 *
 * @module
 */

import { UsageError } from "./command.ts";
import { commands } from "./commands.ts";
import { ExitCode } from "./exit_codes.ts";
import { type CliIo, processIo } from "./io.ts";

// The types `main`'s signature uses.
export { ExitCode } from "./exit_codes.ts";
export type { CliIo } from "./io.ts";

/**
 * Runs the CLI with the given arguments and returns the exit code. Never
 * throws: usage errors and crashes are reported on standard error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./main.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * assert.equal(await main(["--help"], io), 0);
 * assert.match(io.out, /Usage/);
 * ```
 */
export async function main(args: string[], io: CliIo = processIo()): Promise<ExitCode> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(topLevelHelp());
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  const entry = commands.find((command) => command.name === name);
  if (entry === undefined) {
    io.stderr(`error: Cannot run command: unknown command "${name}" (see --help)\n`);
    return ExitCode.Usage;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return ExitCode.Usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: Cannot run "${name}": internal error: ${message.split("\n")[0]}\n`);
    return ExitCode.Runtime;
  }
}

function topLevelHelp(): string {
  const width = Math.max(0, ...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    "Usage: deno task cli <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `deno task cli <command> --help` for a command's options.",
    "",
  ].join("\n");
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
