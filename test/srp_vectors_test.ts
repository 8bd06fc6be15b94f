/**
 * Every vector of fixtures/srp-vectors.json (computed with
 * amazon-cognito-identity-js 6.3.21 and an independent server model) and the
 * two known-answer tables of the protocol reference §7.9, on every
 * exponentiation backend (OpenSSL's only where libcrypto loads: with FFI
 * permission; its cases are reported as ignored otherwise).
 */
import assert from "node:assert/strict";
import {
  claimSignature,
  computeClientS,
  computeServerS,
  computeU,
  computeVerifier,
  computeX,
  createClientEphemeral,
  createDeviceVerifier,
  createServerEphemeral,
  decodeDeviceVerifier,
  deriveAuthKey,
  deviceClaim,
  formatTimestamp,
  type ModPowBackend,
  padHex,
  parseTimestamp,
  passwordClaim,
  poolNameOf,
  secretHash,
  sha256,
  SRP_G,
  SRP_K,
  SRP_N,
  SRP_N_HEX,
  verifyDeviceClaim,
  verifyPasswordClaim,
} from "../src/srp/mod.ts";
import { HKDF_INFO } from "../src/srp/constants.ts";
import { libcryptoStatus } from "../src/srp/native/mod.ts";

type Strings = Record<string, string>;
interface Vector {
  id: string;
  note: string;
  deviceVerifierVector?: string;
  inputs: Strings;
  intermediates: Strings;
  outputs: Strings;
  server?: Strings;
}
interface Fixture {
  constants: Strings;
  deviceVerifier: { vectors: Vector[] };
  userSrpAuth: { vectors: Vector[] };
  deviceSrpAuth: { vectors: Vector[] };
  secretHash: { vectors: Vector[] };
  timestamp: { vectors: Vector[] };
}

const fixture: Fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/srp-vectors.json", import.meta.url)),
);
const BACKENDS: ModPowBackend[] = ["openssl", "native", "bigint"];
const OPENSSL = libcryptoStatus().available;
/** The backends this process can run. */
const RUNNABLE = BACKENDS.filter((backend) => backend !== "openssl" || OPENSSL);
const unavailable = (backend: ModPowBackend) => backend === "openssl" && !OPENSSL;
const hex = (text: string) => BigInt(`0x${text}`);
const at = (record: Strings | undefined, key: string): string => {
  const value = record?.[key];
  assert.ok(value !== undefined, `vector field ${key} is missing`);
  return value;
};

/** A random source that replays fixed bytes, in order, and fails when it runs dry. */
function replay(...hexChunks: string[]): (length: number) => Uint8Array {
  let bytes = Uint8Array.fromHex(hexChunks.join(""));
  return (length) => {
    assert.ok(length <= bytes.length, `replay ran out of bytes (asked ${length})`);
    const out = bytes.slice(0, length);
    bytes = bytes.subarray(length);
    return out;
  };
}

Deno.test("srp vectors: constants N, g, k (computed) and the HKDF info", () => {
  const { constants } = fixture;
  assert.equal(SRP_N_HEX, at(constants, "N_hex"));
  assert.equal(SRP_N, hex(at(constants, "N_hex")));
  assert.equal(SRP_G, BigInt(at(constants, "g")));
  assert.equal(SRP_K.toString(16), at(constants, "k_hex"));
  assert.equal(
    SRP_K.toString(16),
    "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
  );
  // k is H(pad(N) | pad(g)) with pad(N) 385 bytes; padding N to 384 bytes gives another value.
  assert.notEqual(
    sha256(Uint8Array.fromHex(SRP_N_HEX), Uint8Array.of(2)).toHex(),
    at(constants, "k_hex"),
  );
  assert.equal(HKDF_INFO, at(constants, "hkdfInfo"));
});

for (const vector of fixture.deviceVerifier.vectors) {
  Deno.test(`srp vectors: device verifier ${vector.id} (${vector.note})`, () => {
    const { inputs, intermediates, outputs } = vector;
    const dgk = at(inputs, "deviceGroupKey");
    const dk = at(inputs, "deviceKey");
    // Drawn exactly like ACIJ: 40 password bytes, then 16 salt bytes.
    const random = replay(at(inputs, "randomPasswordBytesHex"), at(inputs, "saltRandomBytesHex"));
    const secret = createDeviceVerifier(dgk, dk, { random });
    assert.deepEqual(secret, {
      PasswordVerifier: at(outputs, "PasswordVerifier"),
      Salt: at(outputs, "Salt"),
      DevicePassword: at(inputs, "randomPassword"),
    });
    for (const backend of RUNNABLE) {
      const fixed = createDeviceVerifier(dgk, dk, {
        devicePassword: at(inputs, "randomPassword"),
        saltBytes: Uint8Array.fromHex(at(inputs, "saltRandomBytesHex")),
        backend,
      });
      assert.deepEqual(fixed, secret);
    }
    const salt = hex(at(inputs, "saltRandomBytesHex"));
    assert.equal(padHex(salt), at(intermediates, "saltHex"));
    const password = at(inputs, "randomPassword");
    assert.equal(sha256(`${dgk}${dk}:${password}`).toHex(), at(intermediates, "innerHashHex"));
    const x = computeX({ poolName: dgk, userId: dk, password }, salt);
    assert.equal(x.toString(16).padStart(64, "0"), at(intermediates, "xHex"));
    const decoded = decodeDeviceVerifier(secret);
    assert.equal(padHex(decoded.verifier), at(intermediates, "verifierHex"));
    assert.equal(decoded.salt, salt);
    assert.equal(
      Uint8Array.fromBase64(secret.Salt).length,
      Number(at(intermediates, "saltByteLength")),
    );
    assert.equal(
      Uint8Array.fromBase64(secret.PasswordVerifier).length,
      Number(at(intermediates, "verifierByteLength")),
    );
  });
}

interface SrpSide {
  poolName: string;
  userId: string;
  password: string;
  verifier: bigint;
}

function checkSrpVector(vector: Vector, side: SrpSide, backend: ModPowBackend): void {
  const { inputs, intermediates, outputs, server } = vector;
  const options = { backend };
  // Client ephemeral, from ACIJ's 128 random bytes and from the fixed a.
  const drawn = createClientEphemeral({
    random: replay(at(inputs, "aRandomBytesHex")),
    exponentBytes: 128,
    ...options,
  });
  assert.equal(drawn.a, hex(at(inputs, "aHex")));
  const ephemeral = createClientEphemeral({ a: hex(at(inputs, "aHex")), ...options });
  assert.equal(ephemeral.srpA, at(outputs, "SRP_A"));
  assert.equal(drawn.srpA, ephemeral.srpA);
  assert.equal(padHex(ephemeral.A), at(intermediates, "padHexA"));

  const B = hex(at(inputs, "SRP_B"));
  assert.equal(padHex(B), at(intermediates, "padHexB"));
  const u = computeU(ephemeral.A, B);
  assert.equal(u.toString(16).padStart(64, "0"), at(outputs, "uHex"));
  assert.equal(padHex(u), at(intermediates, "hkdfSaltHex"));
  const salt = hex(at(inputs, "SALT"));
  const credentials = { poolName: side.poolName, userId: side.userId, password: side.password };
  assert.equal(
    sha256(`${side.poolName}${side.userId}:${side.password}`).toHex(),
    at(intermediates, "innerHashHex"),
  );
  const x = computeX(credentials, salt);
  assert.equal(x.toString(16).padStart(64, "0"), at(intermediates, "xHex"));
  const S = computeClientS({ a: ephemeral.a, B, x, u }, options);
  assert.equal(padHex(S), at(intermediates, "SHex"));
  const key = deriveAuthKey(S, u);
  assert.equal(key.toHex(), at(outputs, "hkdfKeyHex"));
  const secretBlock = Uint8Array.fromBase64(at(inputs, "SECRET_BLOCK"));
  const timestamp = at(inputs, "TIMESTAMP");
  assert.equal(
    claimSignature(key, { poolName: side.poolName, userId: side.userId, secretBlock, timestamp }),
    at(outputs, "PASSWORD_CLAIM_SIGNATURE"),
  );

  // Server side: v, B from b, S equal to the client's, claim accepted.
  assert.equal(side.verifier, hex(at(server, "vHex")));
  const serverEphemeral = createServerEphemeral(side.verifier, {
    b: hex(at(server, "bHex")),
    ...options,
  });
  assert.equal(serverEphemeral.B, B);
  assert.equal(
    computeServerS({ A: ephemeral.A, b: serverEphemeral.b, v: side.verifier, u }, options),
    S,
  );
}

for (const vector of fixture.userSrpAuth.vectors) {
  for (const backend of BACKENDS) {
    const name = `srp vectors: USER_SRP_AUTH ${vector.id} on ${backend} (${vector.note})`;
    Deno.test({ name, ignore: unavailable(backend) }, () => {
      const { inputs, outputs, server } = vector;
      const poolName = poolNameOf(at(inputs, "userPoolId"));
      assert.equal(poolName, at(inputs, "poolName"));
      const side = {
        poolName,
        userId: at(inputs, "userIdForSrp"),
        password: at(inputs, "password"),
        verifier: computeVerifier(
          { poolName, userId: at(inputs, "userIdForSrp"), password: at(inputs, "password") },
          hex(at(inputs, "SALT")),
          { backend },
        ),
      };
      checkSrpVector(vector, side, backend);
      const ephemeral = createClientEphemeral({ a: hex(at(inputs, "aHex")), backend });
      const challenge = {
        srpB: at(inputs, "SRP_B"),
        salt: at(inputs, "SALT"),
        secretBlock: at(inputs, "SECRET_BLOCK"),
      };
      const user = {
        userPoolId: at(inputs, "userPoolId"),
        userIdForSrp: at(inputs, "userIdForSrp"),
      };
      const now = () => new Date(at(inputs, "dateUtc"));
      const claim = passwordClaim({ ...user, ...challenge, ephemeral, password: side.password }, {
        now,
        backend,
      });
      assert.deepEqual(claim, {
        SRP_A: at(outputs, "SRP_A"),
        TIMESTAMP: at(inputs, "TIMESTAMP"),
        PASSWORD_CLAIM_SIGNATURE: at(outputs, "PASSWORD_CLAIM_SIGNATURE"),
      });
      const check = {
        ...user,
        ephemeral: createServerEphemeral(side.verifier, { b: hex(at(server, "bHex")), backend }),
        srpA: claim.SRP_A,
        verifier: side.verifier,
        secretBlock: challenge.secretBlock,
        timestamp: claim.TIMESTAMP,
        signature: claim.PASSWORD_CLAIM_SIGNATURE,
      };
      assert.equal(verifyPasswordClaim(check, { backend }), true);
      assert.equal(
        verifyPasswordClaim({ ...check, userIdForSrp: at(inputs, "username") + "x" }),
        false,
      );
    });
  }
}

for (const vector of fixture.deviceSrpAuth.vectors) {
  for (const backend of BACKENDS) {
    const name = `srp vectors: device SRP ${vector.id} on ${backend} (${vector.note})`;
    Deno.test({ name, ignore: unavailable(backend) }, () => {
      const { inputs, outputs, server } = vector;
      const stored = decodeDeviceVerifier({
        PasswordVerifier: at(server, "PasswordVerifier"),
        Salt: at(
          fixture.deviceVerifier.vectors.find(({ id }) => id === vector.deviceVerifierVector)
            ?.outputs,
          "Salt",
        ),
      });
      assert.equal(stored.salt, hex(at(inputs, "SALT")));
      const device = {
        deviceGroupKey: at(inputs, "deviceGroupKey"),
        deviceKey: at(inputs, "deviceKey"),
      };
      const password = at(inputs, "randomPassword");
      const side = {
        poolName: device.deviceGroupKey,
        userId: device.deviceKey,
        password,
        verifier: stored.verifier,
      };
      checkSrpVector(vector, side, backend);
      const ephemeral = createClientEphemeral({ a: hex(at(inputs, "aHex")), backend });
      const challenge = {
        srpB: at(inputs, "SRP_B"),
        salt: at(inputs, "SALT"),
        secretBlock: at(inputs, "SECRET_BLOCK"),
      };
      const claim = deviceClaim({ ...device, ...challenge, ephemeral, devicePassword: password }, {
        timestamp: at(inputs, "TIMESTAMP"),
        backend,
      });
      assert.equal(claim.PASSWORD_CLAIM_SIGNATURE, at(outputs, "PASSWORD_CLAIM_SIGNATURE"));
      assert.equal(claim.SRP_A, at(outputs, "SRP_A"));
      const check = {
        ...device,
        ephemeral: createServerEphemeral(stored.verifier, { b: hex(at(server, "bHex")), backend }),
        srpA: claim.SRP_A,
        verifier: stored.verifier,
        secretBlock: challenge.secretBlock,
        timestamp: claim.TIMESTAMP,
        signature: claim.PASSWORD_CLAIM_SIGNATURE,
      };
      assert.equal(verifyDeviceClaim(check, { backend }), true);
    });
  }
}

for (const vector of fixture.secretHash.vectors) {
  Deno.test(`srp vectors: SECRET_HASH ${vector.id} (${vector.note})`, () => {
    const { inputs, outputs } = vector;
    const input = {
      username: at(inputs, "username"),
      clientId: at(inputs, "clientId"),
      clientSecret: at(inputs, "clientSecret"),
    };
    assert.equal(secretHash(input), at(outputs, "SECRET_HASH"));
  });
}

for (const vector of fixture.timestamp.vectors) {
  Deno.test(`srp vectors: TIMESTAMP ${vector.id} (${vector.note})`, () => {
    const { inputs, outputs } = vector;
    const date = new Date(at(inputs, "dateInput"));
    assert.equal(date.getTime(), Number(at(inputs, "epochMillis")));
    assert.equal(formatTimestamp(date), at(outputs, "TIMESTAMP"));
    const parsed = parseTimestamp(at(outputs, "TIMESTAMP"));
    assert.equal(parsed.isCanonical, true);
    assert.equal(parsed.instant.getTime(), Math.floor(date.getTime() / 1000) * 1000);
  });
}

for (const backend of BACKENDS) {
  const name = `srp vectors: §7.9 password SRP table on ${backend}`;
  Deno.test({ name, ignore: unavailable(backend) }, () => {
    const a = hex("11111111" + "abcdef0123456789".repeat(15));
    const b = hex("fedcba9876543210".repeat(16));
    const credentials = { poolName: "AbCdEf123", userId: "alice", password: "Passw0rd!" };
    const salt = hex("3fb3cb028b0e4aaeabce3b573699a322");
    const x = computeX(credentials, salt);
    assert.equal(
      x.toString(16),
      "c74c3235a44686efb5c78163fe5af80a91de9774db122d140de88d8ba6a52bac",
    );
    const v = computeVerifier(credentials, salt, { backend });
    const client = createClientEphemeral({ a, backend });
    assert.ok(client.srpA.startsWith("e3f50fd8ea24db7c8a5d470230188953"));
    const server = createServerEphemeral(v, { b, backend });
    assert.ok(server.srpB.startsWith("cf2ce2430fcc6cf72577beed0913236f"));
    const u = computeU(client.A, server.B);
    assert.equal(
      u.toString(16),
      "dbdb42df76b7cf873df5b946b3a84645bb6e9078168817a148884f99c8f104c0",
    );
    const S = computeClientS({ a, B: server.B, x, u }, { backend });
    assert.ok(S.toString(16).startsWith("1002c48526d48000b19fbb2af5aefab2"));
    assert.equal(computeServerS({ A: client.A, b, v, u }, { backend }), S);
    assert.equal(deriveAuthKey(S, u).toHex(), "96266bfe178f33ba5300454bf676deda");
    const claim = passwordClaim({
      ephemeral: client,
      userPoolId: "us-east-1_AbCdEf123",
      userIdForSrp: "alice",
      password: "Passw0rd!",
      srpB: server.srpB,
      salt: "3fb3cb028b0e4aaeabce3b573699a322",
      secretBlock: "c2VjcmV0LWJsb2NrLWJ5dGVz",
    }, { timestamp: "Thu Nov 26 09:38:57 UTC 2026", backend });
    assert.equal(claim.PASSWORD_CLAIM_SIGNATURE, "0sejUxjfitiHiFi/2pXBYR6BZuoERg6oJa7jd5YFFQQ=");
  });
}

for (const backend of BACKENDS) {
  const name = `srp vectors: §7.9 device SRP table on ${backend}`;
  Deno.test({ name, ignore: unavailable(backend) }, () => {
    const dgk = "-wt2ha1Zd";
    const dk = "us-east-1_fec070d2-fa88-424a-8ec8-b26d7198eb23";
    const secret = createDeviceVerifier(dgk, dk, {
      random: replay("07".repeat(40), "8a".repeat(16)),
      backend,
    });
    assert.equal(secret.DevicePassword, "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==");
    assert.equal(secret.Salt, "AIqKioqKioqKioqKioqKioo=");
    assert.equal(secret.PasswordVerifier.length, 512);
    assert.ok(secret.PasswordVerifier.startsWith("FZFRfjIafE75EPnbQI86c5+iIVBrM/1dC+m9X5sl"));
    assert.equal(
      sha256(secret.PasswordVerifier).toHex(),
      "ef7b7c3cc754b26f2d83df4e34aa2fe35191514d94945102fe16fa9dc11365e8",
    );
    const stored = decodeDeviceVerifier(secret);
    assert.equal(stored.saltHex, "8a8a8a8a8a8a8a8a8a8a8a8a8a8a8a8a");
    const client = createClientEphemeral({ a: hex("2468ace0".repeat(32)), backend });
    assert.ok(client.srpA.startsWith("a91edb180e81d5d0911789df"));
    const server = createServerEphemeral(stored.verifier, {
      b: hex("13579bdf".repeat(32)),
      backend,
    });
    assert.ok(server.srpB.startsWith("56c98f4895286f60f83ecec0"));
    const u = computeU(client.A, server.B);
    const x = computeX({ poolName: dgk, userId: dk, password: secret.DevicePassword }, stored.salt);
    assert.equal(
      deriveAuthKey(computeClientS({ a: client.a, B: server.B, x, u }, { backend }), u).toHex(),
      "14670f3bb36ab0b9b6c94c147a73fdd3",
    );
    const challenge = {
      srpB: server.srpB,
      salt: stored.saltHex,
      secretBlock: "ZGV2aWNlLXNlY3JldC1ibG9jaw==",
    };
    const claim = deviceClaim({
      ...challenge,
      ephemeral: client,
      deviceGroupKey: dgk,
      deviceKey: dk,
      devicePassword: secret.DevicePassword,
    }, { now: () => new Date("2026-11-04T09:05:07Z"), backend });
    assert.equal(claim.TIMESTAMP, "Wed Nov 4 09:05:07 UTC 2026");
    assert.equal(claim.PASSWORD_CLAIM_SIGNATURE, "3GwHI9NnsxaDsBPDNwnEmT2s4kRhq8AHaaZdnuMm/UA=");
  });
}
