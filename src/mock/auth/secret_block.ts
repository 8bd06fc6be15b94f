/**
 * The SRP `SECRET_BLOCK` (§3.2, §4.3): an opaque, tamper-evident token that
 * binds a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER challenge to its
 * pool, client, user, expiry and the server-side challenge state (`A`, `b`,
 * `B`, kept in a challenge session that the block names).
 *
 * It is AES-256-GCM (WebCrypto) over a small JSON document, under a key that
 * only this mock instance holds, sent as standard base64:
 * `0x01 | iv (12 bytes) | ciphertext+tag`. Any change to the bytes, a block
 * from another mock instance, or garbage fails to open.
 *
 * @module
 */

import type { MockServices } from "../context.ts";

/** What a SECRET_BLOCK binds. */
export interface SecretBlockState {
  readonly poolId: string;
  readonly clientId: string;
  /** The user's `sub`. */
  readonly userSub: string;
  /** `PASSWORD_VERIFIER` or `DEVICE_PASSWORD_VERIFIER`. */
  readonly challenge: string;
  /** The challenge session that keeps `A`, `b` and `B`. */
  readonly session: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

const VERSION = 1;
const AAD = new TextEncoder().encode("cognito-conformance SECRET_BLOCK v1");
const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function keyOf(services: MockServices): Promise<CryptoKey> {
  let key = keys.get(services.blockKey);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", services.blockKey.slice(), "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ]);
    keys.set(services.blockKey, key);
  }
  return key;
}

/**
 * Seals challenge state into a SECRET_BLOCK (standard base64).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openSecretBlock, sealSecretBlock } from "./secret_block.ts";
 * const services = { blockKey: new Uint8Array(32).fill(7), ids: { bytes: (n: number) => new Uint8Array(n) } } as never;
 * const state = {
 *   poolId: "us-east-1_a", clientId: "c", userSub: "s",
 *   challenge: "PASSWORD_VERIFIER", session: "AYABe1", expiresAt: 1,
 * };
 * const block = await sealSecretBlock(services, state);
 * assert.deepEqual(await openSecretBlock(services, block), state);
 * const bytes = Uint8Array.fromBase64(block);
 * bytes[20]! ^= 1;
 * assert.equal(await openSecretBlock(services, bytes.toBase64()), undefined);
 * ```
 */
export async function sealSecretBlock(
  services: Pick<MockServices, "blockKey" | "ids">,
  state: SecretBlockState,
): Promise<string> {
  const iv = services.ids.bytes(12);
  const plaintext = new TextEncoder().encode(JSON.stringify({
    p: state.poolId,
    c: state.clientId,
    u: state.userSub,
    n: state.challenge,
    s: state.session,
    x: state.expiresAt,
  }));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: iv.slice(), additionalData: AAD },
      await keyOf(services as MockServices),
      plaintext,
    ),
  );
  const out = new Uint8Array(1 + iv.length + sealed.length);
  out[0] = VERSION;
  out.set(iv, 1);
  out.set(sealed, 1 + iv.length);
  return out.toBase64();
}

/** Opens a SECRET_BLOCK; `undefined` when it is not one this mock sealed, or was altered. */
export async function openSecretBlock(
  services: Pick<MockServices, "blockKey">,
  block: string,
): Promise<SecretBlockState | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.fromBase64(block.trim());
  } catch {
    return undefined;
  }
  if (bytes.length < 1 + 12 + 16 || bytes[0] !== VERSION) return undefined;
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(1, 13), additionalData: AAD },
      await keyOf(services as MockServices),
      bytes.slice(13),
    );
  } catch {
    return undefined;
  }
  const fields = JSON.parse(new TextDecoder().decode(plaintext)) as Record<string, unknown>;
  const { p, c, u, n, s, x } = fields;
  if (
    typeof p !== "string" || typeof c !== "string" || typeof u !== "string" ||
    typeof n !== "string" || typeof s !== "string" || typeof x !== "number"
  ) {
    return undefined;
  }
  return { poolId: p, clientId: c, userSub: u, challenge: n, session: s, expiresAt: x };
}
