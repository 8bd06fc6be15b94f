import assert from "node:assert/strict";
import { encodeBase32 } from "./base32.ts";
import { createTotpSecret, totp, verifyTotp } from "./totp.ts";

// RFC 6238 appendix B, HMAC-SHA1 rows; the seed is the ASCII "12345678901234567890".
const SEED = new TextEncoder().encode("12345678901234567890");
const RFC6238_SHA1: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

Deno.test("totp: RFC 6238 appendix B SHA-1 vectors (8 digits), from bytes and from base32", () => {
  const base32 = encodeBase32(SEED);
  assert.equal(base32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  for (const [seconds, code] of RFC6238_SHA1) {
    const now = () => new Date(seconds * 1000);
    assert.equal(totp(SEED, { now, digits: 8 }), code, `T=${seconds}`);
    assert.equal(totp(base32, { now, digits: 8 }), code);
    assert.equal(totp(base32, { now }), code.slice(2), "6 digits are the last 6");
  }
});

Deno.test("totp: base32 secrets as apps show them (lower case, spaced) work too", () => {
  const now = () => new Date(59_000);
  assert.equal(totp("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", { now }), "287082");
});

Deno.test("totp: verification accepts ±window steps and nothing else", () => {
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const code = totp(secret, { now: () => new Date(300_000) }); // step 10
  for (
    const [seconds, window, expected] of [
      [270, 1, true],
      [330, 1, true],
      [269, 1, false],
      [360, 1, false],
      [
        360,
        2,
        true,
      ],
      [300, 0, true],
      [330, 0, false],
    ] as const
  ) {
    assert.equal(
      verifyTotp(secret, code, { now: () => new Date(seconds * 1000), window }),
      expected,
      `${seconds}s window ${window}`,
    );
  }
  assert.equal(verifyTotp(secret, "000000", { now: () => new Date(300_000) }), code === "000000");
});

Deno.test("totp: secrets come from the injected random source", () => {
  const secret = createTotpSecret({ random: (n) => new Uint8Array(n).fill(0xff), byteLength: 10 });
  assert.equal(secret, "7777777777777777");
  assert.throws(() => createTotpSecret({ byteLength: 4 }), RangeError);
  assert.throws(() => totp(SEED, { digits: 5 }), RangeError);
});
