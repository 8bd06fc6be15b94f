import assert from "node:assert/strict";
import fc from "fast-check";
import { SRP_N } from "./constants.ts";
import { defaultBackend, modPow, type ModPowBackend, powG } from "./modexp.ts";
import { MAX_ROWS, tablePowG, tableStats, USES_BEFORE_TABLE } from "./_fixed_base.ts";
import { bigintModPow } from "./_barrett.ts";
import { nativeModPow } from "./_native.ts";
import { opensslModPow, opensslUsable } from "./_openssl.ts";
import { libcryptoStatus } from "./native/mod.ts";

/** Every backend this process can run; OpenSSL only with FFI permission and libcrypto. */
const BACKENDS: ModPowBackend[] = opensslUsable()
  ? ["openssl", "native", "bigint"]
  : ["native", "bigint"];
const ENGINES = { openssl: opensslModPow, native: nativeModPow, bigint: bigintModPow };

/** The textbook algorithm, as the reference. */
function reference(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = ((base % SRP_N) + SRP_N) % SRP_N;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % SRP_N;
    b = (b * b) % SRP_N;
  }
  return result;
}

const bigintOfBits = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });

Deno.test("modexp: every backend equals the textbook result on random inputs", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(SRP_N * 3n), max: SRP_N * 3n }),
      fc.oneof(bigintOfBits(8), bigintOfBits(256), bigintOfBits(520), bigintOfBits(1100)),
      (base, exponent) => {
        const expected = reference(base, exponent);
        for (const backend of BACKENDS) {
          assert.equal(modPow(base, exponent, { backend }), expected, backend);
        }
      },
    ),
    { numRuns: 12 },
  );
});

Deno.test("modexp: edge bases and exponents", () => {
  const bases = [0n, 1n, 2n, SRP_N - 1n, SRP_N, SRP_N + 1n, -1n, -SRP_N, 2n * SRP_N + 5n];
  const exponents = [0n, 1n, 2n, 3n, (SRP_N - 1n) / 2n, SRP_N - 1n, 1n << 64n];
  for (const base of bases) {
    for (const exponent of exponents) {
      const expected = reference(base, exponent);
      for (const backend of BACKENDS) {
        assert.equal(
          modPow(base, exponent, { backend }),
          expected,
          `${backend} ${base}^${exponent}`,
        );
      }
    }
  }
});

Deno.test("modexp: negative exponents and unknown backends are refused", () => {
  for (const backend of BACKENDS) {
    assert.throws(() => modPow(2n, -1n, { backend }), RangeError);
    assert.throws(() => powG(-1n, { backend }), RangeError);
  }
  assert.throws(() => modPow(2n, 3n, { backend: "gmp" as ModPowBackend }), TypeError);
});

Deno.test("modexp: the default backend is OpenSSL exactly when libcrypto loads", () => {
  assert.equal(defaultBackend(), libcryptoStatus().available ? "openssl" : "native");
  assert.equal(opensslUsable(), libcryptoStatus().available);
});

Deno.test({
  name: "modexp: choosing OpenSSL without libcrypto throws a NativeCryptoError",
  ignore: libcryptoStatus().available,
  fn: () =>
    assert.throws(() => modPow(2n, 3n, { backend: "openssl" }), { name: "NativeCryptoError" }),
});

Deno.test("modexp: the fixed-base table equals 2^e for every exponent size, split beyond its rows", () => {
  const high = MAX_ROWS * 5;
  const exponents = [
    0n,
    1n,
    31n,
    32n,
    (1n << 256n) - 1n,
    0xfedcba9876543210n ** 16n,
    (1n << BigInt(high)) - 1n, // the largest exponent the rows cover
    1n << BigInt(high), // the first that splits
    (1n << 3000n) + 12345n,
    SRP_N - 2n,
  ];
  for (const exponent of exponents) {
    const expected = reference(2n, exponent);
    for (const backend of BACKENDS) {
      assert.equal(tablePowG(exponent, ENGINES[backend]), expected, `${backend} high part`);
    }
  }
  assert.equal(tableStats().rows, MAX_ROWS);
});

Deno.test("modexp: powG switches to the table after a few calls and stays exact", () => {
  for (let i = 0; i <= USES_BEFORE_TABLE + 2; i++) {
    const exponent = (0x1234567890abcdefn << BigInt(i * 20)) + BigInt(i);
    for (const backend of BACKENDS) {
      assert.equal(powG(exponent, { backend }), reference(2n, exponent));
    }
  }
  assert.ok(tableStats().rows > 0);
});
