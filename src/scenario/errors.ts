/**
 * The error type of scenario files: one per problem, each with its file
 * position.
 *
 * @module
 */

/**
 * One problem in a scenario file, at a 1-based line and column. Loading
 * reports every problem of a file together; `toString()` gives the
 * `file:line:column: message` line editors and CI logs understand.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ScenarioSyntaxError } from "./errors.ts";
 * const error = new ScenarioSyntaxError('Cannot call "InitiateAuthh": not a Cognito operation', {
 *   file: "device-on/seed.yaml",
 *   line: 12,
 *   column: 11,
 * });
 * assert.ok(error instanceof SyntaxError);
 * assert.equal(
 *   error.toString(),
 *   'device-on/seed.yaml:12:11: Cannot call "InitiateAuthh": not a Cognito operation',
 * );
 * ```
 */
export class ScenarioSyntaxError extends SyntaxError {
  /** Always `"ScenarioSyntaxError"`. */
  override name = "ScenarioSyntaxError";
  /** The file as given to the loader. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;

  /** `message` is the explanation without the position prefix. */
  constructor(message: string, at: { file: string; line: number; column: number }) {
    super(message);
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
  }

  /** `file:line:column: message`. */
  override toString(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** A problem in a scenario file (the loader's error type). */
export type ScenarioError = ScenarioSyntaxError;
