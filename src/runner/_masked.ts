/**
 * Redaction that is redone only when it could change: a masked copy is kept
 * with the size of the secret registry it was made with, and remade once the
 * registry has learned more. A step's exchanges are then masked once in the
 * common case, although they appear in `step:end`, `scenario:end` and
 * `suite:end`; yet a secret learned late is still masked in the later events.
 * (Redaction is not idempotent: masking masked text would mask the masks.
 * Hence raw values are kept and always masked from the raw form.)
 */

import { redactValue, type SecretRegistry } from "./redact.ts";

/** A raw value and its masked copy, remade when the registry grows. */
export class Masked<T> {
  readonly raw: T;
  #masked: T | undefined;
  #size = -1;

  constructor(raw: T) {
    this.raw = raw;
  }

  /** The value as it may be shown now (raw with `showSecrets`). */
  get(registry: SecretRegistry, showSecrets: boolean): T {
    if (showSecrets) return this.raw;
    if (this.#masked === undefined || registry.size !== this.#size) {
      this.#masked = redactValue(this.raw, registry);
      // Redacting may teach the registry new values; it masks them in the same pass.
      this.#size = registry.size;
    }
    return this.#masked;
  }
}
