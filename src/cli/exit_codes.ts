/**
 * Process exit codes of the `cognito-conformance` CLI. They tell the failure
 * class, so CI can react differently to a broken scenario file and a broken
 * user pool.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExitCode } from "./exit_codes.ts";
 * assert.equal(ExitCode.AssertionFailure, 4);
 * ```
 *
 * @module
 */

/**
 * Exit codes, shared by every subcommand.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExitCode } from "./exit_codes.ts";
 * const worst = Math.max(ExitCode.Ok, ExitCode.ScenarioError);
 * assert.equal(worst, ExitCode.ScenarioError);
 * ```
 */
export const ExitCode = {
  /** Everything passed. */
  Ok: 0,
  /** Bad command line: unknown flag, missing value, bad input to a utility. */
  Usage: 1,
  /** A scenario file could not be loaded (syntax, schema, template or reference errors). */
  ScenarioError: 2,
  /** The run broke: target unreachable, provisioning failed, timeouts. */
  Runtime: 3,
  /** A scenario ran and an expectation did not hold. */
  AssertionFailure: 4,
} as const;

/** One of the values of {@linkcode ExitCode}. */
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];
