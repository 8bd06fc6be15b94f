/**
 * The side-by-side SRP comparison printed by bench/srp_bench.ts: this project,
 * native OpenSSL (Node running bench/srp_openssl.mjs) and
 * amazon-cognito-identity-js (ACIJ), same jobs and inputs, in one run.
 *
 * "Ours" is the library as a user gets it: variable-base powers on its
 * default backend (`defaultBackend()`: the system OpenSSL through FFI when
 * this process may load it, else `node:crypto`), named in the report; a
 * second table times ours on every backend.
 *
 * Timing: warm-up, then `rounds` rounds of at least `minMs` (and
 * `minIterations`) cycling through the cases; the median round's mean time per
 * operation is reported. Results are checked after each round, outside the
 * timed loop. bench/srp_openssl.mjs uses the same loop.
 */

import {
  acijClaimAccepted,
  acijJobs,
  CASES,
  type ClaimCase,
  claimCases,
  type DeviceCase,
  deviceCases,
  ours,
  oursWith,
  serverCases,
} from "./srp_jobs.ts";
import { defaultBackend, type ModPowBackend, SRP_K, SRP_N_HEX } from "../src/srp/mod.ts";
import { libcryptoStatus } from "../src/srp/native/mod.ts";
import { allowTable, prebuildTable, resetTable, tableStats } from "../src/srp/_fixed_base.ts";

/** How long to measure. */
export interface TimingOptions {
  warmup: number;
  rounds: number;
  minMs: number;
  minIterations: number;
}

const FAST: TimingOptions = { warmup: 12, rounds: 3, minMs: 150, minIterations: 10 };
const SESSIONS = 3;
const SLOW: TimingOptions = { warmup: 1, rounds: 3, minMs: 300, minIterations: 3 };

function measure<C, R>(
  cases: C[],
  run: (job: C) => R,
  check: (job: C, out: R) => boolean,
  timing: TimingOptions,
): number {
  const results: Array<[C, R]> = [];
  const verify = (what: string) => {
    for (const [job, out] of results) {
      if (!check(job, out)) throw new Error(`Cannot benchmark: ${what} produced a wrong result`);
    }
    results.length = 0;
  };
  for (let i = 0; i < timing.warmup; i++) {
    const job = cases[i % cases.length]!;
    results.push([job, run(job)]);
  }
  verify("warm-up");
  const rounds: number[] = [];
  for (let round = 0; round < timing.rounds; round++) {
    let count = 0;
    let elapsed = 0;
    const start = performance.now();
    while (elapsed < timing.minMs || count < timing.minIterations) {
      const job = cases[count % cases.length]!;
      results.push([job, run(job)]);
      count++;
      elapsed = performance.now() - start;
    }
    verify(`round ${round}`);
    rounds.push(elapsed / count);
  }
  rounds.sort((x, y) => x - y);
  return rounds[Math.floor(rounds.length / 2)]!;
}

const sameJson = (actual: unknown, expected: unknown) =>
  JSON.stringify(actual) === JSON.stringify(expected);

interface OpenSslResult {
  node: string;
  openssl: string;
  device: number;
  claims: Record<string, number>;
  servers: Record<string, number>;
}

async function runOpenSsl(spec: unknown): Promise<OpenSslResult> {
  const child = new Deno.Command("node", {
    args: [new URL("./srp_openssl.mjs", import.meta.url).pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(spec)));
  await writer.close();
  const output = await child.output();
  if (!output.success) {
    const message = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-3).join(
      " | ",
    );
    throw new Error(`Cannot run the OpenSSL baseline (node): ${message}`);
  }
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

async function machine(node: OpenSslResult): Promise<string[]> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo").catch(() => "");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown CPU";
  const status = libcryptoStatus();
  return [
    `machine: ${navigator.hardwareConcurrency} cores (nproc), ${model}`,
    `Deno ${Deno.version.deno} (V8 ${Deno.version.v8}); Node ${node.node} with OpenSSL ${node.openssl}`,
    `ours: variable-base backend "${defaultBackend()}" (${
      status.available
        ? `${status.version} via FFI, ${status.path}`
        : `libcrypto unavailable: ${status.reason}`
    }); powers of g from the fixed-base table`,
  ];
}

type Timings = {
  device: number;
  claims: Record<string | number, number>;
  servers: Record<string | number, number>;
};

/** The faster of two sessions, job by job. */
function best<T extends Timings>(x: T, y: T): T {
  const min = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([key, value]) => [key, Math.min(value, b[key]!)]));
  return {
    ...x,
    device: Math.min(x.device, y.device),
    claims: min(x.claims, y.claims),
    servers: min(x.servers, y.servers),
  };
}

const COLUMN = 10;
const LABEL = 40;
const ms = (value: number) => (value >= 10 ? value.toFixed(1) : value.toFixed(2)).padStart(COLUMN);
const ratio = (value: number) =>
  `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`.padStart(COLUMN);

/** Runs every measurement and writes the report through `write`. */
export async function compare(write: (text: string) => void): Promise<void> {
  const device = deviceCases();
  const claims = { 32: claimCases(32), 128: claimCases(128) };
  const servers = { 32: serverCases(32), 128: serverCases(128) };

  const spec = {
    N_hex: SRP_N_HEX,
    k_hex: SRP_K.toString(16),
    ...FAST,
    device,
    claims: [{ label: "32", cases: claims[32] }, { label: "128", cases: claims[128] }],
    servers: [{ label: "32", cases: servers[32] }, { label: "128", cases: servers[128] }],
  };
  const checkDevice = (job: DeviceCase, out: unknown) => sameJson(out, job.expected);
  const checkClaim = (job: ClaimCase, out: unknown) => sameJson(out, job.expected);
  const measureOurs = () => ({
    device: measure(device, ours.device, checkDevice, FAST),
    claims: {
      32: measure(claims[32], ours.claim, checkClaim, FAST),
      128: measure(claims[128], ours.claim, checkClaim, FAST),
    },
    servers: {
      32: measure(servers[32], ours.server, (_, ok) => ok, FAST),
      128: measure(servers[128], ours.server, (_, ok) => ok, FAST),
    },
  });
  // Alternate sessions of OpenSSL and ours and keep each side's best session:
  // other load on the shared machine then skews neither side.
  let node: OpenSslResult | undefined;
  let mine: ReturnType<typeof measureOurs> | undefined;
  for (let session = 1; session <= SESSIONS; session++) {
    write(`SRP comparison: session ${session} of ${SESSIONS}, OpenSSL (node) then ours …\n`);
    const ssl = await runOpenSsl(spec);
    const own = measureOurs();
    node = node === undefined ? ssl : { ...ssl, ...best(node, ssl) };
    mine = mine === undefined ? own : best(mine, own);
  }
  if (node === undefined || mine === undefined) throw new Error("Cannot compare: no session ran");
  const available: ModPowBackend[] = libcryptoStatus().available
    ? ["openssl", "native", "bigint"]
    : ["native", "bigint"];
  write("SRP comparison: ours on each variable-base backend …\n");
  const perBackend = available.map((backend) => {
    const jobs = oursWith(backend);
    return {
      backend,
      claim32: measure(claims[32], jobs.claim, checkClaim, FAST),
      server32: measure(servers[32], jobs.server, (_, ok) => ok, FAST),
      server128: measure(servers[128], jobs.server, (_, ok) => ok, FAST),
    };
  });
  allowTable(false);
  const cold = {
    device: measure(device, ours.device, checkDevice, FAST),
    claim32: measure(claims[32], ours.claim, checkClaim, FAST),
    server32: measure(servers[32], ours.server, (_, ok) => ok, FAST),
  };
  allowTable(true);

  write("SRP comparison: amazon-cognito-identity-js …\n");
  const theirs = {
    device: measure(device, acijJobs.device, (job, out) => sameJson(out, job.expected), SLOW),
    claim: measure(claims[32], acijJobs.claim, acijClaimAccepted, SLOW),
    server32: measure(servers[32], acijJobs.server, (_, ok) => ok, SLOW),
    server128: measure(servers[128], acijJobs.server, (_, ok) => ok, SLOW),
  };

  resetTable();
  let start = performance.now();
  prebuildTable(256);
  const build256 = { ms: performance.now() - start, bytes: tableStats().bytes };
  start = performance.now();
  prebuildTable(1025);
  const build1025 = { ms: performance.now() - start + build256.ms, bytes: tableStats().bytes };

  const row = (label: string, mineMs: number, sslMs: number, acijMs: number | undefined) =>
    `${label.padEnd(LABEL)}${ms(mineMs)}${ms(sslMs)}${ratio(mineMs / sslMs)}` +
    (acijMs === undefined ? "" : `${ms(acijMs)}${ratio(acijMs / mineMs)}`);
  const lines = [
    "",
    "SRP benchmark: milliseconds per operation, lower is better. Ours and OpenSSL: best of",
    `${SESSIONS} alternating sessions, each the median of ${FAST.rounds} rounds; ACIJ: median of ${SLOW.rounds} rounds.`,
    ...(await machine(node)),
    `Same inputs for all (${CASES} cases per job, every result checked). Exponents: x is a 256-bit hash;`,
    "a and b as stated. OpenSSL = Node's DiffieHellman (generateKeys/computeSecret) and Node",
    "SHA-256/HMAC, same exponent sizes. ACIJ's a is always 1024-bit (as shipped).",
    "",
    [
      "job".padEnd(LABEL),
      ...["ours", "OpenSSL", "ours/SSL", "ACIJ", "ACIJ/ours"].map((h) => h.padStart(COLUMN)),
    ].join(""),
    row("(a) device verifier", mine.device, node.device, theirs.device),
    row("(b) client claim, a 256-bit", mine.claims[32], node.claims["32"]!, theirs.claim),
    row(
      "(c) server verification, b 256-bit",
      mine.servers[32],
      node.servers["32"]!,
      theirs.server32,
    ),
    "at ACIJ's 1024-bit exponents:",
    row("(b) client claim, a 1024-bit", mine.claims[128], node.claims["128"]!, theirs.claim),
    row(
      "(c) server verification, b 1024-bit",
      mine.servers[128],
      node.servers["128"]!,
      theirs.server128,
    ),
    "without the fixed-base table for g (a process's first 8 powers of g, e.g. one CLI call):",
    row("(a) device verifier", cold.device, node.device, undefined),
    row("(b) client claim, a 256-bit", cold.claim32, node.claims["32"]!, undefined),
    row("(c) server verification, b 256-bit", cold.server32, node.servers["32"]!, undefined),
    "",
    "ours on each variable-base backend (openssl = system libcrypto via FFI, native = node:crypto",
    "Diffie-Hellman, bigint = BigInt + Barrett), with the fixed-base table; vs OpenSSL (Node):",
    ...perBackend.flatMap((result) => [
      row(`(b) claim a 256-bit, ${result.backend}`, result.claim32, node.claims["32"]!, undefined),
      row(
        `(c) server b 256-bit, ${result.backend}`,
        result.server32,
        node.servers["32"]!,
        undefined,
      ),
      row(
        `(c) server b 1024-bit, ${result.backend}`,
        result.server128,
        node.servers["128"]!,
        undefined,
      ),
    ]),
    "",
    `fixed-base table for g, built once per process: ${build256.ms.toFixed(0)} ms / ` +
    `${(build256.bytes / 1024).toFixed(0)} KiB for 256-bit exponents, ` +
    `${build1025.ms.toFixed(0)} ms / ${
      (build1025.bytes / 2 ** 20).toFixed(1)
    } MiB up to 1025 bits.`,
    "ACIJ notes: (a) times generateHashDevice only (ConfirmDevice also builds a helper, one more",
    "1024-bit g^a); (b) is CognitoUser.authenticateUser up to the PASSWORD_VERIFIER answer, network",
    "stubbed; (c) ACIJ has no server side: its BigInteger and helper hashing, Node HMAC.",
    "",
  ];
  write(lines.join("\n"));
}
