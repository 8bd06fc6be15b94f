// The raw libcrypto binding: the symbol table (the ABI), the lazy, never
// prompting load, and error-queue reading. Only src/srp/native calls these.
//
// ABI assumptions (LP64: Linux and macOS on x86-64 or arm64): pointers are 64
// bits, `size_t` is `usize` (u64), C `long` is i64 and `unsigned long` u64,
// `int` is i32. Windows (LLP64, 32-bit `long`) is deliberately not tried. The
// library is never closed once loaded: native objects may be freed late, by a
// finalizer, and must find it mapped.

import { NativeCryptoError } from "./errors.ts";

/** The OpenSSL functions this project calls, with their C signatures. */
const SYMBOLS = {
  /** int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings) */
  OPENSSL_init_crypto: { parameters: ["u64", "pointer"], result: "i32" },
  /** unsigned long OpenSSL_version_num(void) */
  OpenSSL_version_num: { parameters: [], result: "u64" },
  /** const char *OpenSSL_version(int type) */
  OpenSSL_version: { parameters: ["i32"], result: "pointer" },
  /** unsigned long ERR_get_error(void) */
  ERR_get_error: { parameters: [], result: "u64" },
  /** void ERR_error_string_n(unsigned long e, char *buf, size_t len) */
  ERR_error_string_n: { parameters: ["u64", "buffer", "usize"], result: "void" },
  /** void ERR_clear_error(void) */
  ERR_clear_error: { parameters: [], result: "void" },
  /** EVP_PKEY *d2i_AutoPrivateKey(EVP_PKEY **a, const unsigned char **pp, long length) */
  d2i_AutoPrivateKey: { parameters: ["pointer", "buffer", "i64"], result: "pointer" },
  /** void EVP_PKEY_free(EVP_PKEY *pkey) */
  EVP_PKEY_free: { parameters: ["pointer"], result: "void" },
  /** int EVP_PKEY_get_base_id(const EVP_PKEY *pkey) */
  EVP_PKEY_get_base_id: { parameters: ["pointer"], result: "i32" },
  /** int EVP_PKEY_get_bits(const EVP_PKEY *pkey) */
  EVP_PKEY_get_bits: { parameters: ["pointer"], result: "i32" },
  /** int EVP_PKEY_get_size(const EVP_PKEY *pkey): the largest signature, bytes */
  EVP_PKEY_get_size: { parameters: ["pointer"], result: "i32" },
  /** const EVP_MD *EVP_sha256(void) */
  EVP_sha256: { parameters: [], result: "pointer" },
  /** EVP_MD_CTX *EVP_MD_CTX_new(void) */
  EVP_MD_CTX_new: { parameters: [], result: "pointer" },
  /** void EVP_MD_CTX_free(EVP_MD_CTX *ctx) */
  EVP_MD_CTX_free: { parameters: ["pointer"], result: "void" },
  /** int EVP_DigestSignInit(EVP_MD_CTX *, EVP_PKEY_CTX **, const EVP_MD *, ENGINE *, EVP_PKEY *) */
  EVP_DigestSignInit: {
    parameters: ["pointer", "pointer", "pointer", "pointer", "pointer"],
    result: "i32",
  },
  /**
   * int EVP_DigestSign(EVP_MD_CTX *, unsigned char *sig, size_t *siglen,
   * const unsigned char *tbs, size_t tbslen): the RSA work, on a worker
   * thread, so signatures use every core and never block the event loop.
   */
  EVP_DigestSign: {
    parameters: ["pointer", "buffer", "buffer", "buffer", "usize"],
    result: "i32",
    nonblocking: true,
  },
  /** BN_CTX *BN_CTX_new(void) */
  BN_CTX_new: { parameters: [], result: "pointer" },
  /** void BN_CTX_free(BN_CTX *c) */
  BN_CTX_free: { parameters: ["pointer"], result: "void" },
  /** BIGNUM *BN_new(void) */
  BN_new: { parameters: [], result: "pointer" },
  /** BIGNUM *BN_bin2bn(const unsigned char *s, int len, BIGNUM *ret) */
  BN_bin2bn: { parameters: ["buffer", "i32", "pointer"], result: "pointer" },
  /** int BN_bn2binpad(const BIGNUM *a, unsigned char *to, int tolen) */
  BN_bn2binpad: { parameters: ["pointer", "buffer", "i32"], result: "i32" },
  /** void BN_free(BIGNUM *a) */
  BN_free: { parameters: ["pointer"], result: "void" },
  /** void BN_clear_free(BIGNUM *a): zeroes the digits first (secret exponents) */
  BN_clear_free: { parameters: ["pointer"], result: "void" },
  /** BN_MONT_CTX *BN_MONT_CTX_new(void) */
  BN_MONT_CTX_new: { parameters: [], result: "pointer" },
  /** int BN_MONT_CTX_set(BN_MONT_CTX *mont, const BIGNUM *mod, BN_CTX *ctx) */
  BN_MONT_CTX_set: { parameters: ["pointer", "pointer", "pointer"], result: "i32" },
  /** void BN_MONT_CTX_free(BN_MONT_CTX *mont) */
  BN_MONT_CTX_free: { parameters: ["pointer"], result: "void" },
  /**
   * int BN_mod_exp_mont_consttime(BIGNUM *r, const BIGNUM *a, const BIGNUM *p,
   * const BIGNUM *m, BN_CTX *ctx, BN_MONT_CTX *in_mont): odd m, 0 <= a < m
   */
  BN_mod_exp_mont_consttime: {
    parameters: ["pointer", "pointer", "pointer", "pointer", "pointer", "pointer"],
    result: "i32",
  },
  /** int BN_mod_exp(BIGNUM *r, const BIGNUM *a, const BIGNUM *p, const BIGNUM *m, BN_CTX *ctx) */
  BN_mod_exp: {
    parameters: ["pointer", "pointer", "pointer", "pointer", "pointer"],
    result: "i32",
  },
} as const;

/** The loaded functions. */
export type LibcryptoSymbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

/** Whether libcrypto can be used, and which one or why not. */
export type LibcryptoStatus =
  | {
    readonly available: true;
    /** The name or path it was loaded by. */
    readonly path: string;
    /** `OpenSSL_version(OPENSSL_VERSION)`, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
    readonly version: string;
  }
  | { readonly available: false; readonly reason: string };

const MIN_VERSION = 0x30000000n; // OpenSSL 3.0.0
/**
 * OpenSSL otherwise registers `OPENSSL_cleanup` with atexit(), which frees
 * its global state while Deno's worker threads (that ran signatures) may be
 * tearing down their OpenSSL thread state: a double free at process exit
 * (seen here; openssl/openssl#6214, #17469). The OS reclaims it instead.
 */
const OPENSSL_INIT_NO_ATEXIT = 0x00080000n;
const KILL_SWITCH = "COGNITO_CONFORMANCE_NATIVE";

function candidates(): string[] {
  if (Deno.build.os === "darwin") {
    // Never the unversioned /usr/lib/libcrypto.dylib: macOS aborts processes that load it.
    return [
      "libcrypto.3.dylib",
      "/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib",
      "/usr/local/opt/openssl@3/lib/libcrypto.3.dylib",
    ];
  }
  if (Deno.build.os === "windows") return [];
  const triplet = Deno.build.arch === "aarch64" ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
  return [
    "libcrypto.so.3",
    "libcrypto.so",
    `/usr/lib/${triplet}/libcrypto.so.3`,
    "/usr/lib64/libcrypto.so.3",
    "/usr/lib/libcrypto.so.3",
  ];
}

function granted(descriptor: Deno.PermissionDescriptor): boolean {
  try {
    return Deno.permissions.querySync(descriptor).state === "granted";
  } catch {
    return false;
  }
}

function switchedOff(): boolean {
  if (!granted({ name: "env", variable: KILL_SWITCH })) return false;
  return Deno.env.get(KILL_SWITCH)?.toLowerCase() === "off";
}

interface Loaded {
  readonly status: LibcryptoStatus;
  readonly symbols?: LibcryptoSymbols;
}

function open(path: string): Loaded | string {
  let library: Deno.DynamicLibrary<typeof SYMBOLS>;
  try {
    library = Deno.dlopen(path, SYMBOLS);
  } catch (error) {
    // A missing file, or a libcrypto without the OpenSSL 3 names (1.1, LibreSSL).
    return `${path}: ${error instanceof Error ? error.message.split("\n")[0] : "not loadable"}`;
  }
  const symbols = library.symbols;
  // First call into the library: the options of the first initialisation win.
  if (symbols.OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, null) !== 1) {
    return `${path}: OPENSSL_init_crypto failed`; // left loaded: it may hold state now
  }
  const number = symbols.OpenSSL_version_num();
  const text = symbols.OpenSSL_version(0);
  const version = text === null ? "OpenSSL (unknown)" : Deno.UnsafePointerView.getCString(text);
  if (number < MIN_VERSION) {
    return `${path}: "${version}" is older than OpenSSL 3.0`;
  }
  return { status: { available: true, path, version }, symbols };
}

function load(): Loaded {
  const unavailable = (reason: string): Loaded => ({ status: { available: false, reason } });
  if (typeof Deno === "undefined" || typeof Deno.dlopen !== "function") {
    return unavailable("Deno.dlopen is not available");
  }
  if (Deno.build.os === "windows") return unavailable("Windows is not supported (LLP64 ABI)");
  if (switchedOff()) return unavailable(`${KILL_SWITCH}=off`);
  // Unscoped: Deno's pointer helpers (UnsafePointer.of, UnsafePointerView)
  // need it even when dlopen of one granted path would work.
  if (!granted({ name: "ffi" })) return unavailable("no FFI permission (--allow-ffi)");
  const reasons: string[] = [];
  for (const path of candidates()) {
    const loaded = open(path);
    if (typeof loaded !== "string") return loaded;
    reasons.push(loaded);
  }
  return unavailable(`no OpenSSL 3 libcrypto found (${reasons.join("; ")})`);
}

/** {@linkcode load}, which must never throw: anything unforeseen means "unavailable". */
function safeLoad(): Loaded {
  try {
    return load();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
    return { status: { available: false, reason: `cannot load libcrypto (${reason})` } };
  }
}

let loaded: Loaded | undefined;

/** The load result (loading on the first call). */
export function loadStatus(): LibcryptoStatus {
  loaded ??= safeLoad();
  return loaded.status;
}

/**
 * The loaded functions, or `undefined` when libcrypto is unavailable. Raw
 * FFI: only this folder calls it.
 */
export function libcryptoSymbols(): LibcryptoSymbols | undefined {
  loaded ??= safeLoad();
  return loaded.symbols;
}

/** The loaded functions, or a {@linkcode NativeCryptoError} saying why there are none. */
export function requireSymbols(action: string): LibcryptoSymbols {
  const symbols = libcryptoSymbols();
  if (symbols === undefined) {
    const status = loadStatus();
    const reason = status.available ? "unknown" : status.reason;
    throw new NativeCryptoError(`Cannot ${action}: libcrypto is unavailable (${reason})`);
  }
  return symbols;
}

/**
 * A {@linkcode NativeCryptoError} for a failed call, with the first queued
 * OpenSSL error of this thread; clears the thread's error queue.
 */
export function failure(symbols: LibcryptoSymbols, action: string, call: string): Error {
  const code = symbols.ERR_get_error();
  let detail = "";
  if (code !== 0n) {
    const text = new Uint8Array(256);
    symbols.ERR_error_string_n(code, text, BigInt(text.length));
    const end = text.indexOf(0);
    detail = `: ${new TextDecoder().decode(text.subarray(0, end < 0 ? text.length : end))}`;
  }
  symbols.ERR_clear_error();
  return new NativeCryptoError(`Cannot ${action}: ${call} failed${detail}`);
}
