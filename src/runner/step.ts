/**
 * The step pipeline, in a fixed order that never throws for a failing step:
 *
 * 1. **render** the step's `let` bindings (in order), then its `request`;
 * 2. **send** the call (or the control action), per attempt under the step
 *    timeout, retrying `TooManyRequestsException` with jittered exponential
 *    back-off; every attempt is recorded as an exchange;
 * 3. **status** check against `expect.status` (default 200, or the `error`
 *    sugar's status), with the `error` sugar's type and message;
 * 4. **capture** the `save` queries (only when the status held: otherwise
 *    they would restate the same problem);
 * 5. **assert** `headers`, `body` and `query`.
 *
 * `expect` is rendered once the answer is in (`response` is in scope), part
 * by part: a template that reads a field the response lacks
 * (`${response.body.AuthenticationResult.NewDeviceMetadata.DeviceKey}` on an
 * error answer) is an assertion failure at that field's JSON path, and the
 * other parts are still checked.
 *
 * A render, status, capture or assertion problem makes the step `failed`;
 * no response (transport error, timeout) makes it `errored`.
 *
 * @module
 */

import { checkContent, checkStatus, type VerifyJwt } from "../assert/mod.ts";
import { type CognitoExchange, errorTypeOf } from "../cognito/client.ts";
import { evaluateCaptures } from "../query/mod.ts";
import type { Step } from "../scenario/mod.ts";
import {
  type FunctionRegistry,
  type RenderContext,
  renderEager,
  type RenderOptions,
} from "../template/mod.ts";
import type { Exchange, Failure, StepResult } from "./events.ts";
import type { ControlAction } from "../scenario/mod.ts";
import { Deadlines } from "./_deadlines.ts";
import { expectationOf } from "./_expectations.ts";
import { expectationProblem, renderMessage, toFailure } from "./_failures.ts";
import { answerProblem, sentSummary, stepTitle } from "./_answer.ts";

/** How a step reaches its target: a Cognito call, or a control action of the mock. */
export interface StepTransport {
  /** Sends one Cognito call; never throws (a failure is an exchange without response). */
  call(operation: string, body: unknown, signal: AbortSignal): Promise<CognitoExchange>;
  /** Performs one control action; never throws. */
  control(action: ControlAction, signal: AbortSignal): Promise<CognitoExchange>;
}

/** Everything a step needs besides itself. */
export interface StepEnvironment {
  /**
   * The values templates read (vars, pool, client, users, captures). The
   * step adds its captures to it; its `let` bindings stay its own.
   */
  values: Record<string, unknown>;
  /** The scenario's function registry. */
  functions: FunctionRegistry;
  /** Wiring of the renderer to the run's secret registry. */
  renderOptions: RenderOptions;
  /** The transport. */
  transport: StepTransport;
  /** Per-attempt timeout in ms (the step's `timeout` wins). */
  timeoutMs: number;
  /** Throttling retries (the step's `retry.count` wins). */
  retries: number;
  /** First back-off delay in ms (the step's `retry.delay` wins). */
  retryDelayMs: number;
  /** Longest back-off delay in ms. */
  maxRetryDelayMs: number;
  /** Random number in [0, 1) for jitter. */
  random: () => number;
  /** Waits between attempts. */
  sleep: (ms: number) => Promise<void>;
  /** Clock in epoch ms for templates. */
  now: () => number;
  /** Environment variables for templates. */
  env: (name: string) => string | undefined;
  /** JWT signature checks for `$verify`. */
  verifyJwt?: VerifyJwt;
  /** The scenario file, for positions in render errors. */
  file?: string;
}

const THROTTLED = "TooManyRequestsException";
/** Every attempt's timeout, on one timer. */
const DEADLINES = new Deadlines();
/**
 * Runs one step through render → send → status → capture → assert and
 * returns its result; never throws for a failing step.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { builtinFunctions } from "../template/mod.ts";
 * import { runStep } from "./step.ts";
 * const { scenario } = parseScenario(
 *   "name: x\nsteps:\n  - call: GetUser\n    request: { AccessToken: t }\n    save: { name: Username }\n",
 *   "x.yaml",
 * );
 * const answer = { status: 200, headers: {}, body: { Username: "alice" } };
 * const exchange = { operation: "GetUser", request: { method: "POST" as const, url: "http://x/", headers: {}, body: {} }, response: answer, durationMs: 1 };
 * const values: Record<string, unknown> = {};
 * const result = await runStep(scenario!.steps[0]!, {
 *   values,
 *   functions: builtinFunctions(),
 *   renderOptions: {},
 *   transport: { call: () => Promise.resolve(exchange), control: () => Promise.resolve(exchange) },
 *   timeoutMs: 1000, retries: 0, retryDelayMs: 0, maxRetryDelayMs: 0,
 *   random: Math.random, sleep: () => Promise.resolve(), now: Date.now, env: () => undefined,
 * });
 * assert.equal(result.outcome, "passed");
 * assert.equal(values.name, "alice");
 * ```
 */
export async function runStep(step: Step, env: StepEnvironment): Promise<StepResult> {
  const started = performance.now();
  const call = step.call ?? `mock.${step.control?.kind}`;
  const exchanges: Exchange[] = [];
  const failures: Failure[] = [];
  const finish = (outcome: StepResult["outcome"]): StepResult => ({
    index: step.index,
    name: step.name,
    call,
    outcome,
    durationMs: performance.now() - started,
    exchanges,
    failures,
  });
  // The step's own values: the scenario's, plus its `let` bindings (rendering reads, never writes).
  const values: Record<string, unknown> = step.let.length === 0 ? env.values : { ...env.values };
  const context = (scope: Record<string, unknown>): RenderContext => ({
    values: scope,
    functions: env.functions,
    env: env.env,
    now: env.now,
  });

  // 1. render
  let request: unknown;
  try {
    for (const binding of step.let) {
      const value = renderEager(binding.value, context(values), env.renderOptions);
      values[binding.name] = isPromise(value) ? await value : value;
    }
    if (step.call !== undefined) {
      // Most requests render without a promise (no asynchronous function in them).
      request = renderEager(step.request ?? {}, context(values), env.renderOptions);
      if (isPromise(request)) request = await request;
    }
  } catch (error) {
    failures.push({ kind: "render", message: renderMessage(error, env.file) });
    return finish("failed");
  }

  // 2. send
  const sent = await send(step, request, env, exchanges);
  if ("failure" in sent) {
    failures.push(sent.failure);
    return finish("errored");
  }
  const response = sent.response;
  // No JSON object came back: say what did, and check nothing that would only restate it.
  const garbage = answerProblem(call, response);
  if (garbage !== undefined) {
    failures.push({ kind: "assertion", path: "$", message: garbage });
    return finish("failed");
  }

  // 3–5. status, capture, assert (expect is rendered with `response` in scope)
  const rendered = expectationOf(
    step.expect,
    () => context({ ...values, response }),
    env.renderOptions,
  );
  const expectation = isPromise(rendered) ? await rendered : rendered;
  const check = env.verifyJwt === undefined ? {} : { verifyJwt: env.verifyJwt };

  // 3. status, and the error sugar's type and message
  let statusHeld = false;
  if (expectation.status === undefined) {
    failures.push(expectationProblem(expectation.statusProblem, env.file));
  } else {
    const checked = checkStatus(response, expectation.status, check);
    const mismatches = Array.isArray(checked) ? checked : await checked;
    for (const mismatch of mismatches) {
      failures.push(toFailure(mismatch.path === "status" ? "status" : "assertion", mismatch));
    }
    statusHeld = !mismatches.some((mismatch) => mismatch.path === "status");
  }

  // 4. capture (only when the status held: otherwise it would restate the same problem)
  if (statusHeld && step.save.length > 0) {
    const captured = evaluateCaptures(step.save, response.body);
    for (const failure of captured.failures) {
      failures.push({ kind: "capture", message: failure.message });
    }
    Object.assign(env.values, captured.values);
  }

  // 5. assert headers, body and queries
  for (const problem of expectation.contentProblems) {
    failures.push(expectationProblem(problem, env.file));
  }
  const checked = checkContent(response, expectation.content, check);
  for (const mismatch of Array.isArray(checked) ? checked : await checked) {
    failures.push(toFailure("assertion", mismatch));
  }
  return finish(failures.length === 0 ? "passed" : "failed");
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

type Sent =
  | { response: { status: number; headers: Record<string, string>; body: unknown } }
  | { failure: Failure };

async function send(
  step: Step,
  request: unknown,
  env: StepEnvironment,
  exchanges: Exchange[],
): Promise<Sent> {
  const expectsThrottle = step.expect?.error?.type === THROTTLED;
  const retries = expectsThrottle ? 0 : step.retry?.count ?? env.retries;
  const baseDelay = step.retry?.delayMs ?? env.retryDelayMs;
  const timeoutMs = step.timeoutMs ?? env.timeoutMs;
  const what = step.call ?? `mock.${step.control?.kind}`;
  for (let attempt = 0;; attempt++) {
    const attemptStarted = performance.now();
    const { pending, outcome } = attemptWithin(step, request, env, attemptStarted + timeoutMs);
    const settled = await outcome;
    if (settled.expired) {
      // An aborted request settles at once with what was sent; a transport that ignores the
      // signal gets a short grace period, then the request is recorded without its headers.
      let grace: ReturnType<typeof setTimeout> | undefined;
      const late = await Promise.race([
        pending,
        new Promise<undefined>((resolve) => grace = setTimeout(() => resolve(undefined), 100)),
      ]);
      clearTimeout(grace);
      const sentRequest = late?.request ??
        { method: "POST" as const, url: "", headers: {}, body: request ?? {} };
      exchanges.push({ request: sentRequest, durationMs: performance.now() - attemptStarted });
      const retried = attempt === 0 ? "" : ` (attempt ${attempt + 1})`;
      return {
        failure: {
          kind: "timeout",
          message: `Cannot finish ${stepTitle(what, step.index, step.name)}: no response within ${
            formatMs(timeoutMs)
          }${retried} to ${sentSummary(sentRequest.url, sentRequest.body)}`,
        },
      };
    }
    const exchange = settled.exchange;
    exchanges.push(toExchange(exchange));
    const response = exchange.response;
    if (response === undefined) {
      const reason = (exchange.transportError ?? "no response").split("\n")[0];
      return { failure: { kind: "transport", message: `Cannot send ${what}: ${reason}` } };
    }
    if (errorTypeOf(response) === THROTTLED && attempt < retries) {
      await env.sleep(backoff(attempt, baseDelay, env));
      continue;
    }
    return { response };
  }
}

/** How an attempt ended: with the transport's exchange, or at its deadline. */
type Settled =
  | { expired: false; exchange: CognitoExchange }
  | { expired: true; exchange?: undefined };

/**
 * Starts one attempt under the deadline `at` (on `performance.now()`'s
 * clock): at the deadline its request is aborted and `outcome` settles as
 * expired. One promise settled by whichever comes first (a `Promise.race`
 * against a timeout promise made two more per attempt).
 */
function attemptWithin(
  step: Step,
  request: unknown,
  env: StepEnvironment,
  at: number,
): { pending: Promise<CognitoExchange>; outcome: Promise<Settled> } {
  const controller = new AbortController();
  let settle!: (settled: Settled) => void;
  let fail!: (error: unknown) => void;
  const outcome = new Promise<Settled>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const deadline = DEADLINES.watch(at, () => {
    // Settled first: what the aborted transport answers comes later (the grace period).
    settle({ expired: true });
    controller.abort(new DOMException("step timeout", "TimeoutError"));
  });
  const pending = step.call !== undefined
    ? env.transport.call(step.call, request, controller.signal)
    : env.transport.control(step.control!, controller.signal);
  // Once expired, the outcome is settled and these change nothing.
  pending.then(
    (exchange) => {
      DEADLINES.done(deadline);
      settle({ expired: false, exchange });
    },
    (error) => {
      DEADLINES.done(deadline);
      fail(error);
    },
  );
  return { pending, outcome };
}

/**
 * The back-off before retry `attempt` (0-based): "equal jitter" — half of
 * `base · 2^attempt` (capped) plus a random part of the other half.
 */
function backoff(attempt: number, base: number, env: StepEnvironment): number {
  const ceiling = Math.min(env.maxRetryDelayMs, base * 2 ** attempt);
  return ceiling / 2 + env.random() * ceiling / 2;
}

/** The exchange as recorded: the transport's request and response as they are, and the time. */
function toExchange(exchange: CognitoExchange): Exchange {
  const out: Exchange = { request: exchange.request, durationMs: exchange.durationMs };
  if (exchange.response !== undefined) out.response = exchange.response;
  return out;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
