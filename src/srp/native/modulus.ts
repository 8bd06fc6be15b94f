/**
 * Modular exponentiation of bigints by OpenSSL's `BN_mod_exp_mont_consttime`,
 * for one modulus whose Montgomery context (`BN_MONT_CTX`) is built once and
 * reused, e.g. the SRP prime N. Synchronous: a 3072-bit modulus with a
 * 256-bit exponent takes about half a millisecond.
 *
 * @module
 */

import { failure, type LibcryptoSymbols, requireSymbols } from "./_ffi.ts";
import { NativeCryptoError } from "./errors.ts";

/** Operands above this many bytes are refused (BN sizes are C `int`s; SRP needs 384). */
const MAX_BYTES = 8192;

function toBytes(value: bigint): Uint8Array {
  const hex = value.toString(16);
  return Uint8Array.fromHex(hex.length % 2 === 1 ? `0${hex}` : hex);
}

interface Handles {
  bn: Deno.PointerValue;
  mont: Deno.PointerValue;
  ctx: Deno.PointerValue;
}

function release(symbols: LibcryptoSymbols, handles: Handles): void {
  if (handles.mont !== null) symbols.BN_MONT_CTX_free(handles.mont);
  if (handles.bn !== null) symbols.BN_free(handles.bn);
  if (handles.ctx !== null) symbols.BN_CTX_free(handles.ctx);
  handles.mont = handles.bn = handles.ctx = null;
}

// Frees what a forgotten modulus still holds (safety net; dispose() is the rule).
const finalizer = new FinalizationRegistry<{ symbols: LibcryptoSymbols; handles: Handles }>(
  ({ symbols, handles }) => release(symbols, handles),
);

/**
 * A modulus held by libcrypto, with its Montgomery context. Create it with
 * {@linkcode openModulus}; free it with `dispose()` (or `using`).
 *
 * Exponents are treated as secrets: the constant-time ladder is used for odd
 * moduli, and the native copies of operands are zeroed when freed. Even
 * moduli take the ordinary `BN_mod_exp`.
 */
export interface NativeModulus extends Disposable {
  /** The modulus. */
  readonly value: bigint;
  /** Whether `dispose()` has run. */
  readonly disposed: boolean;
  /** base^exponent mod `value`, non-negative (a negative base is reduced first); exponent >= 0. */
  pow(base: bigint, exponent: bigint): bigint;
  /** Frees the native modulus now; later `pow` calls throw. Idempotent. */
  dispose(): void;
}

class Modulus implements NativeModulus {
  readonly value: bigint;
  #bytes: number;
  #odd: boolean;
  #symbols: LibcryptoSymbols;
  #handles: Handles;

  constructor(value: bigint, symbols: LibcryptoSymbols, handles: Handles) {
    this.value = value;
    this.#bytes = toBytes(value).length;
    this.#odd = (value & 1n) === 1n;
    this.#symbols = symbols;
    this.#handles = handles;
    finalizer.register(this, { symbols, handles }, this);
  }

  get disposed(): boolean {
    return this.#handles.bn === null;
  }

  pow(base: bigint, exponent: bigint): bigint {
    if (exponent < 0n) {
      throw new RangeError(`Cannot exponentiate: exponent ${exponent} is negative`);
    }
    const { bn, mont, ctx } = this.#handles;
    if (bn === null) throw new NativeCryptoError("Cannot exponentiate: the modulus was disposed");
    const m = this.value;
    if (m === 1n) return 0n;
    const b = ((base % m) + m) % m;
    if (exponent === 0n) return 1n;
    if (b <= 1n || exponent === 1n) return b;
    const p = toBytes(exponent);
    if (p.length > MAX_BYTES) {
      throw new RangeError(
        `Cannot exponentiate: exponent of ${p.length} bytes exceeds ${MAX_BYTES}`,
      );
    }
    const a = toBytes(b);
    const s = this.#symbols;
    const action = "exponentiate with libcrypto";
    let aBn: Deno.PointerValue = null;
    let pBn: Deno.PointerValue = null;
    let rBn: Deno.PointerValue = null;
    try {
      aBn = s.BN_bin2bn(a, a.length, null);
      pBn = s.BN_bin2bn(p, p.length, null);
      rBn = s.BN_new();
      if (aBn === null || pBn === null || rBn === null) throw failure(s, action, "BN_bin2bn");
      const ok = this.#odd
        ? s.BN_mod_exp_mont_consttime(rBn, aBn, pBn, bn, ctx, mont)
        : s.BN_mod_exp(rBn, aBn, pBn, bn, ctx);
      if (ok !== 1) throw failure(s, action, "BN_mod_exp");
      const out = new Uint8Array(this.#bytes);
      if (s.BN_bn2binpad(rBn, out, out.length) !== out.length) {
        throw failure(s, action, "BN_bn2binpad");
      }
      const result = BigInt(`0x${out.toHex()}`);
      out.fill(0);
      return result;
    } finally {
      for (const pointer of [aBn, pBn, rBn]) if (pointer !== null) s.BN_clear_free(pointer);
      a.fill(0);
      p.fill(0);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    finalizer.unregister(this);
    release(this.#symbols, this.#handles);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * Loads `modulus` (> 0, at most 8192 bytes) into libcrypto and prepares its
 * Montgomery context. Throws {@linkcode NativeCryptoError} when libcrypto is
 * unavailable (see `libcryptoStatus()`), `RangeError` for a bad modulus.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { libcryptoStatus } from "./libcrypto.ts";
 * import { openModulus } from "./modulus.ts";
 * if (libcryptoStatus().available) {
 *   using m = openModulus(1_000_003n);
 *   assert.equal(m.pow(2n, 10n), 1024n);
 *   assert.equal(m.pow(-1n, 3n), 1_000_002n);
 *   assert.equal(m.pow(7n, 1_000_002n), 1n); // Fermat: the modulus is prime
 * }
 * ```
 */
export function openModulus(modulus: bigint): NativeModulus {
  if (modulus <= 0n) throw new RangeError(`Cannot open modulus: ${modulus} is not positive`);
  const bytes = toBytes(modulus);
  if (bytes.length > MAX_BYTES) {
    throw new RangeError(`Cannot open modulus: ${bytes.length} bytes exceed ${MAX_BYTES}`);
  }
  const s = requireSymbols("open modulus");
  const handles: Handles = { bn: null, mont: null, ctx: null };
  try {
    handles.ctx = s.BN_CTX_new();
    handles.bn = s.BN_bin2bn(bytes, bytes.length, null);
    if (handles.ctx === null || handles.bn === null) throw failure(s, "open modulus", "BN_new");
    if ((modulus & 1n) === 1n) {
      handles.mont = s.BN_MONT_CTX_new();
      if (handles.mont === null) throw failure(s, "open modulus", "BN_MONT_CTX_new");
      if (s.BN_MONT_CTX_set(handles.mont, handles.bn, handles.ctx) !== 1) {
        throw failure(s, "open modulus", "BN_MONT_CTX_set");
      }
    }
    return new Modulus(modulus, s, handles);
  } catch (error) {
    release(s, handles);
    throw error;
  }
}
