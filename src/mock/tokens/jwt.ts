/**
 * Compact JWS (RS256) signing and parsing. Signatures come from each key's
 * signer (OpenSSL through FFI when available, else WebCrypto); both run off
 * the main thread, so concurrent requests sign in parallel. Verification is
 * WebCrypto's.
 *
 * @module
 */

import { base64url } from "../state/random.ts";
import type { SigningKey } from "./keys.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encodeJson(value: unknown): string {
  return base64url(encoder.encode(JSON.stringify(value)));
}

/**
 * Decodes unpadded base64url, or returns `undefined` if it is not base64url.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeBase64url } from "./jwt.ts";
 * assert.deepEqual(decodeBase64url("-_8"), new Uint8Array([251, 255]));
 * assert.equal(decodeBase64url("not base64!"), undefined);
 * ```
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(
    text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4),
  );
  // A plain loop: `Uint8Array.from(binary, …)` walks a string iterator, allocating per character.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The encoded header is the same for every token of a key: made once.
const headers = new WeakMap<SigningKey, string>();

function headerOf(key: SigningKey): string {
  let header = headers.get(key);
  if (header === undefined) {
    header = encodeJson({ kid: key.kid, alg: "RS256" });
    headers.set(key, header);
  }
  return header;
}

/**
 * Signs a JWT with header `{"kid", "alg":"RS256"}` (the header Cognito uses).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { KeyStore } from "./keys.ts";
 * import { parseJwt, signJwt, verifyJwt } from "./jwt.ts";
 * const { access } = await new KeyStore("shared").forPool("p");
 * const token = await signJwt({ sub: "s" }, access);
 * const parsed = parseJwt(token)!;
 * assert.equal(parsed.header.kid, access.kid);
 * assert.equal(parsed.payload.sub, "s");
 * assert.equal(await verifyJwt(parsed, access), true);
 * ```
 */
export async function signJwt(payload: Record<string, unknown>, key: SigningKey): Promise<string> {
  const input = `${headerOf(key)}.${encodeJson(payload)}`;
  const signature = await key.signer.sign(encoder.encode(input));
  return `${input}.${base64url(signature)}`;
}

/** A parsed (not yet verified) JWT. */
export interface ParsedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Uint8Array;
}

/**
 * Splits and decodes a compact JWS; `undefined` if it is not one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJwt } from "./jwt.ts";
 * assert.equal(parseJwt("a.b"), undefined);
 * assert.equal(parseJwt("e30.e30.AA")?.payload.sub, undefined);
 * ```
 */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const headerBytes = decodeBase64url(headerPart);
  const payloadBytes = decodeBase64url(payloadPart);
  const signature = decodeBase64url(signaturePart);
  if (headerBytes === undefined || payloadBytes === undefined || signature === undefined) {
    return undefined;
  }
  try {
    const header = JSON.parse(decoder.decode(headerBytes));
    const payload = JSON.parse(decoder.decode(payloadBytes));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature };
  } catch {
    return undefined;
  }
}

/** Whether the signature of a parsed JWT verifies with `key`. */
export function verifyJwt(jwt: ParsedJwt, key: SigningKey): Promise<boolean> {
  return crypto.subtle.verify(
    "RSASSA-PKCS1-v1_5",
    key.publicKey,
    jwt.signature as Uint8Array<ArrayBuffer>,
    encoder.encode(jwt.signingInput),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
