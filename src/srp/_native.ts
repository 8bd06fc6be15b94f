// Variable-base exponentiation modulo N through the runtime's native
// Diffie-Hellman: with the private key set to the exponent, computeSecret(x)
// returns x^exponent mod N. In Deno this is Rust bignum code, about twice as
// fast as the best plain-BigInt exponentiation for 256..1024-bit exponents.

import { createDiffieHellman, type DiffieHellman } from "node:crypto";
import { bytesToBigInt } from "./bigint.ts";
import { SRP_N_HEX } from "./constants.ts";
import { toResidue } from "./_barrett.ts";

let engine: DiffieHellman | undefined;

function evenHexBytes(value: bigint): Uint8Array {
  const hex = value.toString(16);
  return Uint8Array.fromHex(hex.length % 2 === 1 ? `0${hex}` : hex);
}

/** base^exponent mod N for exponent >= 0, via node:crypto DiffieHellman. */
export function nativeModPow(base: bigint, exponent: bigint): bigint {
  const b = toResidue(base);
  if (exponent === 0n) return 1n;
  if (b <= 1n || exponent === 1n) return b;
  engine ??= createDiffieHellman(Uint8Array.fromHex(SRP_N_HEX), Uint8Array.of(2));
  engine.setPrivateKey(evenHexBytes(exponent));
  return bytesToBigInt(engine.computeSecret(evenHexBytes(b)));
}
