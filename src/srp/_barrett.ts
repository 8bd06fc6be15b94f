// Arithmetic modulo the SRP prime N in plain BigInt: Barrett reduction and a
// sliding-window exponentiation. V8 multiplies two 3072-bit BigInts in about
// 1.3 µs but takes about 4.2 µs for `% N` of the 6144-bit product; Barrett
// replaces that division by two multiplications (about 2.9 µs in total).

import { SRP_N } from "./constants.ts";

const K = 3072n;
const K_MINUS_1 = K - 1n;
const K_PLUS_1 = K + 1n;
/** floor(4^K / N), the Barrett constant. */
const MU = (1n << (2n * K)) / SRP_N;

/** Reduces 0 <= t < 2^6144 modulo N. */
export function reduce(t: bigint): bigint {
  const q = ((t >> K_MINUS_1) * MU) >> K_PLUS_1;
  let r = t - q * SRP_N;
  while (r >= SRP_N) r -= SRP_N; // at most twice (Barrett's error bound)
  return r;
}

/** a·b mod N for 0 <= a, b < N. */
export function mulMod(a: bigint, b: bigint): bigint {
  return reduce(a * b);
}

/** The non-negative residue of any integer modulo N. */
export function toResidue(value: bigint): bigint {
  const r = value % SRP_N;
  return r < 0n ? r + SRP_N : r;
}

const WINDOW = 6;

/** base^exponent mod N by left-to-right sliding windows of up to 6 bits. */
export function bigintModPow(base: bigint, exponent: bigint): bigint {
  const b = toResidue(base);
  if (exponent === 0n) return 1n;
  if (b <= 1n) return b;
  // odd[i] = b^(2i+1)
  const square = mulMod(b, b);
  const odd: bigint[] = [b];
  for (let i = 1; i < 1 << (WINDOW - 1); i++) odd.push(mulMod(odd[i - 1]!, square));
  const bits = exponent.toString(2);
  let result = 0n; // 0 marks "not started": nothing to square yet
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === "0") {
      if (result !== 0n) result = mulMod(result, result);
      i++;
      continue;
    }
    let end = Math.min(bits.length, i + WINDOW);
    while (bits[end - 1] === "0") end--; // windows end on a 1 bit, so the digit is odd
    const digit = parseInt(bits.slice(i, end), 2);
    if (result === 0n) {
      result = odd[digit >> 1]!;
    } else {
      for (let s = i; s < end; s++) result = mulMod(result, result);
      result = mulMod(result, odd[digit >> 1]!);
    }
    i = end;
  }
  return result;
}
