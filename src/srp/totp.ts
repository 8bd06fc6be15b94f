/**
 * TOTP (RFC 6238 with HMAC-SHA1, RFC 4226 truncation), as authenticator apps
 * compute it for Cognito's SOFTWARE_TOKEN_MFA: 6 digits, 30-second steps,
 * base32 secrets as AssociateSoftwareToken returns them.
 *
 * @module
 */

import { decodeBase32, encodeBase32 } from "./base32.ts";
import { hmacSha1 } from "./hash.ts";
import { type Clock, defaultClock, defaultRandom, type RandomSource } from "./types.ts";
import { checkByteCount, drawRandom } from "./_util.ts";

/** Options of {@linkcode totp}. */
export interface TotpOptions {
  /**
   * The clock.
   *
   * @default {() => new Date()}
   */
  now?: Clock;
  /**
   * Code length (6..10).
   *
   * @default {6}
   */
  digits?: number;
  /**
   * Time step in seconds.
   *
   * @default {30}
   */
  periodSeconds?: number;
}

function secretBytes(secret: string | Uint8Array): Uint8Array {
  return typeof secret === "string" ? decodeBase32(secret.replace(/\s+/g, "")) : secret;
}

function codeAt(key: Uint8Array, counter: number, digits: number): string {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const mac = hmacSha1(key, message);
  const offset = mac[19]! & 0x0f;
  const binary = new DataView(mac.buffer, mac.byteOffset).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

function counterOf(options: TotpOptions): { counter: number; digits: number } {
  const { now = defaultClock, digits = 6, periodSeconds = 30 } = options;
  checkByteCount("digits", digits, 6, 10);
  if (!(periodSeconds > 0)) throw new RangeError(`Cannot use periodSeconds: ${periodSeconds}`);
  return { counter: Math.floor(now().getTime() / 1000 / periodSeconds), digits };
}

/**
 * The TOTP code for a secret (base32 text, or raw key bytes) at `now()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { totp } from "./totp.ts";
 * // RFC 6238 appendix B, SHA-1, T = 59 s
 * const key = new TextEncoder().encode("12345678901234567890");
 * assert.equal(totp(key, { now: () => new Date(59_000), digits: 8 }), "94287082");
 * assert.equal(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", { now: () => new Date(59_000) }), "287082");
 * ```
 */
export function totp(secret: string | Uint8Array, options: TotpOptions = {}): string {
  const { counter, digits } = counterOf(options);
  return codeAt(secretBytes(secret), counter, digits);
}

/** Options of {@linkcode verifyTotp} and {@linkcode matchTotpStep}. */
export interface TotpVerifyOptions extends TotpOptions {
  /**
   * How many time steps before and after `now()` also match (clock drift).
   *
   * @default {1}
   */
  window?: number;
}

/**
 * The time step (`floor(epoch seconds / period)`) whose TOTP of `secret` is
 * `code`, searched within `window` steps of `now()` from the oldest; or
 * `undefined` when none is. A verifier that remembers the step of the last
 * accepted code can refuse a code used again (RFC 6238 §5.2).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchTotpStep, totp } from "./totp.ts";
 * const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
 * const code = totp(secret, { now: () => new Date(60_000) });
 * assert.equal(matchTotpStep(secret, code, { now: () => new Date(95_000) }), 2);
 * assert.equal(matchTotpStep(secret, code, { now: () => new Date(150_000) }), undefined);
 * ```
 */
export function matchTotpStep(
  secret: string | Uint8Array,
  code: string,
  options: TotpVerifyOptions = {},
): number | undefined {
  const { counter, digits } = counterOf(options);
  const window = options.window ?? 1;
  const key = secretBytes(secret);
  for (let step = Math.max(0, counter - window); step <= counter + window; step++) {
    if (codeAt(key, step, digits) === code) return step;
  }
  return undefined;
}

/**
 * Whether `code` is the TOTP of `secret` within `window` steps of `now()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { totp, verifyTotp } from "./totp.ts";
 * const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
 * const code = totp(secret, { now: () => new Date(60_000) });
 * assert.equal(verifyTotp(secret, code, { now: () => new Date(95_000) }), true);
 * assert.equal(verifyTotp(secret, code, { now: () => new Date(95_000), window: 0 }), false);
 * ```
 */
export function verifyTotp(
  secret: string | Uint8Array,
  code: string,
  options: TotpVerifyOptions = {},
): boolean {
  return matchTotpStep(secret, code, options) !== undefined;
}

/** Options of {@linkcode createTotpSecret}. */
export interface TotpSecretOptions {
  /**
   * Where random bytes come from.
   *
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
  /**
   * Secret length in bytes (10..64); 32 bytes give the 52-character codes
   * Cognito returns.
   *
   * @default {32}
   */
  byteLength?: number;
}

/**
 * A new random TOTP secret as unpadded base32 (an AssociateSoftwareToken
 * `SecretCode`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTotpSecret } from "./totp.ts";
 * assert.match(createTotpSecret(), /^[A-Z2-7]{52}$/);
 * ```
 */
export function createTotpSecret(options: TotpSecretOptions = {}): string {
  const byteLength = checkByteCount("byteLength", options.byteLength ?? 32, 10, 64);
  return encodeBase32(drawRandom(options.random ?? defaultRandom, byteLength));
}
