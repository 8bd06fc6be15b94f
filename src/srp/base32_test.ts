import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeBase32, encodeBase32 } from "./base32.ts";

Deno.test("base32: RFC 4648 §10 vectors, with and without padding", () => {
  const vectors: Array<[string, string]> = [
    ["", ""],
    ["f", "MY======"],
    ["fo", "MZXQ===="],
    ["foo", "MZXW6==="],
    ["foob", "MZXW6YQ="],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI======"],
  ];
  const text = new TextEncoder();
  for (const [plain, encoded] of vectors) {
    assert.equal(encodeBase32(text.encode(plain), { padding: true }), encoded);
    assert.equal(encodeBase32(text.encode(plain)), encoded.replace(/=+$/, ""));
    assert.equal(new TextDecoder().decode(decodeBase32(encoded)), plain);
    assert.equal(
      new TextDecoder().decode(decodeBase32(encoded.toLowerCase().replace(/=+$/, ""))),
      plain,
    );
  }
});

Deno.test("base32: decode(encode(bytes)) is the identity", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      assert.deepEqual(decodeBase32(encodeBase32(bytes)), bytes);
    }),
    { numRuns: 200 },
  );
});

Deno.test("base32: invalid characters and impossible lengths are SyntaxErrors", () => {
  for (const bad of ["MZXW1", "MZXW8YQ", "M", "MZX", "MZXW6Y", "MZ XW"]) {
    assert.throws(() => decodeBase32(bad), SyntaxError, bad);
  }
});
