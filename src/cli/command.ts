/**
 * What every CLI subcommand looks like, and the error that means "bad usage".
 *
 * @module
 */

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
