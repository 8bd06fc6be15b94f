/** The mock over real HTTP: issuer from the listen address, JWKS, discovery, key strategies, seeds. */
import assert from "node:assert/strict";
import { createMockServer, loadSeedFile, type MockServer } from "../src/mock/mod.ts";
import { callOverHttp, signInOverHttp } from "./_mock_helpers.ts";

const call = (server: MockServer, operation: string, body: unknown) =>
  callOverHttp(server.url, operation, body);

async function signIn(
  server: MockServer,
  poolName: string,
): Promise<{ poolId: string; accessToken: string; idToken: string }> {
  const { poolId, accessToken, idToken } = await signInOverHttp(server.url, { poolName });
  return { poolId, accessToken, idToken };
}

function header(token: string): { kid: string; alg: string } {
  return JSON.parse(atob(token.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/")));
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
}

Deno.test("server: listens on 127.0.0.1, iss is its URL, JWKS and discovery agree with the tokens", async () => {
  const server = await createMockServer({ keyStrategy: "per-pool" });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const { poolId, accessToken, idToken } = await signIn(server, "p");
    assert.equal(claims(accessToken).iss, `${server.url}/${poolId}`);
    const jwks = await (await fetch(`${server.url}/${poolId}/.well-known/jwks.json`)).json();
    const kids = jwks.keys.map((key: { kid: string }) => key.kid);
    assert.deepEqual(kids, [header(idToken).kid, header(accessToken).kid]);
    for (const key of jwks.keys) {
      assert.equal(key.alg, "RS256");
      assert.equal(key.kty, "RSA");
      assert.equal(key.use, "sig");
      assert.equal(key.e, "AQAB");
      assert.equal(key.kid.length, 44);
    }
    const discovery =
      await (await fetch(`${server.url}/${poolId}/.well-known/openid-configuration`)).json();
    assert.equal(discovery.issuer, `${server.url}/${poolId}`);
    assert.equal(discovery.jwks_uri, `${server.url}/${poolId}/.well-known/jwks.json`);
    const unknown = await fetch(`${server.url}/us-east-1_none/.well-known/jwks.json`);
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
  } finally {
    await server.close();
  }
});

Deno.test("server: per-pool keys differ between pools; shared keys do not", async () => {
  for (const [strategy, same] of [["per-pool", false], ["shared", true]] as const) {
    const server = await createMockServer({ keyStrategy: strategy });
    try {
      const a = await signIn(server, "a");
      const b = await signIn(server, "b");
      assert.equal(header(a.accessToken).kid === header(b.accessToken).kid, same, strategy);
      assert.notEqual(header(a.accessToken).kid, header(a.idToken).kid);
    } finally {
      await server.close();
    }
  }
});

Deno.test("server: a configured issuer is used verbatim, and a seed is in place before the first request", async () => {
  const seed = await loadSeedFile(
    new URL("../fixtures/mock-seed.example.yaml", import.meta.url).pathname,
  );
  const server = await createMockServer({
    issuer: "https://cognito-idp.us-east-1.amazonaws.com",
    seed,
  });
  try {
    const result = (await call(server, "InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "5example0public0client00ab",
      AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
    })).AuthenticationResult;
    assert.equal(
      claims(result.AccessToken).iss,
      "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01",
    );
    const user = await call(server, "GetUser", { AccessToken: result.AccessToken });
    assert.equal(user.Username, "alice");
  } finally {
    await server.close();
  }
});

Deno.test("server: close is idempotent and an abort signal stops it", async () => {
  const server = await createMockServer();
  await server.close();
  await server.close();
  await assert.rejects(fetch(`${server.url}/_mock`));
  const controller = new AbortController();
  const aborted = await createMockServer({ signal: controller.signal });
  controller.abort();
  await aborted.close();
  await assert.rejects(fetch(`${aborted.url}/_mock`));
});
