import assert from "node:assert/strict";
import { SRP_N } from "./constants.ts";
import { createDeviceVerifier, decodeDeviceVerifier } from "./device.ts";
import { SrpInputError } from "./errors.ts";
import { computeVerifier } from "./verifier.ts";

Deno.test("device: random bytes are drawn as 40 for the password, then 16 for the salt", () => {
  const sizes: number[] = [];
  const secret = createDeviceVerifier("-grp", "us-east-1_k", {
    random: (n) => {
      sizes.push(n);
      return new Uint8Array(n).fill(n === 40 ? 0x07 : 0x01);
    },
  });
  assert.deepEqual(sizes, [40, 16]);
  assert.equal(secret.DevicePassword, Uint8Array.from({ length: 40 }, () => 7).toBase64());
  assert.equal(secret.DevicePassword.length, 56);
  assert.equal(secret.Salt, Uint8Array.from({ length: 16 }, () => 1).toBase64());
});

Deno.test("device: the decoded verifier is g^x of the device credentials", () => {
  const secret = createDeviceVerifier("-grp", "us-east-1_k");
  const decoded = decodeDeviceVerifier(secret);
  const expected = computeVerifier(
    { poolName: "-grp", userId: "us-east-1_k", password: secret.DevicePassword },
    decoded.salt,
  );
  assert.equal(decoded.verifier, expected);
  assert.equal(decoded.saltHex, decoded.salt.toString(16));
});

Deno.test("device: leading zero salt bytes shorten the Salt, as in ACIJ", () => {
  const secret = createDeviceVerifier("-grp", "k", {
    devicePassword: "p",
    saltBytes: Uint8Array.fromHex("0000007f" + "11".repeat(12)),
  });
  assert.equal(Uint8Array.fromBase64(secret.Salt).length, 13);
});

Deno.test("device: unusable verifier configs are input errors naming the field", () => {
  const good = createDeviceVerifier("-grp", "k");
  const cases: Array<[Partial<typeof good>, string, RegExp]> = [
    [{ PasswordVerifier: "" }, "PasswordVerifier", /empty/],
    [{ Salt: "" }, "Salt", /empty/],
    [{ Salt: "gA==" }, "Salt", /negative/],
    [{ PasswordVerifier: "/w==" }, "PasswordVerifier", /negative/],
    [{ PasswordVerifier: "AA==" }, "PasswordVerifier", /0 mod N/],
    [{ Salt: "not base64" }, "Salt", /Cannot decode Salt/],
  ];
  for (const [override, field, pattern] of cases) {
    assert.throws(
      () => decodeDeviceVerifier({ ...good, ...override }),
      (error: unknown) =>
        error instanceof SrpInputError && error.field === field && pattern.test(error.message),
      JSON.stringify(override),
    );
  }
  const n = Uint8Array.fromHex(`00${SRP_N.toString(16)}`).toBase64();
  assert.throws(() => decodeDeviceVerifier({ ...good, PasswordVerifier: n }), /0 mod N/);
});
