/**
 * Every call the load test makes goes through a {@linkcode CallRecorder}: it
 * sends the call with the project's client (src/cognito/client.ts, SigV4 with
 * the mock's test key on IAM operations, as the runner does), times it,
 * counts it, tallies its error type, and compares the answer with what the
 * caller expects — success, or one catalogue error provoked on purpose. An
 * answer that differs is recorded as unexpected (operation, status, type and
 * the expected outcome only: never a body, token or password) and thrown as
 * a {@linkcode LoadStepError}, which ends that user's lifecycle.
 *
 * @module
 */

import { CognitoClient, errorTypeOf } from "../src/cognito/client.ts";
import { MOCK_CREDENTIALS } from "../src/cognito/credentials.ts";
import { type CognitoErrorId, lookupError } from "../src/cognito/errors.ts";

/** A parsed answer body: JSON of whatever shape the operation returns. */
// deno-lint-ignore no-explicit-any
export type ApiBody = any;

/** What a call should get: success (`"ok"`) or the catalogue error of that id. */
export type Expectation = "ok" | CognitoErrorId;

/** One answer that was not what the client expected (secret-free). */
export interface UnexpectedAnswer {
  /** The call's label, e.g. `RespondToAuthChallenge PASSWORD_VERIFIER`. */
  label: string;
  /** The user it was made for (a generated name, not a secret). */
  user: string;
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  /** `__type` of the answer, `transport` when none arrived, `-` for a success. */
  type: string;
  /** What was expected instead, and what differed. */
  detail: string;
}

/** Counters shared by every call of one run. */
export interface CallTally {
  requests: number;
  /** Answers with status ≥ 500. */
  serverErrors: number;
  /** Error answers by `__type` that the caller provoked on purpose. */
  expectedErrors: Record<string, number>;
  /** Error answers by `__type` nobody expected (must stay empty). */
  unexpectedErrors: Record<string, number>;
  unexpected: UnexpectedAnswer[];
  /** Round-trip times in ms by call label. */
  latencies: Map<string, number[]>;
}

/** An answer that differed from the expectation; ends the current lifecycle. */
export class LoadStepError extends Error {
  override name = "LoadStepError";
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function describe(expects: readonly Expectation[]): string {
  return expects.map((expect) => {
    if (expect === "ok") return "success";
    const wanted = lookupError(expect);
    return `${wanted.type} "${wanted.message ?? ""}"`;
  }).join(" or ");
}

/** An empty tally. */
export function emptyTally(): CallTally {
  return {
    requests: 0,
    serverErrors: 0,
    expectedErrors: {},
    unexpectedErrors: {},
    unexpected: [],
    latencies: new Map(),
  };
}

/** Sends, times, counts and checks calls against one endpoint. */
export class CallRecorder {
  readonly tally: CallTally;
  #client: CognitoClient;

  constructor(endpoint: string, tally: CallTally = emptyTally()) {
    this.#client = new CognitoClient(endpoint, { credentials: MOCK_CREDENTIALS });
    this.tally = tally;
  }

  /**
   * Calls `operation`; returns the body of a success (or `{}` for an
   * expected error). Throws {@linkcode LoadStepError} for any other answer.
   */
  async call(
    user: string,
    label: string,
    operation: string,
    input: unknown,
    expect: Expectation = "ok",
  ): Promise<ApiBody> {
    return (await this.attempt(user, label, operation, input, [expect])).body;
  }

  /**
   * Calls `operation` where any of `expects` is a right answer (e.g. the
   * two outcomes of a race); returns which one came and the body.
   */
  async attempt(
    user: string,
    label: string,
    operation: string,
    input: unknown,
    expects: readonly Expectation[],
  ): Promise<{ outcome: Expectation; body: ApiBody }> {
    const exchange = await this.#client.send(operation, input);
    const tally = this.tally;
    tally.requests += 1;
    let samples = tally.latencies.get(label);
    if (samples === undefined) tally.latencies.set(label, samples = []);
    samples.push(exchange.durationMs);
    const response = exchange.response;
    if (response === undefined) {
      return this.#unexpected(user, label, 0, "transport", exchange.transportError ?? "no answer");
    }
    if (response.status >= 500) tally.serverErrors += 1;
    const type = errorTypeOf(response);
    const message = (response.body as { message?: unknown } | undefined)?.message;
    if (response.status === 200 && type === undefined) {
      if (expects.includes("ok")) return { outcome: "ok", body: response.body };
      return this.#unexpected(user, label, 200, "-", `expected ${describe(expects)}, got success`);
    }
    for (const expect of expects) {
      if (expect === "ok") continue;
      const wanted = lookupError(expect);
      if (type === wanted.type && (wanted.message === undefined || message === wanted.message)) {
        bump(tally.expectedErrors, type);
        return { outcome: expect, body: {} };
      }
    }
    return this.#unexpected(
      user,
      label,
      response.status,
      type ?? "-",
      `expected ${describe(expects)}, got ${type} "${String(message)}"`,
    );
  }

  #unexpected(user: string, label: string, status: number, type: string, detail: string): never {
    if (type !== "-") bump(this.tally.unexpectedErrors, type);
    this.tally.unexpected.push({ label, user, status, type, detail });
    throw new LoadStepError(`Cannot go on with ${user}: ${label} ${status} ${type}: ${detail}`);
  }

  /** Records a wrong success answer (e.g. a missing device key) as unexpected. */
  wrongAnswer(user: string, label: string, detail: string): never {
    this.tally.unexpected.push({ label, user, status: 200, type: "-", detail });
    throw new LoadStepError(`Cannot go on with ${user}: ${label}: ${detail}`);
  }
}
