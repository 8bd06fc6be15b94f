import assert from "node:assert/strict";
import fc from "fast-check";
import { libcryptoStatus } from "./libcrypto.ts";
import { openModulus } from "./modulus.ts";

const ignore = !libcryptoStatus().available;

/** Square-and-multiply in BigInt, as the reference. */
function reference(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

Deno.test({
  name: "native modulus: equals BigInt on random odd and even moduli, bases and exponents",
  ignore,
  fn: () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: (1n << 2048n) - 1n }),
        fc.bigInt({ min: -(1n << 2100n), max: 1n << 2100n }),
        fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }),
        (modulus, base, exponent) => {
          using m = openModulus(modulus);
          assert.equal(m.pow(base, exponent), reference(base, exponent, modulus));
        },
      ),
      { numRuns: 60 },
    );
  },
});

Deno.test({
  name:
    "native modulus: edge cases (modulus 1 and 2, zero and one, base ≡ 0, the modulus' own size)",
  ignore,
  fn: () => {
    const moduli = [1n, 2n, 3n, 256n, (1n << 64n) + 13n, (1n << 3072n) - 1n];
    const exponents = [0n, 1n, 2n, 255n, 1n << 100n];
    for (const modulus of moduli) {
      using m = openModulus(modulus);
      for (const base of [0n, 1n, -1n, modulus, modulus - 1n, modulus + 1n, -modulus - 2n, 7n]) {
        for (const exponent of exponents) {
          assert.equal(
            m.pow(base, exponent),
            reference(base, exponent, modulus),
            `${base}^${exponent} mod ${modulus}`,
          );
        }
      }
    }
  },
});

Deno.test({
  name: "native modulus: refuses bad arguments with the fitting error",
  ignore,
  fn: () => {
    assert.throws(() => openModulus(0n), RangeError);
    assert.throws(() => openModulus(-7n), RangeError);
    assert.throws(() => openModulus(1n << 70000n), RangeError);
    using m = openModulus(23n);
    assert.throws(() => m.pow(2n, -1n), RangeError);
    assert.throws(() => m.pow(2n, 1n << 70000n), RangeError);
  },
});

Deno.test({
  name: "native modulus: dispose frees once, and later use is a NativeCryptoError",
  ignore,
  fn: () => {
    const m = openModulus(1_000_003n);
    assert.equal(m.pow(3n, 4n), 81n);
    assert.equal(m.disposed, false);
    m.dispose();
    m.dispose();
    assert.equal(m.disposed, true);
    assert.throws(() => m.pow(3n, 4n), { name: "NativeCryptoError", message: /disposed/ });
    {
      using scoped = openModulus(1_000_003n);
      assert.equal(scoped.pow(2n, 20n), (1n << 20n) % 1_000_003n);
    }
  },
});

Deno.test({
  name: "native modulus: without libcrypto, opening is a NativeCryptoError naming the reason",
  ignore: !ignore,
  fn: () => {
    assert.throws(() => openModulus(23n), {
      name: "NativeCryptoError",
      message: /^Cannot open modulus: libcrypto is unavailable \(.+\)$/,
    });
  },
});
