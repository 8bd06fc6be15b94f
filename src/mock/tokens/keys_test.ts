import assert from "node:assert/strict";
import { createLocalJWKSet, jwtVerify } from "jose";
import { libcryptoStatus } from "../../srp/native/mod.ts";
import { CAN_SPAWN, projectModule, runScriptForJson, TestMock } from "../_testing.ts";
import { createMockHandler } from "../handler.ts";
import { KeyStore } from "./keys.ts";
import type { NativeCryptoMode } from "./signer.ts";

const OPENSSL = libcryptoStatus().available;

/** A password and an SRP sign-in on a fresh pool; the tokens verified with jose through the JWKS. */
async function signInAndVerify(mock: TestMock): Promise<void> {
  const setup = await mock.provision({}, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
  });
  await mock.user(setup.poolId, "alice", "Passw0rd!", { email: "alice@example.com" });
  const password = await mock.signIn(setup, "alice");
  const srp = (await mock.srpSignIn(setup, "alice")).AuthenticationResult;
  const response = await mock.handler.handle(
    new Request(`http://mock.test/${setup.poolId}/.well-known/jwks.json`),
  );
  const jwks = createLocalJWKSet(await response.json());
  const currentDate = new Date(mock.now); // the mock's clock, not the machine's
  for (const result of [password, srp]) {
    const access = await jwtVerify(result.AccessToken, jwks, {
      algorithms: ["RS256"],
      currentDate,
    });
    assert.equal(access.payload.token_use, "access");
    assert.equal(access.payload.username, "alice");
    const id = await jwtVerify(result.IdToken, jwks, { audience: setup.clientId, currentDate });
    assert.equal(id.payload.email, "alice@example.com");
  }
}

for (const nativeCrypto of ["auto", "off"] as NativeCryptoMode[]) {
  Deno.test(`keys: nativeCrypto ${nativeCrypto}: tokens verify with jose through the JWKS`, async () => {
    const keyStore = new KeyStore("per-pool", { nativeCrypto });
    const mock = new TestMock({ keyStore });
    await signInAndVerify(mock);
    const [pool] = mock.handler.services.store.pools.keys();
    const { id, access } = await keyStore.forPool(pool!);
    const expected = nativeCrypto === "auto" && OPENSSL ? "openssl" : "webcrypto";
    assert.equal(id.signer.backend, expected);
    assert.equal(access.signer.backend, expected);
  });
}

Deno.test("keys: the mock's nativeCrypto option reaches its key store (default auto)", () => {
  assert.equal(createMockHandler({ nativeCrypto: "off" }).services.keys.nativeCrypto, "off");
  assert.equal(createMockHandler().services.keys.nativeCrypto, "auto");
  const given = new KeyStore("shared", { nativeCrypto: "off" });
  const handler = createMockHandler({ keyStore: given, nativeCrypto: "auto" });
  assert.equal(handler.services.keys, given);
});

Deno.test("keys: forgetting a pool frees its native signers; late signatures still verify", async () => {
  const keyStore = new KeyStore("per-pool");
  const keys = await keyStore.forPool("us-east-1_gone");
  const kept = await keyStore.forPool("us-east-1_kept");
  assert.equal(keys.access.signer.active, OPENSSL ? "openssl" : "webcrypto");
  keyStore.forget("us-east-1_gone");
  await Promise.resolve();
  assert.equal(keys.access.signer.active, "webcrypto");
  assert.equal(keys.id.signer.active, "webcrypto");
  assert.equal(kept.id.signer.active, kept.id.signer.backend);
  const data = new TextEncoder().encode("late.token");
  const signature = await keys.access.signer.sign(data);
  const algorithm = { name: "RSASSA-PKCS1-v1_5" };
  assert.equal(await crypto.subtle.verify(algorithm, keys.access.publicKey, signature, data), true);
  const fresh = await keyStore.forPool("us-east-1_gone");
  assert.notEqual(fresh.access.kid, keys.access.kid);
});

// Without --allow-ffi (as a library user may run): no native code at all, and everything works.
const PROBE = `
import { libcryptoStatus } from "${projectModule("src/srp/native/mod.ts")}";
import { defaultBackend, modPow } from "${projectModule("src/srp/mod.ts")}";
import { TestMock } from "${projectModule("src/mock/_testing.ts")}";
const mock = new TestMock();
const setup = await mock.provision({}, {
  ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
});
await mock.user(setup.poolId, "alice");
const password = await mock.signIn(setup, "alice");
const srp = (await mock.srpSignIn(setup, "alice")).AuthenticationResult;
const jwks = await (await mock.handler.handle(
  new Request("http://mock.test/" + setup.poolId + "/.well-known/jwks.json"),
)).json();
const keys = await mock.handler.services.keys.forPool(setup.poolId);
let explicit = "none";
try { modPow(2n, 3n, { backend: "openssl" }); } catch (error) { explicit = error.name; }
const out = {
  now: mock.now,
  status: libcryptoStatus(),
  srpBackend: defaultBackend(),
  power: modPow(3n, 5n).toString(),
  explicit,
  signer: keys.access.signer.backend,
  tokens: [password.AccessToken, password.IdToken, srp.AccessToken, srp.IdToken],
  jwks,
};
Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(out)));
`;

Deno.test({
  name: "keys: without FFI permission the mock and SRP take the portable path",
  ignore: !CAN_SPAWN,
}, async () => {
  const result = await runScriptForJson(PROBE, []);
  assert.deepEqual(result.status, {
    available: false,
    reason: "no FFI permission (--allow-ffi)",
  });
  assert.equal(result.srpBackend, "native");
  assert.equal(result.power, "243");
  assert.equal(result.explicit, "NativeCryptoError");
  assert.equal(result.signer, "webcrypto");
  const jwks = createLocalJWKSet(result.jwks);
  for (const token of result.tokens) {
    assert.ok((await jwtVerify(token, jwks, { currentDate: new Date(result.now) })).payload.sub);
  }
});
