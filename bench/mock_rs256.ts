/**
 * What one RS256 signature (RSA-2048, PKCS#1 v1.5, SHA-256) costs here, the
 * floor under every sign-in of the mock (an access and an ID token = two
 * signatures). Run by bench/mock_compare.ts in its own process, after the
 * load runs; prints one JSON {@linkcode Rs256Costs} line.
 *
 * - WebCrypto (the mock's portable path): one signature at a time, and a
 *   pair in parallel with `Promise.all` (Deno signs on its blocking pool);
 * - OpenSSL's libcrypto through src/srp/native (the mock's signer when FFI is
 *   permitted and OpenSSL 3 loads): the same two figures. The signature
 *   bytes are checked equal to WebCrypto's first (PKCS#1 v1.5 is
 *   deterministic). Skipped, with the reason, where libcrypto is unavailable.
 */

import { importRsaPrivateKey, libcryptoStatus } from "../src/srp/native/mod.ts";
import { createRs256Signer } from "../src/mock/tokens/signer.ts";

/** Milliseconds per signature (or per pair), wall and CPU. */
export interface Rs256Costs {
  webcryptoMs: number;
  webcryptoCpuMs: number;
  /** Two signatures started together, as the mock mints its two tokens. */
  webcryptoPairMs: number;
  /** `undefined` when libcrypto could not be loaded. */
  opensslFfiMs?: number;
  /** CPU of one OpenSSL signature (all threads of the process). */
  opensslCpuMs?: number;
  /** Two OpenSSL signatures started together (they run on two worker threads). */
  opensslPairMs?: number;
  /** Why the FFI measurement is missing. */
  opensslSkipped?: string;
  /** The engine the mock's default signer picks in this process (`deno run -A`). */
  mockSigner?: "openssl" | "webcrypto";
}

const ALGORITHM = "RSASSA-PKCS1-v1_5";
const cpuMs = () => {
  const text = Deno.readTextFileSync("/proc/self/stat");
  const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function timed(count: number, work: () => Promise<unknown> | unknown) {
  for (let i = 0; i < Math.ceil(count / 10); i++) await work();
  const cpu = cpuMs();
  const start = performance.now();
  for (let i = 0; i < count; i++) await work();
  return { wallMs: (performance.now() - start) / count, cpuMs: (cpuMs() - cpu) / count };
}

/** Measures {@linkcode Rs256Costs}; `count` signatures per figure. */
export async function measureRs256(count = 400): Promise<Rs256Costs> {
  const pair = await crypto.subtle.generateKey(
    {
      name: ALGORITHM,
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  // About the size of a signing input of the mock's ID token.
  const data = new TextEncoder().encode("e".repeat(900));
  const sign = () => crypto.subtle.sign(ALGORITHM, pair.privateKey, data);
  const single = await timed(count, sign);
  const both = await timed(count / 2, () => Promise.all([sign(), sign()]));
  const costs: Rs256Costs = {
    webcryptoMs: single.wallMs,
    webcryptoCpuMs: single.cpuMs,
    webcryptoPairMs: both.wallMs,
  };
  const signer = await createRs256Signer(pair.privateKey);
  costs.mockSigner = signer.backend;
  signer.dispose();
  const status = libcryptoStatus();
  if (!status.available) return { ...costs, opensslSkipped: status.reason };
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  using key = importRsaPrivateKey(pkcs8);
  const reference = new Uint8Array(await sign());
  if ((await key.sign(data)).toHex() !== reference.toHex()) {
    return { ...costs, opensslSkipped: "libcrypto's signature differs from WebCrypto's" };
  }
  const native = await timed(count, () => key.sign(data));
  const nativePair = await timed(count / 2, () => Promise.all([key.sign(data), key.sign(data)]));
  return {
    ...costs,
    opensslFfiMs: native.wallMs,
    opensslCpuMs: native.cpuMs,
    opensslPairMs: nativePair.wallMs,
  };
}

/** Runs {@linkcode measureRs256} in its own `deno` process. */
export async function runRs256Probe(): Promise<Rs256Costs> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL(import.meta.url).pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const line = new TextDecoder().decode(output.stdout).trim().split("\n").at(-1) ?? "";
  if (!output.success || !line.startsWith("{")) {
    const tail = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-2).join(" | ");
    throw new Error(`Cannot measure RS256: exit ${output.code}: ${tail}`);
  }
  return JSON.parse(line) as Rs256Costs;
}

if (import.meta.main) {
  const costs = await measureRs256();
  Deno.stdout.writeSync(new TextEncoder().encode(`${JSON.stringify(costs)}\n`));
}
