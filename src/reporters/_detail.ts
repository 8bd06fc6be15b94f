/**
 * The human-readable pieces shared by pretty, dot and junit: scenario titles,
 * step lines, failure blocks and one-line summaries of HTTP exchanges.
 *
 * @module
 */

import type {
  Exchange,
  Failure,
  ScenarioInfo,
  ScenarioResult,
  StepResult,
} from "../runner/events.ts";
import { diffLines, showValue } from "./_diff.ts";
import { formatMs, padEnd, padStart, type Style, SYMBOL } from "./_style.ts";

const NAME_COLUMN_MAX = 48;

/** `✓ device-on/seed.yaml · Device tracking ON · 71 ms` */
export function scenarioTitle(result: ScenarioResult, paint: Style): string {
  const mark = paint.outcome(result.outcome, SYMBOL[result.outcome]);
  const tail = result.outcome === "skipped"
    ? `skipped${result.skipReason ? `: ${result.skipReason}` : ""}`
    : formatMs(result.durationMs);
  return `${mark} ${paint.bold(result.scenario.id)} · ${result.scenario.name} ${
    paint.dim(`· ${tail}`)
  }`;
}

/** One aligned line per step: mark, name, call, time (or why it was skipped). */
export function stepLines(steps: readonly StepResult[], paint: Style): string[] {
  const nameWidth = Math.min(NAME_COLUMN_MAX, Math.max(0, ...steps.map((s) => [...s.name].length)));
  const callWidth = Math.max(0, ...steps.map((s) => s.call.length));
  return steps.map((step) => {
    const mark = paint.outcome(step.outcome, SYMBOL[step.outcome]);
    const head = `${mark} ${padEnd(step.name, nameWidth)}  ${
      paint.cyan(padEnd(step.call, callWidth))
    }`;
    if (step.outcome === "skipped") {
      return `${head}  ${paint.dim(`skipped${step.skipReason ? `: ${step.skipReason}` : ""}`)}`;
    }
    return `${head}  ${paint.dim(padStart(formatMs(step.durationMs), 7))}`;
  });
}

/** `step 2 · refresh is refused · InitiateAuth` */
export function stepLabel(step: StepResult): string {
  return `step ${step.index + 1} · ${step.name} · ${step.call}`;
}

/**
 * The failure block of a scenario: every failing or errored step with its
 * failures (message, path, diff) and the summary of its last exchange, and
 * the scenario's own error. Empty for a passed or skipped scenario.
 */
export function failureLines(result: ScenarioResult, paint: Style): string[] {
  const lines: string[] = [];
  if (result.error !== undefined) {
    lines.push(paint.magenta(`${SYMBOL.errored} scenario error`));
    lines.push(...indent(result.error.split("\n"), "    "));
  }
  for (const step of result.steps) {
    if (step.outcome !== "failed" && step.outcome !== "errored") continue;
    lines.push(paint.outcome(step.outcome, `${SYMBOL[step.outcome]} ${stepLabel(step)}`));
    for (const failure of step.failures) {
      lines.push(...indent(failureDetail(failure, paint), "    "));
    }
    const summary = exchangeSummary(step);
    if (summary !== undefined) lines.push(`    ${paint.dim("exchange:")} ${summary}`);
  }
  return lines;
}

/** `assertion at $.message: expected …` followed by the diff lines. */
export function failureDetail(failure: Failure, paint: Style): string[] {
  const where = failure.path === undefined || failure.path === failure.kind
    ? ""
    : ` at ${failure.path}`;
  const [first = "", ...rest] = failure.message.split("\n");
  return [
    `${failure.kind}${where}: ${first}`,
    ...indent(rest, "  "),
    ...indent(diffLines(failure, paint), "  "),
  ];
}

/**
 * `InitiateAuth → 400 NotAuthorizedException: Incorrect username or password. (9 ms)`
 * for the step's last exchange, or `undefined` when it made none.
 */
export function exchangeSummary(step: StepResult): string | undefined {
  const last = step.exchanges.at(-1);
  if (last === undefined) return undefined;
  const attempts = step.exchanges.length > 1 ? `, attempt ${step.exchanges.length}` : "";
  return `${operationOf(last, step.call)} → ${responseSummary(last)} (${
    formatMs(last.durationMs)
  }${attempts})`;
}

/** The operation an exchange called, from its `X-Amz-Target` header, else `fallback`. */
export function operationOf(exchange: Exchange, fallback: string): string {
  const target = Object.entries(exchange.request.headers)
    .find(([name]) => name.toLowerCase() === "x-amz-target")?.[1];
  return target?.split(".").at(-1) || fallback;
}

/** `400 NotAuthorizedException: …`, `200 {AuthenticationResult, ChallengeParameters}` or `no response`. */
export function responseSummary(exchange: Exchange): string {
  const response = exchange.response;
  if (response === undefined) return "no response";
  const summary = bodySummary(response);
  return response.bodyNote === undefined ? summary : `${summary} (${response.bodyNote})`;
}

function bodySummary(response: NonNullable<Exchange["response"]>): string {
  const error = errorOf(response.body, response.headers);
  if (error !== undefined) return `${response.status} ${error}`;
  const body = response.body;
  if (typeof body === "object" && body !== null && !Array.isArray(body)) {
    const keys = Object.keys(body);
    const shown = keys.slice(0, 4).join(", ") + (keys.length > 4 ? ", …" : "");
    return `${response.status} {${shown}}`;
  }
  if (typeof body === "string" && body !== "") {
    const text = body.length > 60 ? `${body.slice(0, 59)}…` : body;
    return `${response.status} ${JSON.stringify(text)}`;
  }
  return String(response.status);
}

/** The error type and message of an AWS JSON 1.1 error response (body first, then headers). */
export function errorParts(
  body: unknown,
  headers: Record<string, string>,
): { type?: string; message?: string } | undefined {
  const record = typeof body === "object" && body !== null ? body as Record<string, unknown> : {};
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === "x-amzn-errortype")
    ?.[1];
  const rawType = record.__type ?? record.code ?? header;
  const message = record.message ?? record.Message;
  const parts: { type?: string; message?: string } = {};
  // Clients cut the type at ":" and keep what follows the last "#" (cognito-protocol.md §1.4).
  if (typeof rawType === "string") parts.type = rawType.split(":")[0]!.split("#").at(-1)!;
  if (typeof message === "string") parts.message = message;
  return parts.type === undefined && parts.message === undefined ? undefined : parts;
}

/** `NotAuthorizedException: Incorrect username or password.` for an error response. */
export function errorOf(body: unknown, headers: Record<string, string>): string | undefined {
  const parts = errorParts(body, headers);
  if (parts === undefined) return undefined;
  if (parts.type === undefined) return `message: ${parts.message}`;
  return parts.message === undefined ? parts.type : `${parts.type}: ${parts.message}`;
}

/** Request and response bodies of every exchange of a step, for `showExchanges`. */
export function exchangeLines(step: StepResult, paint: Style): string[] {
  const lines: string[] = [];
  for (const exchange of step.exchanges) {
    const { request, response } = exchange;
    lines.push(paint.dim(`→ ${request.method} ${request.url} ${operationOf(exchange, step.call)}`));
    lines.push(...indent(showValue(request.body, 2).split("\n"), "  "));
    if (response === undefined) {
      lines.push(paint.dim(`← no response (${formatMs(exchange.durationMs)})`));
      continue;
    }
    lines.push(paint.dim(`← ${response.status} (${formatMs(exchange.durationMs)})`));
    lines.push(...indent(showValue(response.body, 2).split("\n"), "  "));
  }
  return lines;
}

/** Prefixes every line. */
export function indent(lines: readonly string[], prefix: string): string[] {
  return lines.map((line) => line === "" ? line : prefix + line);
}

/** Folder of a scenario id with `/` turned into `.`, else its first tag, else `scenarios`. */
export function groupOf(scenario: ScenarioInfo): string {
  const slash = scenario.id.lastIndexOf("/");
  if (slash > 0) return scenario.id.slice(0, slash).replaceAll("/", ".");
  return scenario.tags[0] ?? "scenarios";
}
