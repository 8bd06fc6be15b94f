/**
 * Whether the system OpenSSL 3 (`libcrypto`) is usable through Deno FFI.
 *
 * The library is loaded on first need and only when the process already has
 * unscoped FFI permission (`--allow-ffi`; a grant for one path is not enough,
 * Deno's pointer helpers need the whole permission): this folder never
 * prompts and never throws, at import or later. Without
 * permission, outside Deno, on Windows or without OpenSSL 3 the status is
 * "unavailable" with a reason, and callers take their portable path.
 * Names tried: `libcrypto.so.3`, `libcrypto.so` and the usual absolute
 * paths on Linux; `libcrypto.3.dylib` and Homebrew's on macOS.
 *
 * Set `COGNITO_CONFORMANCE_NATIVE=off` (read only when env permission for
 * that variable is granted) to keep the library unloaded anyway.
 *
 * @module
 */

import { type LibcryptoStatus, loadStatus } from "./_ffi.ts";

export type { LibcryptoStatus } from "./_ffi.ts";

/**
 * Whether libcrypto is usable in this process: loaded on the first call
 * (then remembered), never prompting for permission.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { libcryptoStatus } from "./libcrypto.ts";
 * const status = libcryptoStatus();
 * if (status.available) assert.match(status.version, /^OpenSSL 3\./);
 * else assert.ok(status.reason.length > 0);
 * assert.equal(libcryptoStatus(), status);
 * ```
 */
export function libcryptoStatus(): LibcryptoStatus {
  return loadStatus();
}
