/**
 * SECRET_HASH for app clients with a client secret (§7.7).
 *
 * @module
 */

import { hmacSha256 } from "./hash.ts";

/** The inputs of {@linkcode secretHash}. */
export interface SecretHashInput {
  /**
   * The username this request names: what the user typed for InitiateAuth,
   * `USER_ID_FOR_SRP` for challenge answers after SRP, the internal username
   * for REFRESH_TOKEN_AUTH (§7.7).
   */
  username: string;
  /** The app client ID. */
  clientId: string;
  /** The app client secret. */
  clientSecret: string;
}

/**
 * SECRET_HASH = base64(HMAC-SHA256(key = clientSecret, message = username +
 * clientId)), all UTF-8.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { secretHash } from "./secret_hash.ts";
 * // §7.7 example
 * assert.equal(
 *   secretHash({ username: "alice", clientId: "1example23456789", clientSecret: "clientsecret123" }),
 *   "id3/IJlevsGIl7XeP8N2rmEcQeU/Ukw/V56fPyNQtmo=",
 * );
 * ```
 */
export function secretHash(input: SecretHashInput): string {
  const key = new TextEncoder().encode(input.clientSecret);
  return hmacSha256(key, input.username, input.clientId).toBase64();
}
