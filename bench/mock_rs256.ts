/**
 * What one RS256 signature (RSA-2048, PKCS#1 v1.5, SHA-256) costs here, the
 * floor under every sign-in of the mock (an access and an ID token = two
 * signatures). Run by bench/mock_compare.ts in its own process, after the
 * load runs; prints one JSON {@linkcode Rs256Costs} line.
 *
 * - WebCrypto (what the mock uses): one signature at a time, and a pair in
 *   parallel with `Promise.all` (Deno signs on its blocking thread pool);
 * - OpenSSL's libcrypto through Deno FFI, when `libcrypto.so.3` loads: the
 *   same signature bytes (PKCS#1 v1.5 is deterministic), measured as a
 *   candidate for the mock's hot path. Skipped where the library is absent.
 */

/** Milliseconds per signature (or per pair), wall and CPU. */
export interface Rs256Costs {
  webcryptoMs: number;
  webcryptoCpuMs: number;
  /** Two signatures started together, as the mock mints its two tokens. */
  webcryptoPairMs: number;
  /** `undefined` when libcrypto could not be loaded. */
  opensslFfiMs?: number;
  /** Why the FFI measurement is missing. */
  opensslSkipped?: string;
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

/** An RS256 signer over libcrypto (OpenSSL 3), or a reason it is unavailable. */
function opensslSigner(pkcs8: Uint8Array): ((data: Uint8Array) => Uint8Array) | string {
  let lib;
  try {
    lib = Deno.dlopen("libcrypto.so.3", {
      d2i_AutoPrivateKey: { parameters: ["pointer", "buffer", "i64"], result: "pointer" },
      EVP_MD_CTX_new: { parameters: [], result: "pointer" },
      EVP_MD_CTX_free: { parameters: ["pointer"], result: "void" },
      EVP_sha256: { parameters: [], result: "pointer" },
      EVP_DigestSignInit: {
        parameters: ["pointer", "pointer", "pointer", "pointer", "pointer"],
        result: "i32",
      },
      EVP_DigestSign: {
        parameters: ["pointer", "buffer", "buffer", "buffer", "usize"],
        result: "i32",
      },
    });
  } catch (error) {
    return `libcrypto.so.3 not loadable (${error instanceof Error ? error.name : "error"})`;
  }
  const symbols = lib.symbols;
  // d2i_* takes a pointer to a pointer to the DER bytes and advances it.
  const cursor = new BigUint64Array([
    BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(pkcs8))),
  ]);
  const key = symbols.d2i_AutoPrivateKey(null, cursor, BigInt(pkcs8.length));
  if (key === null) return "libcrypto could not read the key";
  const sha256 = symbols.EVP_sha256();
  return (data) => {
    const context = symbols.EVP_MD_CTX_new();
    const signature = new Uint8Array(256);
    const length = new BigUint64Array([256n]);
    const ok = symbols.EVP_DigestSignInit(context, null, sha256, null, key) === 1 &&
      symbols.EVP_DigestSign(
          context,
          signature,
          new Uint8Array(length.buffer),
          data,
          BigInt(data.length),
        ) === 1;
    symbols.EVP_MD_CTX_free(context);
    if (!ok) throw new Error("Cannot sign with libcrypto: EVP_DigestSign failed");
    return signature;
  };
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
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const signer = opensslSigner(pkcs8);
  if (typeof signer === "string") return { ...costs, opensslSkipped: signer };
  const reference = new Uint8Array(await sign());
  if (signer(data).toHex() !== reference.toHex()) {
    return { ...costs, opensslSkipped: "libcrypto's signature differs from WebCrypto's" };
  }
  return { ...costs, opensslFfiMs: (await timed(count, () => signer(data))).wallMs };
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
