/**
 * Integer and byte encodings exactly as Cognito's SRP uses them (protocol
 * reference §7.2, §1.2): `padHex`, case-insensitive hex parsing, and strict
 * standard base64.
 *
 * @module
 */

import { SrpInputError } from "./errors.ts";
import { quote } from "./_util.ts";

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The minimal two's-complement big-endian hex of a non-negative integer, as
 * Java's `BigInteger.toByteArray()` gives and Cognito hashes it (§7.2):
 * lower-case hex, a `0` prepended to odd lengths, then `00` prepended when the
 * top bit is set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { padHex } from "./bigint.ts";
 * assert.equal(padHex(0x80n), "0080");
 * assert.equal(padHex(0x7fn), "7f");
 * assert.equal(padHex(0xabcn), "0abc");
 * assert.equal(padHex(1n), "01");
 * assert.equal(padHex(0n), "00");
 * ```
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError(`Cannot pad ${value}: the value is negative`);
  const hex = value.toString(16);
  if (hex.length % 2 === 1) return `0${hex}`;
  return hex.charCodeAt(0) >= 0x38 /* "8" */ ? `00${hex}` : hex;
}

/**
 * The bytes of {@linkcode padHex}: what every SRP hash and HMAC consumes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { padBytes } from "./bigint.ts";
 * assert.deepEqual(padBytes(0x80n), new Uint8Array([0x00, 0x80]));
 * ```
 */
export function padBytes(value: bigint): Uint8Array {
  return Uint8Array.fromHex(padHex(value));
}

/**
 * Parses a hex integer as Cognito peers send it: case-insensitive, leading
 * zeros allowed, any length (§1.2). Throws {@linkcode SrpInputError} naming
 * `field` when the text is empty or not hex.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseHexInteger } from "./bigint.ts";
 * assert.equal(parseHexInteger("000ABc", "SALT"), 0xabcn);
 * assert.throws(() => parseHexInteger("0x12", "SRP_B"), /Cannot parse SRP_B/);
 * ```
 */
export function parseHexInteger(hex: string, field: string): bigint {
  if (!HEX.test(hex)) {
    throw new SrpInputError(field, `Cannot parse ${field}: ${quote(hex)} is not hexadecimal`);
  }
  return BigInt(`0x${hex}`);
}

/**
 * Reads bytes as an unsigned big-endian integer (empty bytes read as 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bytesToBigInt } from "./bigint.ts";
 * assert.equal(bytesToBigInt(new Uint8Array([0x00, 0x8a, 0x01])), 0x8a01n);
 * ```
 */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toHex()}`);
}

/**
 * Decodes standard base64 (RFC 4648 §4), padding optional, no whitespace.
 * Throws {@linkcode SrpInputError} naming `field` otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeBase64 } from "./bigint.ts";
 * assert.deepEqual(decodeBase64("AIqK", "Salt"), new Uint8Array([0x00, 0x8a, 0x8a]));
 * assert.throws(() => decodeBase64("AI qK", "Salt"), /Cannot decode Salt/);
 * ```
 */
export function decodeBase64(text: string, field: string): Uint8Array {
  if (BASE64.test(text)) {
    try {
      return Uint8Array.fromBase64(text);
    } catch {
      // fall through to the uniform error below
    }
  }
  throw new SrpInputError(field, `Cannot decode ${field}: ${quote(text)} is not standard base64`);
}

/**
 * Encodes bytes as standard base64 with padding.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeBase64 } from "./bigint.ts";
 * assert.equal(encodeBase64(new Uint8Array([0x00, 0x8a])), "AIo=");
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  return bytes.toBase64();
}
