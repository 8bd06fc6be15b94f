/**
 * SECRET_HASH as the server checks it (§7.7):
 * `base64(HMAC-SHA256(key = clientSecret, message = username + clientId))`.
 *
 * A small local copy computed with hash-wasm, loaded on first use so the mock
 * starts fast. To be consolidated with `secretHash` of `src/srp/` once that
 * module is published through `src/srp/mod.ts`.
 *
 * @module
 */

/**
 * Computes SECRET_HASH.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeSecretHash } from "./secret_hash.ts";
 * // §7.7 example
 * assert.equal(
 *   await computeSecretHash("clientsecret123", "alice", "1example23456789"),
 *   "id3/IJlevsGIl7XeP8N2rmEcQeU/Ukw/V56fPyNQtmo=",
 * );
 * ```
 */
export async function computeSecretHash(
  clientSecret: string,
  username: string,
  clientId: string,
): Promise<string> {
  const { createHMAC, createSHA256 } = await import("hash-wasm");
  const hmac = await createHMAC(createSHA256(), new TextEncoder().encode(clientSecret));
  hmac.init();
  hmac.update(new TextEncoder().encode(username + clientId));
  const digest = hmac.digest("binary");
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}
