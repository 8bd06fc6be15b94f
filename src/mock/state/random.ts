/**
 * Randomness for the mock, injectable so tests can make identifiers
 * repeatable, plus the identifier formats AWS uses (§2 of the protocol
 * reference): pool ids `<region>_<9 alphanumerics>`, 26-character client ids,
 * ~51-character client secrets, UUIDs, opaque sessions and refresh tokens.
 *
 * @module
 */

/** Fills and returns `length` random bytes. */
export type RandomBytes = (length: number) => Uint8Array;

/**
 * The default source: the platform's CSPRNG.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cryptoRandom } from "./random.ts";
 * assert.equal(cryptoRandom(16).length, 16);
 * ```
 */
export function cryptoRandom(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  // getRandomValues refuses more than 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65536)));
  }
  return bytes;
}

/**
 * A deterministic source (SplitMix64) for tests and reproducible runs. Not
 * for secrets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "./random.ts";
 * assert.deepEqual(seededRandom(7)(4), seededRandom(7)(4));
 * assert.notDeepEqual(seededRandom(7)(4), seededRandom(8)(4));
 * ```
 */
export function seededRandom(seed: number): RandomBytes {
  let state = BigInt.asUintN(64, BigInt(seed));
  const next = (): bigint => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i += 8) {
      let word = next();
      for (let j = i; j < Math.min(length, i + 8); j++) {
        bytes[j] = Number(word & 0xffn);
        word >>= 8n;
      }
    }
    return bytes;
  };
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const MIXED_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Identifier generators over one random source. */
export interface IdGenerator {
  /** The underlying byte source. */
  readonly bytes: RandomBytes;
  /** A lower-case RFC 4122 version-4 UUID. */
  uuid(): string;
  /** A user pool id: `<region>_<9 alphanumerics>`. */
  poolId(region: string): string;
  /** A client id: 26 lower-case alphanumerics. */
  clientId(): string;
  /** A client secret: 51 lower-case alphanumerics. */
  clientSecret(): string;
  /** `length` characters from `alphabet`. */
  text(length: number, alphabet: string): string;
  /** Unpadded base64url of `length` random bytes. */
  base64url(length: number): string;
  /** A decimal code of `digits` digits (confirmation codes). */
  digits(digits: number): string;
}

/**
 * Builds the identifier generators over `bytes`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { idGenerator, seededRandom } from "./random.ts";
 * const ids = idGenerator(seededRandom(1));
 * assert.match(ids.poolId("eu-west-1"), /^eu-west-1_[0-9A-Za-z]{9}$/);
 * assert.match(ids.clientId(), /^[a-z0-9]{26}$/);
 * assert.match(ids.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
 * ```
 */
export function idGenerator(bytes: RandomBytes): IdGenerator {
  const text = (length: number, alphabet: string): string => {
    let out = "";
    for (const byte of bytes(length)) out += alphabet[byte % alphabet.length];
    return out;
  };
  return {
    bytes,
    uuid() {
      const b = bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
        hex.slice(20)
      }`;
    },
    poolId: (region) => `${region}_${text(9, MIXED_ALNUM)}`,
    clientId: () => text(26, LOWER_ALNUM),
    clientSecret: () => text(51, LOWER_ALNUM),
    text,
    base64url: (length) => base64url(bytes(length)),
    digits: (count) => text(count, "0123456789"),
  };
}

/**
 * Unpadded base64url of bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { base64url } from "./random.ts";
 * assert.equal(base64url(new Uint8Array([251, 255])), "-_8");
 * ```
 */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
