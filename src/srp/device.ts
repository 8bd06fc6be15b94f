/**
 * The device secret verifier of ConfirmDevice (§6.4, §7.8): the client makes
 * it, the server stores it and later authenticates the device against it.
 *
 * @module
 */

import { bytesToBigInt, decodeBase64, padBytes } from "./bigint.ts";
import { SRP_N } from "./constants.ts";
import { computeX } from "./core.ts";
import { SrpInputError } from "./errors.ts";
import { type ModPowOptions, powG } from "./modexp.ts";
import { defaultRandom, type RandomSource } from "./types.ts";
import { drawRandom } from "./_util.ts";

/** ConfirmDevice's `DeviceSecretVerifierConfig`. */
export interface DeviceVerifierConfig {
  /** base64 of pad(v), v = g^x mod N: 512 or 516 characters (fewer when v is small). */
  PasswordVerifier: string;
  /** base64 of pad(salt), usually 16 or 17 bytes. */
  Salt: string;
}

/** A new device secret: what ConfirmDevice sends, plus the password the client keeps. */
export interface DeviceSecret extends DeviceVerifierConfig {
  /** base64 of 40 random bytes (56 characters); the client stores it with the device key. */
  DevicePassword: string;
}

/** Options of {@linkcode createDeviceVerifier}. */
export interface DeviceVerifierOptions extends ModPowOptions {
  /**
   * Where random bytes come from (40 for the password, 16 for the salt).
   *
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
  /**
   * A fixed device password instead of base64 of 40 random bytes.
   *
   * @default {undefined}
   */
  devicePassword?: string;
  /**
   * Fixed "random" salt bytes (read as an unsigned integer, then padded)
   * instead of 16 random bytes.
   *
   * @default {undefined}
   */
  saltBytes?: Uint8Array;
}

/**
 * Generates a device secret for ConfirmDevice exactly as
 * amazon-cognito-identity-js does (§7.8): `DevicePassword` = base64(40 random
 * bytes); salt = 16 random bytes as an integer; x = H(pad(salt) |
 * H(deviceGroupKey + deviceKey + ":" + DevicePassword)); `PasswordVerifier` =
 * base64(pad(g^x mod N)); `Salt` = base64(pad(salt)).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDeviceVerifier } from "./device.ts";
 * import { sha256 } from "./hash.ts";
 * // §7.9 device vector
 * const secret = createDeviceVerifier("-wt2ha1Zd", "us-east-1_fec070d2-fa88-424a-8ec8-b26d7198eb23", {
 *   devicePassword: "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==",
 *   saltBytes: new Uint8Array(16).fill(0x8a),
 * });
 * assert.equal(secret.Salt, "AIqKioqKioqKioqKioqKioo=");
 * assert.ok(secret.PasswordVerifier.startsWith("FZFRfjIafE75EPnbQI86c5+iIVBrM/1dC+m9X5sl"));
 * assert.equal(
 *   sha256(secret.PasswordVerifier).toHex(),
 *   "ef7b7c3cc754b26f2d83df4e34aa2fe35191514d94945102fe16fa9dc11365e8",
 * );
 * ```
 */
export function createDeviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
  options: DeviceVerifierOptions = {},
): DeviceSecret {
  const random = options.random ?? defaultRandom;
  const password = options.devicePassword ?? drawRandom(random, 40).toBase64();
  const salt = bytesToBigInt(options.saltBytes ?? drawRandom(random, 16));
  const x = computeX({ poolName: deviceGroupKey, userId: deviceKey, password }, salt);
  const v = powG(x, options);
  return {
    PasswordVerifier: padBytes(v).toBase64(),
    Salt: padBytes(salt).toBase64(),
    DevicePassword: password,
  };
}

/** A stored device verifier, decoded for device SRP. */
export interface DecodedDeviceVerifier {
  /** The verifier v. */
  verifier: bigint;
  /** The salt as an integer. */
  salt: bigint;
  /** The `SALT` challenge parameter: lower-case hex of the salt, no padding. */
  saltHex: string;
}

function signedPositive(field: string, bytes: Uint8Array): bigint {
  if (bytes.length === 0) throw new SrpInputError(field, `Cannot use ${field}: it is empty`);
  if (bytes[0]! >= 0x80) {
    // The service reads these as signed big-endian integers (Java BigInteger, §6.4).
    throw new SrpInputError(field, `Cannot use ${field}: it encodes a negative number`);
  }
  return bytesToBigInt(bytes);
}

/**
 * Decodes a ConfirmDevice `DeviceSecretVerifierConfig` for the server side.
 * Like the service (§6.4), it reads both values as signed big-endian
 * integers: a value whose first byte has the top bit set (no `00` sign byte)
 * is negative and rejected with {@linkcode SrpInputError}, as are empty values,
 * malformed base64 and a verifier that is 0 mod N.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeDeviceVerifier } from "./device.ts";
 * const decoded = decodeDeviceVerifier({ PasswordVerifier: "Ag==", Salt: "AIqKioqKioqKioqKioqKioo=" });
 * assert.equal(decoded.verifier, 2n);
 * assert.equal(decoded.saltHex, "8a".repeat(16));
 * assert.throws(() => decodeDeviceVerifier({ PasswordVerifier: "Ag==", Salt: "iooK" }), /negative/);
 * ```
 */
export function decodeDeviceVerifier(config: DeviceVerifierConfig): DecodedDeviceVerifier {
  const verifier = signedPositive(
    "PasswordVerifier",
    decodeBase64(config.PasswordVerifier, "PasswordVerifier"),
  );
  if (verifier % SRP_N === 0n) {
    throw new SrpInputError("PasswordVerifier", "Cannot use PasswordVerifier: it is 0 mod N");
  }
  const salt = signedPositive("Salt", decodeBase64(config.Salt, "Salt"));
  return { verifier, salt, saltHex: salt.toString(16) };
}
