/**
 * RFC 4648 base32, the encoding of TOTP secrets (Cognito's
 * AssociateSoftwareToken `SecretCode`, authenticator-app URIs).
 *
 * @module
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Options of {@linkcode encodeBase32}. */
export interface Base32EncodeOptions {
  /**
   * Whether to pad with `=` to a multiple of 8 characters. Cognito's
   * `SecretCode` and authenticator apps use no padding.
   *
   * @default {false}
   */
  padding?: boolean;
}

/**
 * Encodes bytes as upper-case RFC 4648 base32.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeBase32 } from "./base32.ts";
 * const bytes = new TextEncoder().encode("foobar");
 * assert.equal(encodeBase32(bytes), "MZXW6YTBOI");
 * assert.equal(encodeBase32(bytes, { padding: true }), "MZXW6YTBOI======");
 * ```
 */
export function encodeBase32(bytes: Uint8Array, options: Base32EncodeOptions = {}): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.padding) out = out.padEnd(Math.ceil(out.length / 8) * 8, "=");
  return out;
}

/**
 * Decodes RFC 4648 base32: case-insensitive, trailing `=` padding optional.
 * Throws `SyntaxError` for other characters or an impossible length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeBase32 } from "./base32.ts";
 * assert.equal(new TextDecoder().decode(decodeBase32("mzxw6ytboi======")), "foobar");
 * assert.throws(() => decodeBase32("MZXW1"), SyntaxError);
 * ```
 */
export function decodeBase32(text: string): Uint8Array {
  const body = text.replace(/=+$/, "").toUpperCase();
  // 1, 3 and 6 leftover characters cannot come from whole bytes.
  if ([1, 3, 6].includes(body.length % 8)) {
    throw new SyntaxError(
      `Cannot decode base32: a length of ${body.length} characters is impossible`,
    );
  }
  const out = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) {
      throw new SyntaxError(`Cannot decode base32: ${JSON.stringify(char)} is not base32`);
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}
