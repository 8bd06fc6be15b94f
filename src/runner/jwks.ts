/**
 * JWT signature checks for the `$verify: true` matcher, against the JWKS of
 * the token's own issuer — but only issuers the run may talk to: the
 * target's endpoint, or `https://cognito-idp.<region>.amazonaws.com/<pool>`.
 * A token claiming any other issuer fails without a request (a test run must
 * not fetch URLs chosen by the server under test).
 *
 * @module
 */

import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey } from "jose";
import { decodeJwt, type JwtVerification, type VerifyJwt } from "../assert/mod.ts";

/** Options of {@linkcode createJwksVerifier}. */
export interface JwksVerifierOptions {
  /** The fetch for JWKS documents. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** The clock expiry is checked against, epoch ms. @default {Date.now} */
  now?: () => number;
  /** How long a JWKS request may take, in ms. @default 5000 */
  timeoutMs?: number;
  /**
   * Key sets by issuer, shared by several verifiers (a run gives each
   * scenario a verifier on the scenario's clock, and one cache).
   * @default {a cache of this verifier's own}
   */
  cache?: JwksCache;
}

/**
 * JWKS key sets by issuer, for {@linkcode JwksVerifierOptions.cache}: start
 * with an empty map and share it; the key sets in it are the verifiers' own
 * (opaque, never filled by hand).
 */
export type JwksCache = Map<string, unknown>;

const AWS_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+_[0-9a-zA-Z]+$/;

/**
 * A {@linkcode VerifyJwt} that checks RS256 signatures with the keys at
 * `<iss>/.well-known/jwks.json` (cached per issuer), the `iss` claim and the
 * expiry. `endpoint` is the target's base URL: issuers under it are allowed,
 * as are real Cognito issuers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createJwksVerifier } from "./jwks.ts";
 * const verify = createJwksVerifier("http://127.0.0.1:9229/");
 * const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
 * const token = `${part({ alg: "RS256" })}.${part({ iss: "https://evil.example/x" })}.c2ln`;
 * assert.deepEqual(await verify(token), {
 *   valid: false,
 *   reason: 'the issuer "https://evil.example/x" is neither the target nor Amazon Cognito',
 * });
 * ```
 */
export function createJwksVerifier(endpoint: string, options: JwksVerifierOptions = {}): VerifyJwt {
  const base = endpoint.replace(/\/+$/, "");
  const cache: JwksCache = options.cache ?? new Map();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  return async (token: string): Promise<JwtVerification> => {
    let iss: unknown;
    try {
      iss = decodeJwt(token).payload.iss;
    } catch (error) {
      return { valid: false, reason: (error as Error).message };
    }
    if (typeof iss !== "string") return { valid: false, reason: "the token has no iss claim" };
    const allowed = (iss.startsWith(`${base}/`) && !iss.slice(base.length).includes("..")) ||
      AWS_ISSUER.test(iss);
    if (!allowed) {
      return {
        valid: false,
        reason: `the issuer "${iss}" is neither the target nor Amazon Cognito`,
      };
    }
    let keys = cache.get(iss) as JWTVerifyGetKey | undefined;
    if (keys === undefined) {
      keys = createRemoteJWKSet(new URL(`${iss}/.well-known/jwks.json`), {
        timeoutDuration: options.timeoutMs ?? 5000,
        [customFetch]: (url, init) => fetchImpl(url, init as RequestInit),
      });
      cache.set(iss, keys);
    }
    try {
      await jwtVerify(token, keys, { issuer: iss, currentDate: new Date(now()) });
      return { valid: true };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = (error as Error).message.split("\n")[0];
      return { valid: false, reason: typeof code === "string" ? `${code}: ${message}` : message! };
    }
  };
}
