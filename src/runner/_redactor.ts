/**
 * Redaction for one run. Every event is masked before it leaves (unless the
 * run shows secrets); a recorded value — a step's result, a scenario's info —
 * is masked once and reused by every later event that embeds it (`step:end`,
 * `scenario:end`, `suite:end`) while the registry has learned nothing new.
 * Once it has, the value is masked again from its raw form, so a secret
 * learned late is masked in the later events too. (Masking the masked copy
 * again would be idempotent, but could leave the tail of a new secret that
 * overlaps an old one in the raw text.) Recorded values are never changed
 * after they are recorded.
 */

import { redactValue, type SecretRegistry } from "./redact.ts";

/** Masks values for one run, remembering the masked copies of recorded ones. */
export class Redactor {
  readonly registry: SecretRegistry;
  readonly showSecrets: boolean;
  /** Raw → masked copy and the registry size it was made with (a run's values live as long as it). */
  #memo = new Map<object, { size: number; masked: unknown }>();

  constructor(registry: SecretRegistry, showSecrets: boolean) {
    this.registry = registry;
    this.showSecrets = showSecrets;
  }

  /** Any value as it may be shown now; nothing is remembered. */
  value<T>(value: T): T {
    return this.showSecrets ? value : redactValue(value, this.registry);
  }

  /** A recorded value as it may be shown now, masked anew only when the registry has grown. */
  recorded<T extends object>(raw: T): T {
    if (this.showSecrets) return raw;
    const memo = this.#memo.get(raw);
    if (memo !== undefined && memo.size === this.registry.size) return memo.masked as T;
    const masked = redactValue(raw, this.registry);
    // Masking may teach the registry new values; it masks them in the same call.
    this.#memo.set(raw, { size: this.registry.size, masked });
    return masked;
  }
}
