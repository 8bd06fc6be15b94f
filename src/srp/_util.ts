// Small internal helpers shared by the files of src/srp. Not part of the public API.

import { SRP_N } from "./constants.ts";
import { SrpInputError } from "./errors.ts";
import type { RandomSource } from "./types.ts";

/** Quotes a value for an error message, cut short so huge inputs stay readable. */
export function quote(value: string, max = 24): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}

/** Draws `byteLength` bytes and checks that the source honoured the length. */
export function drawRandom(random: RandomSource, byteLength: number): Uint8Array {
  const bytes = random(byteLength);
  if (bytes.length !== byteLength) {
    throw new RangeError(
      `Cannot draw random bytes: the random source returned ${bytes.length} bytes, not ${byteLength}`,
    );
  }
  return bytes;
}

/** Checks an integer option such as `exponentBytes`. */
export function checkByteCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Cannot use ${name}: ${value} is not an integer in ${min}..${max}`);
  }
  return value;
}

/** Throws {@linkcode SrpInputError} for a public value that is 0 mod N (the RFC 5054 safeguard). */
export function checkPublicValue(value: bigint, field: "SRP_A" | "SRP_B"): bigint {
  if (value % SRP_N === 0n) {
    throw new SrpInputError(field, `Cannot use ${field}: the value is 0 mod N`);
  }
  return value;
}
