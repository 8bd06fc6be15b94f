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
 * Masks are inert, so redaction is idempotent: a mask already in the text is
 * never masked again (not even by a secret that happens to be part of its
 * text), and a value that is exactly a mask is never taken for a secret.
 * (So a secret that contains no `«` or `»` never needs masking twice.)
 *
 * Redaction costs little where nothing can change: key names are
 * classified once per run, strings shorter than the shortest searchable
 * secret are not scanned, the masked form of a string is remembered until
 * the registry learns a new value, and an event is walked once (twice only
 * when the walk itself taught the registry a value that may sit in a string
 * walked before it).
 *
 * @module
 */

import type { RunEvent } from "./events.ts";
import { isMask } from "./_anchor_index.ts";
import type { SecretRegistry } from "./_secret_registry.ts";

export {
  KEY_ONLY_SECRET_KEYS,
  type KeyInfo,
  type KeyKind,
  SECRET_KEYS,
  SecretRegistry,
  type SecretRegistryOptions,
} from "./_secret_registry.ts";

const MATCHER_OPERATOR = /^\$[a-zA-Z]+$/;
const PATH_TAIL = /(?:\.([A-Za-z_$][\w$-]*)|\[\s*["']([^"']+)["']\s*\])(?:\[\d+\])*$/;

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
 * and every later event. Redacting a redacted event returns it unchanged.
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
 * const registry = new SecretRegistry();
 * const masked = redactEvent(event, registry);
 * assert.ok(masked.type === "step:end");
 * const body = masked.step.exchanges[0]!.request.body as { AuthParameters: Record<string, string> };
 * assert.equal(body.AuthParameters.PASSWORD, "«secret:PASSWORD#1»");
 * assert.equal(body.AuthParameters.USERNAME, "alice");
 * assert.equal(masked.step.failures[0]!.message, "connection reset while sending «secret:PASSWORD#1»");
 * assert.equal(redactEvent(masked, registry), masked);
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
  const before = registry.size;
  const masked = transform(value, registry, undefined);
  // A value learned during the walk may also sit in a string walked before it: walk again.
  return (registry.size === before ? masked : transform(value, registry, undefined)) as T;
}

/** Which secret, if any, the value being walked sits under. */
type Context = { label: string; search: boolean } | undefined;

function contextFor(key: string, registry: SecretRegistry, inherited: Context): Context {
  return inherited === undefined ? registry.keyInfo(key).secret : inheritedContext(key, inherited);
}

/** Inside a secret, matcher operators (`$match`, `$exists`, …) hold patterns, not values. */
function inheritedContext(key: string, inherited: Context & object): Context {
  return key.charCodeAt(0) === 0x24 && MATCHER_OPERATOR.test(key) ? undefined : inherited;
}

/** Expected and actual values of a failure take their key from the tail of its `path`. */
function failureContext(failure: Record<string, unknown>, registry: SecretRegistry): Context {
  const path = failure.path;
  if (typeof path !== "string") return undefined;
  const tail = PATH_TAIL.exec(path);
  const key = tail?.[1] ?? tail?.[2];
  return key === undefined ? undefined : contextFor(key, registry, undefined);
}

function isFailureList(key: string, value: unknown): value is unknown[] {
  return key === "failures" && Array.isArray(value);
}

/** The masked value: secrets under secret keys replaced and remembered, the rest searched. */
function transform(value: unknown, registry: SecretRegistry, context: Context): unknown {
  switch (typeof value) {
    case "string":
      if (context !== undefined) return maskInPlace(value, registry, context);
      return registry.learnAndMask(value);
    case "number":
      return context === undefined ? value : maskInPlace(String(value), registry, context);
    case "object":
      if (value === null) return value;
      return Array.isArray(value)
        ? transformList(value, registry, context)
        : transformRecord(value as Record<string, unknown>, registry, context);
    default:
      return value;
  }
}

function maskInPlace(text: string, registry: SecretRegistry, context: Context & object): string {
  if (isMask(text)) return text;
  return context.search ? registry.add(text, context.label) : `«secret:${context.label}»`;
}

// The copies below are made lazily, at the first member that changes: most of an event
// holds no secret and is shared with the input.

function transformList(list: unknown[], registry: SecretRegistry, context: Context): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const next = transform(item, registry, context);
    if (out === undefined && next !== item) out = list.slice(0, i);
    out?.push(next);
  }
  return out ?? list;
}

function transformRecord(
  record: Record<string, unknown>,
  registry: SecretRegistry,
  context: Context,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = record[key];
    const info = registry.keyInfo(key);
    const next = isFailureList(key, child) ? transformFailures(child, registry) : transform(
      child,
      registry,
      context === undefined ? info.secret : inheritedContext(key, context),
    );
    const maskedKey = info.masked;
    if (out === undefined && (next !== child || maskedKey !== key)) {
      out = copyMembers(record, keys, i);
    }
    if (out !== undefined) setMember(out, maskedKey, next);
  }
  return out ?? record;
}

function transformFailures(failures: unknown[], registry: SecretRegistry): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < failures.length; i++) {
    const failure = failures[i];
    const next = typeof failure === "object" && failure !== null && !Array.isArray(failure)
      ? transformFailure(failure as Record<string, unknown>, registry)
      : transform(failure, registry, undefined);
    if (out === undefined && next !== failure) out = failures.slice(0, i);
    out?.push(next);
  }
  return out ?? failures;
}

function transformFailure(
  failure: Record<string, unknown>,
  registry: SecretRegistry,
): Record<string, unknown> {
  const context = failureContext(failure, registry);
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(failure);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = failure[key];
    const isValue = key === "expected" || key === "actual";
    const next = transform(
      child,
      registry,
      isValue ? context : contextFor(key, registry, undefined),
    );
    if (out === undefined && next !== child) out = copyMembers(failure, keys, i);
    if (out !== undefined) setMember(out, key, next);
  }
  return out ?? failure;
}

function copyMembers(
  record: Record<string, unknown>,
  keys: readonly string[],
  count: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) setMember(out, keys[i]!, record[keys[i]!]);
  return out;
}

function setMember(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else record[key] = value;
}
