/**
 * `$verify` support: JWKS of the token's issuer, fetched once per issuer,
 * only for the target's own issuers and Amazon Cognito's; signatures from
 * other keys fail. No request leaves the machine (fetch is injected).
 */

import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createJwksVerifier } from "../src/runner/jwks.ts";

async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...await exportJWK(publicKey), kid, alg: "RS256", use: "sig" };
  return { privateKey, jwks: { keys: [jwk] } };
}

function sign(privateKey: CryptoKey, kid: string, iss: string, expiresIn = "1h") {
  return new SignJWT({ token_use: "access" })
    .setProtectedHeader({ alg: "RS256", kid })
    .setIssuer(iss)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}

Deno.test("jwks: verifies against the issuer's JWKS, once per issuer; other keys fail", async () => {
  const good = await keyPair("k1");
  const other = await keyPair("k1");
  const fetched: string[] = [];
  const fetchImpl = ((input: RequestInfo | URL) => {
    fetched.push(String(input));
    return Promise.resolve(Response.json(good.jwks));
  }) as typeof fetch;
  const verify = createJwksVerifier("http://127.0.0.1:9229/", { fetch: fetchImpl });
  const iss = "http://127.0.0.1:9229/us-east-1_Pool1";
  assert.deepEqual(await verify(await sign(good.privateKey, "k1", iss)), { valid: true });
  assert.deepEqual(await verify(await sign(good.privateKey, "k1", iss)), { valid: true });
  assert.deepEqual(fetched, ["http://127.0.0.1:9229/us-east-1_Pool1/.well-known/jwks.json"]);
  const forged = await verify(await sign(other.privateKey, "k1", iss));
  assert.equal(forged.valid, false);
  assert.match((forged as { reason: string }).reason, /signature verification failed/);
  const expired = await verify(await sign(good.privateKey, "k1", iss, "-1m"));
  assert.match((expired as { reason: string }).reason, /"exp" claim timestamp check failed/);
});

Deno.test("jwks: only the target's and Amazon Cognito's issuers are fetched", async () => {
  const fetched: string[] = [];
  const fetchImpl = ((input: RequestInfo | URL) => {
    fetched.push(String(input));
    return Promise.resolve(new Response("no", { status: 404 }));
  }) as typeof fetch;
  const verify = createJwksVerifier("http://127.0.0.1:9229/", { fetch: fetchImpl });
  const { privateKey } = await keyPair("k");
  const aws = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
  assert.equal((await verify(await sign(privateKey, "k", aws))).valid, false);
  for (
    const iss of [
      "https://evil.example/us-east-1_x",
      "http://127.0.0.1:9230/us-east-1_x",
      "http://127.0.0.1:9229/../x",
    ]
  ) {
    const verdict = await verify(await sign(privateKey, "k", iss));
    assert.equal(verdict.valid, false);
  }
  assert.deepEqual(fetched, [`${aws}/.well-known/jwks.json`]);
});
