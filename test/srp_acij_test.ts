/**
 * Differential test against amazon-cognito-identity-js 6.3.21, the AWS
 * reference SRP client: its real `AuthenticationHelper` paths
 * (`generateHashDevice`, `getLargeAValue`, `getPasswordAuthenticationKey`) and
 * its `CognitoUser` sign-in flows (network stubbed), fed the same random
 * bytes as ours, must agree with us bit for bit.
 *
 * ACIJ draws randomness through `crypto.getRandomValues(new Uint32Array(1))`,
 * one big-endian 32-bit word per 4 bytes (`WordArray.random`), so the stub
 * below replays fixed bytes through that call.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as acij from "amazon-cognito-identity-js";
import {
  computeClientS,
  computeU,
  computeX,
  createClientEphemeral,
  createDeviceVerifier,
  createPasswordVerifier,
  createServerEphemeral,
  decodeDeviceVerifier,
  deriveAuthKey,
  deviceClaim,
  passwordClaim,
  verifyDeviceClaim,
  verifyPasswordClaim,
} from "../src/srp/mod.ts";

/** Runs `body` while `crypto.getRandomValues` replays `bytes`; all of them must be used. */
function withRandomBytes<T>(bytes: Uint8Array, body: () => T): T {
  let rest = bytes;
  Object.defineProperty(crypto, "getRandomValues", {
    configurable: true,
    writable: true,
    value: (array: Uint32Array) => {
      assert.ok(array instanceof Uint32Array && array.length === 1, "unexpected random draw");
      assert.ok(rest.length >= 4, "ACIJ drew more random bytes than the test supplied");
      array[0] = new DataView(rest.buffer, rest.byteOffset).getUint32(0);
      rest = rest.subarray(4);
      return array;
    },
  });
  try {
    const result = body();
    assert.equal(rest.length, 0, "ACIJ drew fewer random bytes than the test supplied");
    return result;
  } finally {
    delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
}

/** A 128-byte `a` for ACIJ's constructor: a full random one, or a cheap small one. */
const SMALL_A = Uint8Array.from({ length: 128 }, (_, i) => (i === 127 ? 3 : 0));

type Helper = {
  generateHashDevice(group: string, key: string, callback: (error: unknown) => void): void;
  getRandomPassword(): string;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getLargeAValue(callback: (error: unknown, A: { toString(radix: number): string }) => void): void;
  getPasswordAuthenticationKey(
    user: string,
    password: string,
    B: unknown,
    salt: unknown,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void;
  N: { constructor: new (text: string, radix: number) => unknown };
};

// AuthenticationHelper is exported at run time but absent from the package's types.
const { AuthenticationHelper } = acij as unknown as {
  AuthenticationHelper: new (pool: string) => Helper;
};
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = acij;

function newHelper(poolName: string, aBytes: Uint8Array): Helper {
  return withRandomBytes(aBytes, () => new AuthenticationHelper(poolName));
}

function bigInteger(helper: Helper, hex: string): unknown {
  return new helper.N.constructor(hex, 16);
}

Deno.test("acij: generateHashDevice equals createDeviceVerifier for the same random bytes", () => {
  const samples = fc.sample(
    fc.record({
      group: fc.stringMatching(/^-[0-9A-Za-z]{8}$/),
      key: fc.uuid().map((uuid) => `us-east-1_${uuid}`),
      random: fc.uint8Array({ minLength: 56, maxLength: 56 }),
    }),
    { numRuns: 6, seed: 20261126 },
  );
  // Edge salts: top bit set, leading zero byte, leading zero then top bit.
  samples.push(
    {
      group: "-a",
      key: "k",
      random: Uint8Array.of(...new Array(40).fill(9), 0x80, ...new Array(15).fill(1)),
    },
    {
      group: "-b",
      key: "k",
      random: Uint8Array.of(...new Array(40).fill(9), 0x00, 0x12, ...new Array(14).fill(1)),
    },
    {
      group: "-c",
      key: "k",
      random: Uint8Array.of(...new Array(40).fill(9), 0x00, 0xff, ...new Array(14).fill(1)),
    },
  );
  for (const { group, key, random } of samples) {
    const helper = newHelper(group, SMALL_A);
    withRandomBytes(
      random,
      () => helper.generateHashDevice(group, key, (error) => assert.ifError(error)),
    );
    let offset = 0;
    const ours = createDeviceVerifier(group, key, {
      random: (n) => random.slice(offset, offset += n),
    });
    assert.equal(offset, 56);
    assert.deepEqual(ours, {
      PasswordVerifier: Uint8Array.fromHex(helper.getVerifierDevices()).toBase64(),
      Salt: Uint8Array.fromHex(helper.getSaltDevices()).toBase64(),
      DevicePassword: helper.getRandomPassword(),
    });
  }
});

Deno.test("acij: getLargeAValue and getPasswordAuthenticationKey equal our A and key", () => {
  const samples = fc.sample(
    fc.record({
      a: fc.uint8Array({ minLength: 128, maxLength: 128 }),
      user: fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }),
      password: fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }),
      salt: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    }),
    { numRuns: 3, seed: 42 },
  );
  samples[2]!.a.fill(0, 0, 100); // one a with leading zero bytes (a 224-bit exponent)
  for (const { a, user, password, salt } of samples) {
    const pool = "AbCdEf123";
    const stored = createPasswordVerifier({ poolName: pool, userId: user, password }, {
      saltBytes: salt,
    });
    const server = createServerEphemeral(stored.verifier);
    const helper = newHelper(pool, a);
    let acijA = "";
    helper.getLargeAValue((error, A) => {
      assert.ifError(error);
      acijA = A.toString(16);
    });
    const ours = createClientEphemeral({ random: () => a, exponentBytes: 128 });
    assert.equal(ours.srpA, acijA);
    let acijKey = new Uint8Array(0);
    helper.getPasswordAuthenticationKey(
      user,
      password,
      bigInteger(helper, server.srpB),
      bigInteger(helper, stored.saltHex),
      (error, key) => {
        assert.ifError(error);
        acijKey = Uint8Array.from(key);
      },
    );
    const u = computeU(ours.A, server.B);
    const x = computeX({ poolName: pool, userId: user, password }, stored.salt);
    const ourKey = deriveAuthKey(computeClientS({ a: ours.a, B: server.B, x, u }), u);
    assert.equal(ourKey.toHex(), acijKey.toHex());
  }
});

interface Captured {
  operation: string;
  params: Record<string, unknown> & { ChallengeResponses?: Record<string, string> };
}

/** A user pool whose network calls are answered by `respond` and recorded. */
function stubbedPool(respond: (operation: string, params: Captured["params"]) => unknown) {
  const pool = new CognitoUserPool({ UserPoolId: "us-east-1_AbCdEf123", ClientId: "client123" });
  const calls: Captured[] = [];
  (pool as unknown as { client: { request: unknown } }).client.request = (
    operation: string,
    params: Captured["params"],
    callback: (error: unknown, data?: unknown) => void,
  ) => {
    calls.push({ operation, params });
    const answer = respond(operation, params);
    if (answer instanceof Error) {
      callback({ code: "NotAuthorizedException", message: answer.message });
    } else callback(null, answer);
  };
  const memory = new Map<string, string>();
  const storage = {
    setItem: (k: string, v: string) => void memory.set(k, v),
    getItem: (k: string) => memory.get(k) ?? null,
    removeItem: (k: string) => void memory.delete(k),
    clear: () => memory.clear(),
  };
  return { pool, calls, storage };
}

Deno.test("acij: a CognitoUser password sign-in sends the claim we compute, and we accept it", async () => {
  const a = Uint8Array.from({ length: 128 }, (_, i) => (i * 37 + 11) & 0xff);
  const stored = createPasswordVerifier({
    poolName: "AbCdEf123",
    userId: "uuid-of-alice",
    password: "Pa55 wörd",
  });
  const server = createServerEphemeral(stored.verifier);
  const secretBlock = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff).toBase64();
  const { pool, calls, storage } = stubbedPool((operation) =>
    operation === "InitiateAuth"
      ? {
        ChallengeName: "PASSWORD_VERIFIER",
        Session: "session-1",
        ChallengeParameters: {
          SRP_B: server.srpB,
          SALT: stored.saltHex,
          SECRET_BLOCK: secretBlock,
          USER_ID_FOR_SRP: "uuid-of-alice",
          USERNAME: "uuid-of-alice",
        },
      }
      : new Error("stop here")
  );
  const user = new CognitoUser({ Username: "alice@example.com", Pool: pool, Storage: storage });
  const failure = await new Promise((resolve) => {
    withRandomBytes(a, () =>
      user.authenticateUser(
        new AuthenticationDetails({ Username: "alice@example.com", Password: "Pa55 wörd" }),
        { onSuccess: () => resolve("unexpected success"), onFailure: resolve },
      ));
  });
  assert.deepEqual(failure, { code: "NotAuthorizedException", message: "stop here" });
  const [initiate, respond] = calls;
  assert.equal(initiate?.operation, "InitiateAuth");
  assert.equal(respond?.operation, "RespondToAuthChallenge");
  const sent = respond.params.ChallengeResponses!;
  const ours = passwordClaim({
    ephemeral: createClientEphemeral({ random: () => a, exponentBytes: 128 }),
    userPoolId: "us-east-1_AbCdEf123",
    userIdForSrp: "uuid-of-alice",
    password: "Pa55 wörd",
    srpB: server.srpB,
    salt: stored.saltHex,
    secretBlock,
  }, { timestamp: sent.TIMESTAMP! });
  assert.equal((initiate.params.AuthParameters as Record<string, string>).SRP_A, ours.SRP_A);
  assert.equal(sent.PASSWORD_CLAIM_SIGNATURE, ours.PASSWORD_CLAIM_SIGNATURE);
  assert.equal(sent.USERNAME, "uuid-of-alice");
  assert.equal(
    verifyPasswordClaim({
      ephemeral: server,
      srpA: ours.SRP_A,
      verifier: stored.verifier,
      userPoolId: "us-east-1_AbCdEf123",
      userIdForSrp: sent.USERNAME!,
      secretBlock: sent.PASSWORD_CLAIM_SECRET_BLOCK!,
      timestamp: sent.TIMESTAMP!,
      signature: sent.PASSWORD_CLAIM_SIGNATURE!,
    }),
    true,
  );
});

Deno.test("acij: a CognitoUser device sign-in sends the device claim we compute, and we accept it", async () => {
  const deviceGroupKey = "-wt2ha1Zd";
  const deviceKey = "us-east-1_fec070d2-fa88-424a-8ec8-b26d7198eb23";
  const secret = createDeviceVerifier(deviceGroupKey, deviceKey);
  const stored = decodeDeviceVerifier(secret);
  const server = createServerEphemeral(stored.verifier);
  const a = Uint8Array.from({ length: 128 }, (_, i) => (i * 91 + 5) & 0xff);
  const secretBlock = "ZGV2aWNlLXNlY3JldC1ibG9jaw==";
  const { pool, calls, storage } = stubbedPool((_, params) =>
    params.ChallengeName === "DEVICE_SRP_AUTH"
      ? {
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: "session-2",
        ChallengeParameters: {
          SRP_B: server.srpB,
          SALT: stored.saltHex,
          SECRET_BLOCK: secretBlock,
        },
      }
      : new Error("stop here")
  );
  const user = new CognitoUser({ Username: "uuid-of-alice", Pool: pool, Storage: storage });
  Object.assign(user, { deviceKey, deviceGroupKey, randomPassword: secret.DevicePassword });
  await new Promise((resolve) => {
    withRandomBytes(
      a,
      () =>
        (user as unknown as { getDeviceResponse(callback: unknown): void }).getDeviceResponse({
          onSuccess: () => resolve("unexpected success"),
          onFailure: resolve,
        }),
    );
  });
  const sent = calls[1]?.params.ChallengeResponses;
  assert.ok(sent, "ACIJ did not answer DEVICE_PASSWORD_VERIFIER");
  const ephemeral = createClientEphemeral({ random: () => a, exponentBytes: 128 });
  assert.equal(calls[0]?.params.ChallengeResponses?.SRP_A, ephemeral.srpA);
  const ours = deviceClaim({
    ephemeral,
    deviceGroupKey,
    deviceKey,
    devicePassword: secret.DevicePassword,
    srpB: server.srpB,
    salt: stored.saltHex,
    secretBlock,
  }, { timestamp: sent.TIMESTAMP! });
  assert.equal(sent.PASSWORD_CLAIM_SIGNATURE, ours.PASSWORD_CLAIM_SIGNATURE);
  assert.equal(
    verifyDeviceClaim({
      ephemeral: server,
      srpA: ephemeral.srpA,
      verifier: stored.verifier,
      deviceGroupKey,
      deviceKey: sent.DEVICE_KEY!,
      secretBlock: sent.PASSWORD_CLAIM_SECRET_BLOCK!,
      timestamp: sent.TIMESTAMP!,
      signature: sent.PASSWORD_CLAIM_SIGNATURE!,
    }),
    true,
  );
});
