/**
 * SECRET_HASH as the server checks it (§7.7):
 * `base64(HMAC-SHA256(key = clientSecret, message = username + clientId))`,
 * computed by `secretHash` of the SRP engine (`src/srp/mod.ts`), which is
 * loaded on first use so the mock starts without it.
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
  const { secretHash } = await import("../../srp/mod.ts");
  return secretHash({ clientSecret, username, clientId });
}
