/**
 * The SRP group Cognito uses (§7.1): N is the 3072-bit MODP prime of RFC 3526
 * group 15, g = 2, and k = H(pad(N) | pad(g)), computed here at load time.
 *
 * @module
 */

import { padBytes } from "./bigint.ts";
import { sha256 } from "./hash.ts";

export { HKDF_INFO } from "./hash.ts";

/**
 * N as 768 lower-case hex digits (RFC 3526 §4, the 3072-bit MODP group).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SRP_N_HEX } from "./constants.ts";
 * assert.equal(SRP_N_HEX.length, 768);
 * assert.ok(SRP_N_HEX.startsWith("ffffffffffffffffc90fdaa2"));
 * ```
 */
export const SRP_N_HEX: string = [
  "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd",
  "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
  "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f",
  "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
  "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510",
  "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
  "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c",
  "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
].join("");

/**
 * The group modulus N.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SRP_N } from "./constants.ts";
 * assert.equal(SRP_N.toString(2).length, 3072);
 * ```
 */
export const SRP_N: bigint = BigInt(`0x${SRP_N_HEX}`);

/**
 * The generator g = 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SRP_G } from "./constants.ts";
 * assert.equal(SRP_G, 2n);
 * ```
 */
export const SRP_G = 2n;

/**
 * The multiplier k = H(pad(N) | pad(g)) = `538282c4…` (§7.1). pad(N) is 385
 * bytes (a `00` sign byte, since N's top bit is set); pad(g) is the byte `02`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SRP_K } from "./constants.ts";
 * assert.equal(SRP_K.toString(16).slice(0, 8), "538282c4");
 * ```
 */
export const SRP_K: bigint = BigInt(`0x${sha256(padBytes(SRP_N), padBytes(SRP_G)).toHex()}`);
