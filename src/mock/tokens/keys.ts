/**
 * RSA signing keys of the mock (RS256, 2048 bits, WebCrypto). ID tokens and
 * access tokens are signed with different keys, as Cognito does (§8.1); each
 * `kid` looks like Cognito's: standard base64 of 32 bytes (44 characters,
 * here the SHA-256 of the public key).
 *
 * Keys are generated lazily on first use, never at startup (RSA keygen costs
 * about 100 ms). Two strategies:
 *
 * - `"per-pool"` (the standalone `mock` command's default): each pool gets
 *   its own two keys, like real pools.
 * - `"shared"` (the embedded test target): one ID key and one access key per
 *   mock, shared by all pools, so a suite that creates a pool per scenario
 *   pays for keygen once.
 *
 * Each key gets its signer once, at generation (see `signer.ts`): the system
 * OpenSSL through FFI when allowed and available, else WebCrypto.
 *
 * @module
 */

import { createRs256Signer, type NativeCryptoMode, type Rs256Signer } from "./signer.ts";

/** How signing keys are allotted to pools. */
export type KeyStrategy = "per-pool" | "shared";

/** A public key as the JWKS endpoint publishes it. */
export interface PublicJwk {
  /** The key id, as in the tokens' header. */
  kid: string;
  /** Always RS256. */
  alg: "RS256";
  /** Always RSA. */
  kty: "RSA";
  /** The public exponent, base64url. */
  e: string;
  /** The modulus, base64url. */
  n: string;
  /** Always `sig`. */
  use: "sig";
}

/** A signing key. */
export interface SigningKey {
  /** The key id: standard base64 of the public key's SHA-256 (44 characters). */
  readonly kid: string;
  /** The RSA-2048 private key (WebCrypto, extractable for the native signer). */
  readonly privateKey: CryptoKey;
  /** The public key, for verifying. */
  readonly publicKey: CryptoKey;
  /** The public key as the JWKS lists it. */
  readonly jwk: PublicJwk;
  /** Computes the key's RS256 signatures (OpenSSL or WebCrypto, chosen once). */
  readonly signer: Rs256Signer;
}

/** The two keys that sign a pool's tokens. */
export interface PoolKeys {
  /** Signs ID tokens. */
  readonly id: SigningKey;
  /** Signs access tokens. */
  readonly access: SigningKey;
}

const ALGORITHM: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
};

async function signingKeyOf(
  pair: CryptoKeyPair,
  nativeCrypto: NativeCryptoMode,
): Promise<SigningKey> {
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", spki));
  const kid = btoa(String.fromCharCode(...digest));
  const exported = await crypto.subtle.exportKey("jwk", pair.publicKey);
  return {
    kid,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    jwk: { kid, alg: "RS256", kty: "RSA", e: exported.e!, n: exported.n!, use: "sig" },
    signer: await createRs256Signer(pair.privateKey, { nativeCrypto }),
  };
}

async function generateSigningKey(nativeCrypto: NativeCryptoMode): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  return await signingKeyOf(pair, nativeCrypto);
}

async function importSigningKey(
  privateJwk: JsonWebKey,
  nativeCrypto: NativeCryptoMode,
): Promise<SigningKey> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const pair = {
    privateKey: await crypto.subtle.importKey("jwk", privateJwk, ALGORITHM, true, ["sign"]),
    publicKey: await crypto.subtle.importKey(
      "jwk",
      { ...publicJwk, key_ops: ["verify"] },
      ALGORITHM,
      true,
      ["verify"],
    ),
  };
  return await signingKeyOf(pair, nativeCrypto);
}

async function generatePoolKeys(nativeCrypto: NativeCryptoMode): Promise<PoolKeys> {
  const [id, access] = await Promise.all([
    generateSigningKey(nativeCrypto),
    generateSigningKey(nativeCrypto),
  ]);
  return { id, access };
}

/** A pool's two private keys as JWKs (`--data-dir` stores them); secret material. */
export interface ExportedPoolKeys {
  /** The ID-token key. */
  readonly id: JsonWebKey;
  /** The access-token key. */
  readonly access: JsonWebKey;
}

/** Where {@linkcode KeyStore.exported} files the shared keys. */
export const SHARED_KEYS = "*";

/** Options of {@linkcode KeyStore}. */
export interface KeyStoreOptions {
  /**
   * Whether signatures may go through the system OpenSSL (`libcrypto` via
   * FFI; used only when the process has FFI permission and OpenSSL 3 loads).
   * `"off"` signs with WebCrypto only. Tokens are byte-identical either way.
   *
   * @default {"auto"}
   */
  nativeCrypto?: NativeCryptoMode;
}

/**
 * Hands out signing keys per pool according to the strategy. Concurrent
 * first uses share one generation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { KeyStore } from "./keys.ts";
 * const keys = new KeyStore("shared");
 * const a = await keys.forPool("us-east-1_a");
 * const b = await keys.forPool("us-east-1_b");
 * assert.equal(a.id.kid, b.id.kid);
 * assert.notEqual(a.id.kid, a.access.kid);
 * assert.equal(a.id.kid.length, 44);
 * const portable = await new KeyStore("shared", { nativeCrypto: "off" }).forPool("p");
 * assert.equal(portable.id.signer.backend, "webcrypto");
 * ```
 */
export class KeyStore {
  /** How keys are allotted to pools. */
  readonly strategy: KeyStrategy;
  /** Whether signers may use OpenSSL. */
  readonly nativeCrypto: NativeCryptoMode;
  #shared: Promise<PoolKeys> | undefined;
  #perPool = new Map<string, Promise<PoolKeys>>();
  #exported = new Map<string, ExportedPoolKeys>();

  /** A store that generates keys on first use, per pool or shared as `strategy` says. */
  constructor(strategy: KeyStrategy, options: KeyStoreOptions = {}) {
    this.strategy = strategy;
    this.nativeCrypto = options.nativeCrypto ?? "auto";
  }

  /** The keys of a pool (generated on first use). */
  forPool(poolId: string): Promise<PoolKeys> {
    if (this.strategy === "shared") {
      this.#shared ??= this.#generate(SHARED_KEYS);
      return this.#shared;
    }
    let keys = this.#perPool.get(poolId);
    if (keys === undefined) {
      keys = this.#generate(poolId);
      this.#perPool.set(poolId, keys);
    }
    return keys;
  }

  /**
   * New keys, exported before anyone may sign with them, so that a
   * persistent mock commits them (synchronously, see {@linkcode exported})
   * no later than the first token they sign.
   */
  async #generate(owner: string): Promise<PoolKeys> {
    const keys = await generatePoolKeys(this.nativeCrypto);
    const [id, access] = await Promise.all([
      crypto.subtle.exportKey("jwk", keys.id.privateKey),
      crypto.subtle.exportKey("jwk", keys.access.privateKey),
    ]);
    if (owner === SHARED_KEYS ? this.#shared !== undefined : this.#perPool.has(owner)) {
      this.#exported.set(owner, { id, access });
    }
    return keys;
  }

  /**
   * The private keys generated or restored so far, by pool id
   * ({@linkcode SHARED_KEYS} for the shared pair): what `--data-dir` stores.
   * The mock's internals, not a stable API.
   *
   * @ignore
   */
  exported(): ReadonlyMap<string, ExportedPoolKeys> {
    return this.#exported;
  }

  /**
   * Takes back keys {@linkcode exported} by an earlier run (before any
   * request), so old tokens still verify and the JWKS is unchanged.
   * The mock's internals, not a stable API.
   *
   * @ignore
   */
  async restore(owner: string, keys: ExportedPoolKeys): Promise<void> {
    const restored = Promise.all([
      importSigningKey(keys.id, this.nativeCrypto),
      importSigningKey(keys.access, this.nativeCrypto),
    ]).then(([id, access]) => ({ id, access }));
    if (owner === SHARED_KEYS) this.#shared = restored;
    else this.#perPool.set(owner, restored);
    this.#exported.set(owner, keys);
    await restored;
  }

  /** The pool's JWKS document: the ID-token key, then the access-token key. */
  async jwks(poolId: string): Promise<{ keys: PublicJwk[] }> {
    const keys = await this.forPool(poolId);
    return { keys: [keys.id.jwk, keys.access.jwk] };
  }

  /**
   * Drops a deleted pool's keys (per-pool strategy) and frees their native
   * signers; a signature still asked of them falls back to WebCrypto.
   */
  forget(poolId: string): void {
    const keys = this.#perPool.get(poolId);
    this.#perPool.delete(poolId);
    this.#exported.delete(poolId);
    keys?.then(({ id, access }) => {
      id.signer.dispose();
      access.signer.dispose();
    }, () => {});
  }
}
