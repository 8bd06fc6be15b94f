/**
 * SRP benchmark (`deno task bench`, or `deno bench --allow-all bench/srp_bench.ts`).
 *
 * Loading this file first prints a side-by-side table of this project, native
 * OpenSSL (through Node) and amazon-cognito-identity-js with the ratios
 * (bench/srp_compare.ts); then `deno bench` times the project and ACIJ cases
 * itself, grouped per job with ours (on its default backend, named in the
 * case) as the baseline, and the server verification on every backend.
 */

import { compare } from "./srp_compare.ts";
import { acijJobs, claimCases, deviceCases, ours, oursWith, serverCases } from "./srp_jobs.ts";
import { defaultBackend, type ModPowBackend } from "../src/srp/mod.ts";
import { libcryptoStatus } from "../src/srp/native/mod.ts";

const encoder = new TextEncoder();
await compare((text) => void Deno.stdout.writeSync(encoder.encode(text)));

const device = deviceCases();
const claims256 = claimCases(32);
const claims1024 = claimCases(128);
const servers = serverCases(32);
let i = 0;
const next = <T>(cases: T[]) => cases[i++ % cases.length]!;
const backend = defaultBackend();
const others: ModPowBackend[] = (["openssl", "native", "bigint"] as const).filter((other) =>
  other !== backend && (other !== "openssl" || libcryptoStatus().available)
);

Deno.bench({
  name: `ours: device verifier (${backend})`,
  group: "device verifier",
  baseline: true,
  fn: () => void ours.device(next(device)),
});
Deno.bench({
  name: "ACIJ: generateHashDevice",
  group: "device verifier",
  n: 30,
  warmup: 2,
  fn: () => void acijJobs.device(next(device)),
});
Deno.bench({
  name: `ours: client claim, a 256-bit (${backend})`,
  group: "client claim",
  baseline: true,
  fn: () => void ours.claim(next(claims256)),
});
Deno.bench({
  name: `ours: client claim, a 1024-bit (${backend})`,
  group: "client claim",
  fn: () => void ours.claim(next(claims1024)),
});
Deno.bench({
  name: "ACIJ: CognitoUser claim, a 1024-bit",
  group: "client claim",
  n: 8,
  warmup: 1,
  fn: () => void acijJobs.claim(next(claims256)),
});
Deno.bench({
  name: `ours: server verification, b 256-bit (${backend})`,
  group: "server verification",
  baseline: true,
  fn: () => void ours.server(next(servers)),
});
for (const other of others) {
  const jobs = oursWith(other);
  Deno.bench({
    name: `ours: server verification, b 256-bit (${other})`,
    group: "server verification",
    fn: () => void jobs.server(next(servers)),
  });
}
Deno.bench({
  name: "ACIJ BigInteger: server verification, b 256-bit",
  group: "server verification",
  n: 10,
  warmup: 1,
  fn: () => void acijJobs.server(next(servers)),
});
