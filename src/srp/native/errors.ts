/**
 * The error of the native binding.
 *
 * @module
 */

/**
 * A libcrypto call failed, or libcrypto cannot serve a request (not loaded,
 * object already disposed, unusable key). Callers that have a portable path
 * catch it and take that path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NativeCryptoError } from "./errors.ts";
 * const error = new NativeCryptoError('Cannot sign: the key was disposed');
 * assert.ok(error instanceof Error);
 * assert.equal(error.name, "NativeCryptoError");
 * ```
 */
export class NativeCryptoError extends Error {
  /** Always `"NativeCryptoError"`. */
  override name = "NativeCryptoError";
}
