/**
 * The mock's tokens verified by independent libraries through the mock's
 * JWKS: `jose` (remote JWKS over http) and `aws-jwt-verify` (the generic RSA
 * verifier over http, and the Cognito verifier with an AWS-style issuer).
 */
import assert from "node:assert/strict";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { CognitoJwtVerifier, JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { createMockServer, type MockServer } from "../src/mock/mod.ts";
import { signInOverHttp } from "./_mock_helpers.ts";

function tokens(server: MockServer): ReturnType<typeof signInOverHttp> {
  return signInOverHttp(server.url, {
    poolName: "jwt",
    username: "alice",
    attributes: { email: "alice@example.com", email_verified: "true" },
  });
}

Deno.test("interop jwt: jose verifies ID and access tokens through the pool's JWKS", async () => {
  const server = await createMockServer({ keyStrategy: "per-pool" });
  try {
    const { poolId, clientId, accessToken, idToken } = await tokens(server);
    const issuer = `${server.url}/${poolId}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const id = await jwtVerify(idToken, jwks, {
      issuer,
      audience: clientId,
      algorithms: ["RS256"],
    });
    assert.equal(id.payload.token_use, "id");
    assert.equal(id.payload.email_verified, true);
    assert.equal(id.protectedHeader.alg, "RS256");
    const access = await jwtVerify(accessToken, jwks, { issuer, algorithms: ["RS256"] });
    assert.equal(access.payload.client_id, clientId);
    assert.equal(access.payload.token_use, "access");
    const other = await tokens(server);
    await assert.rejects(jwtVerify(other.accessToken, jwks, { issuer }));
  } finally {
    await server.close();
  }
});

// Under Deno, aws-jwt-verify picks its Node.js fetcher, which refuses http:
// URLs. A fetcher over the global fetch lets it read the mock's JWKS.
const httpFetcher = {
  fetch: async (uri: string) => (await fetch(uri)).arrayBuffer(),
};

Deno.test("interop jwt: aws-jwt-verify's RSA verifier fetches the mock's JWKS over http", async () => {
  const server = await createMockServer({ keyStrategy: "shared" });
  try {
    const { poolId, clientId, accessToken, idToken } = await tokens(server);
    const issuer = `${server.url}/${poolId}`;
    const verifier = JwtRsaVerifier.create(
      { issuer, audience: null, jwksUri: `${issuer}/.well-known/jwks.json` },
      { jwksCache: new SimpleJwksCache({ fetcher: httpFetcher }) },
    );
    const id = await verifier.verify(idToken);
    assert.equal(id.aud, clientId);
    const access = await verifier.verify(accessToken);
    assert.equal(access.client_id, clientId);
  } finally {
    await server.close();
  }
});

Deno.test("interop jwt: aws-jwt-verify's Cognito verifier accepts tokens of an AWS-style issuer", async () => {
  const server = await createMockServer({ issuer: "https://cognito-idp.us-east-1.amazonaws.com" });
  try {
    const { poolId, clientId, accessToken, idToken } = await tokens(server);
    const jwks = await (await fetch(`${server.url}/${poolId}/.well-known/jwks.json`)).json();
    const discovery =
      await (await fetch(`${server.url}/${poolId}/.well-known/openid-configuration`)).json();
    assert.equal(discovery.issuer, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    const access = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "access", clientId });
    access.cacheJwks(jwks);
    assert.equal((await access.verify(accessToken)).username, "alice");
    const id = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "id", clientId });
    id.cacheJwks(jwks);
    assert.equal((await id.verify(idToken))["cognito:username"], "alice");
    await assert.rejects(access.verify(idToken));
  } finally {
    await server.close();
  }
});
