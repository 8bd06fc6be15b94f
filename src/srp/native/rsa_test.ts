import assert from "node:assert/strict";
import { libcryptoStatus } from "./libcrypto.ts";
import { importRsaPrivateKey } from "./rsa.ts";

const ignore = !libcryptoStatus().available;
const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

async function rsaPair(bits: number) {
  const pair = await crypto.subtle.generateKey(
    { ...ALGORITHM, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  );
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return { ...pair, pkcs8 };
}

async function webcrypto(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ALGORITHM, key, data));
}

Deno.test({
  name: "native rsa: signatures are byte-identical to WebCrypto's (2048 and 3072 bits, any length)",
  ignore,
  fn: async () => {
    for (const bits of [2048, 3072]) {
      const pair = await rsaPair(bits);
      using key = importRsaPrivateKey(pair.pkcs8);
      assert.equal(key.bits, bits);
      const inputs = [0, 1, 55, 900, 65536].map((length) =>
        crypto.getRandomValues(new Uint8Array(length))
      );
      inputs.push(new Uint8Array(1 << 20).fill(0x61));
      for (const data of inputs) {
        const signature = await key.sign(data);
        assert.equal(signature.length, bits / 8);
        assert.deepEqual(signature, await webcrypto(pair.privateKey, data), `${data.length} B`);
        const valid = await crypto.subtle.verify(ALGORITHM, pair.publicKey, signature, data);
        assert.equal(valid, true);
      }
    }
  },
});

Deno.test({
  name: "native rsa: views with an offset, and buffers changed right after the call, sign as given",
  ignore,
  fn: async () => {
    const pair = await rsaPair(2048);
    using key = importRsaPrivateKey(pair.pkcs8);
    const backing = new TextEncoder().encode("xxxxheader.payloadyyyy");
    const view = backing.subarray(4, 18);
    const expected = await webcrypto(pair.privateKey, view.slice());
    const pending = key.sign(view);
    backing.fill(0); // the caller reuses its buffer while the signature runs
    assert.deepEqual(await pending, expected);
    // DER inside a larger buffer, and a wiped source after import.
    const framed = new Uint8Array(pair.pkcs8.length + 8);
    framed.set(pair.pkcs8, 4);
    const der = framed.subarray(4, 4 + pair.pkcs8.length);
    using again = importRsaPrivateKey(der);
    framed.fill(0);
    assert.deepEqual(await again.sign(view.slice()), await key.sign(view.slice()));
  },
});

Deno.test({
  name: "native rsa: many concurrent signatures all equal the reference",
  ignore,
  fn: async () => {
    const pair = await rsaPair(2048);
    using key = importRsaPrivateKey(pair.pkcs8);
    const inputs = Array.from({ length: 48 }, (_, i) => new TextEncoder().encode(`token ${i}`));
    const signatures = await Promise.all(inputs.map((data) => key.sign(data)));
    for (const [i, data] of inputs.entries()) {
      assert.deepEqual(signatures[i], await webcrypto(pair.privateKey, data));
    }
  },
});

Deno.test({
  name: "native rsa: dispose waits for signatures in flight, then refuses new ones",
  ignore,
  fn: async () => {
    const pair = await rsaPair(2048);
    const key = importRsaPrivateKey(pair.pkcs8);
    const data = new TextEncoder().encode("in flight");
    const inFlight = Array.from({ length: 8 }, () => key.sign(data));
    key.dispose();
    key.dispose();
    assert.equal(key.disposed, true);
    const expected = await webcrypto(pair.privateKey, data);
    for (const signature of await Promise.all(inFlight)) assert.deepEqual(signature, expected);
    await assert.rejects(() => key.sign(data), { name: "NativeCryptoError", message: /disposed/ });
  },
});

Deno.test({
  name: "native rsa: malformed, trailing, truncated, empty and non-RSA keys are NativeCryptoErrors",
  ignore,
  fn: async () => {
    const { pkcs8 } = await rsaPair(2048);
    const refused = (der: Uint8Array, message: RegExp) =>
      assert.throws(() => importRsaPrivateKey(der), { name: "NativeCryptoError", message });
    refused(new Uint8Array(0), /empty/);
    refused(crypto.getRandomValues(new Uint8Array(300)), /^Cannot import the RSA key: /);
    refused(pkcs8.subarray(0, pkcs8.length - 10), /d2i_AutoPrivateKey failed/);
    refused(Uint8Array.of(...pkcs8, 0, 0, 0), /3 bytes follow the DER structure/);
    const ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
    ]);
    refused(
      new Uint8Array(await crypto.subtle.exportKey("pkcs8", ec.privateKey)),
      /not an RSA key/,
    );
    // The error queue was drained: the next key still works.
    using key = importRsaPrivateKey(pkcs8);
    assert.equal((await key.sign(new Uint8Array(1))).length, 256);
  },
});

Deno.test({
  name: "native rsa: without libcrypto, importing is a NativeCryptoError naming the reason",
  ignore: !ignore,
  fn: () => {
    assert.throws(() => importRsaPrivateKey(new Uint8Array(8)), {
      name: "NativeCryptoError",
      message: /^Cannot import the RSA key: libcrypto is unavailable \(.+\)$/,
    });
  },
});
