/**
 * The semantic pass: walks the raw YAML value (defensively: zod may have
 * found structural problems in it) and builds the AST, checking what the
 * schema cannot: templates and references, call/control exclusivity,
 * matchers, JMESPath, request members.
 */

import { compileQuery, QuerySyntaxError } from "../query/mod.ts";
import { validateExpectation } from "../assert/mod.ts";
import {
  didYouMean,
  type FunctionCatalogue,
  parseExpression,
  TemplateSyntaxError,
} from "../template/mod.ts";
import type { Problem } from "./_issues.ts";
import { pathLabel } from "./_issues.ts";
import type { YamlPath, YamlSource } from "./_source.ts";
import { type Scope, TemplateChecker } from "./_templates.ts";
import { type Capability, DURATION_PATTERN, KNOWN_KEYS, RESERVED_NAMES } from "./schema.ts";
import type {
  Binding,
  Capture,
  ControlAction,
  Expectation,
  QueryCheck,
  Scenario,
  SecretPath,
  Step,
  TemplateTree,
  UserSpec,
} from "./types.ts";

/** What the semantic pass needs besides the file. */
export interface BuildOptions {
  id: string;
  file: string;
  functions: FunctionCatalogue;
  knownRequestMembers: ((operation: string) => readonly string[] | undefined) | undefined;
  externalVars: readonly string[];
}

type Raw = Record<string, unknown>;

const isRaw = (value: unknown): value is Raw =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const keysOf = (value: unknown): string[] => (isRaw(value) ? Object.keys(value) : []);

/** Parses `500ms`, `5s`, `2m` into milliseconds. */
export function durationMs(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return NaN;
  const unit = match[2] === "ms" ? 1 : match[2] === "s" ? 1000 : 60_000;
  return Math.round(Number(match[1]) * unit);
}

/** Builds the scenario AST from a raw YAML value, or reports why it cannot. */
export function buildScenario(
  raw: unknown,
  source: YamlSource,
  options: BuildOptions,
): { scenario?: Scenario; problems: Problem[] } {
  const builder = new Builder(source, options);
  const scenario = builder.scenario(isRaw(raw) ? raw : {});
  const problems = [...builder.problems, ...builder.templates.problems];
  return problems.length === 0 ? { scenario, problems } : { problems };
}

class Builder {
  readonly problems: Problem[] = [];
  readonly templates: TemplateChecker;
  readonly #source: YamlSource;
  readonly #options: BuildOptions;

  constructor(source: YamlSource, options: BuildOptions) {
    this.#source = source;
    this.#options = options;
    this.templates = new TemplateChecker(source, options.functions);
  }

  #add(message: string, path: YamlPath, atKey = false): void {
    this.problems.push({ message, position: this.#source.position(path, atKey) });
  }

  scenario(root: Raw): Scenario {
    const allVars = new Set([...keysOf(root.vars), ...this.#options.externalVars]);
    const users = new Set(keysOf(root.users));
    const outside: Scope = { where: "", inStep: false, vars: allVars };
    const vars: Binding[] = [];
    const visible = new Set(this.#options.externalVars);
    for (const [name, value] of Object.entries(isRaw(root.vars) ? root.vars : {})) {
      const scope: Scope = { where: "vars", inStep: false, vars: new Set(visible), allVars };
      vars.push(this.#binding(name, value, ["vars", name], scope));
      visible.add(name);
    }
    const pool = this.#members(root.pool, "pool", "CreateUserPool", { ...outside, where: "pool" });
    const client = this.#members(root.client, "client", "CreateUserPoolClient", {
      ...outside,
      where: "client",
    });
    const steps = this.#steps(Array.isArray(root.steps) ? root.steps : [], allVars, users);
    const requires = (Array.isArray(root.requires) ? root.requires : []) as Capability[];
    if (steps.some((step) => step.control !== undefined) && !requires.includes("mock-control")) {
      requires.push("mock-control");
    }
    const scenario: Scenario = {
      id: this.#options.id,
      file: this.#options.file,
      name: typeof root.name === "string" ? root.name : "",
      tags: (Array.isArray(root.tags) ? root.tags : []).map(String),
      source: typeof root.source === "string"
        ? [root.source]
        : (Array.isArray(root.source) ? root.source : []).map(String),
      requires,
      vars,
      users: this.#users(root.users, { ...outside, where: "users" }),
      secrets: this.#secrets(root, allVars, users),
      steps,
    };
    if (typeof root.description === "string") scenario.description = root.description;
    if (pool !== undefined) scenario.pool = pool;
    if (client !== undefined) scenario.client = client;
    return scenario;
  }

  #binding(name: string, value: unknown, path: YamlPath, scope: Scope): Binding {
    return {
      name,
      value: this.templates.tree(value, path, scope),
      position: this.#source.position(path, true),
    };
  }

  #members(
    value: unknown,
    key: string,
    operation: string,
    scope: Scope,
  ): Record<string, TemplateTree> | undefined {
    if (!isRaw(value)) return undefined;
    this.#checkMembers(value, [key], operation, "");
    return this.templates.tree(value, [key], scope) as Record<string, TemplateTree>;
  }

  #checkMembers(value: Raw, path: YamlPath, operation: string, optOut: string): void {
    const members = this.#options.knownRequestMembers?.(operation);
    if (members === undefined) return;
    for (const key of Object.keys(value)) {
      if (members.includes(key)) continue;
      this.#add(
        `Cannot send "${key}" in ${operation}: it is not a member of the request${
          didYouMean(key, members)
        }${optOut}`,
        [...path, key],
        true,
      );
    }
  }

  #users(value: unknown, scope: Scope): UserSpec[] {
    const users: UserSpec[] = [];
    for (const [name, entry] of Object.entries(isRaw(value) ? value : {})) {
      if (!isRaw(entry)) continue;
      const path = ["users", name];
      const attributes = isRaw(entry.attributes) ? entry.attributes : {};
      const user: UserSpec = {
        name,
        password: this.templates.tree(entry.password ?? "", [...path, "password"], scope),
        attributes: this.templates.tree(attributes, [...path, "attributes"], scope) as Record<
          string,
          TemplateTree
        >,
        status: entry.status === "FORCE_CHANGE_PASSWORD" ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED",
        enabled: entry.enabled !== false,
        position: this.#source.position(path, true),
      };
      if (entry.username !== undefined) {
        user.username = this.templates.tree(entry.username, [...path, "username"], scope);
      }
      users.push(user);
    }
    return users;
  }

  #secrets(root: Raw, vars: ReadonlySet<string>, users: ReadonlySet<string>): SecretPath[] {
    const steps = Array.isArray(root.steps) ? root.steps : [];
    const names = new Set(
      steps.flatMap((
        step,
      ) => [...keysOf(isRaw(step) ? step.save : {}), ...keysOf(isRaw(step) ? step.let : {})]),
    );
    const scope: Scope = {
      where: "secrets",
      inStep: false,
      vars,
      pool: true,
      client: true,
      users,
      captures: names,
    };
    const out: SecretPath[] = [];
    for (const [index, text] of (Array.isArray(root.secrets) ? root.secrets : []).entries()) {
      if (typeof text !== "string") continue;
      const path = ["secrets", index];
      const locate = this.#source.locator(path);
      try {
        const expression = parseExpression(text);
        if (expression.type !== "path") {
          this.#add(
            `Cannot read ${pathLabel(path)}: expected a path such as "vars.apiKey", got "${text}"`,
            path,
          );
          continue;
        }
        this.templates.expression(expression, locate, scope);
        out.push({
          path: text,
          segments: expression.segments.map((s) => s.key),
          position: this.#source.position(path),
        });
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        this.problems.push({
          message: `Cannot read ${pathLabel(path)}: ${
            error.message.replace(/^Cannot parse template "[^"]*": /, "")
          }`,
          position: locate(error.offset) ?? this.#source.position(path),
        });
      }
    }
    return out;
  }

  #steps(raws: unknown[], allVars: ReadonlySet<string>, users: ReadonlySet<string>): Step[] {
    const firstSaver = new Map<string, number>();
    raws.forEach((raw, index) => {
      for (const name of keysOf(isRaw(raw) ? raw.save : undefined)) {
        if (!firstSaver.has(name)) firstSaver.set(name, index);
      }
    });
    const captures = new Set<string>();
    const steps: Step[] = [];
    for (const [index, raw] of raws.entries()) {
      if (!isRaw(raw)) continue;
      const laterSaves = new Map(
        [...firstSaver].filter(([name, at]) => at > index && !captures.has(name)),
      );
      const base: Scope = {
        where: `steps[${index}]`,
        inStep: true,
        vars: allVars,
        pool: true,
        client: true,
        users,
        captures: new Set(captures),
        ownSaves: new Set(keysOf(raw.save).filter((name) => !captures.has(name))),
        laterSaves,
      };
      steps.push(this.#step(raw, index, base));
      for (const name of keysOf(raw.save)) captures.add(name);
    }
    return steps;
  }

  #step(raw: Raw, index: number, base: Scope): Step {
    const path = ["steps", index];
    const call = typeof raw.call === "string" ? raw.call : undefined;
    const control = this.#control(raw, path);
    if (raw.call !== undefined && raw.control !== undefined) {
      this.#add(`Cannot read ${pathLabel(path)}: a step has "call" or "control", not both`, [
        ...path,
        "control",
      ], true);
    } else if (raw.call === undefined && raw.control === undefined) {
      this.#add(
        `Cannot read ${
          pathLabel(path)
        }: missing "call" (a Cognito operation) or "control" (a mock action)`,
        path,
      );
    }
    const lets: Binding[] = [];
    const letNames = keysOf(raw.let);
    for (const [position, name] of letNames.entries()) {
      this.#checkName(name, [...path, "let", name], "let binding");
      const scope: Scope = {
        ...base,
        lets: new Set(letNames.slice(0, position)),
        laterLets: new Set(letNames.slice(position)),
      };
      lets.push(this.#binding(name, (raw.let as Raw)[name], [...path, "let", name], scope));
    }
    const scope: Scope = { ...base, lets: new Set(letNames) };
    const step: Step = {
      index,
      name: typeof raw.name === "string"
        ? raw.name
        : call ?? (control ? `mock.${control.kind}` : `step ${index + 1}`),
      position: this.#source.position(path),
      let: lets,
      save: this.#saves(raw.save, path),
      allowUnknownMembers: raw.allowUnknownMembers === true,
    };
    if (call !== undefined) step.call = call;
    if (control !== undefined) step.control = control;
    if (isRaw(raw.request)) {
      if (raw.control !== undefined) {
        this.#add(`Cannot read ${pathLabel(path)}: a control step has no "request"`, [
          ...path,
          "request",
        ], true);
      }
      if (call !== undefined && !step.allowUnknownMembers) {
        const hint = ' (set "allowUnknownMembers: true" to send it anyway)';
        this.#checkMembers(raw.request, [...path, "request"], call, hint);
      }
      step.request = this.templates.tree(raw.request, [...path, "request"], scope) as Record<
        string,
        TemplateTree
      >;
    }
    if (isRaw(raw.expect)) {
      step.expect = this.#expect(raw.expect, [...path, "expect"], { ...scope, response: true });
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

  #control(raw: Raw, path: YamlPath): ControlAction | undefined {
    if (!isRaw(raw.control)) return undefined;
    const actions = Object.keys(raw.control).filter((key) => KNOWN_KEYS.control.includes(key));
    if (Object.keys(raw.control).length === 0) {
      this.#add(
        `Cannot read ${pathLabel([...path, "control"])}: expected one action (${
          KNOWN_KEYS.control.join(", ")
        })`,
        [...path, "control"],
      );
    } else if (actions.length > 1) {
      this.#add(
        `Cannot read ${pathLabel([...path, "control"])}: expected one action, got ${
          actions.join(" and ")
        }`,
        [...path, "control"],
      );
    }
    const { advanceClock, throttle } = raw.control;
    if (actions[0] === "advanceClock") {
      const seconds = typeof advanceClock === "number"
        ? advanceClock
        : durationMs(String(advanceClock)) / 1000;
      return { kind: "advanceClock", seconds };
    }
    if (actions[0] === "throttle" && isRaw(throttle)) {
      const action: ControlAction = { kind: "throttle", count: Number(throttle.count) };
      if (Array.isArray(throttle.operations)) action.operations = throttle.operations.map(String);
      return action;
    }
    return undefined;
  }

  #expect(raw: Raw, path: YamlPath, scope: Scope): Expectation {
    const expectation: Expectation = { query: [], position: this.#source.position(path) };
    const tree = (key: string, value: unknown) => {
      this.#matchers(value, [...path, key]);
      return this.templates.tree(value, [...path, key], scope);
    };
    if (raw.status !== undefined) expectation.status = tree("status", raw.status);
    if (isRaw(raw.headers)) {
      const headers: Record<string, TemplateTree> = {};
      for (const [name, value] of Object.entries(raw.headers)) {
        this.#matchers(value, [...path, "headers", name]);
        headers[name.toLowerCase()] = this.templates.tree(value, [...path, "headers", name], scope);
      }
      expectation.headers = headers;
    }
    if (raw.body !== undefined) expectation.body = tree("body", raw.body);
    if (isRaw(raw.error)) {
      const error: NonNullable<Expectation["error"]> = {};
      for (const key of ["type", "message"] as const) {
        if (raw.error[key] === undefined) continue;
        this.#matchers(raw.error[key], [...path, "error", key]);
        error[key] = this.templates.tree(raw.error[key], [...path, "error", key], scope);
      }
      expectation.error = error;
    }
    for (const [expression, value] of Object.entries(isRaw(raw.query) ? raw.query : {})) {
      const at = [...path, "query", expression];
      const query = this.#query(expression, at, true);
      this.#matchers(value, at);
      const expected = this.templates.tree(value, at, scope);
      if (query !== undefined) {
        const check: QueryCheck = { query, expected, position: this.#source.position(at, true) };
        expectation.query.push(check);
      }
    }
    return expectation;
  }

  #matchers(value: unknown, path: YamlPath): void {
    for (const problem of validateExpectation(value)) {
      this.#add(problem.message, [...path, ...problem.path], problem.atKey);
    }
  }

  #saves(raw: unknown, path: YamlPath): Capture[] {
    const captures: Capture[] = [];
    for (const [name, expression] of Object.entries(isRaw(raw) ? raw : {})) {
      const at = [...path, "save", name];
      this.#checkName(name, at, "capture");
      if (typeof expression !== "string") continue;
      const query = this.#query(expression, at, false);
      if (query !== undefined) {
        captures.push({ name, query, position: this.#source.position(at, true) });
      }
    }
    return captures;
  }

  #query(expression: string, path: YamlPath, atKey: boolean) {
    try {
      return compileQuery(expression);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      const locate = this.#source.locator(path, atKey);
      this.problems.push({
        message: error.message,
        position: locate(error.offset) ?? this.#source.position(path, atKey),
      });
      return undefined;
    }
  }

  #checkName(name: string, path: YamlPath, what: string): void {
    if (RESERVED_NAMES.includes(name)) {
      this.#add(
        `Cannot name a ${what} "${name}": the name is reserved (${RESERVED_NAMES.join(", ")})`,
        path,
        true,
      );
    }
  }
}
