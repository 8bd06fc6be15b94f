/**
 * Exponentiation modulo the SRP prime N.
 *
 * - {@linkcode powG} computes g^e (A, B, verifiers) from a lazily built
 *   fixed-base table once a process has done a few of them.
 * - {@linkcode modPow} computes any base^e with the first backend that is
 *   available: the system OpenSSL 3 through FFI (`"openssl"`, only when the
 *   process has FFI permission and libcrypto loads, see src/srp/native), the
 *   runtime's Diffie-Hellman (`"native"`, `node:crypto`), plain BigInt sliding
 *   windows with Barrett reduction (`"bigint"`, only when chosen). All give
 *   identical results; OpenSSL is about twice as fast as `node:crypto`, which
 *   is about twice as fast as BigInt.
 *
 * @module
 */

import { bigintModPow } from "./_barrett.ts";
import { tablePowG, tableWanted } from "./_fixed_base.ts";
import { nativeModPow } from "./_native.ts";
import { opensslModPow, opensslUsable } from "./_openssl.ts";
import { SRP_G } from "./constants.ts";

/**
 * How variable-base powers are computed: `"openssl"` uses the system
 * libcrypto through FFI (`BN_mod_exp_mont_consttime`), `"native"`
 * `node:crypto` Diffie-Hellman (Rust bignums in Deno), `"bigint"` plain
 * BigInt arithmetic.
 */
export type ModPowBackend = "openssl" | "native" | "bigint";

/** Options of every function that exponentiates. */
export interface ModPowOptions {
  /**
   * The engine for variable-base powers. Results do not depend on it.
   * Choosing `"openssl"` where libcrypto is unavailable (no `--allow-ffi`,
   * no OpenSSL 3) throws a `NativeCryptoError`.
   *
   * @default {defaultBackend()} `"openssl"` when available, else `"native"`
   */
  backend?: ModPowBackend;
}

type Engine = (base: bigint, exponent: bigint) => bigint;

const ENGINES: Record<ModPowBackend, Engine> = {
  openssl: opensslModPow,
  native: nativeModPow,
  bigint: bigintModPow,
};

/**
 * The backend used when none is chosen: `"openssl"` when libcrypto loads
 * (FFI permission granted, OpenSSL 3 present) and passes a known-answer
 * check, else `"native"`. Decided once per process; never prompts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBackend } from "./modexp.ts";
 * const ffi = Deno.permissions.querySync({ name: "ffi" }).state === "granted";
 * if (!ffi) assert.equal(defaultBackend(), "native");
 * assert.ok(["openssl", "native"].includes(defaultBackend()));
 * ```
 */
export function defaultBackend(): ModPowBackend {
  return opensslUsable() ? "openssl" : "native";
}

function engine(options: ModPowOptions): Engine {
  const chosen = ENGINES[options.backend ?? defaultBackend()];
  if (chosen === undefined) {
    throw new TypeError(`Cannot exponentiate: unknown backend "${options.backend}"`);
  }
  return chosen;
}

/**
 * base^exponent mod N, as a non-negative residue (a negative `base`, such as
 * B − k·g^x before reduction, is reduced first). `exponent` must be >= 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modPow } from "./modexp.ts";
 * import { SRP_N } from "./constants.ts";
 * assert.equal(modPow(3n, 5n), 243n);
 * assert.equal(modPow(-1n, 3n, { backend: "bigint" }), SRP_N - 1n);
 * assert.equal(modPow(7n, 2n ** 300n), modPow(7n, 2n ** 300n, { backend: "bigint" }));
 * ```
 */
export function modPow(base: bigint, exponent: bigint, options: ModPowOptions = {}): bigint {
  if (exponent < 0n) throw new RangeError(`Cannot exponentiate: exponent ${exponent} is negative`);
  return engine(options)(base, exponent);
}

/**
 * g^exponent mod N with g = 2. After the first few calls in a process it uses
 * a precomputed table (built once, at most about 2.5 MB), which makes it
 * several times faster than {@linkcode modPow}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modPow, powG } from "./modexp.ts";
 * assert.equal(powG(10n), 1024n);
 * const e = 0xfedcba9876543210n ** 4n;
 * for (let i = 0; i < 12; i++) assert.equal(powG(e + BigInt(i)), modPow(2n, e + BigInt(i)));
 * ```
 */
export function powG(exponent: bigint, options: ModPowOptions = {}): bigint {
  if (exponent < 0n) throw new RangeError(`Cannot raise g: exponent ${exponent} is negative`);
  const variable = engine(options);
  return tableWanted() ? tablePowG(exponent, variable) : variable(SRP_G, exponent);
}
