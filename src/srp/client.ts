/**
 * The client side of Cognito SRP: the ephemeral sent as `SRP_A`, and the
 * PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answers (§4.2, §4.4, §7).
 *
 * The ephemeral is a plain value: create it before InitiateAuth (or the
 * DEVICE_SRP_AUTH answer), keep it, and pass it to {@linkcode passwordClaim}
 * or {@linkcode deviceClaim} when the challenge arrives.
 *
 * Exponent size: `a` has 256 random bits by default. RFC 5054 asks for private
 * values of at least 256 random bits, and 256 bits match the ~128-bit
 * strength of the 3072-bit group (NIST SP 800-56A). amazon-cognito-identity-js
 * draws 1024 bits; pass `exponentBytes: 128` to do the same. Cognito accepts
 * either: A is just a group element.
 *
 * @module
 */

import { decodeBase64, parseHexInteger } from "./bigint.ts";
import {
  claimSignature,
  computeClientS,
  computeU,
  computeX,
  deriveAuthKey,
  poolNameOf,
  type SrpCredentials,
} from "./core.ts";
import { SrpInputError } from "./errors.ts";
import { type ModPowOptions, powG } from "./modexp.ts";
import { formatTimestamp } from "./timestamp.ts";
import { type Clock, defaultClock, defaultRandom, type RandomSource } from "./types.ts";
import { checkByteCount, checkPublicValue, drawRandom } from "./_util.ts";

/** The client's ephemeral key pair. Keep it between the two SRP steps. */
export interface ClientEphemeral {
  /** The secret exponent a. */
  readonly a: bigint;
  /** A = g^a mod N. */
  readonly A: bigint;
  /** `SRP_A`: A as lower-case hex without padding, as clients send it. */
  readonly srpA: string;
}

/** Options of {@linkcode createClientEphemeral}. */
export interface ClientEphemeralOptions extends ModPowOptions {
  /**
   * Where random bytes come from.
   *
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
  /**
   * Random bytes in `a` (16..384). 128 reproduces amazon-cognito-identity-js.
   *
   * @default {32}
   */
  exponentBytes?: number;
  /**
   * A fixed secret exponent (replays, vectors) instead of a random one.
   *
   * @default {undefined}
   */
  a?: bigint;
}

/**
 * Creates the client ephemeral: a random `a` and A = g^a mod N. A random `a`
 * is redrawn in the (negligible) case A is 0 or 1; a fixed `a` giving A = 1
 * throws a `RangeError`. A = 1 comes from `a` = 0 or any multiple of g's
 * order (N − 1) / 2: a degenerate public value that leaves the session key
 * without an ephemeral secret (A mod N = 0, the RFC 5054 refusal, cannot
 * come from g^a).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createClientEphemeral } from "./client.ts";
 * const ephemeral = createClientEphemeral({ a: 10n });
 * assert.equal(ephemeral.A, 1024n);
 * assert.equal(ephemeral.srpA, "400");
 * assert.ok(createClientEphemeral().a < 2n ** 256n);
 * assert.throws(() => createClientEphemeral({ a: 0n }), /Cannot use a: SRP_A would be 1/);
 * ```
 */
export function createClientEphemeral(options: ClientEphemeralOptions = {}): ClientEphemeral {
  const { random = defaultRandom, exponentBytes = 32 } = options;
  if (options.a !== undefined) {
    if (options.a < 0n) throw new RangeError(`Cannot use a: ${options.a} is negative`);
    const A = checkPublicValue(powG(options.a, options), "SRP_A");
    if (A === 1n) {
      throw new RangeError(
        "Cannot use a: SRP_A would be 1 (a is 0 or a multiple of the order of g)",
      );
    }
    return { a: options.a, A, srpA: A.toString(16) };
  }
  checkByteCount("exponentBytes", exponentBytes, 16, 384);
  for (;;) {
    const a = BigInt(`0x${drawRandom(random, exponentBytes).toHex()}`);
    const A = powG(a, options); // a = 0 gives A = 1, drawn again with the multiples of g's order
    if (A > 1n) return { a, A, srpA: A.toString(16) };
  }
}

/** What the server sent in a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER challenge. */
export interface ChallengeValues {
  /** The ephemeral whose `SRP_A` started this sign-in. */
  ephemeral: ClientEphemeral;
  /** `SRP_B` hex (any case, leading zeros allowed). */
  srpB: string;
  /** `SALT` hex (any case, leading zeros allowed). */
  salt: string;
  /** `SECRET_BLOCK`, standard base64, echoed back unchanged. */
  secretBlock: string;
}

/** PASSWORD_VERIFIER inputs. */
export interface PasswordClaimInput extends ChallengeValues {
  /** The user pool ID, e.g. `us-east-1_AbCdEf123` (its part after `_` is signed). */
  userPoolId: string;
  /** `USER_ID_FOR_SRP` from the challenge (not the alias the user typed). */
  userIdForSrp: string;
  /** The user's password. */
  password: string;
}

/** DEVICE_PASSWORD_VERIFIER inputs. */
export interface DeviceClaimInput extends ChallengeValues {
  /** The device group key (it takes the pool name's place). */
  deviceGroupKey: string;
  /** The device key (it takes the user's place). */
  deviceKey: string;
  /** The device password generated for ConfirmDevice. */
  devicePassword: string;
}

/** Options of {@linkcode passwordClaim} and {@linkcode deviceClaim}. */
export interface ClaimOptions extends ModPowOptions {
  /**
   * The clock that dates the claim.
   *
   * @default {() => new Date()}
   */
  now?: Clock;
  /**
   * A TIMESTAMP text to sign and send verbatim instead of formatting `now()`.
   * It is not validated, so scenarios can send malformed values on purpose.
   *
   * @default {undefined}
   */
  timestamp?: string;
}

/** The challenge answer fields computed by the client. */
export interface SrpClaim {
  /** The ephemeral's public value (hex), for reference. */
  SRP_A: string;
  /** The TIMESTAMP that was signed. */
  TIMESTAMP: string;
  /** base64 HMAC-SHA256 signature. */
  PASSWORD_CLAIM_SIGNATURE: string;
}

function claim(
  credentials: SrpCredentials,
  input: ChallengeValues,
  options: ClaimOptions,
): SrpClaim {
  const { ephemeral } = input;
  const B = checkPublicValue(parseHexInteger(input.srpB, "SRP_B"), "SRP_B");
  const salt = parseHexInteger(input.salt, "SALT");
  const secretBlock = decodeBase64(input.secretBlock, "SECRET_BLOCK");
  const u = computeU(ephemeral.A, B);
  if (u === 0n) throw new SrpInputError("SRP_B", "Cannot use SRP_B: the scrambler u is 0");
  const x = computeX(credentials, salt);
  const S = computeClientS({ a: ephemeral.a, B, x, u }, options);
  const timestamp = options.timestamp ?? formatTimestamp((options.now ?? defaultClock)());
  const signature = claimSignature(deriveAuthKey(S, u), {
    poolName: credentials.poolName,
    userId: credentials.userId,
    secretBlock,
    timestamp,
  });
  return { SRP_A: ephemeral.srpA, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature };
}

/**
 * Answers PASSWORD_VERIFIER (§4.2, §7.4, §7.5). Throws
 * {@linkcode SrpInputError} for malformed hex or base64, or SRP_B mod N = 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createClientEphemeral, passwordClaim } from "./client.ts";
 * import { createServerEphemeral, verifyPasswordClaim } from "./server.ts";
 * import { createPasswordVerifier } from "./verifier.ts";
 * const stored = createPasswordVerifier({ poolName: "AbCdEf123", userId: "alice", password: "pw" });
 * const server = createServerEphemeral(stored.verifier);
 * const ephemeral = createClientEphemeral(); // its srpA went out with InitiateAuth
 * const claim = passwordClaim({
 *   ephemeral,
 *   userPoolId: "us-east-1_AbCdEf123",
 *   userIdForSrp: "alice",
 *   password: "pw",
 *   srpB: server.srpB,
 *   salt: stored.saltHex,
 *   secretBlock: "c2VjcmV0LWJsb2NrLWJ5dGVz",
 * }, { now: () => new Date("2026-11-26T09:38:57Z") });
 * assert.equal(claim.TIMESTAMP, "Thu Nov 26 09:38:57 UTC 2026");
 * assert.equal(claim.SRP_A, ephemeral.srpA);
 * assert.equal(verifyPasswordClaim({
 *   ephemeral: server,
 *   srpA: claim.SRP_A,
 *   verifier: stored.verifier,
 *   userPoolId: "us-east-1_AbCdEf123",
 *   userIdForSrp: "alice",
 *   secretBlock: "c2VjcmV0LWJsb2NrLWJ5dGVz",
 *   timestamp: claim.TIMESTAMP,
 *   signature: claim.PASSWORD_CLAIM_SIGNATURE,
 * }), true);
 * ```
 */
export function passwordClaim(input: PasswordClaimInput, options: ClaimOptions = {}): SrpClaim {
  const credentials = {
    poolName: poolNameOf(input.userPoolId),
    userId: input.userIdForSrp,
    password: input.password,
  };
  return claim(credentials, input, options);
}

/**
 * Answers DEVICE_PASSWORD_VERIFIER (§4.4, §7.8): the same computation with
 * the device group key as pool name, the device key as user and the device
 * password as password.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createClientEphemeral, deviceClaim } from "./client.ts";
 * const claim = deviceClaim({
 *   ephemeral: createClientEphemeral({ a: 12345n }),
 *   deviceGroupKey: "-wt2ha1Zd",
 *   deviceKey: "us-east-1_fec070d2-fa88-424a-8ec8-b26d7198eb23",
 *   devicePassword: "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==",
 *   srpB: "56c98f4895286f60f83ecec0",
 *   salt: "8a8a8a8a8a8a8a8a8a8a8a8a8a8a8a8a",
 *   secretBlock: "ZGV2aWNlLXNlY3JldC1ibG9jaw==",
 * }, { now: () => new Date("2026-11-04T09:05:07Z") });
 * assert.equal(claim.TIMESTAMP, "Wed Nov 4 09:05:07 UTC 2026");
 * ```
 */
export function deviceClaim(input: DeviceClaimInput, options: ClaimOptions = {}): SrpClaim {
  const credentials = {
    poolName: input.deviceGroupKey,
    userId: input.deviceKey,
    password: input.devicePassword,
  };
  return claim(credentials, input, options);
}
