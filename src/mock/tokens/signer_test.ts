import assert from "node:assert/strict";
import { libcryptoStatus } from "../../srp/native/mod.ts";
import { createRs256Signer } from "./signer.ts";

const OPENSSL = libcryptoStatus().available;
const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

async function pair(extractable = true): Promise<CryptoKeyPair> {
  return await crypto.subtle.generateKey(
    { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    extractable,
    ["sign", "verify"],
  );
}

const inputs = ["", "a", "eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJzIn0", "é".repeat(5000)]
  .map((text) => new TextEncoder().encode(text));

async function reference(key: CryptoKey, data: Uint8Array<ArrayBuffer>) {
  return new Uint8Array(await crypto.subtle.sign(ALGORITHM, key, data));
}

Deno.test("signer: auto picks OpenSSL exactly when libcrypto loads; bytes equal WebCrypto's", async () => {
  const { privateKey } = await pair();
  const signer = await createRs256Signer(privateKey);
  assert.equal(signer.backend, OPENSSL ? "openssl" : "webcrypto");
  for (const data of inputs) {
    assert.deepEqual(await signer.sign(data), await reference(privateKey, data));
  }
  const together = await Promise.all(inputs.map((data) => signer.sign(data)));
  for (const [i, data] of inputs.entries()) {
    assert.deepEqual(together[i], await reference(privateKey, data));
  }
  signer.dispose();
});

Deno.test("signer: off always signs with WebCrypto, with the same bytes", async () => {
  const { privateKey } = await pair();
  const portable = await createRs256Signer(privateKey, { nativeCrypto: "off" });
  const auto = await createRs256Signer(privateKey, { nativeCrypto: "auto" });
  assert.equal(portable.backend, "webcrypto");
  for (const data of inputs) assert.deepEqual(await portable.sign(data), await auto.sign(data));
  auto.dispose();
});

Deno.test("signer: a key that cannot be exported is signed by WebCrypto", async () => {
  const { privateKey } = await pair(false);
  const signer = await createRs256Signer(privateKey);
  assert.equal(signer.backend, "webcrypto");
  assert.deepEqual(await signer.sign(inputs[2]!), await reference(privateKey, inputs[2]!));
});

Deno.test("signer: after dispose, and for signatures in flight, the bytes stay right", async () => {
  const { privateKey } = await pair();
  const signer = await createRs256Signer(privateKey);
  const data = inputs[2]!;
  const expected = await reference(privateKey, data);
  const inFlight = [signer.sign(data), signer.sign(data)];
  assert.equal(signer.active, signer.backend);
  signer.dispose();
  assert.equal(signer.active, "webcrypto");
  signer.dispose();
  for (const signature of await Promise.all(inFlight)) assert.deepEqual(signature, expected);
  assert.deepEqual(await signer.sign(data), expected); // WebCrypto now
  assert.equal(signer.backend, OPENSSL ? "openssl" : "webcrypto");
});
