/**
 * The server side of Cognito SRP, for the mock (§7.4 "matching server
 * computation", §7.8): the server ephemeral B, and checking a
 * PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER claim against a stored
 * verifier (`verifier.ts`).
 *
 * @module
 */

import { decodeBase64, parseHexInteger } from "./bigint.ts";
import { SRP_K, SRP_N } from "./constants.ts";
import { computeServerS, computeU, deriveAuthKey, poolNameOf } from "./core.ts";
import { SrpInputError } from "./errors.ts";
import { hmacSha256, timingSafeEqual } from "./hash.ts";
import { type ModPowOptions, powG } from "./modexp.ts";
import { parseTimestamp } from "./timestamp.ts";
import { defaultRandom, type RandomSource } from "./types.ts";
import { checkByteCount, checkPublicValue, drawRandom } from "./_util.ts";

/** The server's ephemeral key pair for one challenge. */
export interface ServerEphemeral {
  /** The secret exponent b. */
  readonly b: bigint;
  /** B = (k·v + g^b) mod N. */
  readonly B: bigint;
  /** `SRP_B`: B as lower-case hex without padding. */
  readonly srpB: string;
}

/** Options of {@linkcode createServerEphemeral}. */
export interface ServerEphemeralOptions extends ModPowOptions {
  /**
   * Where random bytes come from.
   *
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
  /**
   * Random bytes in `b` (16..384); RFC 5054 asks for at least 32.
   *
   * @default {32}
   */
  exponentBytes?: number;
  /**
   * A fixed secret exponent (vectors, replays) instead of a random one.
   *
   * @default {undefined}
   */
  b?: bigint;
}

/**
 * Creates B = (k·v + g^b) mod N for verifier v. A random `b` is redrawn when
 * B mod N = 0 or b = 0; a fixed `b` giving B mod N = 0 throws.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createServerEphemeral } from "./server.ts";
 * import { SRP_K, SRP_N } from "./constants.ts";
 * const ephemeral = createServerEphemeral(5n, { b: 3n });
 * assert.equal(ephemeral.B, (SRP_K * 5n + 8n) % SRP_N);
 * assert.equal(ephemeral.srpB, ephemeral.B.toString(16));
 * ```
 */
export function createServerEphemeral(
  verifier: bigint,
  options: ServerEphemeralOptions = {},
): ServerEphemeral {
  const kv = (SRP_K * verifier) % SRP_N;
  const make = (b: bigint): ServerEphemeral => {
    const B = (kv + powG(b, options)) % SRP_N;
    return { b, B, srpB: B.toString(16) };
  };
  if (options.b !== undefined) {
    if (options.b < 0n) throw new RangeError(`Cannot use b: ${options.b} is negative`);
    const ephemeral = make(options.b);
    checkPublicValue(ephemeral.B, "SRP_B");
    return ephemeral;
  }
  const { random = defaultRandom, exponentBytes = 32 } = options;
  checkByteCount("exponentBytes", exponentBytes, 16, 384);
  for (;;) {
    const b = BigInt(`0x${drawRandom(random, exponentBytes).toHex()}`);
    if (b === 0n) continue;
    const ephemeral = make(b);
    if (ephemeral.B !== 0n) return ephemeral;
  }
}

/**
 * Parses a client's `SRP_A` (hex, any case, leading zeros allowed) and rejects
 * A mod N = 0, with {@linkcode SrpInputError} naming `SRP_A`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSrpA } from "./server.ts";
 * import { SRP_N_HEX } from "./constants.ts";
 * assert.equal(parseSrpA("00FF"), 255n);
 * assert.throws(() => parseSrpA(SRP_N_HEX), /SRP_A: the value is 0 mod N/);
 * ```
 */
export function parseSrpA(hex: string): bigint {
  return checkPublicValue(parseHexInteger(hex, "SRP_A"), "SRP_A");
}

/** What every claim check needs. */
export interface ClaimCheck {
  /** The server ephemeral of this challenge (its `b` and `B`). */
  ephemeral: Pick<ServerEphemeral, "b" | "B">;
  /** The client's `SRP_A`, as received (hex) or parsed. */
  srpA: string | bigint;
  /** The stored verifier v. */
  verifier: bigint;
  /** `PASSWORD_CLAIM_SECRET_BLOCK`: bytes, or the base64 text as received. */
  secretBlock: Uint8Array | string;
  /** `TIMESTAMP` as received. */
  timestamp: string;
  /** `PASSWORD_CLAIM_SIGNATURE` as received (base64). */
  signature: string;
}

/** A PASSWORD_VERIFIER answer to check. */
export interface PasswordClaimCheck extends ClaimCheck {
  /** The user pool ID; its part after `_` is signed. */
  userPoolId: string;
  /** `USER_ID_FOR_SRP` (the username the challenge named). */
  userIdForSrp: string;
}

/** A DEVICE_PASSWORD_VERIFIER answer to check. */
export interface DeviceClaimCheck extends ClaimCheck {
  /** The device group key. */
  deviceGroupKey: string;
  /** The device key. */
  deviceKey: string;
}

function verify(poolName: string, userId: string, check: ClaimCheck, options: ModPowOptions) {
  const A = typeof check.srpA === "string"
    ? parseSrpA(check.srpA)
    : checkPublicValue(check.srpA, "SRP_A");
  const { canonical } = parseTimestamp(check.timestamp); // throws TimestampFormatError
  const secretBlock = typeof check.secretBlock === "string"
    ? decodeBase64(check.secretBlock, "PASSWORD_CLAIM_SECRET_BLOCK")
    : check.secretBlock;
  let given: Uint8Array;
  try {
    given = decodeBase64(check.signature, "PASSWORD_CLAIM_SIGNATURE");
  } catch (error) {
    if (error instanceof SrpInputError) return false;
    throw error;
  }
  const { b, B } = check.ephemeral;
  const u = computeU(A, B);
  if (u === 0n) return false;
  const S = computeServerS({ A, b, v: check.verifier, u }, options);
  const key = deriveAuthKey(S, u);
  return timingSafeEqual(given, hmacSha256(key, poolName, userId, secretBlock, canonical));
}

/**
 * Checks a PASSWORD_VERIFIER claim (§7.4 server side, §7.5, §7.6): true when
 * the signature matches the one over the **canonical** TIMESTAMP, compared in
 * constant time. A wrong password, a different secret block, a padded day or a
 * wrong weekday all give false (NotAuthorizedException). Throws
 * {@linkcode TimestampFormatError} for an unparseable TIMESTAMP and
 * {@linkcode SrpInputError} for a malformed `SRP_A` (or A mod N = 0) or secret
 * block (InvalidParameterException). Clock skew is the caller's check
 * ({@linkcode isTimestampFresh}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createClientEphemeral, passwordClaim } from "./client.ts";
 * import { createServerEphemeral, verifyPasswordClaim } from "./server.ts";
 * import { createPasswordVerifier } from "./verifier.ts";
 * const user = { userPoolId: "us-east-1_AbCdEf123", userIdForSrp: "alice" };
 * const stored = createPasswordVerifier({ poolName: "AbCdEf123", userId: "alice", password: "pw" });
 * const client = createClientEphemeral();
 * const server = createServerEphemeral(stored.verifier);
 * const challenge = { srpB: server.srpB, salt: stored.saltHex, secretBlock: "c2VjcmV0" };
 * const claim = passwordClaim({ ...user, ...challenge, ephemeral: client, password: "pw" });
 * const check = {
 *   ...user,
 *   ephemeral: server,
 *   srpA: claim.SRP_A,
 *   verifier: stored.verifier,
 *   secretBlock: "c2VjcmV0",
 *   timestamp: claim.TIMESTAMP,
 *   signature: claim.PASSWORD_CLAIM_SIGNATURE,
 * };
 * assert.equal(verifyPasswordClaim(check), true);
 * assert.equal(verifyPasswordClaim({ ...check, secretBlock: "c2VjcmVU" }), false);
 * ```
 */
export function verifyPasswordClaim(
  check: PasswordClaimCheck,
  options: ModPowOptions = {},
): boolean {
  return verify(poolNameOf(check.userPoolId), check.userIdForSrp, check, options);
}

/**
 * Checks a DEVICE_PASSWORD_VERIFIER claim (§7.8): {@linkcode verifyPasswordClaim}
 * with the device group key as pool name and the device key as user. The
 * verifier is the stored `PasswordVerifier` ({@linkcode decodeDeviceVerifier}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createClientEphemeral, deviceClaim } from "./client.ts";
 * import { createDeviceVerifier, decodeDeviceVerifier } from "./device.ts";
 * import { createServerEphemeral, verifyDeviceClaim } from "./server.ts";
 * const device = { deviceGroupKey: "-wt2ha1Zd", deviceKey: "us-east-1_fec070d2" };
 * const secret = createDeviceVerifier(device.deviceGroupKey, device.deviceKey);
 * const stored = decodeDeviceVerifier(secret);
 * const server = createServerEphemeral(stored.verifier);
 * const client = createClientEphemeral();
 * const claim = deviceClaim({
 *   ...device,
 *   ephemeral: client,
 *   devicePassword: secret.DevicePassword,
 *   srpB: server.srpB,
 *   salt: stored.saltHex,
 *   secretBlock: "AAEC",
 * });
 * const check = {
 *   ...device,
 *   ephemeral: server,
 *   srpA: client.srpA,
 *   verifier: stored.verifier,
 *   secretBlock: Uint8Array.of(0, 1, 2),
 *   timestamp: claim.TIMESTAMP,
 *   signature: claim.PASSWORD_CLAIM_SIGNATURE,
 * };
 * assert.equal(verifyDeviceClaim(check), true);
 * assert.equal(verifyDeviceClaim({ ...check, deviceKey: "us-east-1_other" }), false);
 * ```
 */
export function verifyDeviceClaim(check: DeviceClaimCheck, options: ModPowOptions = {}): boolean {
  return verify(check.deviceGroupKey, check.deviceKey, check, options);
}
