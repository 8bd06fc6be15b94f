/**
 * Rules files (`diff --normalise FILE`, YAML or JSON): additions to and
 * overrides of {@linkcode DEFAULT_NORMALISE_RULES}.
 *
 * ```yaml
 * defaults: true            # false: start from no rules at all
 * ignore:                   # body paths left out on both sides
 *   - $..DeviceLastAuthenticatedDate
 * opaque:                   # body paths compared by JSON type only
 *   - $.AuthenticationResult.IdToken
 *   - "!$..*Date"           # "!PATH" drops that default entry
 * placeholders:             # new ones apply before the defaults
 *   - { name: tenant, pattern: "tenant-[0-9]+" }
 *   - { name: client-id, pattern: "\\b[a-z0-9]{25,26}\\b" }   # same name: replaces it
 *   - { name: time, off: true }                                # drops it
 * tokens: true              # false: JWTs are strings like any other
 * headers:                  # value | presence | ignore | { capture: REGEX }
 *   x-amzn-requestid: ignore
 *   cache-control: value
 * ```
 *
 * Every problem is reported with its position (`file:line:column: …`).
 *
 * @module
 */

import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import {
  DEFAULT_NORMALISE_RULES,
  type HeaderRule,
  type NormaliseRules,
  type PlaceholderRule,
} from "./normalise.ts";
import { compilePathPattern, PathPatternError } from "./paths.ts";

/**
 * A problem in a rules file, with its position.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NormaliseRulesError } from "./rules_file.ts";
 * const error = new NormaliseRulesError("Cannot read \"tokens\": expected true or false", { file: "r.yaml", line: 3, column: 9 });
 * assert.equal(String(error), 'r.yaml:3:9: Cannot read "tokens": expected true or false');
 * assert.ok(error instanceof SyntaxError);
 * ```
 */
export class NormaliseRulesError extends SyntaxError {
  /** Always `"NormaliseRulesError"`. */
  override name = "NormaliseRulesError";
  /** The file as given. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;

  /** `message` is the explanation without the position. */
  constructor(message: string, at: { file: string; line: number; column: number }) {
    super(message);
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
  }

  /** `file:line:column: message`. */
  override toString(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** What {@linkcode parseNormaliseRules} gives: the merged rules, or the problems. */
export type ParsedRules =
  | { rules: NormaliseRules; errors: [] }
  | { rules: undefined; errors: NormaliseRulesError[] };

const TOP_LEVEL = ["defaults", "ignore", "opaque", "placeholders", "tokens", "headers"];
const PLACEHOLDER_KEYS = ["name", "pattern", "flags", "at", "numbered", "off"];

/**
 * Reads a rules file (see the module doc) and merges it over `base`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseNormaliseRules } from "./rules_file.ts";
 * const text = [
 *   "ignore: [$.Username]",
 *   "opaque: ['!$..*Date', $.Enabled]",
 *   "placeholders:",
 *   "  - { name: time, off: true }",
 *   "headers: { x-amzn-requestid: ignore }",
 * ].join("\n");
 * const { rules, errors } = parseNormaliseRules(text, "rules.yaml");
 * assert.deepEqual(errors, []);
 * assert.deepEqual(rules!.ignore, ["$.Username"]);
 * assert.ok(rules!.opaque.includes("$.Enabled") && !rules!.opaque.includes("$..*Date"));
 * assert.ok(!rules!.placeholders.some((rule) => rule.name === "time"));
 * assert.ok(!("x-amzn-requestid" in rules!.headers));
 *
 * const bad = parseNormaliseRules("opaque:\n  - Devices\n", "rules.yaml");
 * assert.equal(String(bad.errors[0]), 'rules.yaml:2:5: Cannot read path "Devices": it must start with "$"');
 * ```
 */
export function parseNormaliseRules(
  text: string,
  file: string,
  base: NormaliseRules = DEFAULT_NORMALISE_RULES,
): ParsedRules {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const errors: NormaliseRulesError[] = [];
  const at = (offset: number) => {
    const { line, col } = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { file, line, column: col };
  };
  const problem = (message: string, where: Node | null | undefined, shift = 0) =>
    errors.push(new NormaliseRulesError(message, at((where?.range?.[0] ?? 0) + shift)));
  for (const error of document.errors) {
    errors.push(new NormaliseRulesError(error.message.split("\n")[0]!, at(error.pos[0])));
  }
  if (errors.length > 0) return { rules: undefined, errors };
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { rules: base, errors: [] };
  if (!isMap(root)) {
    problem(
      "Cannot read the rules: expected a mapping of ignore, opaque, placeholders, tokens, headers",
      root,
    );
    return { rules: undefined, errors };
  }
  const merged = {
    ignore: [...base.ignore],
    opaque: [...base.opaque],
    placeholders: [...base.placeholders],
    tokens: base.tokens,
    headers: { ...base.headers } as Record<string, HeaderRule>,
  };
  const entries = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of root.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : "";
    if (!TOP_LEVEL.includes(name)) {
      problem(`Cannot read the rules: unknown key "${name}" (known: ${TOP_LEVEL.join(", ")})`, key);
      continue;
    }
    entries.set(name, { key, value: pair.value as Node | null });
  }
  const defaults = entries.get("defaults");
  if (defaults !== undefined) {
    const value = booleanOf(defaults.value);
    if (value === undefined) {
      problem('Cannot read "defaults": expected true or false', defaults.value ?? defaults.key);
    } else if (!value) {
      Object.assign(merged, {
        ignore: [],
        opaque: [],
        placeholders: [],
        tokens: false,
        headers: {},
      });
    }
  }
  for (const list of ["ignore", "opaque"] as const) {
    const entry = entries.get(list);
    if (entry === undefined) continue;
    if (!isSeq(entry.value)) {
      problem(`Cannot read "${list}": expected a list of paths`, entry.value ?? entry.key);
      continue;
    }
    for (const item of entry.value.items as Node[]) {
      if (!isScalar(item) || typeof item.value !== "string") {
        problem(`Cannot read "${list}": expected a path such as "$..Session"`, item);
        continue;
      }
      const written = item.value;
      const drop = written.startsWith("!");
      const path = drop ? written.slice(1) : written;
      const quote = item.type === "QUOTE_DOUBLE" || item.type === "QUOTE_SINGLE" ? 1 : 0;
      try {
        compilePathPattern(path);
      } catch (error) {
        if (!(error instanceof PathPatternError)) throw error;
        problem(error.message, item, quote + (drop ? 1 : 0) + error.offset);
        continue;
      }
      if (drop) {
        const index = merged[list].indexOf(path);
        if (index === -1) {
          problem(`Cannot drop "${path}" from "${list}": it is not one of its rules`, item);
        } else merged[list].splice(index, 1);
      } else if (!merged[list].includes(path)) merged[list].push(path);
    }
  }
  const placeholders = entries.get("placeholders");
  if (placeholders !== undefined) {
    if (!isSeq(placeholders.value)) {
      problem(
        'Cannot read "placeholders": expected a list of { name, pattern }',
        placeholders.value ?? placeholders.key,
      );
    } else {
      const added: PlaceholderRule[] = [];
      for (const item of placeholders.value.items as Node[]) {
        const rule = placeholderOf(item, problem);
        if (rule === undefined) continue;
        const index = merged.placeholders.findIndex((known) => known.name === rule.name);
        if ("off" in rule) {
          if (index === -1) {
            problem(`Cannot drop placeholder "${rule.name}": there is none of that name`, item);
          } else merged.placeholders.splice(index, 1);
        } else if (index !== -1) merged.placeholders[index] = rule;
        else added.push(rule);
      }
      merged.placeholders.unshift(...added);
    }
  }
  const tokens = entries.get("tokens");
  if (tokens !== undefined) {
    const value = booleanOf(tokens.value);
    if (value === undefined) {
      problem('Cannot read "tokens": expected true or false', tokens.value ?? tokens.key);
    } else merged.tokens = value;
  }
  const headers = entries.get("headers");
  if (headers !== undefined) {
    if (!isMap(headers.value)) {
      problem(
        'Cannot read "headers": expected a mapping of header names to value, presence, ignore or { capture }',
        headers.value ?? headers.key,
      );
    } else {
      for (const pair of headers.value.items) {
        const key = pair.key as Node;
        const name = isScalar(key) ? String(key.value).toLowerCase() : "";
        const value = pair.value as Node | null;
        const rule = headerRuleOf(value);
        if (rule === undefined) {
          problem(
            `Cannot read header rule "${name}": expected value, presence, ignore or { capture: REGEX }`,
            value ?? key,
          );
        } else if (typeof rule === "object" && "problem" in rule) {
          problem(`Cannot read header rule "${name}": ${rule.problem}`, value);
        } else if (rule === "ignore") delete merged.headers[name];
        else merged.headers[name] = rule;
      }
    }
  }
  return errors.length > 0 ? { rules: undefined, errors } : { rules: merged, errors: [] };
}

function booleanOf(node: Node | null): boolean | undefined {
  return isScalar(node) && typeof node.value === "boolean" ? node.value : undefined;
}

type Problem = (message: string, where: Node | null | undefined, shift?: number) => void;

function placeholderOf(
  item: Node,
  problem: Problem,
): PlaceholderRule | (PlaceholderRule & { off: true }) | undefined {
  if (!isMap(item)) {
    problem("Cannot read a placeholder: expected { name, pattern } (or { name, off: true })", item);
    return undefined;
  }
  const fields: Record<string, { node: Node | null; value: unknown }> = {};
  for (const pair of item.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : "";
    if (!PLACEHOLDER_KEYS.includes(name)) {
      problem(
        `Cannot read a placeholder: unknown key "${name}" (known: ${PLACEHOLDER_KEYS.join(", ")})`,
        key,
      );
      return undefined;
    }
    const node = pair.value as Node | null;
    fields[name] = { node, value: isScalar(node) ? node.value : undefined };
  }
  const name = fields.name?.value;
  if (typeof name !== "string" || !/^[A-Za-z][\w-]*$/.test(name)) {
    problem(
      "Cannot read a placeholder: expected a name of letters, digits, _ and -",
      fields.name?.node ?? item,
    );
    return undefined;
  }
  if (fields.off !== undefined) {
    if (fields.off.value !== true) {
      problem(`Cannot read placeholder "${name}": "off" must be true`, fields.off.node);
      return undefined;
    }
    return { name, pattern: "", off: true };
  }
  const pattern = fields.pattern?.value;
  const flags = fields.flags?.value ?? "";
  if (typeof pattern !== "string" || pattern === "") {
    problem(
      `Cannot read placeholder "${name}": expected a pattern (a regular expression)`,
      fields.pattern?.node ?? item,
    );
    return undefined;
  }
  if (typeof flags !== "string" || !/^[imsu]*$/.test(flags)) {
    problem(`Cannot read placeholder "${name}": flags must be of i, m, s, u`, fields.flags?.node);
    return undefined;
  }
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    problem(`Cannot read placeholder "${name}": ${(error as Error).message}`, fields.pattern?.node);
    return undefined;
  }
  const rule: PlaceholderRule = { name, pattern, ...(flags === "" ? {} : { flags }) };
  const at = fields.at;
  if (at !== undefined) {
    if (typeof at.value !== "string") {
      problem(`Cannot read placeholder "${name}": "at" must be a path`, at.node);
      return undefined;
    }
    try {
      compilePathPattern(at.value);
    } catch (error) {
      if (!(error instanceof PathPatternError)) throw error;
      problem(error.message, at.node);
      return undefined;
    }
    rule.at = at.value;
  }
  const numbered = fields.numbered;
  if (numbered !== undefined) {
    if (typeof numbered.value !== "boolean") {
      problem(`Cannot read placeholder "${name}": "numbered" must be true or false`, numbered.node);
      return undefined;
    }
    rule.numbered = numbered.value;
  }
  return rule;
}

function headerRuleOf(node: Node | null): HeaderRule | "ignore" | { problem: string } | undefined {
  if (isScalar(node)) {
    const value = node.value;
    return value === "value" || value === "presence" || value === "ignore" ? value : undefined;
  }
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const pair = node.items[0]!;
  if (!isScalar(pair.key) || pair.key.value !== "capture" || !isScalar(pair.value)) {
    return undefined;
  }
  const capture = pair.value.value;
  if (typeof capture !== "string") return undefined;
  try {
    new RegExp(capture);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  return { capture };
}
