/**
 * The three SRP jobs of the benchmark, their inputs, and how this project and
 * amazon-cognito-identity-js (ACIJ) do them. bench/srp_openssl.mjs does the
 * same jobs with OpenSSL.
 *
 * (a) device verifier: 40 + 16 random bytes → ConfirmDevice Salt/PasswordVerifier;
 * (b) client claim: A = g^a, x, u, S, HKDF and PASSWORD_CLAIM_SIGNATURE;
 * (c) server verification: B = k·v + g^b, u, S = (A·v^u)^b, HKDF, signature check.
 *
 * Inputs are deterministic, so every run measures the same work.
 */

import * as acij from "amazon-cognito-identity-js";
import { createHmac } from "node:crypto";
import { Buffer } from "node:buffer";
import {
  createClientEphemeral,
  createDeviceVerifier,
  createPasswordVerifier,
  createServerEphemeral,
  type ModPowBackend,
  passwordClaim,
  verifyPasswordClaim,
} from "../src/srp/mod.ts";

export const POOL_ID = "us-east-1_AbCdEf123";
const POOL = "AbCdEf123";
const USER = "alice";
const PASSWORD = "Passw0rd!";
const TIMESTAMP = "Thu Nov 26 09:38:57 UTC 2026";
export const CASES = 6;

/** Deterministic bytes (xorshift), so every run measures the same inputs. */
function bytesFrom(seed: number, length: number): Uint8Array {
  let state = seed >>> 0 || 1;
  return Uint8Array.from({ length }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  });
}

function replay(bytes: Uint8Array): (length: number) => Uint8Array {
  let rest = bytes;
  return (length) => {
    const out = rest.slice(0, length);
    rest = rest.subarray(length);
    return out;
  };
}

const hexOf = (bytes: Uint8Array) => bytes.toHex().replace(/^0+(?=.)/, "");
const SECRET_BLOCK = bytesFrom(7, 1280).toBase64(); // about the size of a real one
const stored = createPasswordVerifier({ poolName: POOL, userId: USER, password: PASSWORD }, {
  saltBytes: bytesFrom(3, 16),
});

/** Inputs of job (a) and the expected output. */
export interface DeviceCase {
  group: string;
  key: string;
  randomHex: string;
  expected: { PasswordVerifier: string; Salt: string; DevicePassword: string };
}

/** Inputs of job (b), the expected claim, and the server's b for checking ACIJ. */
export interface ClaimCase {
  aHex: string;
  serverBHex: string;
  srpB: string;
  salt: string;
  secretBlock: string;
  poolName: string;
  userId: string;
  password: string;
  timestamp: string;
  expected: { SRP_A: string; PASSWORD_CLAIM_SIGNATURE: string };
}

/** Inputs of job (c): a valid claim to check. */
export interface ServerCase {
  bHex: string;
  vHex: string;
  srpA: string;
  poolName: string;
  userId: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}

/** Job (a) cases. */
export function deviceCases(): DeviceCase[] {
  return Array.from({ length: CASES }, (_, i) => {
    const random = bytesFrom(100 + i, 56);
    const group = `-dg${i}Xy7Zq`;
    const uuid = bytesFrom(150 + i, 16).toHex().replace(
      /^(.{8})(.{4})(.{4})(.{4})/,
      "$1-$2-$3-$4-",
    );
    const key = `us-east-1_${uuid}`;
    const expected = createDeviceVerifier(group, key, { random: replay(random) });
    return { group, key, randomHex: random.toHex(), expected };
  });
}

/** Job (b) cases with `aBytes`-byte secret exponents. */
export function claimCases(aBytes: number): ClaimCase[] {
  return Array.from({ length: CASES }, (_, i) => {
    const a = bytesFrom(200 + i, aBytes);
    const serverB = bytesFrom(300 + i, 32);
    const server = createServerEphemeral(stored.verifier, { random: () => serverB });
    const input = {
      userPoolId: POOL_ID,
      userIdForSrp: USER,
      password: PASSWORD,
      srpB: server.srpB,
      salt: stored.saltHex,
      secretBlock: SECRET_BLOCK,
    };
    const claim = passwordClaim({
      ...input,
      ephemeral: createClientEphemeral({ random: () => a, exponentBytes: aBytes }),
    }, {
      timestamp: TIMESTAMP,
    });
    return {
      aHex: hexOf(a),
      serverBHex: hexOf(serverB),
      srpB: server.srpB,
      salt: stored.saltHex,
      secretBlock: SECRET_BLOCK,
      poolName: POOL,
      userId: USER,
      password: PASSWORD,
      timestamp: TIMESTAMP,
      expected: { SRP_A: claim.SRP_A, PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE },
    };
  });
}

/** Job (c) cases with `bBytes`-byte server exponents. */
export function serverCases(bBytes: number): ServerCase[] {
  return Array.from({ length: CASES }, (_, i) => {
    const b = bytesFrom(400 + i, bBytes);
    const server = createServerEphemeral(stored.verifier, {
      random: () => b,
      exponentBytes: bBytes,
    });
    const ephemeral = createClientEphemeral({ random: replay(bytesFrom(500 + i, 32)) });
    const claim = passwordClaim({
      ephemeral,
      userPoolId: POOL_ID,
      userIdForSrp: USER,
      password: PASSWORD,
      srpB: server.srpB,
      salt: stored.saltHex,
      secretBlock: SECRET_BLOCK,
    }, { timestamp: TIMESTAMP });
    return {
      bHex: hexOf(b),
      vHex: stored.verifier.toString(16),
      srpA: claim.SRP_A,
      poolName: POOL,
      userId: USER,
      secretBlock: SECRET_BLOCK,
      timestamp: TIMESTAMP,
      signature: claim.PASSWORD_CLAIM_SIGNATURE,
    };
  });
}

// ---------------------------------------------------------------- ours

/** The three jobs as this project does them. */
export interface OurJobs {
  device(job: DeviceCase): { PasswordVerifier: string; Salt: string; DevicePassword: string };
  claim(job: ClaimCase): { SRP_A: string; PASSWORD_CLAIM_SIGNATURE: string };
  server(job: ServerCase): boolean;
}

/**
 * This project's implementation of the jobs, with `backend` for
 * variable-base powers (default: the library's own choice, `defaultBackend()`).
 */
export function oursWith(backend?: ModPowBackend): OurJobs {
  const options = backend === undefined ? {} : { backend };
  return {
    device: (job: DeviceCase) =>
      createDeviceVerifier(job.group, job.key, {
        random: replay(Uint8Array.fromHex(job.randomHex)),
        ...options,
      }),
    claim: (job: ClaimCase) => {
      const claim = passwordClaim({
        ephemeral: createClientEphemeral({ a: BigInt(`0x${job.aHex}`), ...options }),
        userPoolId: POOL_ID,
        userIdForSrp: job.userId,
        password: job.password,
        srpB: job.srpB,
        salt: job.salt,
        secretBlock: job.secretBlock,
      }, { timestamp: job.timestamp, ...options });
      return { SRP_A: claim.SRP_A, PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE };
    },
    server: (job: ServerCase) => {
      const verifier = BigInt(`0x${job.vHex}`);
      const ephemeral = createServerEphemeral(verifier, { b: BigInt(`0x${job.bHex}`), ...options });
      return verifyPasswordClaim({
        ephemeral,
        srpA: job.srpA,
        verifier,
        userPoolId: POOL_ID,
        userIdForSrp: job.userId,
        secretBlock: job.secretBlock,
        timestamp: job.timestamp,
        signature: job.signature,
      }, options);
    },
  };
}

/** This project's implementation of the jobs, as a library user gets it. */
export const ours = oursWith();

// ---------------------------------------------------------------- ACIJ

type BigInteger = {
  modPow(e: BigInteger, m: BigInteger, callback: (error: unknown, r: BigInteger) => void): void;
  multiply(other: BigInteger): BigInteger;
  add(other: BigInteger): BigInteger;
  mod(m: BigInteger): BigInteger;
  toString(radix: number): string;
};
type Helper = {
  N: BigInteger;
  g: BigInteger;
  k: BigInteger;
  generateHashDevice(group: string, key: string, callback: (error: unknown) => void): void;
  getRandomPassword(): string;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  calculateU(A: BigInteger, B: BigInteger): BigInteger;
  padHex(value: BigInteger): string;
  computehkdf(ikm: Buffer, salt: Buffer): Buffer;
};
const { AuthenticationHelper } = acij as unknown as {
  AuthenticationHelper: new (pool: string) => Helper;
};
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = acij;

/** Runs `body` while crypto.getRandomValues replays `bytes` (ACIJ draws 32-bit words). */
function withRandomBytes<T>(bytes: Uint8Array, body: () => T): T {
  let rest = bytes;
  Object.defineProperty(crypto, "getRandomValues", {
    configurable: true,
    writable: true,
    value: (array: Uint32Array) => {
      if (rest.length < 4) throw new Error("Cannot replay random bytes: none left");
      array[0] = new DataView(rest.buffer, rest.byteOffset).getUint32(0);
      rest = rest.subarray(4);
      return array;
    },
  });
  try {
    return body();
  } finally {
    delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
}

// Device verifiers come from generateHashDevice on a helper built once (its
// constructor's g^a, with a cheap a here, is not part of job (a)).
const cheapA = Uint8Array.from({ length: 128 }, (_, i) => (i === 127 ? 3 : 0));
const acijHelper = withRandomBytes(cheapA, () => new AuthenticationHelper(POOL));
const BigIntegerClass = acijHelper.N.constructor as new (text: string, radix: number) => BigInteger;
const big = (hex: string) => new BigIntegerClass(hex, 16);
const sync = (compute: (callback: (error: unknown, r: BigInteger) => void) => void): BigInteger => {
  let result: BigInteger | undefined;
  compute((error, r) => {
    if (error) throw error;
    result = r;
  });
  return result!;
};

/** ACIJ's CognitoUser sign-in up to the PASSWORD_VERIFIER answer, network stubbed. */
function acijSignIn(job: ClaimCase, a: Uint8Array): Record<string, string> {
  const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: "benchclient" });
  let answer: Record<string, string> | undefined;
  let srpA = "";
  (pool as unknown as { client: { request: unknown } }).client.request = (
    operation: string,
    params: {
      AuthParameters?: Record<string, string>;
      ChallengeResponses?: Record<string, string>;
    },
    callback: (error: unknown, data?: unknown) => void,
  ) => {
    if (operation === "InitiateAuth") {
      srpA = params.AuthParameters?.SRP_A ?? "";
      return callback(null, {
        ChallengeName: "PASSWORD_VERIFIER",
        Session: "s",
        ChallengeParameters: {
          SRP_B: job.srpB,
          SALT: job.salt,
          SECRET_BLOCK: job.secretBlock,
          USER_ID_FOR_SRP: job.userId,
          USERNAME: job.userId,
        },
      });
    }
    answer = params.ChallengeResponses;
    callback({ code: "NotAuthorizedException", message: "bench stops here" });
  };
  const memory = new Map<string, string>();
  const storage = {
    setItem: (k: string, v: string) => void memory.set(k, v),
    getItem: (k: string) => memory.get(k) ?? null,
    removeItem: (k: string) => void memory.delete(k),
    clear: () => memory.clear(),
  };
  const user = new CognitoUser({ Username: job.userId, Pool: pool, Storage: storage });
  withRandomBytes(
    a,
    () =>
      user.authenticateUser(
        new AuthenticationDetails({ Username: job.userId, Password: job.password }),
        {
          onSuccess: () => {},
          onFailure: () => {},
        },
      ),
  );
  if (answer === undefined) {
    throw new Error("Cannot benchmark ACIJ: it did not answer synchronously");
  }
  return { ...answer, SRP_A: srpA };
}

/** Whether our server accepts a claim ACIJ sent (its a and clock are its own). */
export function acijClaimAccepted(job: ClaimCase, sent: Record<string, string>): boolean {
  return verifyPasswordClaim({
    ephemeral: createServerEphemeral(stored.verifier, { b: BigInt(`0x${job.serverBHex}`) }),
    srpA: sent.SRP_A ?? "",
    verifier: stored.verifier,
    userPoolId: POOL_ID,
    userIdForSrp: sent.USERNAME ?? "",
    secretBlock: sent.PASSWORD_CLAIM_SECRET_BLOCK ?? "",
    timestamp: sent.TIMESTAMP ?? "",
    signature: sent.PASSWORD_CLAIM_SIGNATURE ?? "",
  });
}

/** ACIJ's implementation of the jobs. */
export const acijJobs = {
  device: (job: DeviceCase) => {
    withRandomBytes(
      Uint8Array.fromHex(job.randomHex),
      () => acijHelper.generateHashDevice(job.group, job.key, () => {}),
    );
    return {
      PasswordVerifier: Uint8Array.fromHex(acijHelper.getVerifierDevices()).toBase64(),
      Salt: Uint8Array.fromHex(acijHelper.getSaltDevices()).toBase64(),
      DevicePassword: acijHelper.getRandomPassword(),
    };
  },
  /** ACIJ as shipped: a is always 128 random bytes. */
  claim: (job: ClaimCase) =>
    acijSignIn(job, bytesFrom(Number.parseInt(job.aHex.slice(0, 6), 16), 128)),
  /** ACIJ has no server side: the same formulas with its BigInteger and helper hashing. */
  server: (job: ServerCase) => {
    const { N, g, k } = acijHelper;
    const b = big(job.bHex);
    const v = big(job.vHex);
    const B = k.multiply(v).add(sync((cb) => g.modPow(b, N, cb))).mod(N);
    const A = big(job.srpA);
    const u = acijHelper.calculateU(A, B);
    const S = sync((cb) => A.multiply(sync((cb2) => v.modPow(u, N, cb2))).mod(N).modPow(b, N, cb));
    const key = acijHelper.computehkdf(
      Buffer.from(acijHelper.padHex(S), "hex"),
      Buffer.from(acijHelper.padHex(u), "hex"),
    );
    const signature = createHmac("sha256", key)
      .update(job.poolName)
      .update(job.userId)
      .update(Buffer.from(job.secretBlock, "base64"))
      .update(job.timestamp)
      .digest("base64");
    return signature === job.signature;
  },
};
