/**
 * Options of {@linkcode runScenario} and {@linkcode runSuite}, with their
 * defaults in one place.
 *
 * @module
 */

import type { VerifyJwt } from "../assert/mod.ts";
import type { RandomSource } from "../srp/mod.ts";
import type { RunEvent } from "./events.ts";
import type { SecretRegistry } from "./redact.ts";
import type { Target, TargetOptions } from "./target.ts";

/** Options shared by {@linkcode runScenario} and {@linkcode runSuite}. */
export interface RunOptions {
  /**
   * Where requests go: an opened {@linkcode Target} (kept open afterwards),
   * or options to open one for this call (and close it at the end).
   * @default {{}: an embedded mock server}
   */
  target?: Target | TargetOptions;
  /**
   * Values of `vars.<name>` given from outside (`--var name=value`); they
   * win over the scenario's own `vars` of the same name.
   * @default {{}}
   */
  vars?: Readonly<Record<string, unknown>>;
  /**
   * Reads environment variables for `${env.NAME}` and `env(name)`. The
   * library never reads the process environment on its own.
   * @default {() => undefined}
   */
  env?: (name: string) => string | undefined;
  /**
   * Per-attempt timeout of a step in ms, unless the step sets `timeout`.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Retries of a step answered `TooManyRequestsException`, unless the step
   * sets `retry` (steps that expect that error are never retried).
   * @default 2
   */
  retries?: number;
  /**
   * First back-off delay in ms; attempt n waits a random time between half
   * and all of `retryDelayMs · 2^n`, capped at 5 s.
   * @default 100
   */
  retryDelayMs?: number;
  /**
   * Leave secrets unmasked in events and results (`--show-secrets`).
   * @default false
   */
  showSecrets?: boolean;
  /**
   * The run's secret registry (one per run), e.g. to mask other output with
   * it afterwards.
   * @default {a new SecretRegistry}
   */
  secrets?: SecretRegistry;
  /**
   * Verifies JWT signatures for `$verify: true`.
   * @default {the JWKS of the token's issuer, if it is the target or Amazon Cognito}
   */
  verifyJwt?: VerifyJwt;
  /**
   * Clock in epoch ms (SRP timestamps, TOTP, `now()`, token expiry).
   * @default {Date.now}
   */
  now?: () => number;
  /** Random number in [0, 1) for back-off jitter. @default {Math.random} */
  random?: () => number;
  /**
   * Random bytes for SRP ephemerals, device secrets and pool names.
   * @default {crypto.getRandomValues}
   */
  randomBytes?: RandomSource;
  /**
   * Waits `ms` milliseconds (back-off); rejects when `signal` aborts.
   * @default {a setTimeout-based sleep}
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Options of {@linkcode runScenario}. */
export interface RunScenarioOptions extends RunOptions {
  /**
   * Told about every event of the scenario as it happens (already redacted
   * unless `showSecrets`).
   * @default {undefined}
   */
  onEvent?: (event: RunEvent) => void;
}

/** Options of {@linkcode runSuite}. */
export interface RunSuiteOptions extends RunOptions, SelectOptions {
  /**
   * Scenarios run at the same time (each has its own pool).
   * @default {4 for the embedded mock, 2 for an endpoint}
   */
  jobs?: number;
  /**
   * Stop starting scenarios after the first one that fails or errors; the
   * rest are reported as skipped.
   * @default false
   */
  bail?: boolean;
  /** Stops starting scenarios when aborted (the rest are skipped). @default {undefined} */
  signal?: AbortSignal;
}

/** Which scenarios of a list run: filters, tags and the shard. */
export interface SelectOptions {
  /**
   * Keep scenarios whose id or name contains this text, or matches this
   * regular expression (a string written `/…/flags` is one).
   * @default {undefined: all}
   */
  filter?: string | RegExp;
  /**
   * Tag rules: a scenario must have at least one of the plain tags (if any
   * is given) and none of the `!`-prefixed ones.
   * @default {[]}
   */
  tags?: readonly string[];
  /**
   * Run only this shard: scenarios (after filters) sorted by id, the k-th
   * (0-based) belongs to shard `k mod total + 1`.
   * @default {undefined: all}
   */
  shard?: { index: number; total: number };
}

/**
 * The defaults of {@linkcode RunOptions} and {@linkcode RunSuiteOptions}:
 * the per-attempt timeout, throttling retries and their back-off, and the
 * parallel jobs (more against the embedded mock than against an endpoint).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RUN_DEFAULTS } from "./options.ts";
 * assert.equal(RUN_DEFAULTS.timeoutMs, 10_000);
 * assert.ok(RUN_DEFAULTS.retryDelayMs < RUN_DEFAULTS.maxRetryDelayMs);
 * assert.ok(RUN_DEFAULTS.jobsMock > RUN_DEFAULTS.jobsEndpoint);
 * ```
 */
export const RUN_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  retryDelayMs: 100,
  maxRetryDelayMs: 5_000,
  jobsMock: 4,
  jobsEndpoint: 2,
} as const;

/**
 * Sleeps `ms` milliseconds; rejects with the signal's reason when it aborts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultSleep } from "./options.ts";
 * const started = performance.now();
 * await defaultSleep(5);
 * assert.ok(performance.now() - started >= 4);
 * ```
 */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
