/**
 * The normaliser of differential runs: what two targets' answers to the same
 * request are reduced to before they are compared, so that only differences
 * of behaviour remain — not the values every run makes up anew.
 *
 * A response becomes a {@linkcode NormalisedResponse}: its status, the
 * response headers the rules name, and its body as a tree of
 * {@linkcode NormalisedNode}s. The rules ({@linkcode NormaliseRules}; the
 * defaults are {@linkcode DEFAULT_NORMALISE_RULES}) say
 *
 * - **ignore**: body paths left out on both sides;
 * - **opaque**: body paths compared by JSON type only (SRP values, sessions,
 *   pagination tokens, dates);
 * - **tokens**: JWTs are compared by the names and JSON types of their
 *   header members and claims, never by value; encrypted tokens (JWE) by
 *   their header;
 * - **placeholders**: substrings (ids, device keys, uuids, URLs, times)
 *   replaced by `<name#n>`, numbered per side in the order they first
 *   appear, so "the same device key as before" still compares equal and "a
 *   new one" does not;
 * - **headers**: which response headers are compared, and how.
 *
 * Paths use the patterns of `paths.ts` (`$..Session`, `$.Devices[*].DeviceKey`,
 * `$..*Date`). Rules files for `diff --normalise` are read by
 * `rules_file.ts`.
 *
 * @module
 */

import type { RecordedResponse } from "../runner/mod.ts";
import { compiled, node, placeholders } from "./_walk.ts";

/** A substring rule: every match of `pattern` becomes `<name#n>` (or `<name>`). */
export interface PlaceholderRule {
  /** The placeholder's name, e.g. `device-key`; a later rule of the same name replaces it. */
  name: string;
  /** A regular expression (JavaScript syntax) matched anywhere in a string. */
  pattern: string;
  /** Regular expression flags besides `g`. @default {""} */
  flags?: string;
  /** Only strings at paths matching this pattern. @default {every string} */
  at?: string;
  /**
   * Number the distinct values per side (`<uuid#1>`, `<uuid#2>`). Off for
   * values that are distinct on every call anyway, such as times.
   * @default true
   */
  numbered?: boolean;
}

/**
 * How a response header is compared: `"value"` (after placeholders),
 * `"presence"` (only whether it is there), or `{ capture }` (the first group
 * of a regular expression, e.g. the media type without parameters).
 */
export type HeaderRule = "value" | "presence" | { capture: string };

/** What the normaliser does; see the module doc. */
export interface NormaliseRules {
  /** Body paths left out on both sides before comparing. */
  ignore: readonly string[];
  /** Body paths compared by JSON type only. */
  opaque: readonly string[];
  /** Substring rules, applied in order to every string outside opaque paths. */
  placeholders: readonly PlaceholderRule[];
  /** Decode JWTs (3 segments) and JWEs (5 segments) wherever a string is one. */
  tokens: boolean;
  /** The response headers compared (names in lower case), and how. */
  headers: Readonly<Record<string, HeaderRule>>;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d";

/**
 * The default rules. Every entry says why it is there:
 *
 * - opaque `$..Session`, `$..SRP_B`, `$..SALT`, `$..SECRET_BLOCK`,
 *   `$..*SIGNATURE`: challenge state and SRP values, random per sign-in;
 * - opaque `$..PaginationToken`, `$..NextToken`: paging tokens, opaque by
 *   contract;
 * - opaque `$..SecretCode`: a TOTP secret, random;
 * - opaque `$..*Date`: `DeviceCreateDate`, `UserLastModifiedDate`, … (epoch
 *   seconds, the time of the run);
 * - opaque `$.epochSeconds`, `$.offsetSeconds`: the mock's clock, as its
 *   `/_mock/clock` control steps answer;
 * - placeholders, in this order: `device-key` (`<region>_<uuid>`),
 *   `device-group-key` (the value of `DeviceGroupKey`), `pool-id`
 *   (`<region>_<id>`), `pool-name` (the runner's `cognito-conformance-<hex>`), `uuid` (subs, event ids, request ids in bodies),
 *   `client-id` (26 lower-case letters and digits), `origin` (the
 *   `scheme://host:port` of the target, as in `iss`), and `time` (ISO 8601
 *   times, not numbered);
 * - tokens: decoded (claim names and types);
 * - headers: `content-type` by its media type, `x-amzn-errortype` by the
 *   error name before any `:`, `x-amzn-requestid` by presence.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_NORMALISE_RULES, normaliseBody } from "./normalise.ts";
 * assert.ok(DEFAULT_NORMALISE_RULES.opaque.includes("$..SRP_B"));
 * const body = {
 *   NewDeviceMetadata: { DeviceKey: "us-east-1_1de9663a-8edd-4972-b2bd-662827c76076", DeviceGroupKey: "-tbjyaMCh" },
 *   ChallengeParameters: { SRP_B: "9f3a…" },
 * };
 * assert.deepEqual(normaliseBody(body), {
 *   kind: "object",
 *   members: {
 *     ChallengeParameters: { kind: "object", members: { SRP_B: { kind: "opaque", type: "string" } } },
 *     NewDeviceMetadata: {
 *       kind: "object",
 *       members: {
 *         DeviceGroupKey: { kind: "value", value: "<device-group-key#1>" },
 *         DeviceKey: { kind: "value", value: "<device-key#1>" },
 *       },
 *     },
 *   },
 * });
 * ```
 */
export const DEFAULT_NORMALISE_RULES: NormaliseRules = Object.freeze({
  ignore: Object.freeze([]),
  opaque: Object.freeze([
    "$..Session",
    "$..SRP_B",
    "$..SALT",
    "$..SECRET_BLOCK",
    "$..*SIGNATURE",
    "$..PaginationToken",
    "$..NextToken",
    "$..SecretCode",
    "$..*Date",
    "$.epochSeconds",
    "$.offsetSeconds",
  ]),
  placeholders: Object.freeze([
    { name: "device-key", pattern: `\\b${REGION}_${UUID}\\b` },
    { name: "device-group-key", pattern: "^.+$", flags: "s", at: "$..DeviceGroupKey" },
    { name: "pool-id", pattern: `\\b${REGION}_[A-Za-z0-9]+\\b` },
    { name: "pool-name", pattern: "\\bcognito-conformance-[0-9a-f]{12}\\b" },
    { name: "uuid", pattern: UUID, flags: "i" },
    { name: "client-id", pattern: "\\b[a-z0-9]{26}\\b" },
    { name: "origin", pattern: "\\bhttps?://[A-Za-z0-9.-]+(?::\\d+)?" },
    {
      name: "time",
      pattern: "\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?",
      numbered: false,
    },
  ].map((rule) => Object.freeze(rule))),
  tokens: true,
  headers: Object.freeze({
    "content-type": Object.freeze({ capture: "^\\s*([^;\\s]+)" }),
    "x-amzn-errortype": Object.freeze({ capture: "^([^:]*)" }),
    "x-amzn-requestid": "presence",
  }),
});

/** The JSON type of a value, or the format of a decoded token. */
export type NodeType =
  | "null"
  | "boolean"
  | "number"
  | "string"
  | "array"
  | "object"
  | "jwt"
  | "jwe";

/** A normalised value (see the module doc). Plain data: JSON-serialisable. */
export type NormalisedNode =
  /** A scalar, strings after placeholders. */
  | { kind: "value"; value: string | number | boolean | null }
  /** A value at an opaque path: only its JSON type counts. */
  | { kind: "opaque"; type: NodeType }
  | { kind: "array"; items: NormalisedNode[] }
  /** Members in sorted order (ignored paths left out). */
  | { kind: "object"; members: Record<string, NormalisedNode> }
  /** A decoded token: header members and (for a JWT) claims as opaque nodes. */
  | {
    kind: "token";
    format: "jwt" | "jwe";
    header: Record<string, NormalisedNode>;
    claims: Record<string, NormalisedNode>;
  };

/** A response as the comparison sees it. */
export interface NormalisedResponse {
  /** The HTTP status, or `null` when no response arrived. */
  status: number | null;
  /** The compared headers: the value the rule gives, `"present"`, or `null` when absent. */
  headers: Record<string, string | null>;
  /** The body. */
  body: NormalisedNode;
}

/**
 * The placeholder numbers of one side of one scenario: the n-th distinct
 * value of a placeholder becomes `<name#n>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PlaceholderNumbers } from "./normalise.ts";
 * const numbers = new PlaceholderNumbers();
 * assert.equal(numbers.label("uuid", "a"), "<uuid#1>");
 * assert.equal(numbers.label("uuid", "b"), "<uuid#2>");
 * assert.equal(numbers.label("uuid", "a"), "<uuid#1>");
 * ```
 */
export class PlaceholderNumbers {
  #seen = new Map<string, Map<string, number>>();

  /** The placeholder of `value` under `name`, numbered by first appearance. */
  label(name: string, value: string): string {
    let values = this.#seen.get(name);
    if (values === undefined) this.#seen.set(name, values = new Map());
    let number = values.get(value);
    if (number === undefined) values.set(value, number = values.size + 1);
    return `<${name}#${number}>`;
  }
}

/** Options of {@linkcode normaliseBody} and {@linkcode normaliseResponse}. */
export interface NormaliseOptions {
  /** The rules. @default {DEFAULT_NORMALISE_RULES} */
  rules?: NormaliseRules;
  /**
   * The placeholder numbers to continue (one per side and scenario, so a
   * value keeps its number from step to step).
   * @default {new PlaceholderNumbers()}
   */
  numbers?: PlaceholderNumbers;
}

/**
 * Normalises a response body (any JSON value, or raw text).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_NORMALISE_RULES, normaliseBody } from "./normalise.ts";
 * const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
 * const token = `${part({ alg: "RS256", kid: "k1" })}.${part({ sub: "x", exp: 1 })}.c2ln`;
 * assert.deepEqual(normaliseBody({ AccessToken: token }), {
 *   kind: "object",
 *   members: {
 *     AccessToken: {
 *       kind: "token",
 *       format: "jwt",
 *       header: { alg: { kind: "opaque", type: "string" }, kid: { kind: "opaque", type: "string" } },
 *       claims: { exp: { kind: "opaque", type: "number" }, sub: { kind: "opaque", type: "string" } },
 *     },
 *   },
 * });
 * // A rule set that ignores a path and treats another as opaque:
 * const rules = { ...DEFAULT_NORMALISE_RULES, ignore: ["$.Username"], opaque: ["$.Enabled"] };
 * assert.deepEqual(normaliseBody({ Username: "alice", Enabled: true }, { rules }), {
 *   kind: "object",
 *   members: { Enabled: { kind: "opaque", type: "boolean" } },
 * });
 * ```
 */
export function normaliseBody(body: unknown, options: NormaliseOptions = {}): NormalisedNode {
  const rules = compiled(options.rules ?? DEFAULT_NORMALISE_RULES);
  return node(body, [], rules, options.numbers ?? new PlaceholderNumbers());
}

/**
 * Normalises a recorded response (`undefined`: none arrived): the body
 * first, then the headers the rules name, with the same numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normaliseResponse } from "./normalise.ts";
 * const normalised = normaliseResponse({
 *   status: 400,
 *   headers: { "content-type": "application/x-amz-json-1.1; charset=utf-8", "x-amzn-errortype": "NotAuthorizedException:" },
 *   body: { __type: "NotAuthorizedException", message: "Invalid Refresh Token." },
 * });
 * assert.equal(normalised.status, 400);
 * assert.deepEqual(normalised.headers, {
 *   "content-type": "application/x-amz-json-1.1",
 *   "x-amzn-errortype": "NotAuthorizedException",
 *   "x-amzn-requestid": null,
 * });
 * assert.equal(normaliseResponse(undefined).status, null);
 * ```
 */
export function normaliseResponse(
  response: RecordedResponse | undefined,
  options: NormaliseOptions = {},
): NormalisedResponse {
  const rules = compiled(options.rules ?? DEFAULT_NORMALISE_RULES);
  const numbers = options.numbers ?? new PlaceholderNumbers();
  if (response === undefined) {
    return { status: null, headers: {}, body: { kind: "value", value: null } };
  }
  const body = node(response.body, [], rules, numbers);
  const lowered = new Map(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const headers: Record<string, string | null> = {};
  for (const [name, rule, capture] of rules.headers) {
    const value = lowered.get(name);
    if (value === undefined) headers[name] = null;
    else if (rule === "presence") headers[name] = "present";
    else if (capture !== undefined) headers[name] = capture.exec(value)?.[1] ?? value;
    else headers[name] = placeholders(value, [], rules, numbers);
  }
  return { status: response.status, headers, body };
}
