/**
 * How the mock computes RS256 signatures: through the system OpenSSL
 * (`libcrypto` via FFI, src/srp/native) when it is available, about 5× faster
 * than WebCrypto in Deno and on worker threads; else through WebCrypto.
 * PKCS#1 v1.5 signatures are deterministic, so both give the same bytes;
 * a new OpenSSL signer proves it once, on a probe, before it is used.
 *
 * @module
 */

import { importRsaPrivateKey, libcryptoStatus, type NativeRsaKey } from "../../srp/native/mod.ts";

/**
 * `"auto"`: sign through OpenSSL when libcrypto loads (FFI permission
 * granted, OpenSSL 3 present), else WebCrypto. `"off"`: always WebCrypto.
 */
export type NativeCryptoMode = "auto" | "off";

/** Which engine a signer uses. */
export type SignerBackend = "openssl" | "webcrypto";

/** An RS256 signer bound to one private key. */
export interface Rs256Signer {
  /** The engine chosen when the signer was created. */
  readonly backend: SignerBackend;
  /** The engine of the next signature: `backend`, or WebCrypto once disposed. */
  readonly active: SignerBackend;
  /** RSASSA-PKCS1-v1_5 / SHA-256 signature of `data`. */
  sign(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  /** Frees the native key, if any (later signatures use WebCrypto). Idempotent. */
  dispose(): void;
}

/** Options of {@linkcode createRs256Signer}. */
export interface Rs256SignerOptions {
  /**
   * Whether OpenSSL may be used.
   *
   * @default {"auto"}
   */
  nativeCrypto?: NativeCryptoMode;
}

const ALGORITHM = "RSASSA-PKCS1-v1_5";
const PROBE = new TextEncoder().encode("cognito-conformance RS256 self-test");

async function webcrypto(key: CryptoKey, data: Uint8Array<ArrayBuffer>) {
  return new Uint8Array(await crypto.subtle.sign(ALGORITHM, key, data));
}

/** A native key that signed the probe exactly as WebCrypto does, or `undefined`. */
async function provenNativeKey(privateKey: CryptoKey): Promise<NativeRsaKey | undefined> {
  if (!privateKey.extractable || !libcryptoStatus().available) return undefined;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey));
  let native: NativeRsaKey;
  try {
    native = importRsaPrivateKey(pkcs8);
  } catch {
    return undefined; // a key libcrypto cannot read: WebCrypto signs it
  } finally {
    pkcs8.fill(0);
  }
  try {
    const [ours, reference] = await Promise.all([
      native.sign(PROBE),
      webcrypto(privateKey, PROBE),
    ]);
    if (ours.toHex() === reference.toHex()) return native;
  } catch {
    // fall through: never sign with a key that failed its probe
  }
  native.dispose();
  return undefined;
}

/**
 * An RS256 signer for `privateKey` (an extractable RSASSA-PKCS1-v1_5 SHA-256
 * WebCrypto key): OpenSSL when allowed, available and proven on a probe,
 * else WebCrypto. A native signature that fails, or one asked for after
 * `dispose()`, is computed by WebCrypto instead, so signing never fails for
 * native reasons.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRs256Signer } from "./signer.ts";
 * const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
 * const pair = await crypto.subtle.generateKey(
 *   { ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
 *   true,
 *   ["sign", "verify"],
 * );
 * const data = new TextEncoder().encode("header.payload");
 * const fast = await createRs256Signer(pair.privateKey);
 * const portable = await createRs256Signer(pair.privateKey, { nativeCrypto: "off" });
 * assert.equal(portable.backend, "webcrypto");
 * assert.deepEqual(await fast.sign(data), await portable.sign(data));
 * fast.dispose();
 * ```
 */
export async function createRs256Signer(
  privateKey: CryptoKey,
  options: Rs256SignerOptions = {},
): Promise<Rs256Signer> {
  const native = (options.nativeCrypto ?? "auto") === "off"
    ? undefined
    : await provenNativeKey(privateKey);
  return {
    backend: native === undefined ? "webcrypto" : "openssl",
    get active() {
      return native === undefined || native.disposed ? "webcrypto" : "openssl";
    },
    async sign(data) {
      if (native !== undefined && !native.disposed) {
        try {
          return await native.sign(data);
        } catch {
          // A native failure is the binding's problem, not the sign-in's.
        }
      }
      return webcrypto(privateKey, data);
    },
    dispose() {
      native?.dispose();
    },
  };
}
