/**
 * Runner overhead per step (`deno bench --allow-all bench/runner_bench.ts`,
 * or `deno run --allow-all bench/runner_bench.ts` for the summary alone).
 *
 * One embedded mock server, one pool and user made once; then the same 100
 * GetUser calls are made two ways in the same process:
 *
 * - **bare**: a `fetch` loop sending the same headers and body to the same
 *   URL, parsing the JSON answer and checking `Username`;
 * - **runner**: `runSuite` over a 100-step scenario (render, send through the
 *   Cognito client with a per-attempt timeout, status check, a capture, a
 *   body expectation, every exchange recorded, events, secret redaction),
 *   against the same pool as an existing pool. All of that is the product,
 *   so all of it counts as overhead.
 *
 * Rounds of both alternate (which one goes first alternates too), and the
 * overhead is the median of the per-round ratios runner/bare: two rounds
 * side by side see the same machine, where medians taken apart drift with
 * whatever else the machine is doing. Target: at most 10% per step.
 *
 * A second measure takes the server out: both loops against an in-memory
 * `fetch` answering the same recorded body at once, in CPU time, so the
 * runner's own work per step shows in microseconds without network noise.
 *
 * The same comparison once more with the runner's events left unmasked
 * (`showSecrets`), to show how much of the overhead is secret redaction.
 *
 * A third times `checkResponse` alone, the largest part of that work, on a
 * recorded USER_PASSWORD_AUTH answer with a sign-in step's expectation
 * (tokens decoded with `$jwt`, matchers, no header expectations): µs per
 * check, median of alternating rounds.
 *
 * Figures (2026-12-07, the 2-core machine shared with other jobs, load average 0–4, six runs):
 * over HTTP 6.0–9.2% per step (7.0–14.4% before the redaction fast path for strings that can
 * hold no secret, promise-free rendering and the direct body read), 5.0–9.4% unmasked; runner
 * work in memory 9.7–15.1 µs/step of CPU (bare loop 6–8 µs); checkResponse 13–16 µs per check.
 * How they were measured, and where the time goes: bench/README.md.
 */

import process from "node:process";
import { checkResponse, type ResponseExpectation } from "../src/assert/mod.ts";
import { CognitoClient } from "../src/cognito/client.ts";
import { createMockServer } from "../src/mock/mod.ts";
import { MOCK_CREDENTIALS, openTarget, runSuite, type Target } from "../src/runner/mod.ts";
import { parseScenario } from "../src/scenario/mod.ts";

const STEPS = 100;
const ROUNDS = 31;
const server = await createMockServer({ keyStrategy: "shared" });
const admin = new CognitoClient(server.url, { credentials: MOCK_CREDENTIALS });
const call = async (operation: string, body: Record<string, unknown>) => {
  const exchange = await admin.send(operation, body);
  if (exchange.response?.status !== 200) throw new Error(`${operation} failed in the bench setup`);
  return exchange.response.body as Record<string, Record<string, unknown>>;
};
const poolId = (await call("CreateUserPool", { PoolName: "bench" })).UserPool!.Id as string;
const clientId = (await call("CreateUserPoolClient", {
  UserPoolId: poolId,
  ClientName: "bench",
  ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
})).UserPoolClient!.ClientId as string;
await call("AdminCreateUser", { UserPoolId: poolId, Username: "bench", MessageAction: "SUPPRESS" });
await call("AdminSetUserPassword", {
  UserPoolId: poolId,
  Username: "bench",
  Password: "Passw0rd!Passw0rd",
  Permanent: true,
});
const signIn = await admin.send("InitiateAuth", {
  ClientId: clientId,
  AuthFlow: "USER_PASSWORD_AUTH",
  AuthParameters: { USERNAME: "bench", PASSWORD: "Passw0rd!Passw0rd" },
});
const signInBody = signIn.response!.body as Record<string, Record<string, unknown>>;
const token = signInBody.AuthenticationResult!.AccessToken as string;

const step = [
  "  - call: GetUser",
  "    request: { AccessToken: '${vars.token}' }",
  "    expect: { body: { Username: bench } }",
  "    save: { name: Username }",
].join("\n");
const { scenario } = parseScenario(
  `name: bench\nsteps:\n${Array.from({ length: STEPS }, () => step).join("\n")}\n`,
  "bench.yaml",
  { externalVars: ["token"] },
);
const headers = {
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": "AWSCognitoIdentityProviderService.GetUser",
  "x-amz-user-agent": "cognito-conformance",
};
const existingPool = { poolId, clientId };

/** The runner: a whole suite of one 100-step scenario, every event consumed. */
async function runner(target: Target, showSecrets = false): Promise<void> {
  let passed = 0;
  const options = { target, vars: { token }, jobs: 1, showSecrets };
  for await (const event of runSuite([scenario!], options)) {
    if (event.type === "suite:end") passed = event.result.counts.passed;
  }
  if (passed !== 1) throw new Error("the bench scenario did not pass");
}

/** The baseline: the same 100 calls in a fetch loop. */
async function bare(fetcher: typeof fetch, url: string): Promise<void> {
  for (let i = 0; i < STEPS; i++) {
    const response = await fetcher(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ AccessToken: token }),
    });
    const body = await response.json();
    if (body.Username !== "bench") throw new Error("the bare call failed");
  }
}

/** Wall and CPU time of one round, in µs per step. */
async function measure(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const wall = (performance.now() - started) * 1000 / STEPS;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / STEPS };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Alternating rounds of both; per-step medians and the median per-round ratio. */
async function compare(base: () => Promise<void>, product: () => Promise<void>) {
  for (let i = 0; i < 3; i++) await base(), await product(); // warm both paths
  const rounds: Array<{ base: { wall: number; cpu: number }; product: typeof rounds[0]["base"] }> =
    [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      rounds.push({ base: await measure(base), product: await measure(product) });
    } else {
      const product1 = await measure(product);
      rounds.push({ base: await measure(base), product: product1 });
    }
  }
  const pick = (side: "base" | "product", what: "wall" | "cpu") =>
    median(rounds.map((r) => r[side][what]));
  return {
    base: pick("base", "wall"),
    product: pick("product", "wall"),
    ratio: median(rounds.map((r) => r.product.wall / r.base.wall)),
    baseCpu: pick("base", "cpu"),
    productCpu: pick("product", "cpu"),
    cpuRatio: median(rounds.map((r) => r.product.cpu / r.base.cpu)),
  };
}

// Against the mock server over HTTP.
const target = await openTarget({ endpoint: server.url, existingPool });
const http = await compare(() => bare(fetch, server.url), () => runner(target));
// The same, events unmasked: the part of the overhead that is secret redaction.
const unmasked = await compare(() => bare(fetch, server.url), () => runner(target, true));

// Against an in-memory fetch answering the recorded GetUser response at once.
const recorded = await fetch(server.url, {
  method: "POST",
  headers,
  body: JSON.stringify({ AccessToken: token }),
});
const answerText = await recorded.text();
const answerHeaders = [...recorded.headers];
const inMemory: typeof fetch = (_input, init) =>
  Promise.resolve(
    (init?.method ?? "GET") === "GET"
      ? new Response("{}", { status: 404 }) // the capability probe: not a mock
      : new Response(answerText, { status: 200, headers: answerHeaders }),
  );
const memoryTarget = await openTarget({ endpoint: server.url, existingPool, fetch: inMemory });
const memory = await compare(() => bare(inMemory, server.url), () => runner(memoryTarget));

// checkResponse alone, on the recorded sign-in answer.
const CHECKS = 2000;
const signInExpectation: ResponseExpectation = {
  body: {
    ChallengeParameters: {},
    AuthenticationResult: {
      TokenType: "Bearer",
      ExpiresIn: 3600,
      AccessToken: {
        $jwt: {
          token_use: "access",
          username: "bench",
          client_id: clientId,
          device_key: { $exists: false },
        },
      },
      IdToken: { $jwt: { token_use: "id", aud: clientId } },
      RefreshToken: { $type: "string" },
      NewDeviceMetadata: { $exists: false },
    },
  },
};
async function checks(): Promise<void> {
  for (let i = 0; i < CHECKS; i++) {
    const mismatches = await checkResponse(signIn.response!, signInExpectation);
    if (mismatches.length !== 0) throw new Error("the bench expectation does not hold");
  }
}
const checkRounds: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const cpu = process.cpuUsage();
  await checks();
  const used = process.cpuUsage(cpu);
  checkRounds.push((used.user + used.system) / CHECKS);
}

const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;
const lines = [
  `runner overhead per step (GetUser, ${STEPS} steps, ${ROUNDS} alternating rounds, medians)`,
  "  against the embedded mock over HTTP:",
  `    bare fetch loop  ${(http.base / 1000).toFixed(3)} ms/step`,
  `    runner           ${(http.product / 1000).toFixed(3)} ms/step`,
  `    per-round ratio  ${http.ratio.toFixed(3)} (${percent(http.ratio)} overhead, ${
    (http.product - http.base).toFixed(0)
  } µs/step; target ≤ 10%); CPU time ratio ${http.cpuRatio.toFixed(3)}`,
  `    unmasked events  per-round ratio ${unmasked.ratio.toFixed(3)} (${
    percent(unmasked.ratio)
  } overhead without secret redaction, as with --show-secrets)`,
  "  against an in-memory fetch (the runner's own work, CPU time):",
  `    bare loop ${memory.baseCpu.toFixed(1)} µs/step, runner ${
    memory.productCpu.toFixed(1)
  } µs/step: ${(memory.productCpu - memory.baseCpu).toFixed(1)} µs/step of runner work`,
  `  checkResponse alone (a sign-in expectation, CPU time): ${
    median(checkRounds).toFixed(1)
  } µs/check`,
  "",
];
Deno.stdout.writeSync(new TextEncoder().encode(lines.join("\n") + "\n"));

async function closeAll(): Promise<void> {
  await target.close();
  await memoryTarget.close();
  await server.close();
}

if (import.meta.main) {
  await closeAll(); // `deno run`: the summary is all
} else {
  // `deno bench` awaits only functions declared `async`: an arrow returning a promise is
  // timed as synchronous (microseconds) while its calls pile up until the heap runs out.
  Deno.bench({
    name: `bare fetch: ${STEPS} GetUser`,
    group: "per step",
    baseline: true,
    fn: async () => await bare(fetch, server.url),
  });
  Deno.bench({
    name: `runner: ${STEPS}-step scenario`,
    group: "per step",
    fn: async () => await runner(target),
  });
  globalThis.addEventListener("unload", () => void closeAll());
}
