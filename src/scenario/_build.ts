/**
 * The semantic pass: walks the raw YAML value (defensively: zod may have
 * found structural problems in it) and builds the AST, checking what the
 * schema cannot: templates and references, call/control exclusivity,
 * matchers, JMESPath, request members.
 */

import {
  didYouMean,
  type FunctionCatalogue,
  parseExpression,
  TemplateSyntaxError,
} from "../template/mod.ts";
import type { Problem } from "./_issues.ts";
import { pathLabel } from "./_issues.ts";
import type { YamlPath, YamlSource } from "./_source.ts";
import { namesWhere, type Scope, TemplateChecker } from "./_templates.ts";
import { type BuildContext, buildStep, isRaw, keysOf, type Raw } from "./_build_step.ts";
import type { Capability } from "./schema.ts";
import type { Binding, Scenario, SecretPath, Step, TemplateTree, UserSpec } from "./types.ts";

/** What the semantic pass needs besides the file. */
export interface BuildOptions {
  id: string;
  file: string;
  functions: FunctionCatalogue;
  knownRequestMembers: ((operation: string) => readonly string[] | undefined) | undefined;
  externalVars: readonly string[];
  errorTypes: readonly string[];
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

class Builder implements BuildContext {
  readonly problems: Problem[] = [];
  readonly templates: TemplateChecker;
  readonly source: YamlSource;
  readonly errorTypes: readonly string[];
  readonly #options: BuildOptions;

  constructor(source: YamlSource, options: BuildOptions) {
    this.source = source;
    this.errorTypes = options.errorTypes;
    this.#options = options;
    this.templates = new TemplateChecker(source, options.functions);
  }

  add(message: string, path: YamlPath, atKey = false): void {
    this.problems.push({ message, position: this.source.position(path, atKey) });
  }

  scenario(root: Raw): Scenario {
    const allVars = new Set([...keysOf(root.vars), ...this.#options.externalVars]);
    const users = new Set(keysOf(root.users));
    const outside: Scope = { where: "", inStep: false, vars: allVars };
    const vars: Binding[] = [];
    const visible = new Set(this.#options.externalVars);
    for (const [name, value] of Object.entries(isRaw(root.vars) ? root.vars : {})) {
      const scope: Scope = {
        where: "vars",
        inStep: false,
        // The set itself, not a copy (a copy per var made loading quadratic): bindings are
        // checked before the next name is added.
        vars: visible,
        allVars,
        self: name,
      };
      vars.push(this.binding(name, value, ["vars", name], scope));
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
      source: this.#sources(root.source),
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

  /**
   * The `source` entries. An issue number written after a space (`…#4047, #2087`)
   * starts a YAML comment and silently cuts the entry: that is reported.
   */
  #sources(value: unknown): string[] {
    if (typeof value === "string") {
      this.#checkCutByComment(["source"], value);
      return [value];
    }
    if (!Array.isArray(value)) return [];
    value.forEach((item, index) => {
      if (typeof item === "string") this.#checkCutByComment(["source", index], item);
    });
    return value.map(String);
  }

  #checkCutByComment(path: YamlPath, text: string): void {
    const comment = this.source.node(path)?.comment;
    if (comment === undefined || comment === null || !/^\d/.test(comment)) return;
    this.add(
      `Cannot read ${pathLabel(path)}: " #${comment}" starts a YAML comment, so the entry ends ` +
        `at ${JSON.stringify(text)}; quote the whole entry`,
      path,
    );
  }

  binding(name: string, value: unknown, path: YamlPath, scope: Scope): Binding {
    return {
      name,
      value: this.templates.tree(value, path, scope),
      position: this.source.position(path, true),
    };
  }

  #members(
    value: unknown,
    key: string,
    operation: string,
    scope: Scope,
  ): Record<string, TemplateTree> | undefined {
    if (!isRaw(value)) return undefined;
    this.checkMembers(value, [key], operation, "");
    return this.templates.tree(value, [key], scope) as Record<string, TemplateTree>;
  }

  checkMembers(value: Raw, path: YamlPath, operation: string, optOut: string): void {
    const members = this.#options.knownRequestMembers?.(operation);
    if (members === undefined) return;
    for (const key of Object.keys(value)) {
      if (members.includes(key)) continue;
      this.add(
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
        position: this.source.position(path, true),
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
      const locate = this.source.locator(path);
      try {
        const expression = parseExpression(text);
        if (expression.type !== "path") {
          this.add(
            `Cannot read ${pathLabel(path)}: expected a path such as "vars.apiKey", got "${text}"`,
            path,
          );
          continue;
        }
        this.templates.expression(expression, locate, scope);
        out.push({
          path: text,
          segments: expression.segments.map((s) => s.key),
          position: this.source.position(path),
        });
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        this.problems.push({
          message: `Cannot read ${pathLabel(path)}: ${
            error.message.replace(/^Cannot parse template "[^"]*": /, "")
          }`,
          position: locate(error.offset) ?? this.source.position(path),
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
    const steps: Step[] = [];
    for (const [index, raw] of raws.entries()) {
      if (!isRaw(raw)) continue;
      const base: Scope = {
        where: `steps[${index}]`,
        inStep: true,
        vars: allVars,
        pool: true,
        client: true,
        users,
        // Views of the first saver of each name, not copies (see namesWhere).
        captures: namesWhere(firstSaver, (at) => at < index),
        ownSaves: namesWhere(firstSaver, (at) => at === index),
        laterSaves: namesWhere(firstSaver, (at) => at > index),
      };
      steps.push(buildStep(this, raw, index, base));
    }
    return steps;
  }
}
