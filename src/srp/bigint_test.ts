import assert from "node:assert/strict";
import fc from "fast-check";
import {
  bytesToBigInt,
  decodeBase64,
  encodeBase64,
  padBytes,
  padHex,
  parseHexInteger,
} from "./bigint.ts";
import { SrpInputError } from "./errors.ts";

Deno.test("bigint: padHex follows the §7.2 examples", () => {
  const table: Array<[bigint, string]> = [
    [0x80n, "0080"],
    [0x7fn, "7f"],
    [0xabcn, "0abc"],
    [0x1n, "01"],
    [0n, "00"],
    [0xffn, "00ff"],
    [0x100n, "0100"],
    [0x8000n, "008000"],
  ];
  for (const [value, expected] of table) assert.equal(padHex(value), expected);
  assert.throws(() => padHex(-1n), RangeError);
});

/** Java's BigInteger(byte[]) reading: signed two's complement, big-endian. */
function readSigned(bytes: Uint8Array): bigint {
  const unsigned = bytesToBigInt(bytes);
  return bytes.length > 0 && bytes[0]! >= 0x80
    ? unsigned - (1n << BigInt(bytes.length * 8))
    : unsigned;
}

Deno.test("bigint: padBytes is Java's minimal signed encoding (BigInteger.toByteArray)", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 1n << 3100n }), (value) => {
      const bytes = padBytes(value);
      assert.equal(readSigned(bytes), value); // reads back as the same non-negative number
      if (bytes.length > 1) {
        // and is minimal: one byte fewer would not read back
        assert.notEqual(readSigned(bytes.subarray(1)), value);
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("bigint: hex parsing ignores case and leading zeros, rejects anything else", () => {
  assert.equal(parseHexInteger("00Ab", "SRP_B"), 0xabn);
  assert.equal(parseHexInteger("0", "SALT"), 0n);
  for (const bad of ["", "0x10", " 10", "10 ", "1g", "-1", "+1"]) {
    assert.throws(
      () => parseHexInteger(bad, "SRP_B"),
      (error: unknown) =>
        error instanceof SrpInputError && error.field === "SRP_B" &&
        error.message.startsWith("Cannot parse SRP_B: "),
      JSON.stringify(bad),
    );
  }
});

Deno.test("bigint: error messages quote long inputs shortened", () => {
  assert.throws(() => parseHexInteger("z".repeat(1000), "SRP_A"), (error: unknown) => {
    assert.ok(error instanceof Error && error.message.length < 80, String(error));
    return true;
  });
});

Deno.test("bigint: base64 is standard, padding optional, strict otherwise", () => {
  assert.deepEqual(decodeBase64("AIo=", "x"), Uint8Array.of(0, 0x8a));
  assert.deepEqual(decodeBase64("AIo", "x"), Uint8Array.of(0, 0x8a));
  assert.deepEqual(decodeBase64("", "x"), new Uint8Array(0));
  for (const bad of ["AI o=", "AIo=\n", "AI-o", "AI_o", "A", "AIo==="]) {
    assert.throws(() => decodeBase64(bad, "SECRET_BLOCK"), /Cannot decode SECRET_BLOCK/, bad);
  }
  assert.equal(encodeBase64(Uint8Array.of(0xfb, 0xff)), "+/8=");
  assert.equal(bytesToBigInt(new Uint8Array(0)), 0n);
});
