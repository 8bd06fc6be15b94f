// The native OpenSSL baseline of bench/srp_bench.ts, run by Node (Deno's
// node:crypto is not OpenSSL). It does the same jobs as ours, on the same
// inputs and with the same exponent sizes, using OpenSSL through Node's
// DiffieHellman (setPrivateKey(e) + generateKeys() = g^e mod N;
// setPrivateKey(e) + computeSecret(x) = x^e mod N), and Node's SHA-256/HMAC.
// Every result is checked against the expected value the bench computed.
//
// Input (stdin): the job description written by bench/srp_compare.ts.
// Output (stdout): one JSON object of median milliseconds per operation.

import { createDiffieHellman, createHash, createHmac, timingSafeEqual } from "node:crypto";
import process from "node:process";

const spec = JSON.parse(await readStdin());
const N = BigInt(`0x${spec.N_hex}`);
const k = BigInt(`0x${spec.k_hex}`);
const dh = createDiffieHellman(Buffer.from(spec.N_hex, "hex"), Buffer.from([2]));

function readStdin() {
  return new Promise((resolve) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => resolve(text));
  });
}

function evenHex(value) {
  const hex = value.toString(16);
  return hex.length % 2 === 1 ? `0${hex}` : hex;
}

function padHex(value) {
  const hex = evenHex(value);
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const pad = (value) => Buffer.from(padHex(value), "hex");
const toBigInt = (buffer) => BigInt(`0x${buffer.toString("hex") || "0"}`);
const sha256 = (...parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const hashInt = (...parts) => toBigInt(sha256(...parts));

/** g^e mod N by OpenSSL. */
function powG(exponent) {
  dh.setPrivateKey(Buffer.from(evenHex(exponent), "hex"));
  return toBigInt(dh.generateKeys());
}

/** base^e mod N by OpenSSL. */
function modPow(base, exponent) {
  dh.setPrivateKey(Buffer.from(evenHex(exponent), "hex"));
  return toBigInt(dh.computeSecret(Buffer.from(evenHex(base), "hex")));
}

function authKey(S, u) {
  const prk = createHmac("sha256", pad(u)).update(pad(S)).digest();
  const info = Buffer.from("Caldera Derived Key\u0001", "utf8");
  return createHmac("sha256", prk).update(info).digest().subarray(0, 16);
}

function signature(key, poolName, userId, secretBlock, timestamp) {
  return createHmac("sha256", key)
    .update(poolName, "utf8")
    .update(userId, "utf8")
    .update(secretBlock)
    .update(timestamp, "utf8")
    .digest();
}

function deviceVerifier(job) {
  const random = Buffer.from(job.randomHex, "hex");
  const password = random.subarray(0, 40).toString("base64");
  const salt = toBigInt(random.subarray(40, 56));
  const x = hashInt(pad(salt), sha256(`${job.group}${job.key}:${password}`));
  const v = powG(x);
  return {
    PasswordVerifier: pad(v).toString("base64"),
    Salt: pad(salt).toString("base64"),
    DevicePassword: password,
  };
}

function clientClaim(job) {
  const a = BigInt(`0x${job.aHex}`);
  const A = powG(a);
  const B = BigInt(`0x${job.srpB}`);
  if (A % N === 0n || B % N === 0n) throw new Error("Cannot claim: a public value is 0 mod N");
  const u = hashInt(pad(A), pad(B));
  const x = hashInt(
    pad(BigInt(`0x${job.salt}`)),
    sha256(`${job.poolName}${job.userId}:${job.password}`),
  );
  const base = (((B - k * powG(x)) % N) + N) % N;
  const S = modPow(base, a + u * x);
  const secretBlock = Buffer.from(job.secretBlock, "base64");
  const key = authKey(S, u);
  return {
    SRP_A: A.toString(16),
    PASSWORD_CLAIM_SIGNATURE: signature(key, job.poolName, job.userId, secretBlock, job.timestamp)
      .toString("base64"),
  };
}

function serverVerify(job) {
  const b = BigInt(`0x${job.bHex}`);
  const v = BigInt(`0x${job.vHex}`);
  const B = (k * v + powG(b)) % N;
  const A = BigInt(`0x${job.srpA}`);
  if (A % N === 0n) throw new Error("Cannot verify: A is 0 mod N");
  const u = hashInt(pad(A), pad(B));
  const S = modPow((A * modPow(v, u)) % N, b);
  const key = authKey(S, u);
  const secretBlock = Buffer.from(job.secretBlock, "base64");
  const expected = signature(key, job.poolName, job.userId, secretBlock, job.timestamp);
  const given = Buffer.from(job.signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Median over rounds of the mean time per operation, cycling through the cases. */
function measure(cases, run, check) {
  const rounds = [];
  for (let i = 0; i < spec.warmup; i++) {
    check(cases[i % cases.length], run(cases[i % cases.length]));
  }
  for (let round = 0; round < spec.rounds; round++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < spec.minMs || count < spec.minIterations) {
      const job = cases[count % cases.length];
      check(job, run(job));
      count++;
      elapsed = performance.now() - start;
    }
    rounds.push(elapsed / count);
  }
  rounds.sort((x, y) => x - y);
  return rounds[Math.floor(rounds.length / 2)];
}

function same(what, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`OpenSSL baseline computed a wrong ${what}`);
  }
}

const result = {
  node: process.version,
  openssl: process.versions.openssl,
  claims: {},
  servers: {},
};
result.device = measure(
  spec.device,
  deviceVerifier,
  (job, out) => same("device verifier", out, job.expected),
);
for (const { label, cases } of spec.claims) {
  result.claims[label] = measure(
    cases,
    clientClaim,
    (job, out) => same("claim", out, job.expected),
  );
}
for (const { label, cases } of spec.servers) {
  result.servers[label] = measure(cases, serverVerify, (_, ok) => same("verification", ok, true));
}
process.stdout.write(`${JSON.stringify(result)}\n`);
