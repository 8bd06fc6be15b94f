/**
 * Decoding (not verifying) JSON Web Tokens, for the `$jwt` matcher, and the
 * callback type through which the runner verifies signatures.
 *
 * @module
 */

/** The two JSON parts of a JWS compact token. */
export interface DecodedJwt {
  /** The protected header, e.g. `{ kid, alg: "RS256" }`. */
  header: Record<string, unknown>;
  /** The claims, e.g. `{ token_use: "access", device_key: "…" }`. */
  payload: Record<string, unknown>;
}

/** The outcome of a signature check. `reason` must not contain the token. */
export type JwtVerification = { valid: true } | { valid: false; reason: string };

/**
 * Verifies a token's signature (and whatever else the caller checks: issuer,
 * expiry…), e.g. against the target's JWKS. The runner supplies it; the
 * `$verify: true` matcher calls it.
 */
export type VerifyJwt = (token: string) => Promise<JwtVerification>;

/**
 * Decodes the header and payload of a JWS compact token without verifying it.
 * Throws a `TypeError` that describes the shape problem and never quotes the
 * token.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeJwt } from "./jwt.ts";
 * const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
 * const token = `${part({ alg: "RS256" })}.${part({ token_use: "access" })}.sig`;
 * assert.deepEqual(decodeJwt(token), { header: { alg: "RS256" }, payload: { token_use: "access" } });
 * assert.throws(() => decodeJwt("a.b.c.d.e"), /5 segments/);
 * ```
 */
export function decodeJwt(token: string): DecodedJwt {
  const segments = token.split(".");
  if (segments.length !== 3) {
    const jwe = segments.length === 5 ? " (an encrypted JWE, which cannot be decoded)" : "";
    throw new TypeError(`Cannot decode JWT: it has ${segments.length} segments, not 3${jwe}`);
  }
  return {
    header: decodePart(segments[0]!, "header"),
    payload: decodePart(segments[1]!, "payload"),
  };
}

/** Strict UTF-8 (a whole buffer per call, so one decoder serves every call). */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

function decodePart(segment: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    // Base64url as JWTs are written; the standard alphabet is accepted too. Padding is optional.
    const alphabet = /[+/]/.test(segment) ? "base64" : "base64url";
    parsed = JSON.parse(UTF8.decode(Uint8Array.fromBase64(segment, { alphabet })));
  } catch {
    throw new TypeError(`Cannot decode JWT: its ${what} is not base64url-encoded JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`Cannot decode JWT: its ${what} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
