import assert from "node:assert/strict";
import { createClientEphemeral, passwordClaim } from "./client.ts";
import { SRP_K, SRP_N, SRP_N_HEX } from "./constants.ts";
import { SrpInputError } from "./errors.ts";
import { powG } from "./modexp.ts";
import { createServerEphemeral, parseSrpA, verifyPasswordClaim } from "./server.ts";
import { createPasswordVerifier } from "./verifier.ts";
import { TimestampFormatError } from "./timestamp.ts";

const user = { userPoolId: "us-east-1_Pool1", userIdForSrp: "alice" };
const stored = createPasswordVerifier({ poolName: "Pool1", userId: "alice", password: "pw" });
const client = createClientEphemeral();
const server = createServerEphemeral(stored.verifier);
const secretBlock = "c2VjcmV0LWJsb2Nr";

function check(timestamp: string) {
  const claim = passwordClaim({
    ...user,
    ephemeral: client,
    password: "pw",
    srpB: server.srpB,
    salt: stored.saltHex,
    secretBlock,
  }, { timestamp });
  return {
    ...user,
    ephemeral: server,
    srpA: client.srpA,
    verifier: stored.verifier,
    secretBlock,
    timestamp,
    signature: claim.PASSWORD_CLAIM_SIGNATURE,
  };
}

Deno.test("server: A mod N = 0 and malformed SRP_A are input errors", () => {
  for (const bad of [SRP_N_HEX, "0", "000", (SRP_N * 2n).toString(16)]) {
    assert.throws(
      () => parseSrpA(bad),
      (e: unknown) => e instanceof SrpInputError && e.field === "SRP_A",
    );
  }
  assert.throws(() => parseSrpA("g1"), /Cannot parse SRP_A/);
  assert.throws(
    () => verifyPasswordClaim({ ...check("Thu Nov 26 09:38:57 UTC 2026"), srpA: SRP_N }),
    /SRP_A: the value is 0 mod N/,
  );
});

Deno.test("server: a correct claim verifies, with SRP_A as hex in any case or as a number", () => {
  const good = check("Thu Nov 26 09:38:57 UTC 2026");
  assert.equal(verifyPasswordClaim(good), true);
  assert.equal(verifyPasswordClaim({ ...good, srpA: `00${client.srpA.toUpperCase()}` }), true);
  assert.equal(verifyPasswordClaim({ ...good, srpA: client.A }), true);
  assert.equal(
    verifyPasswordClaim({ ...good, secretBlock: Uint8Array.fromBase64(secretBlock) }),
    true,
  );
});

Deno.test("server: an unparseable TIMESTAMP throws the format error", () => {
  assert.throws(
    () => verifyPasswordClaim(check("Thu Nov 26 24:00:00 UTC 2026")),
    TimestampFormatError,
  );
});

Deno.test("server: a padded day or a wrong weekday fails even when the client signed it", () => {
  assert.equal(verifyPasswordClaim(check("Sat Sep 05 10:00:00 UTC 2026")), false);
  assert.equal(verifyPasswordClaim(check("Sun Sep 5 10:00:00 UTC 2026")), false);
  assert.equal(verifyPasswordClaim(check("Sat Sep 5 10:00:00 UTC 2026")), true);
});

Deno.test("server: a garbled or empty signature is false, not an error", () => {
  const good = check("Thu Nov 26 09:38:57 UTC 2026");
  for (const signature of ["", "!!!", good.signature.slice(0, -2), `${good.signature}AA`]) {
    assert.equal(verifyPasswordClaim({ ...good, signature }), false, signature);
  }
});

Deno.test("server: B = (k·v + g^b) mod N, and a zero b is drawn again", () => {
  let calls = 0;
  const ephemeral = createServerEphemeral(stored.verifier, {
    random: (n) => new Uint8Array(n).fill(calls++ === 0 ? 0 : 3),
  });
  assert.equal(calls, 2);
  assert.equal(ephemeral.b, BigInt(`0x${"03".repeat(32)}`));
  assert.equal(ephemeral.B, (SRP_K * stored.verifier + powG(ephemeral.b)) % SRP_N);
  assert.throws(() => createServerEphemeral(1n, { exponentBytes: 1000 }), RangeError);
});

Deno.test("server: a fixed b whose B is 0 mod N is refused", () => {
  // v = (N − 1)·k⁻¹ makes k·v ≡ −1, and b = 0 makes g^b = 1, so B ≡ 0.
  const kInverse = powModInverse(SRP_K);
  const v = ((SRP_N - 1n) * kInverse) % SRP_N;
  assert.throws(() => createServerEphemeral(v, { b: 0n }), /SRP_B: the value is 0 mod N/);
});

function powModInverse(value: bigint): bigint {
  let [oldR, r] = [value % SRP_N, SRP_N];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % SRP_N) + SRP_N) % SRP_N;
}
