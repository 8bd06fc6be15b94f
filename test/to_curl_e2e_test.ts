/**
 * `to-curl --provision` of every shipped scenario runs green under bash
 * against one embedded mock, with the project's CLI for the SRP values; a
 * script whose expectation cannot hold exits 4, names the step and the
 * check, and prints no secret. Bounded: two scripts at a time, a time limit
 * per script.
 */

import assert from "node:assert/strict";
import { toCurl } from "../src/curl/mod.ts";
import { createMockServer, type MockServer } from "../src/mock/mod.ts";
import { knownRequestMembers } from "../src/runner/mod.ts";
import { loadScenarios, parseScenario, type Scenario } from "../src/scenario/mod.ts";
import { callOverHttp } from "./_mock_helpers.ts";

const ROOT = new URL("..", import.meta.url).pathname;
/** At most this many scripts at once (the machine has 2 cores). */
const PARALLEL = 2;
/** A script that takes longer than this is killed and fails the test. */
const SCRIPT_TIMEOUT_MS = 120_000;
const TOOLS = ["bash", "curl", "jq"];

/** Fails with one clear message when a tool the scripts need is not on PATH. */
async function requireTools(): Promise<void> {
  const missing: string[] = [];
  for (const tool of TOOLS) {
    try {
      const { code } = await new Deno.Command(tool, {
        args: ["--version"],
        stdout: "null",
        stderr: "null",
      })
        .output();
      if (code !== 0) missing.push(tool);
    } catch {
      missing.push(tool);
    }
  }
  assert.deepEqual(
    missing,
    [],
    `the to-curl scripts need ${TOOLS.join(", ")} on PATH; missing: ${missing.join(", ")} ` +
      "(install them, e.g. apt-get install bash curl jq)",
  );
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a script with bash in a clean environment (no AWS credentials: the mock is unsigned). */
async function runScript(
  script: string,
  endpoint: string,
  dir: string,
  name: string,
  extra: Record<string, string> = {},
): Promise<Outcome> {
  const file = `${dir}/${name.replaceAll("/", "__")}.sh`;
  await Deno.writeTextFile(file, script);
  const env: Record<string, string> = {
    COGNITO_ENDPOINT: endpoint,
    COGNITO_CONFORMANCE_CLI: `${Deno.execPath()} run --allow-all ${ROOT}src/cli/main.ts`,
    NO_COLOR: "1",
    ...extra,
  };
  for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  const child = new Deno.Command("bash", {
    args: [file],
    cwd: ROOT,
    clearEnv: true,
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, SCRIPT_TIMEOUT_MS);
  const output = await child.output();
  clearTimeout(timer);
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
    timedOut,
  };
}

/** Runs `work` over `items`, `limit` at a time. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

async function withMock<T>(use: (server: MockServer, dir: string) => Promise<T>): Promise<T> {
  await requireTools();
  const server = await createMockServer({ hostname: "127.0.0.1", port: 0 });
  const dir = await Deno.makeTempDir({ prefix: "to-curl-" });
  try {
    return await use(server, dir);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("to-curl e2e: every shipped scenario, provisioned by its own script, runs green under bash", async () => {
  const { scenarios, errors } = await loadScenarios(["scenarios"], { knownRequestMembers });
  assert.deepEqual(errors.map(String), []);
  assert.ok(scenarios.length >= 62, `${scenarios.length} scenarios`);
  await withMock(async (server, dir) => {
    const outcomes = await pooled(scenarios, PARALLEL, async (scenario: Scenario) => {
      const script = toCurl(scenario, { provision: true });
      return { scenario, outcome: await runScript(script, server.url, dir, scenario.id) };
    });
    const failed = outcomes.filter(({ scenario, outcome }) =>
      outcome.code !== 0 || outcome.timedOut ||
      !outcome.stdout.includes(`passed: all ${scenario.steps.length} steps`)
    ).map(({ scenario, outcome }) =>
      `${scenario.id}: exit ${outcome.code}${outcome.timedOut ? " (timed out)" : ""}\n` +
      `${outcome.stdout.split("\n").slice(-6).join("\n")}\n${outcome.stderr}`
    );
    assert.deepEqual(failed, []);
    // Every pool the scripts created was deleted when they exited.
    assert.equal(server.handler.services.store.pools.size, 0);
  });
});

const SEED = await Deno.readTextFile(`${ROOT}scenarios/01-seed/device-on-refresh.yaml`);
const PASSWORD = "Passw0rd!Passw0rd";

function seedWith(replace: [string, string]): Scenario {
  const [from, to] = replace;
  assert.ok(SEED.includes(from), from);
  const { scenario, errors } = parseScenario(SEED.replace(from, to), "seed-broken.yaml", {
    knownRequestMembers,
  });
  assert.deepEqual(errors.map(String), []);
  return scenario!;
}

function assertNoSecret(outcome: Outcome): void {
  const text = outcome.stdout + outcome.stderr;
  assert.ok(!text.includes(PASSWORD), "the password is printed");
  assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{8,}\./, "a token is printed");
}

Deno.test("to-curl e2e: an expectation that cannot hold exits 4, naming the step and the check, and no secret", async () => {
  await withMock(async (server, dir) => {
    // Step 2 answers NotAuthorizedException; expecting another type cannot hold.
    const wrongType = seedWith([
      "error: { type: NotAuthorizedException, message: Invalid Refresh Token. }",
      "error: { type: UserNotFoundException, message: Invalid Refresh Token. }",
    ]);
    const typed = await runScript(toCurl(wrongType, { provision: true }), server.url, dir, "type");
    assert.equal(typed.code, 4, typed.stdout + typed.stderr);
    assert.match(typed.stdout, /^step 2: refresh without DEVICE_KEY — refused$/m);
    assert.doesNotMatch(typed.stdout, /^step 3:/m);
    assert.match(
      typed.stderr,
      /^FAILED step 2 \(refresh without DEVICE_KEY — refused\): expected error type UserNotFoundException$/m,
    );
    assert.match(typed.stderr, /got HTTP 400: \{"__type":"NotAuthorizedException"/);
    assertNoSecret(typed);

    // Step 1 answers tokens: the body printed with the failure is masked.
    const wrongBody = seedWith(["TokenType: Bearer", "TokenType: Basic"]);
    const body = await runScript(toCurl(wrongBody, { provision: true }), server.url, dir, "body");
    assert.equal(body.code, 4, body.stdout + body.stderr);
    assert.match(
      body.stderr,
      /^FAILED step 1 \(sign in with USER_PASSWORD_AUTH — a new device is issued\): expected AuthenticationResult\.TokenType == "Basic"$/m,
    );
    assert.match(body.stderr, /"AccessToken":"«secret:AccessToken»"/);
    assert.match(body.stderr, /"RefreshToken":"«secret:RefreshToken»"/);
    assertNoSecret(body);
    assert.equal(server.handler.services.store.pools.size, 0, "the pools were deleted");
  });
});

Deno.test("to-curl e2e: the forms few shipped scenarios use (vars, users, queries, headers) run green", async () => {
  await withMock(async (server, dir) => {
    const { scenarios, errors } = await loadScenarios(["test/fixtures/to-curl/features.yaml"], {
      knownRequestMembers,
    });
    assert.deepEqual(errors.map(String), []);
    const outcome = await runScript(
      toCurl(scenarios[0]!, { provision: true }),
      server.url,
      dir,
      "f",
    );
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.match(outcome.stdout, /^passed: all 5 steps$/m);
    // What jq cannot check is said, not passed.
    assert.match(
      outcome.stdout,
      /^ {2}not checked here: query\(sort_by\(keys\(@\), &@\)\): the query has no jq translation$/m,
    );
    assertNoSecret(outcome);
  });
});

Deno.test("to-curl e2e: --step N runs the steps up to N; without --provision, an existing pool", async () => {
  await withMock(async (server, dir) => {
    const { scenarios } = await loadScenarios(["scenarios/01-seed/device-on-refresh.yaml"], {
      knownRequestMembers,
    });
    const seed = scenarios[0]!;
    const partial = await runScript(
      toCurl(seed, { step: 2, provision: true }),
      server.url,
      dir,
      "p",
    );
    assert.equal(partial.code, 0, partial.stdout + partial.stderr);
    assert.match(partial.stdout, /^step 2: /m);
    assert.doesNotMatch(partial.stdout, /^step 3: /m);
    assert.match(partial.stdout, /^passed: 2 of 4 steps$/m);

    // Without --provision the script needs POOL_ID and CLIENT_ID: one clear line when unset…
    const existing = toCurl(seed);
    const unset = await runScript(existing, server.url, dir, "unset");
    assert.equal(unset.code, 1, unset.stderr);
    assert.match(unset.stderr, /POOL_ID: set POOL_ID to the id of an existing pool/);
    assert.doesNotMatch(unset.stdout, /^step 1/m);

    // …and runs against the pool they name, with the user's values from the environment.
    const poolId = (await callOverHttp(server.url, "CreateUserPool", {
      PoolName: "existing",
      DeviceConfiguration: {
        ChallengeRequiredOnNewDevice: false,
        DeviceOnlyRememberedOnUserPrompt: false,
      },
    })).UserPool.Id as string;
    const clientId = (await callOverHttp(server.url, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "existing",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    })).UserPoolClient.ClientId as string;
    const user = { UserPoolId: poolId, Username: "dora" };
    await callOverHttp(server.url, "AdminCreateUser", { ...user, MessageAction: "SUPPRESS" });
    await callOverHttp(server.url, "AdminSetUserPassword", {
      ...user,
      Password: "An0ther!Passw0rd",
      Permanent: true,
    });
    const given = await runScript(existing, server.url, dir, "existing", {
      POOL_ID: poolId,
      CLIENT_ID: clientId,
      ALICE_USERNAME: "dora",
      ALICE_PASSWORD: "An0ther!Passw0rd",
    });
    assert.equal(given.code, 0, given.stdout + given.stderr);
    assert.match(given.stdout, /^passed: all 4 steps$/m);
    assert.ok(!(given.stdout + given.stderr).includes("An0ther!Passw0rd"));
    assert.equal(server.handler.services.store.pools.size, 1, "an existing pool is left as it was");
  });
});
