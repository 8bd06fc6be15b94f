/**
 * The injectable sources of randomness and time used across `src/srp`.
 *
 * @module
 */

/** Returns `byteLength` fresh random bytes. */
export type RandomSource = (byteLength: number) => Uint8Array;

/** Returns the current instant. */
export type Clock = () => Date;

/**
 * The default {@linkcode RandomSource}: `crypto.getRandomValues`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultRandom } from "./types.ts";
 * assert.equal(defaultRandom(40).length, 40);
 * ```
 */
export function defaultRandom(byteLength: number): Uint8Array {
  const bytes = new Uint8Array(byteLength);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < byteLength; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(byteLength, offset + 65536)));
  }
  return bytes;
}

/**
 * The default {@linkcode Clock}: `new Date()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultClock } from "./types.ts";
 * assert.ok(defaultClock() instanceof Date);
 * ```
 */
export function defaultClock(): Date {
  return new Date();
}
