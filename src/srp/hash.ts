/**
 * SHA-256, HMAC-SHA256, HMAC-SHA1 and Cognito's one-block HKDF, on cached
 * hash-wasm hashers.
 *
 * hash-wasm creates hashers asynchronously (it compiles WebAssembly) but uses
 * them synchronously, so this module creates one SHA-256 and one SHA-1 hasher
 * at load time (top-level await) and every function here is synchronous.
 * HMAC is RFC 2104 over those hashers: hash-wasm's own `createHMAC` binds one
 * key per instance, and SRP needs a fresh key per claim.
 *
 * @module
 */

import { createSHA1, createSHA256, type IHasher } from "hash-wasm";

const sha256Hasher: IHasher = await createSHA256();
const sha1Hasher: IHasher = await createSHA1();

const encoder = new TextEncoder();
/**
 * The HKDF info string of Cognito SRP (§7.1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HKDF_INFO } from "./hash.ts";
 * assert.equal(HKDF_INFO, "Caldera Derived Key");
 * ```
 */
export const HKDF_INFO = "Caldera Derived Key";
const HKDF_INFO_BLOCK = encoder.encode(`${HKDF_INFO}\u0001`);

/** Bytes, or text that is hashed as its UTF-8 encoding. */
export type HashInput = Uint8Array | string;

function digest(hasher: IHasher, parts: readonly HashInput[]): Uint8Array {
  hasher.init();
  for (const part of parts) hasher.update(typeof part === "string" ? encoder.encode(part) : part);
  return hasher.digest("binary");
}

function hmac(hasher: IHasher, key: Uint8Array, parts: readonly HashInput[]): Uint8Array {
  const block = hasher.blockSize;
  const shortKey = key.length > block ? digest(hasher, [key]) : key;
  const inner = new Uint8Array(block).fill(0x36);
  const outer = new Uint8Array(block).fill(0x5c);
  for (let i = 0; i < shortKey.length; i++) {
    inner[i]! ^= shortKey[i]!;
    outer[i]! ^= shortKey[i]!;
  }
  return digest(hasher, [outer, digest(hasher, [inner, ...parts])]);
}

/**
 * SHA-256 of the concatenation of `parts` (strings as UTF-8).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sha256 } from "./hash.ts";
 * assert.equal(
 *   sha256("ab", "c").toHex(),
 *   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
 * );
 * ```
 */
export function sha256(...parts: HashInput[]): Uint8Array {
  return digest(sha256Hasher, parts);
}

/**
 * HMAC-SHA256 (RFC 2104) of the concatenation of `parts` under `key`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hmacSha256 } from "./hash.ts";
 * // RFC 4231 test case 2
 * assert.equal(
 *   hmacSha256(new TextEncoder().encode("Jefe"), "what do ya want ", "for nothing?").toHex(),
 *   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
 * );
 * ```
 */
export function hmacSha256(key: Uint8Array, ...parts: HashInput[]): Uint8Array {
  return hmac(sha256Hasher, key, parts);
}

/**
 * HMAC-SHA1 (RFC 2104), as TOTP (RFC 6238) uses it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hmacSha1 } from "./hash.ts";
 * // RFC 2202 test case 2
 * assert.equal(
 *   hmacSha1(new TextEncoder().encode("Jefe"), "what do ya want for nothing?").toHex(),
 *   "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
 * );
 * ```
 */
export function hmacSha1(key: Uint8Array, ...parts: HashInput[]): Uint8Array {
  return hmac(sha1Hasher, key, parts);
}

/**
 * Cognito's key derivation (§7.4 step 4): one block of HKDF-SHA256 with
 * `salt` = pad(u), `ikm` = pad(S) and info `"Caldera Derived Key"`, cut to
 * 16 bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hkdfCognito } from "./hash.ts";
 * const key = hkdfCognito(new Uint8Array([1]), new Uint8Array([2]));
 * assert.equal(key.length, 16);
 * ```
 */
export function hkdfCognito(ikm: Uint8Array, salt: Uint8Array): Uint8Array {
  const prk = hmacSha256(salt, ikm);
  return hmacSha256(prk, HKDF_INFO_BLOCK).slice(0, 16);
}

/**
 * Compares two byte strings in time that depends only on their lengths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timingSafeEqual } from "./hash.ts";
 * assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
 * assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
 * ```
 */
export function timingSafeEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ right[i]!;
  return difference === 0;
}
