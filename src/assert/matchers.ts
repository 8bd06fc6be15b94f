/**
 * The `$`-matchers of expectations: their catalogue, their load-time
 * validation and their JSON Schema (for editors).
 *
 * An expectation is a JSON value matched *partially* against the actual one:
 * listed object keys must match, other keys are ignored; lists match item by
 * item and must have the same length; scalars must be equal. An object with
 * `$`-keys adds constraints, all of which must hold (they compose); its other
 * keys still match the actual object partially.
 *
 * @module
 */

import { didYouMean } from "../template/suggest.ts";
import { isPlainObject } from "./_values.ts";
import { patternProblem } from "./_regex.ts";

/**
 * JSON type names accepted by `$type`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JSON_TYPES } from "./matchers.ts";
 * assert.ok(JSON_TYPES.includes("array"));
 * assert.ok(!JSON_TYPES.includes("integer"));
 * ```
 */
export const JSON_TYPES: readonly string[] = [
  "string",
  "number",
  "boolean",
  "object",
  "array",
  "null",
];

/** A matcher key and what it does. */
export interface MatcherInfo {
  /** The key, e.g. `$match`. */
  key: string;
  /** One line for docs and editor hovers. */
  doc: string;
}

/**
 * Every matcher key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MATCHERS } from "./matchers.ts";
 * const keys = MATCHERS.map((matcher) => matcher.key);
 * assert.ok(keys.includes("$jwt") && keys.includes("$exact"));
 * assert.ok(keys.every((key) => key.startsWith("$")));
 * ```
 */
export const MATCHERS: readonly MatcherInfo[] = [
  {
    key: "$match",
    doc: "The value is a string matching this regular expression (unanchored; use ^…$; RE2 " +
      "syntax, linear time: no lookarounds or backreferences).",
  },
  { key: "$exists", doc: "true: the key is present (null counts); false: the key is absent." },
  { key: "$type", doc: "The JSON type: string, number, boolean, object, array or null." },
  { key: "$oneOf", doc: "The value matches at least one of these values or matchers." },
  {
    key: "$len",
    doc: "The length of a string, list or object (key count): a number or a matcher.",
  },
  { key: "$not", doc: "The value does not match this value or matcher." },
  {
    key: "$contains",
    doc: "The value is a list with an item matching this; a list here means each must be matched.",
  },
  {
    key: "$jwt",
    doc: "The value is a JWT whose payload matches this object partially (true: any JWT).",
  },
  { key: "$header", doc: "With $jwt: the JWT header matches this object partially." },
  {
    key: "$verify",
    doc: "With $jwt: true to require a valid signature (checked against the target's JWKS).",
  },
  { key: "$exact", doc: "true: the object may have no keys other than the listed ones." },
];

const MATCHER_KEYS = MATCHERS.map((matcher) => matcher.key);

/** A problem found in an expectation, relative to the expectation's root. */
export interface ExpectationProblem {
  /** Path from the expectation root to the offending key or value. */
  path: (string | number)[];
  /** True when the problem is the key itself (e.g. an unknown matcher), not its value. */
  atKey: boolean;
  /** "Cannot use …: …" explanation. */
  message: string;
}

/** Options of {@linkcode validateExpectation}. */
export interface ValidateExpectationOptions {
  /**
   * Whether a value is only known at run time (a template), so its type and
   * content cannot be checked now.
   * @default {(value) => typeof value === "string" && value.includes("${")}
   */
  isDynamic?: (value: unknown) => boolean;
}

/**
 * Checks the matchers of an expectation without running it: unknown `$`-keys
 * (with a suggestion), argument types, regular expressions, and `$header` or
 * `$verify` without `$jwt`. Returns every problem found.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateExpectation } from "./matchers.ts";
 * const problems = validateExpectation({ TokenType: { $mtach: "^Bearer$" }, Devices: { $len: -1 } });
 * assert.deepEqual(problems.map((p) => [p.path, p.message]), [
 *   [["TokenType", "$mtach"], 'Cannot use "$mtach": it is not a matcher (did you mean "$match"?)'],
 *   [["Devices", "$len"], 'Cannot use "$len": expected a non-negative integer or a matcher, got -1'],
 * ]);
 * ```
 */
export function validateExpectation(
  expectation: unknown,
  options: ValidateExpectationOptions = {},
): ExpectationProblem[] {
  const isDynamic = options.isDynamic ??
    ((value: unknown) => typeof value === "string" && value.includes("${"));
  const problems: ExpectationProblem[] = [];
  walk(expectation, [], { isDynamic, problems });
  return problems;
}

interface Walk {
  isDynamic: (value: unknown) => boolean;
  problems: ExpectationProblem[];
}

function walk(value: unknown, path: (string | number)[], state: Walk): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...path, index], state));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (!key.startsWith("$")) {
      walk(item, at, state);
      continue;
    }
    if (!MATCHER_KEYS.includes(key)) {
      state.problems.push({
        path: at,
        atKey: true,
        message: `Cannot use "${key}": it is not a matcher${didYouMean(key, MATCHER_KEYS)}`,
      });
      continue;
    }
    if (state.isDynamic(item)) continue;
    const problem = checkArgument(key, item, value, at, state);
    if (problem !== undefined) {
      state.problems.push({ path: at, atKey: false, message: `Cannot use "${key}": ${problem}` });
    }
  }
}

function checkArgument(
  key: string,
  arg: unknown,
  siblings: Record<string, unknown>,
  at: (string | number)[],
  state: Walk,
): string | undefined {
  const got = `got ${shortJson(arg)}`;
  switch (key) {
    case "$exists":
    case "$exact":
      return typeof arg === "boolean" ? undefined : `expected true or false, ${got}`;
    case "$verify":
      if (typeof arg !== "boolean") return `expected true or false, ${got}`;
      return "$jwt" in siblings ? undefined : 'it needs "$jwt" beside it';
    case "$type":
      if (typeof arg !== "string") return `expected a type name, ${got}`;
      return JSON_TYPES.includes(arg)
        ? undefined
        : `"${arg}" is not a type (one of ${JSON_TYPES.join(", ")})${didYouMean(arg, JSON_TYPES)}`;
    case "$match":
      if (typeof arg !== "string") return `expected a regular expression as a string, ${got}`;
      return patternProblem(arg);
    case "$oneOf":
      if (!Array.isArray(arg) || arg.length === 0) return `expected a non-empty list, ${got}`;
      walk(arg, at, state);
      return undefined;
    case "$len":
      if (typeof arg === "number") {
        return Number.isInteger(arg) && arg >= 0
          ? undefined
          : `expected a non-negative integer or a matcher, ${got}`;
      }
      if (!isPlainObject(arg)) return `expected a non-negative integer or a matcher, ${got}`;
      walk(arg, at, state);
      return undefined;
    case "$jwt":
      if (arg === true) return undefined;
      if (!isPlainObject(arg)) return `expected an object of expected claims (or true), ${got}`;
      walk(arg, at, state);
      return undefined;
    case "$header":
      if (!isPlainObject(arg)) return `expected an object of expected header fields, ${got}`;
      walk(arg, at, state);
      return "$jwt" in siblings ? undefined : 'it needs "$jwt" beside it';
    default: // $not, $contains: any expectation
      walk(arg, at, state);
      return undefined;
  }
}

function shortJson(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * The JSON Schema of an expectation (for `$defs`): any JSON value, where an
 * object may carry the matcher keys. `ref` is the reference to the schema
 * itself, e.g. `#/$defs/Expectation`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectationJsonSchema } from "./matchers.ts";
 * const schema = expectationJsonSchema("#/$defs/Expectation");
 * assert.ok(JSON.stringify(schema).includes('"$match"'));
 * ```
 */
export function expectationJsonSchema(ref: string): Record<string, unknown> {
  const self = { $ref: ref };
  const describe = (key: string) => MATCHERS.find((m) => m.key === key)!.doc;
  const objectOf = { type: "object", additionalProperties: self };
  const properties: Record<string, unknown> = {
    $match: { type: "string", format: "regex", description: describe("$match") },
    $exists: { type: "boolean", description: describe("$exists") },
    $type: { enum: [...JSON_TYPES], description: describe("$type") },
    $oneOf: { type: "array", items: self, minItems: 1, description: describe("$oneOf") },
    $len: { anyOf: [{ type: "integer", minimum: 0 }, self], description: describe("$len") },
    $not: { ...self, description: describe("$not") },
    $contains: { ...self, description: describe("$contains") },
    $jwt: { anyOf: [{ const: true }, objectOf], description: describe("$jwt") },
    $header: { ...objectOf, description: describe("$header") },
    $verify: { type: "boolean", description: describe("$verify") },
    $exact: { type: "boolean", description: describe("$exact") },
  };
  return {
    description: "Expected value: JSON matched partially, with $-matchers in objects.",
    anyOf: [
      { type: ["string", "number", "boolean", "null"] },
      { type: "array", items: self },
      {
        type: "object",
        properties,
        propertyNames: { anyOf: [{ enum: MATCHER_KEYS }, { pattern: "^[^$]" }] },
        additionalProperties: self,
      },
    ],
  };
}
