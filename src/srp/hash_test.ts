import assert from "node:assert/strict";
import fc from "fast-check";
import { createHMAC, createSHA1, createSHA256 } from "hash-wasm";
import { hkdfCognito, hmacSha1, hmacSha256, sha256, timingSafeEqual } from "./hash.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("hash: HMAC-SHA256 matches RFC 4231 cases 1, 6 (key longer than a block) and 7", () => {
  assert.equal(
    hmacSha256(new Uint8Array(20).fill(0x0b), "Hi There").toHex(),
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  );
  const longKey = new Uint8Array(131).fill(0xaa);
  assert.equal(
    hmacSha256(longKey, "Test Using Larger Than Block-Size Key - Hash Key First").toHex(),
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  );
  assert.equal(
    hmacSha256(
      longKey,
      "This is a test using a larger than block-size key and a larger than block-size data. " +
        "The key needs to be hashed before being used by the HMAC algorithm.",
    ).toHex(),
    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  );
});

Deno.test("hash: our HMACs agree with hash-wasm's createHMAC on random keys and messages", async () => {
  const samples = fc.sample(
    fc.tuple(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 300 })),
    { numRuns: 40, seed: 7 },
  );
  for (const [key, message] of samples) {
    const ours256 = hmacSha256(key, message);
    const theirs256 = await createHMAC(createSHA256(), key);
    assert.equal(ours256.toHex(), theirs256.init().update(message).digest("hex"));
    const theirs1 = await createHMAC(createSHA1(), key);
    assert.equal(hmacSha1(key, message).toHex(), theirs1.init().update(message).digest("hex"));
  }
});

Deno.test("hash: parts are concatenated, strings hashed as UTF-8", () => {
  assert.deepEqual(sha256("zoë", Uint8Array.of(1)), sha256(Uint8Array.of(...bytes("zoë"), 1)));
  assert.deepEqual(hmacSha256(bytes("k"), "a", "b"), hmacSha256(bytes("k"), "ab"));
});

Deno.test("hash: HKDF is RFC 5869 expand of one block, cut to 16 bytes", () => {
  // RFC 5869 test case 1 with our info: PRK = HMAC(salt, ikm); OKM = HMAC(PRK, info | 0x01)
  const ikm = new Uint8Array(22).fill(0x0b);
  const salt = Uint8Array.fromHex("000102030405060708090a0b0c");
  const prk = hmacSha256(salt, ikm);
  assert.equal(prk.toHex(), "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
  const okm = hmacSha256(prk, "Caldera Derived Key", Uint8Array.of(1));
  assert.deepEqual(hkdfCognito(ikm, salt), okm.slice(0, 16));
});

Deno.test("hash: timingSafeEqual rejects different lengths", () => {
  assert.equal(timingSafeEqual(Uint8Array.of(1), Uint8Array.of(1, 0)), false);
  assert.equal(timingSafeEqual(new Uint8Array(0), new Uint8Array(0)), true);
});
