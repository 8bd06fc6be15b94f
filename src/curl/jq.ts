/**
 * Expectations as jq: the partial deep match of `src/assert/` (listed keys
 * must match, others are ignored; lists item by item with equal lengths;
 * scalars by JSON type and value) and every matcher (`$type`, `$match`,
 * `$exists`, `$oneOf`, `$len`, `$not`, `$contains`, `$jwt` with `$header`,
 * `$exact`), compiled into jq filters that are true when the expectation
 * holds.
 *
 * {@linkcode expectationChecks} splits an expectation into one check per
 * leaf, each a filter a reader can run by hand, so that the first failing
 * one names what went wrong. {@linkcode predicate} compiles a whole
 * sub-expectation into one boolean filter (used under `$not`, `$oneOf` and
 * `$contains`). `$verify` (a JWT signature) cannot be checked in jq: it
 * becomes a "not checked here" note, never a silent pass.
 *
 * The filters call the definitions of {@linkcode JQ_LIB} (`jwt_payload`,
 * `partial`, …) and read `$body`, `$status` and `$headers`.
 *
 * @module
 */

import { isTemplate, type Template } from "../template/mod.ts";

/** Where a checked value is: its jq expression, whether it is present, and its name in messages. */
export interface Target {
  /** A jq expression giving the value (null when missing), e.g. `.AuthenticationResult.TokenType`. */
  expr: string;
  /** A jq expression that is true when the value is present (`true` when it always is). */
  present: string;
  /** The value's name in check descriptions, e.g. `AuthenticationResult.TokenType`. */
  label: string;
}

/** The response body, as a check target. */
export const BODY: Target = { expr: ".", present: "true", label: "body" };

/** A template's value in jq, as the caller provides it. */
export interface JqValue {
  /** A jq expression giving the value (e.g. `$device.DeviceKey`, `"^\($REGION)_x$"`). */
  jq: string;
  /** Whether the value is known to be a string (then `==` compares it; else `partial`). */
  isString: boolean;
}

/** How templates inside expectations become jq. */
export interface JqContext {
  /** The jq form of a template (whole or interpolated), registering what it needs. */
  template(template: Template): JqValue;
}

/** One check of a step: a jq filter and what it says, or something bash cannot check. */
export type Check =
  /** A filter that is true when the expectation holds. */
  | { filter: string; description: string }
  /** Something the script cannot check, said as such. */
  | { notChecked: string };

/** A sub-expectation that holds a `$verify`, which jq cannot check. */
export class NotCheckable extends Error {
  /** Always `"NotCheckable"`. */
  override name = "NotCheckable";
}

/**
 * The key names whose values masking hides (compared without case, `-` or
 * `_`), as the runner's redaction does: passwords, tokens, sessions, SRP
 * values, secrets and codes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MASKED_KEYS } from "./jq.ts";
 * assert.ok(MASKED_KEYS.includes("refreshtoken") && MASKED_KEYS.includes("secrethash"));
 * ```
 */
export const MASKED_KEYS: readonly string[] = [
  "PASSWORD",
  "NEW_PASSWORD",
  "PreviousPassword",
  "ProposedPassword",
  "TemporaryPassword",
  "DevicePassword",
  "AccessToken",
  "IdToken",
  "RefreshToken",
  "Token",
  "Session",
  "SessionToken",
  "SECRET_HASH",
  "ClientSecret",
  "SecretAccessKey",
  "SRP_A",
  "SRP_B",
  "SECRET_BLOCK",
  "PASSWORD_CLAIM_SECRET_BLOCK",
  "PASSWORD_CLAIM_SIGNATURE",
  "PasswordVerifier",
  "Salt",
  "SecretCode",
  "UserCode",
  "SOFTWARE_TOKEN_MFA_CODE",
  "SMS_MFA_CODE",
  "EMAIL_MFA_CODE",
  "ConfirmationCode",
  "Code",
  "aHex",
].map((key) => key.replace(/[-_]/g, "").toLowerCase());

const MASKED = MASKED_KEYS.map((key) => JSON.stringify(key)).join(", ");

/**
 * jq definitions the compiled filters use: JWT decoding, the runtime partial
 * match (for expected values only known at run time), the Cognito error
 * type and message of a body, response headers, and masking for messages.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JQ_LIB } from "./jq.ts";
 * for (const name of ["jwt_payload", "partial", "error_type", "parse_headers", "mask"]) {
 *   assert.match(JQ_LIB, new RegExp(`^def ${name}\\b`, "m"), name);
 * }
 * ```
 */
export const JQ_LIB = String
  .raw`def b64url_json: gsub("-"; "+") | gsub("_"; "/") | @base64d | fromjson;
def jwt_part($i): if type == "string" and (split(".") | length) == 3 then (split(".")[$i] | try b64url_json catch null) else null end;
def jwt_payload: jwt_part(1);
def jwt_header: jwt_part(0);
def is_jwt: (jwt_payload | type) == "object" and (jwt_header | type) == "object";
def partial($e): if ($e | type) == "object" then type == "object" and (. as $a | all($e | keys_unsorted[]; . as $k | ($a | has($k)) and ($a[$k] | partial($e[$k]))))
  elif ($e | type) == "array" then type == "array" and length == ($e | length) and (. as $a | all(range($e | length); . as $i | $a[$i] | partial($e[$i])))
  else . == $e end;
def error_code: split(",")[0] | split(":")[0] | split("#") | last | sub("^\\s+"; "") | sub("\\s+$"; "");
def error_type($headers): if type == "object" and (.__type | type) == "string" then .__type | error_code
  elif type == "object" and (.code | type) == "string" then .code | error_code
  elif ($headers["x-amzn-errortype"] | type) == "string" then $headers["x-amzn-errortype"] | error_code
  else null end;
def error_message: if type != "object" then null elif (.message | type) == "string" or (has("Message") | not) then .message else .Message end;
def parse_headers: split("\r\n\r\n") | map(select(length > 0)) | (last // "") | split("\r\n") | .[1:]
  | map(capture("^(?<k>[^:]+):[ \t]*(?<v>.*)$")? | {key: (.k | ascii_downcase), value: .v}) | from_entries;
def secret_key: ascii_downcase | gsub("[-_]"; "") | IN(${MASKED});
def mask: walk(if type == "object" then with_entries(if (.key | secret_key) and .value != null then .value = "«secret:\(.key)»" else . end)
  elif type == "string" and test("^eyJ[A-Za-z0-9_-]{8,}\\.") then "«secret:jwt»" else . end);`;

/**
 * A jq string literal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jqString } from "./jq.ts";
 * assert.equal(jqString('a "b" \\(c)'), '"a \\"b\\" \\\\(c)"');
 * ```
 */
export function jqString(text: string): string {
  return JSON.stringify(text);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isSimplePath(expr: string): boolean {
  return /^(?:\$[A-Za-z_][A-Za-z0-9_]*)?(?:\.[A-Za-z_][A-Za-z0-9_]*|\.?\[(?:"(?:[^"\\]|\\.)*"|-?\d+)\])*$/
    .test(expr) && expr !== "";
}

/** The length of the parenthesised group `expr` starts with (0 when it starts with none). */
function groupLength(expr: string): number {
  if (!expr.startsWith("(")) return 0;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < expr.length; i++) {
    const char = expr[i]!;
    if (quoted) {
      if (char === "\\") i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return i + 1;
  }
  return 0;
}

const STEPS = /^(?:\.[A-Za-z_][A-Za-z0-9_]*|\.?\[(?:"(?:[^"\\]|\\.)*"|-?\d+)\])*$/;

/** Whether `expr` binds tighter than any operator: a path, or a group followed by path steps. */
function isAtomic(expr: string): boolean {
  if (expr === "." || isSimplePath(expr)) return true;
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr)?.[0];
  if (name !== undefined) {
    const rest = expr.slice(name.length);
    return rest === "" || groupLength(rest) === rest.length;
  }
  const length = groupLength(expr);
  return length > 0 && STEPS.test(expr.slice(length));
}

/** `expr` followed by a member or item access, as short as jq allows. */
function access(expr: string, step: string): string {
  if (expr === ".") return step.startsWith(".") ? step : `.${step}`;
  return `${group(expr)}${step.startsWith(".[") ? step.slice(1) : step}`;
}

/** `expr`, parenthesised unless it binds tighter than any operator already. */
function group(expr: string): string {
  return isAtomic(expr) ? expr : `(${expr})`;
}

/**
 * The target of an object member.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BODY, memberTarget } from "./jq.ts";
 * const result = memberTarget(BODY, "AuthenticationResult");
 * assert.deepEqual(memberTarget(result, "x-y"), {
 *   expr: '.AuthenticationResult["x-y"]',
 *   present: '(.AuthenticationResult | has("x-y"))',
 *   label: 'AuthenticationResult["x-y"]',
 * });
 * ```
 */
export function memberTarget(parent: Target, key: string): Target {
  const step = IDENTIFIER.test(key) ? `.${key}` : `[${jqString(key)}]`;
  const label = parent.label === "body"
    ? (IDENTIFIER.test(key) ? key : `[${jqString(key)}]`)
    : `${parent.label}${IDENTIFIER.test(key) ? `.${key}` : `[${jqString(key)}]`}`;
  return {
    expr: access(parent.expr, step),
    present: parent.expr === "."
      ? `has(${jqString(key)})`
      : `(${parent.expr} | has(${jqString(key)}))`,
    label,
  };
}

function itemTarget(parent: Target, index: number): Target {
  return {
    expr: access(parent.expr, `[${index}]`),
    present: "true", // the list's length is checked first
    label: `${parent.label === "body" ? "" : parent.label}[${index}]`,
  };
}

function derived(parent: Target, expr: string, label: string): Target {
  return { expr, present: "true", label: `${parent.label}${label}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !isTemplate(value);
}

/** A short text of an expected value for descriptions (templates as written). */
function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function and(parts: readonly string[]): string {
  const kept = parts.filter((part) => part !== "true");
  if (kept.length === 0) return "true";
  return kept.length === 1 ? kept[0]! : `(${kept.join(" and ")})`;
}

function withPresence(target: Target, test: string): string {
  return target.present === "true" ? test : `(${target.present} and ${test})`;
}

/**
 * One boolean jq filter that is true when the value at `target` matches
 * `expected` (partially, with matchers). Throws {@linkcode NotCheckable}
 * when `expected` holds a `$verify`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BODY, predicate } from "./jq.ts";
 * const context = { template: () => ({ jq: "$x", isString: true }) };
 * assert.equal(
 *   predicate({ TokenType: "Bearer" }, BODY, context),
 *   '((. | type) == "object" and .TokenType == "Bearer")',
 * );
 * assert.equal(predicate({ $not: { $type: "string" } }, BODY, context), '((. | type) == "string" | not)');
 * ```
 */
export function predicate(expected: unknown, target: Target, context: JqContext): string {
  if (isTemplate(expected)) return templateTest(expected, target, context);
  if (Array.isArray(expected)) {
    return and([
      `(${group(target.expr)} | type) == "array"`,
      `(${group(target.expr)} | length) == ${expected.length}`,
      ...expected.map((item, index) => predicate(item, itemTarget(target, index), context)),
    ]);
  }
  if (isPlainObject(expected)) {
    const parts: string[] = [];
    const plain = Object.keys(expected).filter((key) => !key.startsWith("$"));
    for (const key of Object.keys(expected)) {
      if (key.startsWith("$")) parts.push(...constraint(key, expected, target, context));
    }
    if (plain.length > 0 || expected.$exact === true || Object.keys(expected).length === 0) {
      parts.push(`(${group(target.expr)} | type) == "object"`);
      if (expected.$exact === true) parts.push(exactTest(plain, target));
      for (const key of plain) {
        parts.push(predicate(expected[key], memberTarget(target, key), context));
      }
    }
    // The object test goes first, so member tests never meet a non-object.
    const objectTest = parts.findIndex((part) => part.endsWith('| type) == "object"'));
    if (objectTest > 0) parts.unshift(...parts.splice(objectTest, 1));
    return and(parts);
  }
  return scalarTest(expected, target);
}

function scalarTest(expected: unknown, target: Target): string {
  if (expected === null) return withPresence(target, `${group(target.expr)} == null`);
  return `${group(target.expr)} == ${JSON.stringify(expected)}`;
}

function templateTest(template: Template, target: Target, context: JqContext): string {
  const value = context.template(template);
  if (value.isString) return `${group(target.expr)} == ${value.jq}`;
  return withPresence(target, `(${group(target.expr)} | partial(${value.jq}))`);
}

function exactTest(keys: readonly string[], target: Target): string {
  return `((${group(target.expr)} | keys) - ${JSON.stringify(keys)} | length) == 0`;
}

function constraint(
  key: string,
  spec: Record<string, unknown>,
  target: Target,
  context: JqContext,
): string[] {
  const arg = spec[key];
  const value = group(target.expr);
  switch (key) {
    case "$exists":
      return [arg === true ? target.present : `(${target.present} | not)`];
    case "$type":
      return [
        arg === "null"
          ? withPresence(target, `(${value} | type) == "null"`)
          : `(${value} | type) == ${JSON.stringify(arg)}`,
      ];
    case "$match": {
      const pattern = isTemplate(arg) ? context.template(arg).jq : jqString(String(arg));
      return [`((${value} | type) == "string" and (${value} | test(${pattern})))`];
    }
    case "$oneOf": {
      const options = (arg as unknown[]).map((option) => predicate(option, target, context));
      return [options.length === 0 ? "false" : `(${options.join(" or ")})`];
    }
    case "$len": {
      const sized = `((${value} | type) | . == "string" or . == "array" or . == "object")`;
      const length = derived(target, `(${value} | length)`, ".$len");
      return [
        and([
          sized,
          typeof arg === "number" ? `${length.expr} == ${arg}` : predicate(arg, length, context),
        ]),
      ];
    }
    case "$not":
      return [`(${predicate(arg, target, context)} | not)`];
    case "$contains": {
      const items = Array.isArray(arg) ? arg : [arg];
      const element: Target = { expr: ".", present: "true", label: `${target.label}[]` };
      return [
        and([
          `(${value} | type) == "array"`,
          ...items.map((item) => `any(${value}[]; ${predicate(item, element, context)})`),
        ]),
      ];
    }
    case "$jwt": {
      const parts = [`(${value} | is_jwt)`];
      if (spec.$verify === true) throw new NotCheckable();
      if (isPlainObject(spec.$jwt)) {
        parts.push(
          predicate(spec.$jwt, derived(target, `(${value} | jwt_payload)`, ".$jwt"), context),
        );
      }
      if (isPlainObject(spec.$header)) {
        parts.push(
          predicate(spec.$header, derived(target, `(${value} | jwt_header)`, ".$header"), context),
        );
      }
      return [and(parts)];
    }
    default: // $exact is the object's; $header and $verify belong to $jwt.
      return [];
  }
}

/**
 * The checks of one expected value at `target`, one per leaf, parents
 * first. A check whose filter fails or errors (e.g. reading a member of a
 * string) means the expectation does not hold.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BODY, expectationChecks } from "./jq.ts";
 * const context = { template: () => ({ jq: "$device.DeviceKey", isString: true }) };
 * const checks = expectationChecks({
 *   AuthenticationResult: {
 *     TokenType: "Bearer",
 *     RefreshToken: { $exists: false },
 *   },
 * }, BODY, context);
 * assert.deepEqual(checks, [
 *   { filter: '(.AuthenticationResult | type) == "object"', description: "AuthenticationResult: an object" },
 *   { filter: '.AuthenticationResult.TokenType == "Bearer"', description: 'AuthenticationResult.TokenType == "Bearer"' },
 *   {
 *     filter: '((.AuthenticationResult | has("RefreshToken")) | not)',
 *     description: 'AuthenticationResult.RefreshToken: {"$exists":false}',
 *   },
 * ]);
 * ```
 */
export function expectationChecks(expected: unknown, target: Target, context: JqContext): Check[] {
  const checks: Check[] = [];
  const add = (filter: string, description: string) =>
    checks.push({ filter: tidy(filter), description });
  const one = (filter: () => string, description: string) => {
    try {
      add(filter(), description);
    } catch (error) {
      if (!(error instanceof NotCheckable)) throw error;
      checks.push({ notChecked: `${description} (it holds $verify, a JWT signature check)` });
    }
  };
  const walk = (node: unknown, at: Target): void => {
    if (isTemplate(node) || !(Array.isArray(node) || isPlainObject(node))) {
      return one(() => predicate(node, at, context), `${at.label} == ${shown(node)}`);
    }
    if (Array.isArray(node)) {
      add(
        and([
          `(${group(at.expr)} | type) == "array"`,
          `(${group(at.expr)} | length) == ${node.length}`,
        ]),
        `${at.label}: a list of ${node.length}`,
      );
      node.forEach((item, index) => walk(item, itemTarget(at, index)));
      return;
    }
    const plain = Object.keys(node).filter((key) => !key.startsWith("$"));
    const structural = plain.length > 0 || node.$exact === true || Object.keys(node).length === 0;
    if (structural && (plain.length === 0 || plain.some((key) => !isStrict(node[key], context)))) {
      add(`(${group(at.expr)} | type) == "object"`, `${at.label}: an object`);
    }
    for (const key of Object.keys(node)) {
      if (!key.startsWith("$") || key === "$exact" || key === "$header" || key === "$verify") {
        continue;
      }
      const matcher = { [key]: node[key] };
      if (key === "$jwt") walkJwt(node, at);
      else one(() => predicate(matcher, at, context), `${at.label}: ${shown(matcher)}`);
    }
    if (node.$exact === true) add(exactTest(plain, at), `${at.label}: no keys but ${shown(plain)}`);
    for (const key of plain) walk(node[key], memberTarget(at, key));
  };
  const walkJwt = (node: Record<string, unknown>, at: Target): void => {
    add(`(${group(at.expr)} | is_jwt)`, `${at.label}: a JWT`);
    const parts: Array<[string, string]> = [["$jwt", "jwt_payload"], ["$header", "jwt_header"]];
    for (const [key, decoder] of parts) {
      if (isPlainObject(node[key])) {
        walk(node[key], derived(at, `(${group(at.expr)} | ${decoder})`, `.${key}`));
      }
    }
    if (node.$verify === true) {
      checks.push({
        notChecked: `${at.label}: $verify (the JWT's signature against the pool's JWKS; ` +
          "the run command checks it)",
      });
    }
  };
  walk(expected, target);
  return checks;
}

/**
 * Whether the check of a member fails by itself when its parent is no
 * object, so that the parent needs no check of its own. jq's `null |
 * has(k)` is false, and `null | .k` is null, so what can hold on a missing
 * value is not: `null`, a template that is not a string, and matcher objects
 * of only `$not`, `$oneOf`, `$exists: false` and `$type: "null"`.
 */
function isStrict(node: unknown, context: JqContext): boolean {
  if (node === null) return false;
  if (isTemplate(node)) return context.template(node).isString;
  if (!isPlainObject(node)) return true;
  const keys = Object.keys(node);
  if (keys.length === 0 || keys.some((key) => !key.startsWith("$"))) return true;
  return keys.some((key) =>
    !(key === "$not" || key === "$oneOf" || (key === "$exists" && node[key] === false) ||
      (key === "$type" && node[key] === "null"))
  );
}

/** Drops the redundant `(. | …)` around the body itself. */
function tidy(filter: string): string {
  return filter.replaceAll("(. | ", "(");
}
