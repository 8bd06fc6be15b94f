/**
 * A password's SRP verifier (§7.4 server side): the salt and v = g^x mod N
 * that the server stores instead of the password, and recomputes from it.
 *
 * @module
 */

import { computeX, type SrpCredentials } from "./core.ts";
import { type ModPowOptions, powG } from "./modexp.ts";
import { defaultRandom, type RandomSource } from "./types.ts";
import { drawRandom } from "./_util.ts";

/**
 * The verifier v = g^x mod N of a password (or a device password) and salt.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeVerifier } from "./verifier.ts";
 * const v = computeVerifier({ poolName: "AbCdEf123", userId: "alice", password: "Passw0rd!" }, 1n);
 * assert.ok(v > 1n);
 * ```
 */
export function computeVerifier(
  credentials: SrpCredentials,
  salt: bigint,
  options: ModPowOptions = {},
): bigint {
  return powG(computeX(credentials, salt), options);
}

/** A user's stored SRP secret. */
export interface PasswordVerifier {
  /** The salt. */
  salt: bigint;
  /** The `SALT` challenge parameter: lower-case hex, no padding. */
  saltHex: string;
  /** v = g^x mod N. */
  verifier: bigint;
}

/** Options of {@linkcode createPasswordVerifier}. */
export interface PasswordVerifierOptions extends ModPowOptions {
  /**
   * Where the salt's random bytes come from.
   *
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
  /**
   * Fixed salt bytes instead of 16 random ones.
   *
   * @default {undefined}
   */
  saltBytes?: Uint8Array;
}

/**
 * Draws a 16-byte salt and computes the verifier of a password with it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeVerifier, createPasswordVerifier } from "./verifier.ts";
 * const credentials = { poolName: "AbCdEf123", userId: "alice", password: "Passw0rd!" };
 * const stored = createPasswordVerifier(credentials, { saltBytes: Uint8Array.fromHex("0abc") });
 * assert.equal(stored.saltHex, "abc");
 * assert.equal(stored.verifier, computeVerifier(credentials, 0xabcn));
 * ```
 */
export function createPasswordVerifier(
  credentials: SrpCredentials,
  options: PasswordVerifierOptions = {},
): PasswordVerifier {
  const bytes = options.saltBytes ?? drawRandom(options.random ?? defaultRandom, 16);
  const salt = bytes.length === 0 ? 0n : BigInt(`0x${bytes.toHex()}`);
  return {
    salt,
    saltHex: salt.toString(16),
    verifier: computeVerifier(credentials, salt, options),
  };
}
