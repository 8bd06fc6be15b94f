/**
 * Optional native acceleration through the system OpenSSL 3 (`libcrypto`)
 * via Deno FFI: the only FFI code of this project. It imports nothing else of
 * ours. Everything here is optional: {@linkcode libcryptoStatus} says whether
 * it can be used, and callers keep a portable path for when it cannot
 * (no `--allow-ffi`, no OpenSSL 3, Windows, another runtime).
 *
 * - {@linkcode importRsaPrivateKey}: RS256 signatures off the main thread,
 *   byte-identical to WebCrypto's.
 * - {@linkcode openModulus}: bigint modular exponentiation with a cached
 *   Montgomery context.
 *
 * Native objects are freed by `dispose()` (or `using`), with a
 * `FinalizationRegistry` as a safety net; failures surface as
 * {@linkcode NativeCryptoError}, never as a crash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { libcryptoStatus, openModulus } from "./mod.ts";
 * const status = libcryptoStatus();
 * if (status.available) {
 *   using m = openModulus(23n);
 *   assert.equal(m.pow(5n, 6n), 8n);
 * } else {
 *   assert.throws(() => openModulus(23n), { name: "NativeCryptoError" });
 * }
 * ```
 *
 * @module
 */

export { NativeCryptoError } from "./errors.ts";
export { type LibcryptoStatus, libcryptoStatus } from "./libcrypto.ts";
export { type NativeModulus, openModulus } from "./modulus.ts";
export { importRsaPrivateKey, type NativeRsaKey } from "./rsa.ts";
