/**
 * Secret masking, applied by the runner to every event before a reporter sees
 * it (unless the user asked for `--show-secrets`).
 *
 * Two layers work together:
 *
 * 1. **By key name.** A value stored under a secret key (`PASSWORD`,
 *    `AccessToken`, `SRP_A`, `Authorization`, …; see {@linkcode SECRET_KEYS})
 *    anywhere in a body, a header map or an expected/actual value is masked,
 *    and remembered in the {@linkcode SecretRegistry}. Key names are compared
 *    without case, `_` or `-`, so `SECRET_HASH` also covers `SecretHash` and
 *    `REFRESH_TOKEN` covers `RefreshToken`.
 * 2. **By value.** Every remembered value (plus the ones the runner adds
 *    itself: user passwords, client secrets, results of secret template
 *    functions) is replaced wherever it occurs inside any string of the event:
 *    failure messages, diffs, raw text bodies, header values. JWT-shaped
 *    strings and `"Key": "value"` pairs inside raw JSON text are found and
 *    remembered too, so a token embedded in a longer string is masked even if
 *    no secret key carried it.
 *
 * The mask is `«secret:<label>#<n>»`: the label is the key name (or the
 * runner's label) under which the value was first seen, and `n` counts the
 * distinct values of that label in the run. It says which secret it was and
 * whether two masks hide the same value, and carries no part of the value.
 *
 * @module
 */

import type { RunEvent } from "./events.ts";

/**
 * Key names whose values are secret, as they appear on the wire. Matching
 * ignores case, `_` and `-` (so the list also covers `SecretHash`,
 * `REFRESH_TOKEN`, `x-amz-security-token`, …), except for `Code`, which is
 * matched exactly so that the lower-case `code` of SDK error bodies stays
 * readable. Device keys, device group keys and usernames are not secret.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SECRET_KEYS, SecretRegistry } from "./redact.ts";
 * assert.ok(SECRET_KEYS.includes("SECRET_HASH"));
 * const registry = new SecretRegistry();
 * assert.equal(registry.keyKind("SecretHash"), "search");
 * assert.equal(registry.keyKind("DEVICE_KEY"), false);
 * ```
 */
export const SECRET_KEYS: readonly string[] = [
  // Passwords.
  "PASSWORD",
  "NEW_PASSWORD",
  "PreviousPassword",
  "ProposedPassword",
  "TemporaryPassword",
  "DevicePassword",
  // Tokens and sessions.
  "AccessToken",
  "IdToken",
  "RefreshToken",
  "Token",
  "Session",
  "SessionToken",
  // Client secrets and AWS credentials.
  "SECRET_HASH",
  "ClientSecret",
  "SecretAccessKey",
  // SRP and device SRP.
  "SRP_A",
  "SRP_B",
  "SECRET_BLOCK",
  "PASSWORD_CLAIM_SECRET_BLOCK",
  "PASSWORD_CLAIM_SIGNATURE",
  "PasswordVerifier",
  "Salt",
  // One-time codes.
  "SecretCode",
  "UserCode",
  "SOFTWARE_TOKEN_MFA_CODE",
  "SMS_MFA_CODE",
  "EMAIL_MFA_CODE",
  "ConfirmationCode",
  "Code",
  // Headers.
  "Authorization",
  "Proxy-Authorization",
  "X-Amz-Security-Token",
  "Cookie",
  "Set-Cookie",
];

/**
 * Secret keys whose values are masked where they sit but not searched for
 * elsewhere, because their values are often ordinary words: a custom-challenge
 * `ANSWER` may be an OTP or `SOFTWARE_TOKEN_MFA`, and masking the latter
 * everywhere would hide challenge names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactValue, SecretRegistry } from "./redact.ts";
 * const masked = redactValue({ ANSWER: "SMS_MFA", ChallengeName: "SMS_MFA" }, new SecretRegistry());
 * assert.deepEqual(masked, { ANSWER: "«secret:ANSWER»", ChallengeName: "SMS_MFA" });
 * ```
 */
export const KEY_ONLY_SECRET_KEYS: readonly string[] = ["ANSWER"];

const EXACT_KEYS = new Set(["Code"]);
const MATCHER_OPERATOR = /^\$[a-zA-Z]+$/;
const JWT_SHAPE =
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;
const JSON_PAIR = /"([A-Za-z_][\w-]*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const PATH_TAIL = /(?:\.([A-Za-z_$][\w$-]*)|\[\s*["']([^"']+)["']\s*\])(?:\[\d+\])*$/;

function normalizeKey(name: string): string {
  return name.replace(/[-_]/g, "").toLowerCase();
}

/**
 * Options for {@linkcode SecretRegistry}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SecretRegistry } from "./redact.ts";
 * const registry = new SecretRegistry({ minLength: 4, extraKeys: ["X-Api-Key"] });
 * registry.add("1234", "SMS_MFA_CODE");
 * assert.equal(registry.mask("code 1234"), "code «secret:SMS_MFA_CODE#1»");
 * assert.equal(registry.keyKind("x-api-key"), "search");
 * ```
 */
export interface SecretRegistryOptions {
  /**
   * Values shorter than this are masked only where they sit under a secret
   * key, never searched for inside other strings (a 2-character value would
   * otherwise mask half the report).
   * @default 6
   */
  minLength?: number;
  /** Extra key names to treat as secret, matched like {@linkcode SECRET_KEYS}. @default [] */
  extraKeys?: readonly string[];
}

/**
 * The set of concrete secret values seen during a run, with a precompiled
 * matcher that replaces every occurrence of them inside a string.
 *
 * One registry serves a whole run: the runner adds user passwords, client
 * secrets and the results of secret template functions as it renders them,
 * and {@linkcode redactEvent} adds every value found under a secret key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SecretRegistry } from "./redact.ts";
 * const registry = new SecretRegistry();
 * const mask = registry.add("Passw0rd!Passw0rd", "password");
 * assert.equal(mask, "«secret:password#1»");
 * assert.equal(registry.mask("login with Passw0rd!Passw0rd failed"), "login with «secret:password#1» failed");
 * assert.equal(registry.add("Passw0rd!Passw0rd", "PASSWORD"), mask); // same value, same mask
 * assert.ok(registry.has("Passw0rd!Passw0rd"));
 * ```
 */
export class SecretRegistry {
  #minLength: number;
  #secretKeys: Set<string>;
  #keyOnly: Set<string>;
  /** Every searchable form of every value, with its mask. */
  #index: AnchorIndex;
  /** The values themselves → their mask (short ones included). */
  #values = new Map<string, string>();
  #counters = new Map<string, number>();

  /** Creates an empty registry. */
  constructor(options: SecretRegistryOptions = {}) {
    this.#minLength = Math.max(1, options.minLength ?? 6);
    this.#index = new AnchorIndex(this.#minLength);
    const exactOrNormalized = (name: string) => EXACT_KEYS.has(name) ? name : normalizeKey(name);
    this.#secretKeys = new Set(
      [...SECRET_KEYS, ...(options.extraKeys ?? [])].map(exactOrNormalized),
    );
    this.#keyOnly = new Set(KEY_ONLY_SECRET_KEYS.map(normalizeKey));
  }

  /** How many distinct secret values are known. */
  get size(): number {
    return this.#values.size;
  }

  /**
   * Whether values under this key name are secret: `"search"` when they are
   * also searched for elsewhere, `"key-only"` when only masked in place, or
   * `false`.
   */
  keyKind(name: string): "search" | "key-only" | false {
    if (this.#secretKeys.has(name)) return "search";
    const normalized = normalizeKey(name);
    if (this.#secretKeys.has(normalized)) return "search";
    return this.#keyOnly.has(normalized) ? "key-only" : false;
  }

  /**
   * Remembers a secret value and returns its mask. Adding a known value again
   * returns the mask it already has, whatever the label. The JSON-escaped
   * and URL-encoded forms of the value, and the payload and signature parts
   * of a JWT, are searched for too.
   */
  add(value: string, label = "secret"): string {
    const known = this.#values.get(value);
    if (known !== undefined) return known;
    const clean = label.replace(/[«»#\s]/g, "") || "secret";
    const n = (this.#counters.get(clean) ?? 0) + 1;
    this.#counters.set(clean, n);
    const mask = `«secret:${clean}#${n}»`;
    this.#values.set(value, mask);
    for (const form of searchableForms(value)) {
      if (form.length >= this.#minLength) this.#index.add(form, mask);
    }
    return mask;
  }

  /** The mask of a known value, or `undefined`. */
  maskOf(value: string): string | undefined {
    return this.#values.get(value);
  }

  /**
   * Whether `value` is a known secret; fits the template renderer's
   * `isSecret` option, as `add` fits its `onSecret`.
   */
  has(value: unknown): boolean {
    return typeof value === "string" && this.#values.has(value);
  }

  /** Replaces every occurrence of every known secret inside `text`. */
  mask(text: string): string {
    return this.#index.replace(text);
  }
}

/**
 * A multi-string matcher whose cost per scanned character does not grow with
 * the number of secrets (one big regular expression does: recompiling it per
 * new token made a 1000-token run take minutes). Each form is indexed by a
 * rolling hash of its last `anchor` characters; a scan rolls the same hash
 * over the text, checks a bit table, and verifies the rare hits.
 */
class AnchorIndex {
  static readonly #BASE = 0x01000193;
  readonly #anchor: number;
  /** BASE^anchor mod 2^32, to roll the oldest character out of the window. */
  readonly #drop: number;
  readonly #filter = new Uint8Array(1 << 16);
  readonly #byHash = new Map<number, string[]>();
  readonly #masks = new Map<string, string>();

  constructor(anchor: number) {
    this.#anchor = anchor;
    let drop = 1;
    for (let i = 0; i < anchor; i++) drop = Math.imul(drop, AnchorIndex.#BASE);
    this.#drop = drop;
  }

  add(form: string, mask: string): void {
    if (this.#masks.has(form)) return;
    this.#masks.set(form, mask);
    let hash = 0;
    for (let i = form.length - this.#anchor; i < form.length; i++) {
      hash = (Math.imul(hash, AnchorIndex.#BASE) + form.charCodeAt(i)) | 0;
    }
    this.#filter[slot(hash)] = 1;
    const forms = this.#byHash.get(hash);
    if (forms === undefined) this.#byHash.set(hash, [form]);
    else forms.push(form);
  }

  replace(text: string): string {
    if (this.#masks.size === 0 || text.length < this.#anchor) return text;
    const found: Array<{ start: number; end: number; form: string }> = [];
    let hash = 0;
    for (let i = 0; i < text.length; i++) {
      hash = (Math.imul(hash, AnchorIndex.#BASE) + text.charCodeAt(i)) | 0;
      if (i >= this.#anchor) {
        hash = (hash - Math.imul(text.charCodeAt(i - this.#anchor), this.#drop)) | 0;
      }
      if (i + 1 < this.#anchor || this.#filter[slot(hash)] === 0) continue;
      for (const form of this.#byHash.get(hash) ?? []) {
        const start = i + 1 - form.length;
        if (start >= 0 && text.startsWith(form, start)) found.push({ start, end: i + 1, form });
      }
    }
    if (found.length === 0) return text;
    // Leftmost, then longest: a token wins over its own payload segment.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = "";
    let at = 0;
    for (const { start, end, form } of found) {
      if (end <= at) continue;
      // An occurrence overlapping the previous one swallows the rest of it, so no tail leaks.
      if (start > at) out += text.slice(at, start);
      out += this.#masks.get(form);
      at = end;
    }
    return out + text.slice(at);
  }
}

function slot(hash: number): number {
  return (hash ^ (hash >>> 16)) & 0xffff;
}

function searchableForms(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1)];
  try {
    forms.push(encodeURIComponent(value));
  } catch {
    // A lone surrogate cannot be URL-encoded; the other forms still apply.
  }
  const segments = value.split(".");
  if ((segments.length === 3 || segments.length === 5) && value.startsWith("eyJ")) {
    // Header segments are shared by many tokens and say nothing; the rest is the token.
    forms.push(...segments.slice(1).filter((segment) => segment.length >= 16));
  }
  return forms;
}

/**
 * Options for {@linkcode redactEvent} and {@linkcode redactValue}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactValue, SecretRegistry } from "./redact.ts";
 * const value = { PASSWORD: "Passw0rd!" };
 * assert.equal(redactValue(value, new SecretRegistry(), { showSecrets: true }), value);
 * ```
 */
export interface RedactOptions {
  /** Leave every value as it is (`--show-secrets`). @default false */
  showSecrets?: boolean;
}

/**
 * Masks the secrets of one run event (see the module doc for the two layers)
 * and returns the masked copy; the input is never changed, and parts without
 * secrets are shared with it. Values found under secret keys are added to
 * `registry` first, so they are also masked wherever else they appear in this
 * and every later event.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactEvent, SecretRegistry } from "./redact.ts";
 * import type { RunEvent } from "./events.ts";
 * const scenario = { id: "a.yaml", name: "a", file: "a.yaml", tags: [] };
 * const event: RunEvent = {
 *   type: "step:end",
 *   scenario,
 *   step: {
 *     index: 0, name: "sign in", call: "InitiateAuth", outcome: "failed", durationMs: 5,
 *     exchanges: [{
 *       request: {
 *         method: "POST", url: "http://127.0.0.1:1/", headers: {},
 *         body: { AuthParameters: { USERNAME: "alice", PASSWORD: "hunter2hunter2" } },
 *       },
 *       durationMs: 4,
 *     }],
 *     failures: [{ kind: "transport", message: "connection reset while sending hunter2hunter2" }],
 *   },
 * };
 * const masked = redactEvent(event, new SecretRegistry());
 * assert.ok(masked.type === "step:end");
 * const body = masked.step.exchanges[0]!.request.body as { AuthParameters: Record<string, string> };
 * assert.equal(body.AuthParameters.PASSWORD, "«secret:PASSWORD#1»");
 * assert.equal(body.AuthParameters.USERNAME, "alice");
 * assert.equal(masked.step.failures[0]!.message, "connection reset while sending «secret:PASSWORD#1»");
 * ```
 */
export function redactEvent(
  event: RunEvent,
  registry: SecretRegistry,
  options: RedactOptions = {},
): RunEvent {
  return redactValue(event, registry, options);
}

/**
 * Masks the secrets of any JSON-like value with the rules of
 * {@linkcode redactEvent}: handy for a rendered request printed by a dry run
 * or an error message that never became an event.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactValue, SecretRegistry } from "./redact.ts";
 * const registry = new SecretRegistry();
 * const masked = redactValue({ Session: "AYABeEv5HklEXAMPLE", ChallengeName: "PASSWORD_VERIFIER" }, registry);
 * assert.deepEqual(masked, { Session: "«secret:Session#1»", ChallengeName: "PASSWORD_VERIFIER" });
 * assert.deepEqual(redactValue({ Session: "x" }, registry, { showSecrets: true }), { Session: "x" });
 * ```
 */
export function redactValue<T>(value: T, registry: SecretRegistry, options: RedactOptions = {}): T {
  if (options.showSecrets) return value;
  const keyOnly = collect(value, registry, undefined);
  if (registry.size === 0 && !keyOnly) return value;
  return transform(value, registry, undefined) as T;
}

/** Which secret, if any, the value being walked sits under. */
type Context = { label: string; search: boolean } | undefined;

function contextFor(key: string, registry: SecretRegistry, inherited: Context): Context {
  if (inherited !== undefined) {
    // Inside a secret, matcher operators (`$match`, `$exists`, …) hold patterns, not values.
    return MATCHER_OPERATOR.test(key) ? undefined : inherited;
  }
  const kind = registry.keyKind(key);
  return kind === false ? undefined : { label: key, search: kind === "search" };
}

/** Expected and actual values of a failure take their key from the tail of its `path`. */
function failureContext(failure: Record<string, unknown>, registry: SecretRegistry): Context {
  const path = failure.path;
  if (typeof path !== "string") return undefined;
  const tail = PATH_TAIL.exec(path);
  const key = tail?.[1] ?? tail?.[2];
  return key === undefined ? undefined : contextFor(key, registry, undefined);
}

function isFailureList(key: string, value: unknown): value is Record<string, unknown>[] {
  return key === "failures" && Array.isArray(value);
}

/** Adds every secret of `value` to the registry; true when a key-only secret needs masking. */
function collect(value: unknown, registry: SecretRegistry, context: Context): boolean {
  if (typeof value === "string" || typeof value === "number") {
    if (context === undefined) {
      if (typeof value === "string") collectFromText(value, registry);
      return false;
    }
    if (context.search) registry.add(String(value), context.label);
    return !context.search;
  }
  let keyOnly = false;
  if (Array.isArray(value)) {
    for (const item of value) keyOnly = collect(item, registry, context) || keyOnly;
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (isFailureList(key, child)) {
        for (const failure of child) keyOnly = collectFailure(failure, registry) || keyOnly;
      } else {
        keyOnly = collect(child, registry, contextFor(key, registry, context)) || keyOnly;
      }
    }
  }
  return keyOnly;
}

function collectFailure(failure: unknown, registry: SecretRegistry): boolean {
  if (typeof failure !== "object" || failure === null) return collect(failure, registry, undefined);
  const record = failure as Record<string, unknown>;
  const context = failureContext(record, registry);
  let keyOnly = false;
  for (const [key, child] of Object.entries(record)) {
    const isValue = key === "expected" || key === "actual";
    keyOnly = collect(child, registry, isValue ? context : contextFor(key, registry, undefined)) ||
      keyOnly;
  }
  return keyOnly;
}

/** Finds secrets that no key carried: JWT-shaped strings and secret pairs in raw JSON text. */
function collectFromText(text: string, registry: SecretRegistry): void {
  if (text.includes("eyJ")) {
    for (const [token] of text.matchAll(JWT_SHAPE)) registry.add(token, "jwt");
  }
  if (text.includes('":')) {
    for (const [, key, escaped] of text.matchAll(JSON_PAIR)) {
      if (registry.keyKind(key!) === "search" && escaped !== "") {
        registry.add(unescapeJson(escaped!), key!);
      }
    }
  }
}

function unescapeJson(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}

function maskInPlace(value: unknown, registry: SecretRegistry, context: Context & object): unknown {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return value;
  if (!context.search) return `«secret:${context.label}»`;
  return registry.maskOf(text) ?? registry.add(text, context.label);
}

function transform(value: unknown, registry: SecretRegistry, context: Context): unknown {
  if (typeof value === "string" || typeof value === "number") {
    if (context !== undefined) return maskInPlace(value, registry, context);
    return typeof value === "string" ? registry.mask(value) : value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = transform(item, registry, context);
      changed ||= next !== item;
      return next;
    });
    return changed ? items : value;
  }
  if (typeof value !== "object" || value === null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, child]): [string, unknown] => {
    const maskedKey = registry.mask(key);
    const next = isFailureList(key, child)
      ? transformFailures(child, registry)
      : transform(child, registry, contextFor(key, registry, context));
    changed ||= next !== child || maskedKey !== key;
    return [maskedKey, next];
  });
  return changed ? Object.fromEntries(entries) : value;
}

function transformFailures(failures: unknown[], registry: SecretRegistry): unknown[] {
  let changed = false;
  const next = failures.map((failure) => {
    const masked = transformFailure(failure, registry);
    changed ||= masked !== failure;
    return masked;
  });
  return changed ? next : failures;
}

function transformFailure(failure: unknown, registry: SecretRegistry): unknown {
  if (typeof failure !== "object" || failure === null) {
    return transform(failure, registry, undefined);
  }
  const record = failure as Record<string, unknown>;
  const context = failureContext(record, registry);
  let changed = false;
  const entries = Object.entries(record).map(([key, child]): [string, unknown] => {
    const isValue = key === "expected" || key === "actual";
    const next = transform(
      child,
      registry,
      isValue ? context : contextFor(key, registry, undefined),
    );
    changed ||= next !== child;
    return [key, next];
  });
  return changed ? Object.fromEntries(entries) : failure;
}
