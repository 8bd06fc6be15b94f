// Variable-base exponentiation modulo N through the system OpenSSL 3
// (`BN_mod_exp_mont_consttime` via src/srp/native, Montgomery context of N built
// once): about twice as fast as node:crypto Diffie-Hellman in Deno. Usable
// only when src/srp/native could load libcrypto (FFI permission granted).

import { libcryptoStatus, type NativeModulus, openModulus } from "./native/mod.ts";
import { SRP_N } from "./constants.ts";

let modulus: NativeModulus | undefined;
let verdict: boolean | undefined;

/** base^exponent mod N for exponent >= 0; throws NativeCryptoError without libcrypto. */
export function opensslModPow(base: bigint, exponent: bigint): bigint {
  modulus ??= openModulus(SRP_N);
  return modulus.pow(base, exponent);
}

/**
 * Whether the OpenSSL backend can serve the default selection: libcrypto
 * loaded and one known power computed right (a wrong ABI would show here,
 * not in a sign-in). Decided once per process.
 */
export function opensslUsable(): boolean {
  if (verdict !== undefined) return verdict;
  verdict = false;
  if (!libcryptoStatus().available) return verdict;
  try {
    const expected = 3n ** 2000n % SRP_N;
    verdict = opensslModPow(3n, 2000n) === expected && opensslModPow(-3n, 2000n) === expected;
  } catch {
    verdict = false;
  }
  return verdict;
}
