/**
 * The SRP-6a building blocks shared by client and server, exactly as Cognito
 * combines them (§7.4, §7.5, §7.8): u, x, S on either side, the HKDF key and
 * the claim signature.
 *
 * @module
 */

import { padBytes } from "./bigint.ts";
import { SRP_K } from "./constants.ts";
import { SrpInputError } from "./errors.ts";
import { hkdfCognito, hmacSha256, sha256 } from "./hash.ts";
import { modPow, type ModPowOptions, powG } from "./modexp.ts";
import { quote } from "./_util.ts";
import { mulMod, toResidue } from "./_barrett.ts";

/**
 * Who is proving what. For password SRP: the pool name, `USER_ID_FOR_SRP` and
 * the password. For device SRP: the device group key, the device key and the
 * device password (§7.8).
 */
export interface SrpCredentials {
  /** Pool name (text after `_` of the pool ID), or the device group key. */
  poolName: string;
  /** `USER_ID_FOR_SRP`, or the device key. */
  userId: string;
  /** The user's password, or the device's random password. */
  password: string;
}

/**
 * The pool name Cognito's SRP uses: the text after the first `_` of a user
 * pool ID (§2). Throws {@linkcode SrpInputError} when there is no `_`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { poolNameOf } from "./core.ts";
 * assert.equal(poolNameOf("us-east-1_AbCdEf123"), "AbCdEf123");
 * ```
 */
export function poolNameOf(userPoolId: string): string {
  const cut = userPoolId.indexOf("_");
  if (cut < 0) {
    throw new SrpInputError(
      "UserPoolId",
      `Cannot derive the pool name: user pool ID ${quote(userPoolId)} has no "_"`,
    );
  }
  return userPoolId.slice(cut + 1);
}

function hashToBigInt(...parts: Array<Uint8Array | string>): bigint {
  return BigInt(`0x${sha256(...parts).toHex()}`);
}

/**
 * u = H(pad(A) | pad(B)) as an integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeU } from "./core.ts";
 * assert.equal(computeU(1n, 2n) > 0n, true);
 * assert.notEqual(computeU(1n, 2n), computeU(2n, 1n));
 * ```
 */
export function computeU(A: bigint, B: bigint): bigint {
  return hashToBigInt(padBytes(A), padBytes(B));
}

/**
 * x = H(pad(salt) | H(poolName + userId + ":" + password)) as an integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeX } from "./core.ts";
 * // §7.9 password vector
 * const x = computeX(
 *   { poolName: "AbCdEf123", userId: "alice", password: "Passw0rd!" },
 *   0x3fb3cb028b0e4aaeabce3b573699a322n,
 * );
 * assert.equal(x.toString(16), "c74c3235a44686efb5c78163fe5af80a91de9774db122d140de88d8ba6a52bac");
 * ```
 */
export function computeX(credentials: SrpCredentials, salt: bigint): bigint {
  const { poolName, userId, password } = credentials;
  return hashToBigInt(padBytes(salt), sha256(`${poolName}${userId}:${password}`));
}

/** The client's inputs to S. */
export interface ClientSecretValues {
  /** The client's secret exponent. */
  a: bigint;
  /** The server's public value (already checked: B mod N ≠ 0). */
  B: bigint;
  /** From {@linkcode computeX}. */
  x: bigint;
  /** From {@linkcode computeU}. */
  u: bigint;
}

/**
 * The client's S = (B − k·g^x)^(a + u·x) mod N, non-negative.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeClientS, computeServerS } from "./core.ts";
 * import { modPow, powG } from "./modexp.ts";
 * import { SRP_K, SRP_N } from "./constants.ts";
 * const [a, b, x, u] = [123456789n, 987654321n, 42n, 7n];
 * const v = powG(x);
 * const A = powG(a);
 * const B = (SRP_K * v + powG(b)) % SRP_N;
 * assert.equal(computeClientS({ a, B, x, u }), computeServerS({ A, b, v, u }));
 * assert.equal(computeClientS({ a, B, x, u }, { backend: "bigint" }), modPow(2n, b * (a + u * x)));
 * ```
 */
export function computeClientS(values: ClientSecretValues, options: ModPowOptions = {}): bigint {
  const { a, B, x, u } = values;
  const base = toResidue(B - SRP_K * powG(x, options));
  return modPow(base, a + u * x, options);
}

/** The server's inputs to S. */
export interface ServerSecretValues {
  /** The client's public value (already checked: A mod N ≠ 0). */
  A: bigint;
  /** The server's secret exponent. */
  b: bigint;
  /** The verifier g^x mod N. */
  v: bigint;
  /** From {@linkcode computeU}. */
  u: bigint;
}

/**
 * The server's S = (A · v^u)^b mod N.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeServerS } from "./core.ts";
 * assert.equal(computeServerS({ A: 2n, b: 3n, v: 2n, u: 1n }), 64n);
 * ```
 */
export function computeServerS(values: ServerSecretValues, options: ModPowOptions = {}): bigint {
  const { A, b, v, u } = values;
  const base = mulMod(toResidue(A), modPow(v, u, options));
  return modPow(base, b, options);
}

/**
 * The 16-byte key: HKDF-SHA256 with salt pad(u), input pad(S) and info
 * `"Caldera Derived Key"`, first 16 bytes of one block (§7.4 step 4).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deriveAuthKey } from "./core.ts";
 * assert.equal(deriveAuthKey(5n, 7n).length, 16);
 * ```
 */
export function deriveAuthKey(S: bigint, u: bigint): Uint8Array {
  return hkdfCognito(padBytes(S), padBytes(u));
}

/** What a claim signature covers (§7.5, §7.8). */
export interface SignedClaim {
  /** Pool name, or the device group key. */
  poolName: string;
  /** `USER_ID_FOR_SRP`, or the device key. */
  userId: string;
  /** The decoded `SECRET_BLOCK` bytes. */
  secretBlock: Uint8Array;
  /** The TIMESTAMP text, exactly as signed. */
  timestamp: string;
}

/**
 * PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(authKey, poolName | userId |
 * secretBlock | timestamp)).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { claimSignature } from "./core.ts";
 * // §7.9 password vector: authKey 96266bfe…
 * const signature = claimSignature(Uint8Array.fromHex("96266bfe178f33ba5300454bf676deda"), {
 *   poolName: "AbCdEf123",
 *   userId: "alice",
 *   secretBlock: new TextEncoder().encode("secret-block-bytes"),
 *   timestamp: "Thu Nov 26 09:38:57 UTC 2026",
 * });
 * assert.equal(signature, "0sejUxjfitiHiFi/2pXBYR6BZuoERg6oJa7jd5YFFQQ=");
 * ```
 */
export function claimSignature(authKey: Uint8Array, claim: SignedClaim): string {
  const { poolName, userId, secretBlock, timestamp } = claim;
  return hmacSha256(authKey, poolName, userId, secretBlock, timestamp).toBase64();
}
