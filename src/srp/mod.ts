/**
 * Cognito SRP, complete and standalone: the client claims of USER_SRP_AUTH and
 * device authentication, the ConfirmDevice verifier, the server side a mock
 * needs, SECRET_HASH, the TIMESTAMP format and TOTP. It imports nothing else
 * of this project (its optional native binding is ./native/); hashing is
 * hash-wasm, big numbers are BigInt plus the system OpenSSL through FFI when
 * the process has FFI permission, else the runtime's Diffie-Hellman.
 *
 * A full password sign-in, both sides:
 *
 * ```ts
 * import assert from "node:assert/strict";
 * import {
 *   createClientEphemeral,
 *   createPasswordVerifier,
 *   createServerEphemeral,
 *   passwordClaim,
 *   verifyPasswordClaim,
 * } from "./mod.ts";
 *
 * const pool = { userPoolId: "us-east-1_AbCdEf123", userIdForSrp: "alice" };
 * // Server: the user's stored salt and verifier.
 * const stored = createPasswordVerifier({ poolName: "AbCdEf123", userId: "alice", password: "pw" });
 * // Client → InitiateAuth(SRP_A). Keep `ephemeral` for the next step.
 * const ephemeral = createClientEphemeral();
 * // Server → PASSWORD_VERIFIER challenge (SRP_B, SALT, SECRET_BLOCK).
 * const server = createServerEphemeral(stored.verifier);
 * const challenge = { srpB: server.srpB, salt: stored.saltHex, secretBlock: "AAECAw==" };
 * // Client → RespondToAuthChallenge.
 * const claim = passwordClaim({ ...pool, ...challenge, ephemeral, password: "pw" });
 * // Server checks it.
 * assert.equal(
 *   verifyPasswordClaim({
 *     ...pool,
 *     ephemeral: server,
 *     srpA: claim.SRP_A,
 *     verifier: stored.verifier,
 *     secretBlock: challenge.secretBlock,
 *     timestamp: claim.TIMESTAMP,
 *     signature: claim.PASSWORD_CLAIM_SIGNATURE,
 *   }),
 *   true,
 * );
 * ```
 *
 * @module
 */

export {
  bytesToBigInt,
  decodeBase64,
  encodeBase64,
  padBytes,
  padHex,
  parseHexInteger,
} from "./bigint.ts";
export { decodeBase32, encodeBase32 } from "./base32.ts";
export type { Base32EncodeOptions } from "./base32.ts";
export { createClientEphemeral, deviceClaim, passwordClaim } from "./client.ts";
export type {
  ChallengeValues,
  ClaimOptions,
  ClientEphemeral,
  ClientEphemeralOptions,
  DeviceClaimInput,
  PasswordClaimInput,
  SrpClaim,
} from "./client.ts";
export { HKDF_INFO, SRP_G, SRP_K, SRP_N, SRP_N_HEX } from "./constants.ts";
export {
  claimSignature,
  computeClientS,
  computeServerS,
  computeU,
  computeX,
  deriveAuthKey,
  poolNameOf,
} from "./core.ts";
export type {
  ClientSecretValues,
  ServerSecretValues,
  SignedClaim,
  SrpCredentials,
} from "./core.ts";
export { createDeviceVerifier, decodeDeviceVerifier } from "./device.ts";
export type {
  DecodedDeviceVerifier,
  DeviceSecret,
  DeviceVerifierConfig,
  DeviceVerifierOptions,
} from "./device.ts";
export { SrpInputError } from "./errors.ts";
export { hkdfCognito, hmacSha1, hmacSha256, sha256, timingSafeEqual } from "./hash.ts";
export type { HashInput } from "./hash.ts";
export { defaultBackend, modPow, powG } from "./modexp.ts";
export type { ModPowBackend, ModPowOptions } from "./modexp.ts";
export { secretHash } from "./secret_hash.ts";
export type { SecretHashInput } from "./secret_hash.ts";
export {
  createServerEphemeral,
  parseSrpA,
  verifyDeviceClaim,
  verifyPasswordClaim,
} from "./server.ts";
export type {
  ClaimCheck,
  DeviceClaimCheck,
  PasswordClaimCheck,
  ServerEphemeral,
  ServerEphemeralOptions,
} from "./server.ts";
export { computeVerifier, createPasswordVerifier } from "./verifier.ts";
export type { PasswordVerifier, PasswordVerifierOptions } from "./verifier.ts";
export {
  formatTimestamp,
  isTimestampFresh,
  parseTimestamp,
  TIMESTAMP_FORMAT_MESSAGE,
  TimestampFormatError,
} from "./timestamp.ts";
export type { ParsedTimestamp, TimestampFreshnessOptions } from "./timestamp.ts";
export { createTotpSecret, matchTotpStep, totp, verifyTotp } from "./totp.ts";
export type { TotpOptions, TotpSecretOptions, TotpVerifyOptions } from "./totp.ts";
export { defaultClock, defaultRandom } from "./types.ts";
export type { Clock, RandomSource } from "./types.ts";
