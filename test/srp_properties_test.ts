/**
 * Property tests: client and server agree on random inputs, and every kind of
 * wrong input fails verification, on every exponentiation backend (OpenSSL's
 * only where libcrypto loads; reported as ignored otherwise). Runs are few
 * (each costs several 3072-bit exponentiations).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  createClientEphemeral,
  createDeviceVerifier,
  createPasswordVerifier,
  createServerEphemeral,
  decodeDeviceVerifier,
  deviceClaim,
  formatTimestamp,
  type ModPowBackend,
  passwordClaim,
  verifyDeviceClaim,
  verifyPasswordClaim,
} from "../src/srp/mod.ts";
import { libcryptoStatus } from "../src/srp/native/mod.ts";

const RUNS = { numRuns: 20 };
const BACKENDS: ModPowBackend[] = ["openssl", "native", "bigint"];
const OPENSSL = libcryptoStatus().available;

/** One property test per backend; OpenSSL's is ignored where libcrypto is unavailable. */
function eachBackend(name: string, fn: (backend: ModPowBackend) => void): void {
  for (const backend of BACKENDS) {
    Deno.test({
      name: `srp properties (${backend}): ${name}`,
      ignore: backend === "openssl" && !OPENSSL,
      fn: () => fn(backend),
    });
  }
}

const poolName = fc.stringMatching(/^[0-9A-Za-z]{1,12}$/);
const text = fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" });
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
/** Exponent bytes: never all zero, which the ephemeral would redraw from the same replay forever. */
const exponent = bytes(32).filter((drawn) => drawn.some((byte) => byte !== 0));
const secretBlock = fc.uint8Array({ minLength: 1, maxLength: 200 });
const instant = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2099-12-31T23:59:59Z"),
  noInvalidDate: true,
});

/** A replaying random source over fast-check's bytes. */
const fixed = (source: Uint8Array) => (length: number) => source.slice(0, length);

interface PasswordCase {
  pool: string;
  userId: string;
  password: string;
  salt: Uint8Array;
  a: Uint8Array;
  b: Uint8Array;
  block: Uint8Array;
  when: Date;
}

const passwordCase: fc.Arbitrary<PasswordCase> = fc.record({
  pool: poolName,
  userId: text,
  password: text,
  salt: bytes(16),
  a: exponent,
  b: exponent,
  block: secretBlock,
  when: instant,
});

/** Runs a password sign-in; `tamper` changes what the client claims or the server checks. */
function passwordSignIn(
  input: PasswordCase,
  backend: ModPowBackend,
  tamper: { clientPassword?: string; checkedBlock?: Uint8Array; timestamp?: string } = {},
): boolean {
  const userPoolId = `us-east-1_${input.pool}`;
  const stored = createPasswordVerifier(
    { poolName: input.pool, userId: input.userId, password: input.password },
    { saltBytes: input.salt, backend },
  );
  const ephemeral = createClientEphemeral({ random: fixed(input.a), backend });
  const server = createServerEphemeral(stored.verifier, { random: fixed(input.b), backend });
  const claim = passwordClaim(
    {
      ephemeral,
      userPoolId,
      userIdForSrp: input.userId,
      password: tamper.clientPassword ?? input.password,
      srpB: server.srpB,
      salt: stored.saltHex,
      secretBlock: input.block.toBase64(),
    },
    tamper.timestamp === undefined
      ? { now: () => input.when, backend }
      : { timestamp: tamper.timestamp, backend },
  );
  return verifyPasswordClaim({
    ephemeral: server,
    srpA: claim.SRP_A,
    verifier: stored.verifier,
    userPoolId,
    userIdForSrp: input.userId,
    secretBlock: tamper.checkedBlock ?? input.block,
    timestamp: claim.TIMESTAMP,
    signature: claim.PASSWORD_CLAIM_SIGNATURE,
  }, { backend });
}

eachBackend("client and server agree on random users, salts and exponents", (backend) => {
  fc.assert(
    fc.property(passwordCase, (input) => assert.equal(passwordSignIn(input, backend), true)),
    RUNS,
  );
});

eachBackend("a wrong password fails", (backend) => {
  fc.assert(
    fc.property(passwordCase, text, (input, other) => {
      fc.pre(other !== input.password);
      assert.equal(passwordSignIn(input, backend, { clientPassword: other }), false);
    }),
    RUNS,
  );
});

eachBackend("a tampered SECRET_BLOCK fails", (backend) => {
  fc.assert(
    fc.property(passwordCase, fc.nat(), fc.integer({ min: 0, max: 7 }), (input, at, bit) => {
      const block = input.block.slice();
      block[at % block.length]! ^= 1 << bit;
      assert.equal(passwordSignIn(input, backend, { checkedBlock: block }), false);
    }),
    RUNS,
  );
});

eachBackend("a zero-padded day or a wrong weekday fails even when signed", (backend) => {
  fc.assert(
    fc.property(passwordCase, fc.integer({ min: 1, max: 6 }), (input, shift) => {
      const canonical = formatTimestamp(input.when);
      const [weekday, month, day, ...rest] = canonical.split(" ") as [string, string, string];
      const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
      const wrongDay = weekdays[(weekdays.indexOf(weekday) + shift) % 7]!;
      assert.equal(passwordSignIn(input, backend, { timestamp: canonical }), true);
      assert.equal(
        passwordSignIn(input, backend, { timestamp: [wrongDay, month, day, ...rest].join(" ") }),
        false,
      );
      const padded = [weekday, month, day.padStart(2, "0"), ...rest].join(" ");
      if (padded !== canonical) {
        assert.equal(passwordSignIn(input, backend, { timestamp: padded }), false);
      }
    }),
    { numRuns: 10 },
  );
});

interface DeviceCase {
  group: string;
  key: string;
  secretRandom: Uint8Array;
  a: Uint8Array;
  b: Uint8Array;
  block: Uint8Array;
}

const deviceCase: fc.Arbitrary<DeviceCase> = fc.record({
  group: fc.stringMatching(/^-[0-9A-Za-z]{8}$/),
  key: fc.uuid().map((uuid) => `us-east-1_${uuid}`),
  secretRandom: bytes(56),
  a: exponent,
  b: exponent,
  block: secretBlock,
});

function deviceSignIn(
  input: DeviceCase,
  backend: ModPowBackend,
  clientPassword?: (real: string) => string,
): boolean {
  const secret = createDeviceVerifier(input.group, input.key, {
    random: replay(input.secretRandom),
    backend,
  });
  const stored = decodeDeviceVerifier(secret);
  const server = createServerEphemeral(stored.verifier, { random: fixed(input.b), backend });
  const ephemeral = createClientEphemeral({ random: fixed(input.a), backend });
  const claim = deviceClaim({
    ephemeral,
    deviceGroupKey: input.group,
    deviceKey: input.key,
    devicePassword: clientPassword?.(secret.DevicePassword) ?? secret.DevicePassword,
    srpB: server.srpB,
    salt: stored.saltHex,
    secretBlock: input.block.toBase64(),
  }, { backend });
  return verifyDeviceClaim({
    ephemeral: server,
    srpA: claim.SRP_A,
    verifier: stored.verifier,
    deviceGroupKey: input.group,
    deviceKey: input.key,
    secretBlock: input.block,
    timestamp: claim.TIMESTAMP,
    signature: claim.PASSWORD_CLAIM_SIGNATURE,
  }, { backend });
}

function replay(source: Uint8Array): (length: number) => Uint8Array {
  let rest = source;
  return (length) => {
    const out = rest.slice(0, length);
    rest = rest.subarray(length);
    return out;
  };
}

eachBackend("device sign-in agrees; a wrong device password fails", (backend) => {
  fc.assert(
    fc.property(deviceCase, bytes(40), (input, otherPassword) => {
      assert.equal(deviceSignIn(input, backend), true);
      const other = otherPassword.toBase64();
      assert.equal(
        deviceSignIn(input, backend, (real) => (real === other ? `${other}x` : other)),
        false,
      );
    }),
    RUNS,
  );
});
