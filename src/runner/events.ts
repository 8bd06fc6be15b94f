/**
 * The plain-data vocabulary shared by the runner and the reporters.
 *
 * The runner turns a suite into an `AsyncIterable<RunEvent>`; every reporter is
 * `(events: AsyncIterable<RunEvent>) => AsyncIterable<string>`. Reporters never
 * decide pass or fail: they only format what these events say. Events are
 * JSON-serialisable (no classes, no functions, no `Date`, no `bigint`), so they
 * can be stored, replayed and compared byte for byte in golden tests.
 *
 * Secrets are masked by the runner before an event is emitted (unless the user
 * asked for `--show-secrets`), so a reporter can print anything it receives.
 *
 * @module
 */

/** Outcome of one step or one scenario. */
export type Outcome =
  /** Every check held. */
  | "passed"
  /** An expectation did not hold (exit code 4). */
  | "failed"
  /** Not run: an earlier step failed, a filter or `--bail` skipped it, or the target lacks a capability. */
  | "skipped"
  /** The run itself broke: target unreachable, provisioning failed, a timeout (exit code 3). */
  | "errored";

/** Which Cognito endpoint a run talks to. */
export interface TargetInfo {
  /** `mock` for the embedded mock server, `endpoint` for any other URL (real AWS included). */
  kind: "mock" | "endpoint";
  /** Base URL the runner sends requests to, e.g. `http://127.0.0.1:41234/`. */
  endpoint: string;
  /** AWS region used for signing and identifiers. */
  region: string;
}

/** Static description of a scenario, as loaded from its file. */
export interface ScenarioInfo {
  /** Stable identifier: the file path relative to the suite root, e.g. `device-on/seed.yaml`. */
  id: string;
  /** Human title from the scenario's `name`. */
  name: string;
  /** Path of the scenario file as given to the runner. */
  file: string;
  /** Tags from the scenario's `tags`. */
  tags: string[];
  /** Free text from the scenario's `description`, if any. */
  description?: string;
}

/** One HTTP request as sent. Secret values are already masked. */
export interface RecordedRequest {
  /** Always `POST` for the Cognito API. */
  method: string;
  /** The endpoint URL the request went to. */
  url: string;
  /** Request headers as sent (SigV4 `Authorization` included, masked). */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

/** One HTTP response as received. Secret values are already masked. */
export interface RecordedResponse {
  /** HTTP status code. */
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /**
   * Set when the body is not simply the JSON text as sent: `empty body`
   * (read as `{}`), cut at the size bound, broken off, nested too deep.
   */
  bodyNote?: string;
}

/** One HTTP round trip made by a step (a retried step records every attempt). */
export interface Exchange {
  /** The request as sent. */
  request: RecordedRequest;
  /** Absent when no response arrived (connection refused, timeout). */
  response?: RecordedResponse;
  /** Wall time of the round trip in milliseconds. */
  durationMs: number;
}

/** Why a step did not pass. */
export type FailureKind =
  /** A `${…}` template could not be rendered (unknown value, function error). */
  | "render"
  /** The request could not be sent or no response came back. */
  | "transport"
  /** The step exceeded its timeout. */
  | "timeout"
  /** The HTTP status differed from `expect.status`. */
  | "status"
  /** A `save` query failed or found nothing. */
  | "capture"
  /** A body, header or error expectation did not hold. */
  | "assertion";

/** One thing that went wrong in a step. */
export interface Failure {
  /** Which stage of the step failed. */
  kind: FailureKind;
  /** One-line human explanation, e.g. `expected "Invalid Refresh Token." but got "Incorrect username or password."`. */
  message: string;
  /** JSON path of the mismatch in the response, e.g. `$.AuthenticationResult.TokenType`. */
  path?: string;
  /** The expected value or matcher, when there is one. */
  expected?: unknown;
  /** The actual value found, when there is one. */
  actual?: unknown;
}

/** The result of one step of a scenario. */
export interface StepResult {
  /** 0-based position of the step in its scenario. */
  index: number;
  /** The step's `name`, or a generated one such as `InitiateAuth`. */
  name: string;
  /** The operation called (`InitiateAuth`) or the control action (`mock.advanceClock`). */
  call: string;
  /** How the step ended. */
  outcome: Outcome;
  /** Wall time of the step in milliseconds, retries included. */
  durationMs: number;
  /** Every HTTP round trip the step made. */
  exchanges: Exchange[];
  /** Empty when the step passed. */
  failures: Failure[];
  /** Why the step was skipped, when `outcome` is `skipped`. */
  skipReason?: string;
}

/** The result of one scenario. */
export interface ScenarioResult {
  /** Which scenario this is. */
  scenario: ScenarioInfo;
  /** How the scenario ended: the worst of its steps, or `errored` outside any step. */
  outcome: Outcome;
  /** Wall time in milliseconds, provisioning and clean-up included. */
  durationMs: number;
  /** Every step in order, including those skipped after a failure. */
  steps: StepResult[];
  /** Why the scenario was skipped, when `outcome` is `skipped`. */
  skipReason?: string;
  /**
   * What broke outside any step (e.g. provisioning), or a clean-up problem (a
   * pool left behind) whatever the outcome.
   */
  error?: string;
}

/** Counts of scenario outcomes. */
export interface OutcomeCounts {
  /** Scenarios that passed. */
  passed: number;
  /** Scenarios with a failed expectation. */
  failed: number;
  /** Scenarios not run (capability, filter, `--bail`). */
  skipped: number;
  /** Scenarios whose run broke (target, provisioning, timeout). */
  errored: number;
}

/** The result of a whole run. */
export interface SuiteResult {
  /** The endpoint the run talked to. */
  target: TargetInfo;
  /** Every scenario's result, in the order the run selected them. */
  scenarios: ScenarioResult[];
  /** Scenario outcomes counted. */
  counts: OutcomeCounts;
  /** Wall time of the run in milliseconds. */
  durationMs: number;
  /** ISO-8601 start time of the run. */
  startedAt: string;
  /** The shard this run covered, e.g. `{ index: 2, total: 5 }` for `--shard 2/5`. */
  shard?: { index: number; total: number };
}

/** Everything a reporter can be told, in the order the runner emits it. */
export type RunEvent =
  | {
    type: "suite:start";
    target: TargetInfo;
    /** The scenarios that will run (after filters and sharding), in order. */
    scenarios: ScenarioInfo[];
    startedAt: string;
    shard?: { index: number; total: number };
  }
  | { type: "scenario:start"; scenario: ScenarioInfo }
  | { type: "step:start"; scenario: ScenarioInfo; index: number; name: string; call: string }
  | { type: "step:end"; scenario: ScenarioInfo; step: StepResult }
  | { type: "scenario:end"; result: ScenarioResult }
  | { type: "suite:end"; result: SuiteResult };
