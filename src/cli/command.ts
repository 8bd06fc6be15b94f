/**
 * What every CLI subcommand looks like, and the error that means "bad usage".
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliIo } from "./io.ts";
import type { ExitCode } from "./exit_codes.ts";

/** A subcommand of the CLI (`run`, `srp`, `mock`, …). */
export interface Command {
  /** The word that selects it, e.g. `run`. */
  name: string;
  /** One line for the top-level `--help`. */
  summary: string;
  /**
   * Runs the command with the arguments that follow its name and returns the
   * exit code. Throwing {@linkcode UsageError} means exit code 1 with its
   * message on one line; any other throw is a bug and is reported as such.
   */
  run(args: string[], io: CliIo): Promise<ExitCode>;
}

/**
 * Bad command-line input. The CLI prints `error: <message>` on one line and
 * exits with code 1, never a stack trace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./command.ts";
 * const error = new UsageError("Cannot parse --salt-hex: \"zz\" is not hex");
 * assert.ok(error instanceof TypeError);
 * ```
 */
export class UsageError extends TypeError {
  /** Always `"UsageError"`. */
  override name = "UsageError";
}

/**
 * Strict `parseArgs` (from `node:util`) for a command: a failure becomes a
 * {@linkcode UsageError} reading `Cannot parse <what>: <reason> (see --help)`,
 * with only the first line of the reason.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCommandArgs, UsageError } from "./command.ts";
 * const options = { port: { type: "string" } } as const;
 * const parsed = parseCommandArgs("mock options", { args: ["--port", "0"], options });
 * assert.equal(parsed.values.port, "0");
 * assert.throws(
 *   () => parseCommandArgs("mock options", { args: ["--nope"], options }),
 *   (error: unknown) =>
 *     error instanceof UsageError &&
 *     error.message === "Cannot parse mock options: Unknown option '--nope' (see --help)",
 * );
 * ```
 */
export function parseCommandArgs<const T extends ParseArgsConfig>(
  what: string,
  config: T,
): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageError(`Cannot parse ${what}: ${reason} (see --help)`);
  }
}
