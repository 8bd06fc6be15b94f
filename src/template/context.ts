/**
 * What a rendering reads ({@linkcode RenderContext}) and how it reports the
 * secrets it meets ({@linkcode RenderOptions}).
 *
 * @module
 */

import type { FunctionRegistry } from "./functions.ts";

/** What templates are evaluated against. */
export interface RenderContext {
  /**
   * The root names a path can start with: `vars`, `pool`, `client`, `users`,
   * saved captures, `let` bindings, `response`… (`env` is handled apart).
   */
  values: Readonly<Record<string, unknown>>;
  /** The functions a call can use. */
  functions: FunctionRegistry;
  /**
   * Reads environment variables for `${env.NAME}` and `env(name)`. Without it
   * every variable counts as unset (library code does not read the process
   * environment on its own).
   */
  env?: (name: string) => string | undefined;
  /** Clock in epoch milliseconds, for `now()` and SRP timestamps. Defaults to `Date.now`. */
  now?: () => number;
  /** UUID source for `uuid()`. Defaults to `crypto.randomUUID`. */
  randomUUID?: () => string;
}

/** Options of {@linkcode render}. */
export interface RenderOptions {
  /**
   * Called with every string that must be masked in reports, and a label
   * saying what it is: the declared secret members of a function's object
   * result (labelled with the member name, e.g. `PASSWORD_CLAIM_SIGNATURE`),
   * results of secret functions (the function name, e.g. `secretHash`, or
   * the member name for a string inside an object result), results of
   * functions that declare no secret members applied to secret arguments
   * (the function name, e.g. `concat`), and values read through paths that
   * {@linkcode RenderOptions.isSecret} flags (the last path segment).
   * @default {undefined}
   */
  onSecret?: (value: string, label: string) => void;
  /**
   * Whether a value read through a path is secret (e.g. the runner's set of
   * known secret strings), so that functions applied to it taint their result.
   * @default {() => false}
   */
  isSecret?: (value: unknown) => boolean;
}
