/**
 * The secret registry and the key names it knows: the values of a run to
 * mask, and a matcher that finds them inside any string. See `redact.ts`,
 * which re-exports everything public here.
 */

import { AnchorIndex, isMask } from "./_anchor_index.ts";

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
const JWT_SHAPE =
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;
const JSON_PAIR = /"([A-Za-z_][\w-]*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
/** Strings shorter than this hold neither a JWT nor a `"key":"value"` pair. */
const SHORTEST_PAIR = 7;
/** The shortest JWT shape: `eyJ`, 8 characters, `.`, 8 characters, `.`. */
const SHORTEST_JWT = 21;
/** The memo of key names is cleared when it holds this many (names are few: it rarely is). */
const MEMO_ENTRIES = 4096;
/**
 * The memo of texts is cleared when it holds this many: texts that repeat
 * (header values, names, identifiers) come back soon, and the others (dates,
 * request ids) should not be kept alive long.
 */
const MEMO_TEXTS = 512;
/** Longer strings are masked without being remembered (bodies of error pages, …). */
const MEMO_LONGEST = 2048;

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
 * How values under a key name are treated: `"search"` (masked, and searched
 * for in every other string), `"key-only"` (masked where they sit) or
 * `false` (not secret); see {@linkcode SecretRegistry.keyKind}.
 */
export type KeyKind = "search" | "key-only" | false;

/**
 * What redaction needs to know of a key name; see
 * {@linkcode SecretRegistry.keyInfo}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SecretRegistry } from "./redact.ts";
 * const registry = new SecretRegistry();
 * const info = registry.keyInfo("RefreshToken");
 * assert.equal(info.kind, "search");
 * assert.deepEqual(info.secret, { label: "RefreshToken", search: true });
 * assert.equal(registry.keyInfo("ChallengeName").secret, undefined);
 * // A key name can hold a secret too (a map keyed by tokens): its masked form follows the registry.
 * assert.equal(registry.keyInfo("by-s3cr3t-value").masked, "by-s3cr3t-value");
 * registry.add("s3cr3t-value", "Token");
 * assert.equal(registry.keyInfo("by-s3cr3t-value").masked, "by-«secret:Token#1»");
 * ```
 */
export interface KeyInfo {
  /** How values under the key are treated. */
  readonly kind: KeyKind;
  /** The key name with every known secret in it masked. */
  readonly masked: string;
  /** For a secret key: the label of its values' masks, and whether they are searched for elsewhere. */
  readonly secret: { readonly label: string; readonly search: boolean } | undefined;
}

/** A {@linkcode KeyInfo} and the number of indexed forms its `masked` was made with. */
interface KeyMemo extends KeyInfo {
  masked: string;
  forms: number;
}

/**
 * The set of concrete secret values seen during a run, with a precompiled
 * matcher that replaces every occurrence of them inside a string.
 *
 * One registry serves a whole run: the runner adds user passwords, client
 * secrets and the results of secret template functions as it renders them,
 * and {@linkcode redactEvent} adds every value found under a secret key.
 * Its `size` only grows, so it also tells whether a masked copy made
 * earlier is still complete.
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
 * // Masks are inert: masking again changes nothing, and a mask is no secret.
 * assert.equal(registry.mask("login with «secret:password#1» failed"), "login with «secret:password#1» failed");
 * assert.equal(registry.add("«secret:password#1»", "PASSWORD"), "«secret:password#1»");
 * assert.equal(registry.size, 1);
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
  /** Key names (they repeat in every event) → their kind and masked form. */
  #keys = new Map<string, KeyMemo>();
  /** Text already learned from → its masked form, valid until a new searchable form is indexed. */
  #masked = new Map<string, string>();

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
  keyKind(name: string): KeyKind {
    return this.keyInfo(name).kind;
  }

  /** What redaction needs to know of a key name, remembered per name (names repeat in every event). */
  keyInfo(name: string): KeyInfo {
    let memo = this.#keys.get(name);
    if (memo === undefined) {
      const kind = this.#classify(name);
      const secret = kind === false ? undefined : { label: name, search: kind === "search" };
      memo = { kind, masked: this.mask(name), forms: this.#index.size, secret };
      if (this.#keys.size >= MEMO_ENTRIES) this.#keys.clear();
      this.#keys.set(name, memo);
    } else if (memo.forms !== this.#index.size) {
      memo.masked = this.mask(name);
      memo.forms = this.#index.size;
    }
    return memo;
  }

  #classify(name: string): KeyKind {
    if (this.#secretKeys.has(name)) return "search";
    const normalized = normalizeKey(name);
    if (this.#secretKeys.has(normalized)) return "search";
    return this.#keyOnly.has(normalized) ? "key-only" : false;
  }

  /**
   * Remembers a secret value and returns its mask. Adding a known value again
   * returns the mask it already has, whatever the label; a value that is
   * itself a mask is not remembered and comes back as it is. The
   * JSON-escaped and URL-encoded forms of the value, and the payload and
   * signature parts of a JWT, are searched for too.
   */
  add(value: string, label = "secret"): string {
    const known = this.#values.get(value);
    if (known !== undefined) return known;
    if (isMask(value)) return value;
    const clean = label.replace(/[«»#\s]/g, "") || "secret";
    const n = (this.#counters.get(clean) ?? 0) + 1;
    this.#counters.set(clean, n);
    const mask = `«secret:${clean}#${n}»`;
    this.#values.set(value, mask);
    let indexed = false;
    for (const form of searchableForms(value)) {
      if (form.length >= this.#minLength) indexed = this.#index.add(form, mask) || indexed;
    }
    if (indexed) this.#masked.clear();
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

  /** Replaces every occurrence of every known secret inside `text`; masks in it stay as they are. */
  mask(text: string): string {
    if (text.length < this.#minLength) return text;
    return this.#index.replace(text);
  }

  /**
   * Learns the secrets that `text` shows by their shape — JWTs, and
   * `"Key":"value"` pairs of secret keys in raw JSON — then masks it like
   * {@linkcode SecretRegistry.mask}. The result is remembered per text
   * until a new secret is learned, so a text seen again costs a look-up.
   */
  learnAndMask(text: string): string {
    if (text.length < SHORTEST_PAIR) return this.mask(text);
    // Most strings of an event (header values, names, ids) are shorter than every known secret
    // and show no secret by their shape: nothing to learn or mask, no memo to look up.
    if (
      text.length < this.#index.shortest && !text.includes('":') &&
      (text.length < SHORTEST_JWT || !text.includes("eyJ"))
    ) {
      return text;
    }
    if (text.length > MEMO_LONGEST) {
      learnFromText(text, this);
      return this.mask(text);
    }
    let masked = this.#masked.get(text);
    if (masked === undefined) {
      learnFromText(text, this);
      masked = this.mask(text);
      if (this.#masked.size >= MEMO_TEXTS) this.#masked.clear();
      this.#masked.set(text, masked);
    }
    return masked;
  }
}

/** Characters that JSON escapes inside a string (control characters, quotes, surrogates). */
// deno-lint-ignore no-control-regex
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Characters that `encodeURIComponent` keeps as they are. */
const URL_SAFE = /^[A-Za-z0-9\-_.!~*'()]*$/;

/** The value and the other forms it may be written in (computed only where they differ). */
function searchableForms(value: string): string[] {
  const forms = [value];
  if (JSON_ESCAPED.test(value)) forms.push(JSON.stringify(value).slice(1, -1));
  if (!URL_SAFE.test(value)) {
    try {
      forms.push(encodeURIComponent(value));
    } catch {
      // A lone surrogate cannot be URL-encoded; the other forms still apply.
    }
  }
  if (value.startsWith("eyJ")) {
    const segments = value.split(".");
    if (segments.length === 3 || segments.length === 5) {
      // Header segments are shared by many tokens and say nothing; the rest is the token.
      forms.push(...segments.slice(1).filter((segment) => segment.length >= 16));
    }
  }
  return forms;
}

/** Finds secrets that no key carried: JWT-shaped strings and secret pairs in raw JSON text. */
function learnFromText(text: string, registry: SecretRegistry): void {
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
