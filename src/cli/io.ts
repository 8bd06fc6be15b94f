/**
 * The CLI's view of the outside world, injectable so commands can be tested
 * without a terminal or a process exit.
 *
 * @module
 */

/** Where a command writes and what it knows about its terminal. */
export interface CliIo {
  /** Writes text to standard output (no newline added). */
  stdout(text: string): void;
  /** Writes text to standard error (no newline added). */
  stderr(text: string): void;
  /** Reads an environment variable. */
  env(name: string): string | undefined;
  /** Whether standard output is an interactive terminal. */
  isTerminal: boolean;
}

const encoder = new TextEncoder();

/**
 * The real process streams and environment.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { processIo } from "./io.ts";
 * const io = processIo();
 * assert.equal(typeof io.isTerminal, "boolean");
 * io.stderr("");
 * ```
 */
export function processIo(): CliIo {
  return {
    stdout: (text) => writeAll(Deno.stdout, text),
    stderr: (text) => writeAll(Deno.stderr, text),
    env: (name) => Deno.env.get(name),
    isTerminal: Deno.stdout.isTerminal(),
  };
}

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
}

/** An in-memory {@linkcode CliIo} that records everything written, for tests. */
export interface CapturedIo extends CliIo {
  /** Everything written to standard output so far. */
  readonly out: string;
  /** Everything written to standard error so far. */
  readonly err: string;
}

/**
 * Creates an in-memory {@linkcode CliIo} for tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureIo } from "./io.ts";
 * const io = captureIo({ HOME: "/tmp" });
 * io.stdout("hi\n");
 * assert.equal(io.out, "hi\n");
 * assert.equal(io.env("HOME"), "/tmp");
 * ```
 */
export function captureIo(env: Record<string, string> = {}): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env: (name) => env[name],
    isTerminal: false,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
