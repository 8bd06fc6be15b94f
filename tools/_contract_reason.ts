/**
 * Why a scenario failed, in one line, from the CLI's JSON report: the first
 * failing step, a reason (expected vs actual `__type`/message, the HTTP
 * status, or the first failed expectation) and a coarse kind for grouping.
 * Run-specific values (pool and client ids, UUIDs, secret-mask counters) are
 * normalised so that two runs give the same text.
 *
 * @module
 */

import type {
  Failure,
  RecordedResponse,
  ScenarioResult,
  StepResult,
} from "../src/runner/events.ts";

const MAX_REASON = 240;

/**
 * The first step that failed or errored, if any (a scenario that errored in
 * its setup has none).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstFailingStep } from "./_contract_reason.ts";
 * const step = (index: number, outcome: "passed" | "failed") =>
 *   ({ index, name: "s", call: "InitiateAuth", outcome, durationMs: 0, exchanges: [], failures: [] });
 * const scenario = { id: "a", name: "a", file: "a", tags: [] };
 * const result = { scenario, outcome: "failed" as const, durationMs: 0, steps: [step(0, "passed"), step(1, "failed")] };
 * assert.equal(firstFailingStep(result)?.index, 1);
 * ```
 */
export function firstFailingStep(result: ScenarioResult): StepResult | undefined {
  return result.steps.find((step) => step.outcome === "failed" || step.outcome === "errored");
}

/**
 * One line on why a scenario did not pass, taken from its first failing step
 * (or its setup error), normalised for stable diffs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failureReason } from "./_contract_reason.ts";
 * const response = {
 *   status: 400, headers: {},
 *   body: { __type: "InvalidPasswordException", message: "Invalid password" },
 * };
 * const step = {
 *   index: 0, name: "wrong password", call: "InitiateAuth", outcome: "failed" as const, durationMs: 1,
 *   exchanges: [{ request: { method: "POST", url: "u", headers: {}, body: {} }, response, durationMs: 1 }],
 *   failures: [
 *     { kind: "assertion" as const, message: "m", path: "$.__type", expected: "NotAuthorizedException", actual: "InvalidPasswordException" },
 *     { kind: "assertion" as const, message: "m", path: "$.message", expected: "Incorrect username or password.", actual: "Invalid password" },
 *   ],
 * };
 * const scenario = { id: "a", name: "a", file: "a", tags: [] };
 * assert.equal(
 *   failureReason({ scenario, outcome: "failed", durationMs: 1, steps: [step] }),
 *   'expected NotAuthorizedException "Incorrect username or password.", got InvalidPasswordException "Invalid password"',
 * );
 * ```
 */
export function failureReason(result: ScenarioResult, options: ReasonOptions = {}): string {
  const step = firstFailingStep(result);
  const literal = options.scenarioText ?? "";
  if (step === undefined) {
    return normalize(result.error ?? result.skipReason ?? "no failure recorded", result, literal);
  }
  const { text, used } = explain(step);
  const more = step.failures.length - used;
  return shorten(normalize(more > 0 ? `${text} (+${more} more)` : text, result, literal));
}

/** Options of {@linkcode failureReason}. */
export interface ReasonOptions {
  /**
   * The scenario file's text: ids its requests sent that are written there
   * literally (a made-up client id) are kept; other ids (provisioned ones)
   * become `<ClientId>` and the like.
   * @default {""}
   */
  scenarioText?: string;
}

/**
 * A coarse kind of the first failure, for the report's summary: HTTP 5xx,
 * accepted what the scenario expects refused (or the reverse), a different
 * error, a missing response member (named), an unusable SRP challenge, or a
 * response that differs at a path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failureKind } from "./_contract_reason.ts";
 * const step = {
 *   index: 0, name: "sign in", call: "InitiateAuth", outcome: "failed" as const, durationMs: 1, exchanges: [],
 *   failures: [{ kind: "capture" as const, message: 'Cannot save "device": query "AuthenticationResult.NewDeviceMetadata" found nothing' }],
 * };
 * const scenario = { id: "a", name: "a", file: "a", tags: [] };
 * assert.equal(
 *   failureKind({ scenario, outcome: "failed", durationMs: 1, steps: [step] }),
 *   "missing AuthenticationResult.NewDeviceMetadata",
 * );
 * ```
 */
export function failureKind(result: ScenarioResult): string {
  const step = firstFailingStep(result);
  if (step === undefined) return result.outcome === "errored" ? "setup error" : "no failing step";
  const response = lastResponse(step);
  const status = step.failures.find((f) => f.kind === "status");
  const actual = Number(status?.actual ?? response?.status ?? 0);
  if (actual >= 500) return "HTTP 5xx (unsupported or server error)";
  if (status !== undefined) {
    if (Number(status.expected) >= 400 && actual < 300) return "accepted what Cognito refuses";
    if (Number(status.expected) < 300 && actual >= 400) return "refused what Cognito accepts";
    return "different HTTP status";
  }
  if (step.failures.some(isErrorFailure)) return "different error type or message";
  const first = step.failures[0];
  if (first === undefined) return "no failure recorded";
  const missing = missingMember(first.message);
  if (missing !== undefined) return `missing ${missing}`;
  const srp = /(srp\.\w+)\(\) failed: (.*)$/.exec(first.message);
  if (srp) return `${srp[1]}() cannot use the challenge: ${srp[2]}`;
  if (first.kind === "assertion" && first.path !== undefined) {
    return `differs at ${first.path.replace(/\[\d+\]/g, "[]")}`;
  }
  return first.kind;
}

function explain(step: StepResult): { text: string; used: number } {
  const failures = step.failures;
  const response = lastResponse(step);
  const status = failures.find((f) => f.kind === "status");
  const errors = failures.filter(isErrorFailure);
  if (status !== undefined) {
    const got = response === undefined ? "" : `: ${describe(response)}`;
    return {
      text: `HTTP ${show(status.actual)} instead of ${show(status.expected)}${got}`,
      used: 1 + errors.length,
    };
  }
  if (errors.length > 0 && response !== undefined) {
    const body = bodyError(response.body);
    const type = errors.find((f) => f.path === "$.__type");
    const message = errors.find((f) => f.path === "$.message");
    const expectedType = type === undefined ? body?.type ?? "an error" : show(type.expected);
    const expectedMessage = message === undefined ? "" : ` ${quote(message.expected)}`;
    return {
      text: `expected ${expectedType}${expectedMessage}, got ${describeError(response.body)}`,
      used: errors.length,
    };
  }
  const first = failures[0];
  if (first === undefined) return { text: step.skipReason ?? "no failure recorded", used: 0 };
  // Drop the file position, and a template's text when the function it calls says why.
  const message = first.message.replace(/^\S+:\d+:\d+: /, "")
    .replace(/^Cannot render "(?:[^"\\]|\\.)*": (?=[\w.]+\(\) failed: )/, "");
  // The expectation could not be evaluated against an error: the error is the news.
  if ((first.kind === "render" || first.kind === "capture") && (response?.status ?? 0) >= 400) {
    return { text: `HTTP ${response!.status}: ${describe(response!)}`, used: 1 };
  }
  if (first.kind === "assertion" && first.path !== undefined) {
    return { text: `at ${first.path}: ${message}`, used: 1 };
  }
  return { text: message, used: 1 };
}

function isErrorFailure(failure: Failure): boolean {
  return failure.kind === "assertion" &&
    (failure.path === "$.__type" || failure.path === "$.message");
}

function lastResponse(step: StepResult): RecordedResponse | undefined {
  return step.exchanges.findLast((exchange) => exchange.response !== undefined)?.response;
}

function bodyError(body: unknown): { type: string; message: string | undefined } | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const type = record.__type ?? record.code;
  if (typeof type !== "string") return undefined;
  const message = record.message ?? record.Message;
  return { type, message: typeof message === "string" ? message : undefined };
}

function describeError(body: unknown): string {
  const error = bodyError(body);
  if (error === undefined) return "no error";
  return error.message === undefined ? error.type : `${error.type} ${quote(error.message)}`;
}

/** A response in a few words: its error, its challenge, its top-level members, or its content type. */
function describe(response: RecordedResponse): string {
  const body = response.body;
  if (typeof body === "string") {
    const type = response.headers["content-type"]?.split(";")[0] ?? "text";
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
    return `${type} body${title === undefined ? "" : ` ${quote(title)}`}`;
  }
  if (bodyError(body) !== undefined) return describeError(body);
  if (typeof body === "object" && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    if (typeof record.ChallengeName === "string") return `challenge ${record.ChallengeName}`;
    return `{${Object.keys(record).join(", ")}}`;
  }
  return JSON.stringify(body) ?? "no body";
}

/** The response member a capture or a `response.body…` template did not find. */
function missingMember(message: string): string | undefined {
  const captured = /query "([^"]+)" found nothing/.exec(message);
  if (captured) return captured[1];
  const rendered = /"([^"]+)" is not in response\.body(?:\.(\S+))?/.exec(message);
  if (rendered) return rendered[2] === undefined ? rendered[1] : `${rendered[2]}.${rendered[1]}`;
  return undefined;
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "nothing";
}

function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : show(value);
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const POOL_ID = /\b(?:[a-z]{2}(?:-gov)?-[a-z]+-\d|local)_[A-Za-z0-9]{8,}\b/g;
const SECRET_COUNTER = /(«secret:[^«»#]*)#\d+»/g;

/**
 * Replaces what differs between runs: the ids the scenario's requests sent
 * (pool, client, device), pool ids, UUIDs and the masks' counters.
 */
function normalize(text: string, result: ScenarioResult, literal: string): string {
  let out = text.replace(SECRET_COUNTER, "$1»");
  for (const [value, label] of runValues(result)) {
    if (!literal.includes(value)) out = out.replaceAll(value, label);
  }
  return out
    .replace(UUID, "<uuid>")
    .replace(POOL_ID, "<pool-id>")
    .replace(/cognito-conformance-[0-9a-f]{12}/g, "<pool-name>");
}

const RUN_MEMBERS = ["UserPoolId", "ClientId", "DeviceKey", "DeviceGroupKey"];

function runValues(result: ScenarioResult): [string, string][] {
  const found = new Map<string, string>();
  const visit = (value: unknown, key: string | undefined) => {
    if (typeof value === "string") {
      if (key !== undefined && RUN_MEMBERS.includes(key) && value.length >= 8) {
        found.set(value, `<${key}>`);
      }
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  for (const step of result.steps) {
    for (const exchange of step.exchanges) visit(exchange.request.body, undefined);
  }
  // Longest first, so that a value containing another is replaced whole.
  return [...found].sort(([a], [b]) => b.length - a.length);
}

function shorten(text: string): string {
  return text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - 1)}…`;
}
