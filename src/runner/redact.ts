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
import type { SecretRegistry } from "./_secret_registry.ts";
import { transform } from "./_redact_walk.ts";

export {
  KEY_ONLY_SECRET_KEYS,
  type KeyInfo,
  type KeyKind,
  SECRET_KEYS,
  SecretRegistry,
  type SecretRegistryOptions,
} from "./_secret_registry.ts";

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
