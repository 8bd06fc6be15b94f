/**
 * RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures by libcrypto. The key is
 * parsed once; each signature's RSA work (`EVP_DigestSign`) runs on a Deno
 * worker thread, so concurrent signatures use every core and the event loop
 * stays free. PKCS#1 v1.5 is deterministic: the bytes equal WebCrypto's for
 * the same key and input.
 *
 * @module
 */

import { failure, type LibcryptoSymbols, requireSymbols } from "./_ffi.ts";
import { NativeCryptoError } from "./errors.ts";

const EVP_PKEY_RSA = 6; // NID_rsaEncryption

/**
 * An RSA private key held by libcrypto. Create it with
 * {@linkcode importRsaPrivateKey}; free it with `dispose()` (or `using`).
 */
export interface NativeRsaKey extends Disposable {
  /** The modulus size in bits, e.g. 2048. */
  readonly bits: number;
  /** Whether `dispose()` has been called (the key may still finish signatures in flight). */
  readonly disposed: boolean;
  /**
   * The RS256 signature of `data` (copied first, so the caller may reuse its
   * buffer at once). Rejects with {@linkcode NativeCryptoError} after
   * `dispose()` or when libcrypto fails.
   */
  sign(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * Frees the native key: at once when no signature is in flight, else when
   * the last one ends. Later `sign` calls reject. Idempotent.
   */
  dispose(): void;
}

/** Everything a signature in flight hands to another thread: referenced until it ends. */
interface Job {
  readonly input: Uint8Array;
  readonly signature: Uint8Array<ArrayBuffer>;
  readonly length: BigUint64Array;
  readonly context: Deno.PointerValue;
}

interface Held {
  readonly symbols: LibcryptoSymbols;
  key: Deno.PointerValue;
}

function free(held: Held): void {
  if (held.key !== null) held.symbols.EVP_PKEY_free(held.key);
  held.key = null;
}

// Frees keys that were dropped without dispose() (safety net, not the rule).
// A key with signatures in flight is still reachable from their promises.
const finalizer = new FinalizationRegistry<Held>(free);

class RsaKey implements NativeRsaKey {
  readonly bits: number;
  #held: Held;
  #size: number;
  #sha256: Deno.PointerValue;
  #pending = new Set<Job>();
  #disposeRequested = false;

  constructor(held: Held, bits: number, size: number) {
    this.#held = held;
    this.bits = bits;
    this.#size = size;
    this.#sha256 = held.symbols.EVP_sha256();
    finalizer.register(this, held, this);
  }

  get disposed(): boolean {
    return this.#disposeRequested;
  }

  async sign(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    const s = this.#held.symbols;
    if (this.#disposeRequested || this.#held.key === null) {
      throw new NativeCryptoError("Cannot sign: the key was disposed");
    }
    const job: Job = {
      input: data.slice(),
      signature: new Uint8Array(this.#size),
      length: new BigUint64Array([BigInt(this.#size)]),
      context: s.EVP_MD_CTX_new(),
    };
    this.#pending.add(job);
    try {
      if (job.context === null) throw failure(s, "sign", "EVP_MD_CTX_new");
      if (s.EVP_DigestSignInit(job.context, null, this.#sha256, null, this.#held.key) !== 1) {
        throw failure(s, "sign", "EVP_DigestSignInit");
      }
      const ok = await s.EVP_DigestSign(
        job.context,
        job.signature,
        job.length,
        job.input,
        BigInt(job.input.length),
      );
      // The worker thread's error queue is not readable from here.
      if (ok !== 1) throw new NativeCryptoError("Cannot sign: EVP_DigestSign failed");
      const length = Number(job.length[0]);
      if (length < 1 || length > this.#size) {
        throw new NativeCryptoError(`Cannot sign: EVP_DigestSign reported ${length} bytes`);
      }
      return length === this.#size ? job.signature : job.signature.slice(0, length);
    } finally {
      if (job.context !== null) s.EVP_MD_CTX_free(job.context);
      this.#pending.delete(job);
      if (this.#disposeRequested && this.#pending.size === 0) this.#release();
    }
  }

  dispose(): void {
    if (this.#disposeRequested) return;
    this.#disposeRequested = true;
    if (this.#pending.size === 0) this.#release();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #release(): void {
    finalizer.unregister(this);
    free(this.#held);
  }
}

/**
 * Parses an unencrypted PKCS#8 RSA private key (DER, as WebCrypto's
 * `exportKey("pkcs8")` gives it) into libcrypto. Throws
 * {@linkcode NativeCryptoError} when libcrypto is unavailable (see
 * `libcryptoStatus()`), the DER is malformed or has trailing bytes, or the
 * key is not RSA. The caller may wipe `pkcs8` afterwards: libcrypto keeps
 * its own copy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { libcryptoStatus } from "./libcrypto.ts";
 * import { importRsaPrivateKey } from "./rsa.ts";
 * if (libcryptoStatus().available) {
 *   const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
 *   const pair = await crypto.subtle.generateKey(
 *     { ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
 *     true,
 *     ["sign", "verify"],
 *   );
 *   const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
 *   using key = importRsaPrivateKey(pkcs8);
 *   const data = new TextEncoder().encode("header.payload");
 *   const signature = await key.sign(data);
 *   const reference = new Uint8Array(await crypto.subtle.sign(algorithm, pair.privateKey, data));
 *   assert.equal(key.bits, 2048);
 *   assert.deepEqual(signature, reference);
 * }
 * ```
 */
export function importRsaPrivateKey(pkcs8: Uint8Array): NativeRsaKey {
  const s = requireSymbols("import the RSA key");
  if (pkcs8.length === 0) throw new NativeCryptoError("Cannot import the RSA key: it is empty");
  const der = pkcs8.slice();
  try {
    // d2i_* reads through a pointer to the DER pointer and advances it.
    const start = Deno.UnsafePointer.value(Deno.UnsafePointer.of(der));
    const cursor = new BigUint64Array([BigInt(start)]);
    const key = s.d2i_AutoPrivateKey(null, cursor, BigInt(der.length));
    if (key === null) throw failure(s, "import the RSA key", "d2i_AutoPrivateKey");
    const held: Held = { symbols: s, key };
    const consumed = Number(cursor[0]! - BigInt(start));
    if (consumed !== der.length) {
      free(held);
      throw new NativeCryptoError(
        `Cannot import the RSA key: ${der.length - consumed} bytes follow the DER structure`,
      );
    }
    if (s.EVP_PKEY_get_base_id(key) !== EVP_PKEY_RSA) {
      free(held);
      throw new NativeCryptoError("Cannot import the RSA key: it is not an RSA key");
    }
    const size = s.EVP_PKEY_get_size(key);
    const bits = s.EVP_PKEY_get_bits(key);
    if (size < 64 || size > 2048 || bits < 512) {
      free(held);
      throw new NativeCryptoError(`Cannot import the RSA key: unsupported size ${bits} bits`);
    }
    return new RsaKey(held, bits, size);
  } finally {
    der.fill(0);
  }
}
