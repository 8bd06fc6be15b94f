/**
 * The semantic pass over one step: call or control, `let`, request members,
 * `expect` (matchers, JMESPath queries) and `save`.
 */

import { compileQuery, type Query, QuerySyntaxError } from "../query/mod.ts";
import { validateExpectation } from "../assert/mod.ts";
import { didYouMean, isTemplate } from "../template/mod.ts";
import type { Problem } from "./_issues.ts";
import { pathLabel } from "./_issues.ts";
import type { YamlPath, YamlSource } from "./_source.ts";
import { namesWhere, type Scope, type TemplateChecker } from "./_templates.ts";
import { DURATION_PATTERN, INSTANT_PATTERN, KNOWN_KEYS, RESERVED_NAMES } from "./schema.ts";
import type {
  Binding,
  Capture,
  ControlAction,
  Expectation,
  QueryCheck,
  Step,
  TemplateTree,
} from "./types.ts";

/** What the step pass needs from the scenario pass. */
export interface BuildContext {
  readonly source: YamlSource;
  readonly templates: TemplateChecker;
  readonly problems: Problem[];
  add(message: string, path: YamlPath, atKey?: boolean): void;
  binding(name: string, value: unknown, path: YamlPath, scope: Scope): Binding;
  checkMembers(value: Raw, path: YamlPath, operation: string, optOut: string): void;
  /** The error types `expect` may name. */
  readonly errorTypes: readonly string[];
}

/** A raw YAML mapping. */
export type Raw = Record<string, unknown>;

/** Whether a raw value is a mapping. */
export const isRaw = (value: unknown): value is Raw =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The keys of a raw mapping, or none. */
export const keysOf = (value: unknown): string[] => (isRaw(value) ? Object.keys(value) : []);

/** Parses `500ms`, `5s`, `2m` into milliseconds. */
export function durationMs(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return NaN;
  const unit = match[2] === "ms" ? 1 : match[2] === "s" ? 1000 : 60_000;
  return Math.round(Number(match[1]) * unit);
}

/**
 * Epoch milliseconds of an ISO-8601 instant written as {@linkcode INSTANT_PATTERN}
 * allows, or `undefined` when its fields name no real date and time (a 30
 * February, an hour 24): `Date.parse` would roll those over silently.
 */
export function instantMs(text: string): number | undefined {
  const match = INSTANT_PATTERN.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((field) =>
    field === undefined ? 0 : Number(field)
  ) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day && date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  if (!exists) return undefined;
  const zone = match[8]!;
  const offset = zone === "Z"
    ? 0
    : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const fraction = match[7] === undefined ? 0 : Math.round(Number(match[7]) * 1000);
  return date.getTime() + fraction - offset * 60_000;
}

export function buildStep(ctx: BuildContext, raw: Raw, index: number, base: Scope): Step {
  const path = ["steps", index];
  const call = typeof raw.call === "string" ? raw.call : undefined;
  const control = buildControl(ctx, raw, path);
  if (raw.call !== undefined && raw.control !== undefined) {
    ctx.add(`Cannot read ${pathLabel(path)}: a step has "call" or "control", not both`, [
      ...path,
      "control",
    ], true);
  } else if (raw.call === undefined && raw.control === undefined) {
    ctx.add(
      `Cannot read ${
        pathLabel(path)
      }: missing "call" (a Cognito operation) or "control" (a mock action)`,
      path,
    );
  }
  const lets: Binding[] = [];
  const letNames = keysOf(raw.let);
  const letPositions = new Map(letNames.map((name, position) => [name, position]));
  for (const [position, name] of letNames.entries()) {
    checkName(ctx, name, [...path, "let", name], "let binding");
    const scope: Scope = {
      ...base,
      lets: namesWhere(letPositions, (at) => at < position),
      laterLets: namesWhere(letPositions, (at) => at >= position),
      self: name,
    };
    lets.push(ctx.binding(name, (raw.let as Raw)[name], [...path, "let", name], scope));
  }
  const scope: Scope = { ...base, lets: new Set(letNames) };
  const step: Step = {
    index,
    name: typeof raw.name === "string"
      ? raw.name
      : call ?? (control ? `mock.${control.kind}` : `step ${index + 1}`),
    position: ctx.source.position(path),
    let: lets,
    save: buildSaves(ctx, raw.save, path),
    allowUnknownMembers: raw.allowUnknownMembers === true,
  };
  if (call !== undefined) step.call = call;
  if (control !== undefined) step.control = control;
  if (isRaw(raw.request)) {
    if (raw.control !== undefined) {
      ctx.add(`Cannot read ${pathLabel(path)}: a control step has no "request"`, [
        ...path,
        "request",
      ], true);
    }
    if (call !== undefined && !step.allowUnknownMembers) {
      const hint = ' (set "allowUnknownMembers: true" to send it anyway)';
      ctx.checkMembers(raw.request, [...path, "request"], call, hint);
    }
    step.request = ctx.templates.tree(raw.request, [...path, "request"], scope) as Record<
      string,
      TemplateTree
    >;
  }
  if (isRaw(raw.expect)) {
    step.expect = buildExpect(ctx, raw.expect, [...path, "expect"], { ...scope, response: true });
  }
  if (typeof raw.timeout === "string" && DURATION_PATTERN.test(raw.timeout)) {
    step.timeoutMs = durationMs(raw.timeout);
  }
  if (isRaw(raw.retry) && typeof raw.retry.count === "number") {
    step.retry = { count: raw.retry.count };
    if (typeof raw.retry.delay === "string") step.retry.delayMs = durationMs(raw.retry.delay);
  }
  return step;
}

function buildControl(ctx: BuildContext, raw: Raw, path: YamlPath): ControlAction | undefined {
  if (!isRaw(raw.control)) return undefined;
  const actions = Object.keys(raw.control).filter((key) => KNOWN_KEYS.control.includes(key));
  if (Object.keys(raw.control).length === 0) {
    ctx.add(
      `Cannot read ${pathLabel([...path, "control"])}: expected one action (${
        KNOWN_KEYS.control.join(", ")
      })`,
      [...path, "control"],
    );
  } else if (actions.length > 1) {
    ctx.add(
      `Cannot read ${pathLabel([...path, "control"])}: expected one action, got ${
        actions.join(" and ")
      }`,
      [...path, "control"],
    );
  }
  const { advanceClock, setClock, throttle } = raw.control;
  if (actions[0] === "advanceClock") {
    const seconds = typeof advanceClock === "number"
      ? advanceClock
      : durationMs(String(advanceClock)) / 1000;
    return { kind: "advanceClock", seconds };
  }
  if (actions[0] === "setClock") {
    if (typeof setClock === "number") return { kind: "setClock", epochSeconds: setClock };
    if (typeof setClock !== "string" || !INSTANT_PATTERN.test(setClock)) return undefined;
    const ms = instantMs(setClock);
    if (ms === undefined) {
      ctx.add(
        `Cannot read ${pathLabel([...path, "control", "setClock"])}: "${setClock}" is not a ` +
          "date and time that exists",
        [...path, "control", "setClock"],
      );
      return undefined;
    }
    return { kind: "setClock", epochSeconds: ms / 1000 };
  }
  if (actions[0] === "throttle" && isRaw(throttle)) {
    const action: ControlAction = { kind: "throttle", count: Number(throttle.count) };
    if (Array.isArray(throttle.operations)) action.operations = throttle.operations.map(String);
    return action;
  }
  return undefined;
}

function buildExpect(ctx: BuildContext, raw: Raw, path: YamlPath, scope: Scope): Expectation {
  const expectation: Expectation = { query: [], position: ctx.source.position(path) };
  const tree = (key: string, value: unknown) => {
    checkMatchers(ctx, value, [...path, key]);
    return ctx.templates.tree(value, [...path, key], scope);
  };
  if (raw.status !== undefined) expectation.status = tree("status", raw.status);
  if (isRaw(raw.headers)) {
    const headers: Record<string, TemplateTree> = {};
    for (const [name, value] of Object.entries(raw.headers)) {
      checkMatchers(ctx, value, [...path, "headers", name]);
      headers[name.toLowerCase()] = ctx.templates.tree(value, [...path, "headers", name], scope);
    }
    expectation.headers = headers;
  }
  if (raw.body !== undefined) expectation.body = tree("body", raw.body);
  if (isRaw(expectation.body) && expectation.body.__type !== undefined) {
    checkErrorType(ctx, expectation.body.__type, [...path, "body", "__type"]);
  }
  if (isRaw(raw.error)) {
    const error: NonNullable<Expectation["error"]> = {};
    for (const key of ["type", "message"] as const) {
      if (raw.error[key] === undefined) continue;
      checkMatchers(ctx, raw.error[key], [...path, "error", key]);
      error[key] = ctx.templates.tree(raw.error[key], [...path, "error", key], scope);
      if (key === "type") checkErrorType(ctx, error.type, [...path, "error", "type"]);
    }
    expectation.error = error;
  }
  for (const [expression, value] of Object.entries(isRaw(raw.query) ? raw.query : {})) {
    const at = [...path, "query", expression];
    const query = compileAt(ctx, expression, at, true);
    checkMatchers(ctx, value, at);
    const expected = ctx.templates.tree(value, at, scope);
    if (query !== undefined) {
      const check: QueryCheck = { query, expected, position: ctx.source.position(at, true) };
      expectation.query.push(check);
    }
  }
  return expectation;
}

function checkMatchers(ctx: BuildContext, value: unknown, path: YamlPath): void {
  for (const problem of validateExpectation(value)) {
    ctx.add(problem.message, [...path, ...problem.path], problem.atKey);
  }
}

/**
 * Reports an expected error type that is not a Cognito error: a plain name,
 * or the names under `$oneOf` and `$not` (a misspelt name there would make
 * the check pass or fail for the wrong reason). Templates and other
 * matchers (`$match`…) are left to run time. `value` is the built tree, in
 * which a string with `$${` is already plain text and a template is not a string.
 */
function checkErrorType(ctx: BuildContext, value: TemplateTree | undefined, path: YamlPath): void {
  if (typeof value === "string") {
    if (ctx.errorTypes.includes(value)) return;
    ctx.add(
      `Cannot expect error type "${value}": it is not a Cognito user-pools error${
        didYouMean(value, ctx.errorTypes)
      }`,
      path,
    );
  } else if (isRaw(value) && !isTemplate(value)) {
    if (Array.isArray(value.$oneOf)) {
      value.$oneOf.forEach((item, index) => checkErrorType(ctx, item, [...path, "$oneOf", index]));
    }
    if (value.$not !== undefined) checkErrorType(ctx, value.$not, [...path, "$not"]);
  }
}

function buildSaves(ctx: BuildContext, raw: unknown, path: YamlPath): Capture[] {
  const captures: Capture[] = [];
  for (const [name, expression] of Object.entries(isRaw(raw) ? raw : {})) {
    const at = [...path, "save", name];
    checkName(ctx, name, at, "capture");
    if (typeof expression !== "string") continue;
    const query = compileAt(ctx, expression, at, false);
    if (query !== undefined) {
      captures.push({ name, query, position: ctx.source.position(at, true) });
    }
  }
  return captures;
}

function compileAt(
  ctx: BuildContext,
  expression: string,
  path: YamlPath,
  atKey: boolean,
): Query | undefined {
  try {
    return compileQuery(expression);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    const locate = ctx.source.locator(path, atKey);
    ctx.problems.push({
      message: error.message,
      position: locate(error.offset) ?? ctx.source.position(path, atKey),
    });
    return undefined;
  }
}

function checkName(ctx: BuildContext, name: string, path: YamlPath, what: string): void {
  if (RESERVED_NAMES.includes(name)) {
    ctx.add(
      `Cannot name a ${what} "${name}": the name is reserved (${RESERVED_NAMES.join(", ")})`,
      path,
      true,
    );
  }
}
