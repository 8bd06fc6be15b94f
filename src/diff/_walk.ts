/**
 * The normaliser's walk over a body: rules compiled once per rules object,
 * members in sorted order, tokens decoded, placeholders numbered.
 */

import { decodeJwt } from "../assert/mod.ts";
import type {
  HeaderRule,
  NodeType,
  NormalisedNode,
  NormaliseRules,
  PlaceholderNumbers,
} from "./normalise.ts";
import { compilePathPattern, type PathPattern, type PathSegment } from "./paths.ts";

interface CompiledPlaceholder {
  name: string;
  regex: RegExp;
  at: PathPattern | undefined;
  numbered: boolean;
}

export interface CompiledRules {
  ignore: PathPattern[];
  opaque: PathPattern[];
  placeholders: CompiledPlaceholder[];
  tokens: boolean;
  headers: Array<[string, HeaderRule, RegExp | undefined]>;
}

const compiledCache = new WeakMap<NormaliseRules, CompiledRules>();

/** The rules compiled once per rules object (bad patterns throw; a rules file checks them first). */
export function compiled(rules: NormaliseRules): CompiledRules {
  let out = compiledCache.get(rules);
  if (out !== undefined) return out;
  out = {
    ignore: rules.ignore.map(compilePathPattern),
    opaque: rules.opaque.map(compilePathPattern),
    placeholders: rules.placeholders.map((rule) => ({
      name: rule.name,
      regex: new RegExp(rule.pattern, `${(rule.flags ?? "").replace(/g/g, "")}g`),
      at: rule.at === undefined ? undefined : compilePathPattern(rule.at),
      numbered: rule.numbered ?? true,
    })),
    tokens: rules.tokens,
    headers: Object.entries(rules.headers).map(([name, rule]) => [
      name.toLowerCase(),
      rule,
      typeof rule === "object" ? new RegExp(rule.capture) : undefined,
    ]),
  };
  compiledCache.set(rules, out);
  return out;
}

function matchesAny(patterns: readonly PathPattern[], path: readonly PathSegment[]): boolean {
  for (const pattern of patterns) if (pattern.matches(path)) return true;
  return false;
}

function typeOf(value: unknown): NodeType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  return type === "boolean" || type === "number" || type === "string" ? type : "object";
}

export function node(
  value: unknown,
  path: PathSegment[],
  rules: CompiledRules,
  numbers: PlaceholderNumbers,
): NormalisedNode {
  if (matchesAny(rules.opaque, path)) return { kind: "opaque", type: typeOf(value) };
  if (Array.isArray(value)) {
    return {
      kind: "array",
      items: value.map((item, index) => node(item, [...path, index], rules, numbers)),
    };
  }
  if (typeof value === "object" && value !== null) {
    return {
      kind: "object",
      members: members(value as Record<string, unknown>, path, rules, numbers),
    };
  }
  if (typeof value === "string") {
    const token = rules.tokens ? decodeToken(value, path, rules) : undefined;
    return token ?? { kind: "value", value: placeholders(value, path, rules, numbers) };
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    return { kind: "value", value };
  }
  return { kind: "value", value: null };
}

/** Members in sorted order: placeholder numbers must not depend on a server's key order. */
function members(
  record: Record<string, unknown>,
  path: PathSegment[],
  rules: CompiledRules,
  numbers: PlaceholderNumbers,
): Record<string, NormalisedNode> {
  const out: Record<string, NormalisedNode> = {};
  for (const key of Object.keys(record).sort()) {
    const at = [...path, key];
    if (matchesAny(rules.ignore, at)) continue;
    define(out, key, node(record[key], at, rules, numbers));
  }
  return out;
}

/** Token members: names and JSON types only; ignore rules apply, nothing else does. */
function typesOf(
  record: Record<string, unknown>,
  path: PathSegment[],
  rules: CompiledRules,
): Record<string, NormalisedNode> {
  const out: Record<string, NormalisedNode> = {};
  for (const key of Object.keys(record).sort()) {
    if (matchesAny(rules.ignore, [...path, key])) continue;
    define(out, key, { kind: "opaque", type: typeOf(record[key]) });
  }
  return out;
}

function define(record: Record<string, NormalisedNode>, key: string, value: NormalisedNode): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const TOKEN_SHAPE = /^eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2}(?:(?:\.[A-Za-z0-9_-]*){2})?$/;

function decodeToken(
  value: string,
  path: PathSegment[],
  rules: CompiledRules,
): NormalisedNode | undefined {
  if (!TOKEN_SHAPE.test(value)) return undefined;
  const headerPath = [...path, "$header"];
  if (value.split(".").length === 5) {
    const header = decodeSegment(value.slice(0, value.indexOf(".")));
    if (header === undefined) return undefined;
    return { kind: "token", format: "jwe", header: typesOf(header, headerPath, rules), claims: {} };
  }
  try {
    const { header, payload } = decodeJwt(value);
    return {
      kind: "token",
      format: "jwt",
      header: typesOf(header, headerPath, rules),
      claims: typesOf(payload, path, rules),
    };
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const binary = atob(segment.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

export function placeholders(
  text: string,
  path: PathSegment[],
  rules: CompiledRules,
  numbers: PlaceholderNumbers,
): string {
  let out = text;
  for (const rule of rules.placeholders) {
    if (rule.at !== undefined && !rule.at.matches(path)) continue;
    out = out.replace(
      rule.regex,
      (match) => rule.numbered ? numbers.label(rule.name, match) : `<${rule.name}>`,
    );
  }
  return out;
}
