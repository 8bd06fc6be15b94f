import assert from "node:assert/strict";
import { createClientEphemeral, deviceClaim, passwordClaim } from "./client.ts";
import { SRP_N, SRP_N_HEX } from "./constants.ts";
import { SrpInputError } from "./errors.ts";
import { createServerEphemeral } from "./server.ts";
import { createPasswordVerifier } from "./verifier.ts";

const stored = createPasswordVerifier({ poolName: "Pool1", userId: "alice", password: "pw" });
const server = createServerEphemeral(stored.verifier);
const base = {
  ephemeral: createClientEphemeral(),
  userPoolId: "eu-west-1_Pool1",
  userIdForSrp: "alice",
  password: "pw",
  srpB: server.srpB,
  salt: stored.saltHex,
  secretBlock: "c2VjcmV0",
};

function rejects(input: Partial<typeof base>, field: string, pattern: RegExp): void {
  assert.throws(
    () => passwordClaim({ ...base, ...input }),
    (error: unknown) =>
      error instanceof SrpInputError && error.field === field && pattern.test(error.message),
  );
}

Deno.test("client: malformed challenge values name the parameter at fault", () => {
  rejects({ srpB: "xyz" }, "SRP_B", /^Cannot parse SRP_B: "xyz" is not hexadecimal$/);
  rejects({ srpB: SRP_N_HEX }, "SRP_B", /^Cannot use SRP_B: the value is 0 mod N$/);
  rejects({ srpB: "0" }, "SRP_B", /0 mod N/);
  rejects({ salt: "" }, "SALT", /^Cannot parse SALT/);
  rejects({ secretBlock: "not base64!" }, "SECRET_BLOCK", /^Cannot decode SECRET_BLOCK/);
  rejects({ userPoolId: "nounderscore" }, "UserPoolId", /has no "_"/);
});

Deno.test("client: errors never contain the password", () => {
  try {
    passwordClaim({ ...base, password: "hunter2-secret", srpB: "zz" });
    assert.fail("expected an error");
  } catch (error) {
    assert.ok(error instanceof Error && !error.message.includes("hunter2"));
  }
});

Deno.test("client: hex is read case-insensitively with leading zeros", () => {
  const now = () => new Date("2026-01-01T00:00:00Z");
  const plain = passwordClaim(base, { now });
  const shouty = passwordClaim(
    { ...base, srpB: `000${server.srpB.toUpperCase()}`, salt: `00${stored.saltHex.toUpperCase()}` },
    { now },
  );
  assert.deepEqual(shouty, plain);
});

Deno.test("client: an explicit TIMESTAMP is signed verbatim, even a malformed one", () => {
  const claim = passwordClaim(base, { timestamp: "Thu Nov 26 24:00:00 UTC 2026" });
  assert.equal(claim.TIMESTAMP, "Thu Nov 26 24:00:00 UTC 2026");
  const other = passwordClaim(base, { timestamp: "Thu Nov 26 23:00:00 UTC 2026" });
  assert.notEqual(other.PASSWORD_CLAIM_SIGNATURE, claim.PASSWORD_CLAIM_SIGNATURE);
});

Deno.test("client: the ephemeral uses 32 random bytes by default, exponentBytes otherwise", () => {
  const sizes: number[] = [];
  const random = (n: number) => {
    sizes.push(n);
    return new Uint8Array(n).fill(0x01);
  };
  const small = createClientEphemeral({ random });
  assert.equal(small.a, BigInt(`0x${"01".repeat(32)}`));
  const acij = createClientEphemeral({ random, exponentBytes: 128 });
  assert.equal(acij.a, BigInt(`0x${"01".repeat(128)}`));
  assert.deepEqual(sizes, [32, 128]);
  assert.throws(() => createClientEphemeral({ exponentBytes: 8 }), RangeError);
  assert.throws(() => createClientEphemeral({ a: -1n }), RangeError);
});

Deno.test("client: a fixed a whose SRP_A is 1 is refused; other large a are used", () => {
  const order = (SRP_N - 1n) / 2n; // g = 2 is a square mod N, so its order is (N - 1) / 2
  for (const a of [0n, order, 2n * order, SRP_N - 1n, 3n * order]) {
    assert.throws(
      () => createClientEphemeral({ a }),
      (error) => error instanceof RangeError && /SRP_A would be 1/.test(error.message),
      `a = ${a === 0n ? "0" : "a multiple of the order"}`,
    );
  }
  assert.equal(createClientEphemeral({ a: order + 1n }).A, 2n);
  assert.equal(createClientEphemeral({ a: SRP_N }).A, 2n); // N = 2·order + 1, so g^N = g
  assert.equal(createClientEphemeral({ a: 1n }).srpA, "2");
});

Deno.test("client: a draw whose SRP_A is 1 is drawn again", () => {
  const order = (SRP_N - 1n) / 2n;
  const orderBytes = Uint8Array.fromHex(order.toString(16).padStart(768, "0"));
  let calls = 0;
  const ephemeral = createClientEphemeral({
    exponentBytes: 384,
    random: (n) => calls++ === 0 ? orderBytes.slice() : new Uint8Array(n).fill(7),
  });
  assert.equal(calls, 2);
  assert.equal(ephemeral.a, BigInt(`0x${"07".repeat(384)}`));
});

Deno.test("client: a zero draw is drawn again; a short random source is an error", () => {
  let calls = 0;
  const ephemeral = createClientEphemeral({
    random: (n) => new Uint8Array(n).fill(calls++ === 0 ? 0 : 7),
  });
  assert.equal(calls, 2);
  assert.equal(ephemeral.a, BigInt(`0x${"07".repeat(32)}`));
  assert.throws(
    () => createClientEphemeral({ random: () => new Uint8Array(3) }),
    /returned 3 bytes, not 32/,
  );
});

Deno.test("client: a device claim differs from a password claim over the same numbers", () => {
  const timestamp = "Thu Nov 26 09:38:57 UTC 2026";
  const asPassword = passwordClaim({ ...base, userPoolId: "x_-grp", userIdForSrp: "dk" }, {
    timestamp,
  });
  const asDevice = deviceClaim({
    ...base,
    deviceGroupKey: "-grp",
    deviceKey: "dk",
    devicePassword: "pw",
  }, { timestamp });
  assert.deepEqual(asDevice, asPassword); // same roles: pool name ↔ group key, user ↔ device key
});
