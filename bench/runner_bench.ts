/**
 * Runner overhead per step (`deno bench --allow-all bench/runner_bench.ts`).
 *
 * One embedded mock server, one pool and user made once; then the same 100
 * GetUser calls are made two ways in the same process, interleaved:
 *
 * - **bare**: a `fetch` loop with the same headers and body, parsing the JSON;
 * - **runner**: `runSuite` over a 100-step scenario (render, send through the
 *   Cognito client, status check, a capture, a body expectation, events,
 *   secret redaction), against the same pool as an existing pool.
 *
 * Loading the file prints the per-step medians and the ratio (target: the
 * runner costs at most 10% more per step than the bare loop); `deno bench`
 * then times both as one group with the bare loop as the baseline.
 */

import { CognitoClient } from "../src/cognito/client.ts";
import { createMockServer } from "../src/mock/mod.ts";
import { MOCK_CREDENTIALS, openTarget, runSuite } from "../src/runner/mod.ts";
import { parseScenario } from "../src/scenario/mod.ts";

const STEPS = 100;
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
const token = (await call("InitiateAuth", {
  ClientId: clientId,
  AuthFlow: "USER_PASSWORD_AUTH",
  AuthParameters: { USERNAME: "bench", PASSWORD: "Passw0rd!Passw0rd" },
})).AuthenticationResult!.AccessToken as string;

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
const target = await openTarget({ endpoint: server.url, existingPool: { poolId, clientId } });

async function runner(): Promise<void> {
  let passed = 0;
  for await (const event of runSuite([scenario!], { target, vars: { token }, jobs: 1 })) {
    if (event.type === "suite:end") passed = event.result.counts.passed;
  }
  if (passed !== 1) throw new Error("the bench scenario did not pass");
}

const headers = {
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": "AWSCognitoIdentityProviderService.GetUser",
  "x-amz-user-agent": "cognito-conformance",
};
async function bare(): Promise<void> {
  for (let i = 0; i < STEPS; i++) {
    const response = await fetch(server.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ AccessToken: token }),
    });
    const body = await response.json();
    if (body.Username !== "bench") throw new Error("the bare call failed");
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

// Warm both paths, then interleave rounds so both see the same machine state.
await bare();
await runner();
const bareTimes: number[] = [];
const runnerTimes: number[] = [];
for (let round = 0; round < 15; round++) {
  bareTimes.push(await timed(bare));
  runnerTimes.push(await timed(runner));
}
const perBare = median(bareTimes) / STEPS;
const perRunner = median(runnerTimes) / STEPS;
const overhead = (perRunner / perBare - 1) * 100;
const lines = [
  `runner overhead per step (GetUser against the embedded mock, ${STEPS} steps, median of 15 rounds)`,
  `  bare fetch loop  ${perBare.toFixed(3)} ms/step`,
  `  runner           ${perRunner.toFixed(3)} ms/step`,
  `  ratio            ${(perRunner / perBare).toFixed(3)} (${
    overhead.toFixed(1)
  }% overhead; target ≤ 10%)`,
  "",
];
Deno.stdout.writeSync(new TextEncoder().encode(lines.join("\n") + "\n"));

Deno.bench({ name: `bare fetch: ${STEPS} GetUser`, group: "per step", baseline: true, fn: bare });
Deno.bench({ name: `runner: ${STEPS}-step scenario`, group: "per step", fn: runner });

globalThis.addEventListener("unload", () => {
  void target.close();
  void server.close();
});
