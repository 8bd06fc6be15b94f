// Unit tests of the mock benchmark's pure helpers: statistics, wrk output
// parsing and target verdicts. No servers, no network.

import assert from "node:assert/strict";
import { bestRun, median, quantile, type RunRecord } from "./mock_stats.ts";
import { parseTimes, parseWrkOutput } from "./mock_wrk.ts";
import { type BenchResults, renderReport, verdict } from "./mock_report.ts";

const run = (rate: number, extra: Partial<RunRecord> = {}): RunRecord => ({
  completed: rate,
  errors: 0,
  errorKinds: {},
  elapsedMs: 1000,
  p50Ms: 1,
  p99Ms: 2,
  rate,
  serverCpuMs: 2,
  loadgenCpuMs: 0.1,
  machineBusyCores: 1,
  otherCores: 0,
  ...extra,
});

Deno.test("quantile uses the nearest rank; median takes the lower middle", () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(quantile(values, 0.5), 50);
  assert.equal(quantile(values, 0.99), 99);
  assert.equal(quantile([7], 0.99), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2);
});

Deno.test("bestRun picks the fastest run, and none when a run failed", () => {
  assert.equal(bestRun([run(200), run(300), run(100)])?.rate, 300);
  assert.equal(bestRun([run(300), run(100, { errors: 1 })]), undefined);
  assert.equal(bestRun([run(300, { notImplemented: "x" })]), undefined);
});

Deno.test("parseWrkOutput counts bad answers and socket errors as errors", () => {
  const line = 'WRK_JSON {"requests":1000,"durationUs":2000000,"p50Us":2100,"p99Us":3900,' +
    '"bad":3,"connect":0,"read":1,"write":0,"timeout":1,"status":3,' +
    '"kinds":"400 NotAuthorizedException;400 NotAuthorizedException;500 -;"}';
  const result = parseWrkOutput(`Running 2s test\n${line}\n0m0.0s 0m0.0s\n`);
  assert.equal(result.completed, 997);
  assert.equal(result.errors, 5);
  assert.equal(result.elapsedMs, 2000);
  assert.equal(result.p50Ms, 2.1);
  assert.deepEqual(result.errorKinds, {
    "socket errors": 2,
    "InitiateAuth USER_PASSWORD_AUTH 400 NotAuthorizedException": 2,
    "InitiateAuth USER_PASSWORD_AUTH 500 -": 1,
  });
  assert.throws(() => parseWrkOutput("no summary"), /no WRK_JSON line/);
});

Deno.test("parseTimes reads the children's user + system time of bash's times", () => {
  assert.equal(parseTimes("x\n0m0.010s 0m0.005s\n0m1.250s 1m0.500s\n"), 61_750);
  assert.equal(parseTimes(""), 0);
});

Deno.test("verdicts and the report: ratios against peers, startup, failures shown as such", () => {
  assert.equal(verdict(1.5, 1.5), "PASS");
  assert.equal(verdict(1.49, 1.5), "MISS");
  assert.equal(verdict(99, 100, true), "PASS");
  const server = (name: "mock" | "moto" | "cognito-local", rate: number, failed = false) => ({
    name,
    readyMs: [name === "mock" ? 60 : 400],
    endpointMs: [],
    runs: { "1": [run(rate, failed ? { errors: 2, errorKinds: { "socket errors": 2 } } : {})] },
  });
  const results: BenchResults = {
    date: "2026-11-26",
    machine: {
      cpuModel: "cpu",
      cores: 2,
      memoryGiB: 24,
      kernel: "Linux",
      deno: "2.9.6",
      node: "v20",
      python: "3.11",
      moto: "5.2.1",
      cognitoLocal: "5.3.0",
      wrk: "4.1.0",
    },
    settings: {
      loadgen: "wrk",
      durationS: 5,
      warmupS: 2,
      reps: 1,
      startupReps: 1,
      connections: [1],
      pollIntervalS: 0.01,
    },
    loadAverageAtStart: 0,
    servers: [server("mock", 800), server("moto", 400), server("cognito-local", 100, true)],
  };
  const report = renderReport(results);
  assert.match(report, /c=1: mock ≥ 1.5× moto sign-ins\/s \| 2.00× \(800 vs 400\) \| PASS/);
  assert.match(report, /c=1: mock ≥ 5× cognito-local sign-ins\/s \| not measured/);
  assert.match(report, /ERROR: 2\/102 failed \(socket errors\)/);
  assert.match(report, /first answer ≤ 100 ms after spawn \| 60 ms \| PASS/);
});

Deno.test("the RS256 rows name the mock's own signer and subtract its cost", () => {
  const costs = {
    webcryptoMs: 1.07,
    webcryptoCpuMs: 1.08,
    webcryptoPairMs: 1.66,
    opensslFfiMs: 0.25,
    opensslCpuMs: 0.25,
    opensslPairMs: 0.37,
  };
  const base = {
    date: "2026-11-26",
    machine: { cores: 2 } as BenchResults["machine"],
    settings: { connections: [1], startupReps: 1 } as BenchResults["settings"],
    loadAverageAtStart: 0,
    // The mock's server CPU per sign-in is 2 ms (see `run`).
    servers: [{ name: "mock" as const, readyMs: [60], endpointMs: [], runs: { "1": [run(800)] } }],
  };
  const native = renderReport({ ...base, rs256: { ...costs, mockSigner: "openssl" } });
  assert.match(
    native,
    /\| OpenSSL via `src\/srp\/native` \(the mock's signer\): one, wall \/ CPU \| 0.25 \/ 0.25 \| 2 cores signing only: 4000 \|/,
  );
  assert.match(native, /\| WebCrypto \(portable path\): one, wall \/ CPU \| 1.07 \/ 1.08 \|/);
  assert.match(
    native,
    /\| mock c=1: server CPU per sign-in beyond two OpenSSL via `src\/srp\/native` signatures \| 1.50 \|/,
  );
  const portable = renderReport({ ...base, rs256: { ...costs, mockSigner: "webcrypto" } });
  assert.match(portable, /\| WebCrypto \(the mock's signer\): one/);
  assert.match(portable, /\| OpenSSL via `src\/srp\/native` \(not used\): one/);
  assert.match(portable, /beyond two WebCrypto signatures \| -0.16 \|/);
  const skipped = renderReport({
    ...base,
    rs256: { webcryptoMs: 1, webcryptoCpuMs: 0.5, webcryptoPairMs: 1.5, opensslSkipped: "no FFI" },
  });
  assert.match(skipped, /\| OpenSSL libcrypto via FFI \| no FFI \| – \|/);
  assert.match(skipped, /beyond two WebCrypto signatures \| 1.00 \|/);
});
