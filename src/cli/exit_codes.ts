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

/**
 * The exit codes of `diff`, which follow diff(1) rather than `run`: 0 the
 * targets agree, 1 they differ, 2 bad input. So `1` means "different" here,
 * not "bad usage" as for the other commands, and a scenario file with
 * errors is `2` either way. `3` keeps `run`'s meaning: a target could not
 * run the scenarios (unreachable, provisioning failed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DiffExitCode, ExitCode } from "./exit_codes.ts";
 * assert.equal(DiffExitCode.Different, 1);
 * assert.equal(DiffExitCode.BadInput, ExitCode.ScenarioError);
 * assert.equal(DiffExitCode.TargetError, ExitCode.Runtime);
 * ```
 */
export const DiffExitCode = {
  /** Every compared scenario agreed. */
  Same: 0,
  /** At least one difference (wins over 3: a definite difference is the more useful signal). */
  Different: 1,
  /** Bad flags, a bad --normalise file, or scenario files with errors. */
  BadInput: 2,
  /** A target could not run the scenarios: unreachable, provisioning failed, interrupted. */
  TargetError: 3,
} as const;

/** One of the values of {@linkcode DiffExitCode} (each is also an {@linkcode ExitCode} number). */
export type DiffExitCode = typeof DiffExitCode[keyof typeof DiffExitCode];
