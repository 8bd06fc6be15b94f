/**
 * A wrapper for secret strings (passwords, client secrets) kept in the mock's
 * memory. It never turns into its value by accident: not in JSON, not in
 * string templates, not in `Deno.inspect`/console output. Code that needs the
 * value calls {@linkcode Secret.reveal}.
 *
 * @module
 */

const REDACTED = "[secret]";

/**
 * A secret value that redacts itself everywhere except {@linkcode Secret.reveal}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Secret } from "./secret.ts";
 * const password = new Secret("Passw0rd!");
 * assert.equal(password.reveal(), "Passw0rd!");
 * assert.equal(JSON.stringify({ password }), '{"password":"[secret]"}');
 * assert.equal(`${password}`, "[secret]");
 * assert.ok(!Deno.inspect(password).includes("Passw0rd"));
 * ```
 */
export class Secret {
  #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret value. Never log what this returns. */
  reveal(): string {
    return this.#value;
  }

  /** Compares with a candidate in time independent of where they differ. */
  equals(candidate: string): boolean {
    return constantTimeEqual(this.#value, candidate);
  }

  /** Redacted. */
  toJSON(): string {
    return REDACTED;
  }

  /** Redacted. */
  toString(): string {
    return REDACTED;
  }

  /** Redacted in `Deno.inspect` and console output. */
  [Symbol.for("Deno.customInspect")](): string {
    return `Secret(${REDACTED})`;
  }
}

/**
 * Compares two strings without an early exit on the first difference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constantTimeEqual } from "./secret.ts";
 * assert.equal(constantTimeEqual("abc", "abc"), true);
 * assert.equal(constantTimeEqual("abc", "abd"), false);
 * assert.equal(constantTimeEqual("abc", "ab"), false);
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
