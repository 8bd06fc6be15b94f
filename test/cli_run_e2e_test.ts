/**
 * The `run` and `list` commands as users start them: a subprocess of the
 * Deno running this test, `src/cli/main.ts`, a clean environment (no AWS
 * variables leak in). Every exit code, every reporter, one line per error.
 */

import assert from "node:assert/strict";
import { cli, cliCommand, type CliOutcome, outcomeOf } from "./_cli.ts";

const FIXTURES = "test/fixtures/runner/suite";

function noStackTrace(outcome: CliOutcome): void {
  assert.doesNotMatch(outcome.stderr, /^\s+at /m, outcome.stderr);
  assert.doesNotMatch(outcome.stdout, /^\s+at .*\.ts:\d+/m);
}

Deno.test("cli e2e: exit 0 when every scenario passes", async () => {
  const outcome = await cli(["run", FIXTURES, "--filter", "device_off", "--reporter", "dot"]);
  assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
  assert.match(outcome.stdout, /1 scenarios?: 1 passed, 0 failed/);
  assert.equal(outcome.stderr, "");
});

Deno.test("cli e2e: exit 1 on bad usage, one line", async () => {
  const outcome = await cli(["run", FIXTURES, "--shard", "0/3"]);
  assert.equal(outcome.code, 1);
  assert.equal(outcome.stderr, 'error: Cannot use --shard "0/3": i must be between 1 and 3\n');
  assert.equal(outcome.stdout, "");
});

Deno.test("cli e2e: exit 1 when --filter or --tag select nothing; 0 with --pass-with-none", async () => {
  const typo = await cli(["run", FIXTURES, "--filter", "devcie_off", "--reporter", "dot"]);
  assert.equal(typo.code, 1, typo.stderr);
  assert.equal(
    typo.stderr,
    'error: Cannot run: no scenario matches --filter "devcie_off" (of 6 scenarios loaded; ' +
      "--pass-with-none accepts none)\n",
  );
  assert.equal(typo.stdout, "");
  const tag = await cli(["run", FIXTURES, "--tag", "runner-fixtrue"]);
  assert.equal(tag.code, 1);
  assert.match(tag.stderr, /^error: Cannot run: no scenario matches --tag "runner-fixtrue" /);
  const accepted = await cli([
    "run",
    FIXTURES,
    "--filter",
    "devcie_off",
    "--pass-with-none",
    "--reporter",
    "dot",
  ]);
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(accepted.stderr, /^No scenario matches --filter "devcie_off" .*; nothing to run\n$/);
  assert.match(accepted.stdout, /0 scenarios: 0 passed/);
});

Deno.test("cli e2e: an empty shard of a fixed CI matrix exits 0 and still writes its report", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const junit = `${dir}/junit-2.xml`;
    const outcome = await cli([
      "run",
      FIXTURES,
      "--filter",
      "device_off",
      "--shard",
      "2/2",
      "--reporter",
      `junit:${junit}`,
    ]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(
      outcome.stderr,
      "Shard 2/2 is empty: 1 selected scenario goes to other shards; nothing to run\n",
    );
    assert.match(await Deno.readTextFile(junit), /<testsuites[^>]* tests="0"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli e2e: exit 2 for a broken scenario file, and nothing is sent", async () => {
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    requests++;
    return new Response("{}");
  });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/good.yaml`, "name: g\nsteps:\n  - call: GetUser\n");
    await Deno.writeTextFile(`${dir}/broken.yaml`, "name: b\nsteps:\n  - call: GetUsr\n");
    const outcome = await cli([
      "run",
      dir,
      "--endpoint",
      `http://127.0.0.1:${server.addr.port}`,
    ]);
    assert.equal(outcome.code, 2);
    assert.deepEqual(outcome.stderr.trimEnd().split("\n"), [
      `${dir}/broken.yaml:3:11: Cannot call "GetUsr": not a Cognito operation (did you mean "GetUser"?)`,
      "error: Cannot run: 1 problem in 1 scenario file; nothing was sent",
    ]);
    assert.equal(requests, 0);
    noStackTrace(outcome);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli e2e: exit 3 when the endpoint does not answer", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const outcome = await cli([
    "run",
    FIXTURES,
    "--endpoint",
    `http://127.0.0.1:${port}`,
    "--provision",
    "--reporter",
    "dot",
  ]);
  assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
  assert.match(outcome.stdout, new RegExp(`Cannot reach "http://127\\.0\\.0\\.1:${port}/"`));
  assert.match(outcome.stdout, /6 scenarios: 0 passed, 0 failed, 6 errored, 0 skipped/);
  noStackTrace(outcome);
});

Deno.test("cli e2e: exit 4 on a failed expectation; every reporter writes its format", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const outcome = await cli([
      "run",
      FIXTURES,
      "--reporter",
      "pretty",
      "--reporter",
      `dot:${dir}/dot.txt`,
      "--reporter",
      `tap:${dir}/run.tap`,
      "--reporter",
      `junit:${dir}/junit.xml`,
      "--reporter",
      `json:${dir}/run.json`,
    ]);
    assert.equal(outcome.code, 4, outcome.stderr);
    assert.equal(outcome.stderr, "");
    assert.match(
      outcome.stdout,
      /^cognito-conformance · 6 scenarios · mock http:\/\/127\.0\.0\.1:\d+\//,
    );
    assert.match(outcome.stdout, /Scenarios {2}6 · 5 passed · 1 failed · 0 errored · 0 skipped/);
    const dot = await Deno.readTextFile(`${dir}/dot.txt`);
    assert.match(dot, /^[.F]{6}\n/);
    const tap = await Deno.readTextFile(`${dir}/run.tap`);
    assert.match(tap, /^TAP version 14\n/);
    assert.match(tap, /^not ok \d+ - wrong_expectation\.yaml/m);
    assert.match(tap, /^1\.\.6$/m);
    const junit = await Deno.readTextFile(`${dir}/junit.xml`);
    assert.match(junit, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    assert.match(junit, /tests="6"/);
    assert.match(junit, /failures="1"/);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/run.json`));
    assert.deepEqual(json.counts, { passed: 5, failed: 1, skipped: 0, errored: 0 });
    assert.equal(json.target.kind, "mock");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli e2e: list prints the catalogue of a folder", async () => {
  const outcome = await cli(["list", FIXTURES, "--format", "markdown"]);
  assert.equal(outcome.code, 0);
  assert.match(outcome.stdout, /^# Scenario catalogue\n/);
  assert.match(outcome.stdout, /\| `device_off_refresh\.yaml` +\| Device tracking OFF/);
});

Deno.test("cli e2e: Ctrl-C lets the running scenario finish and skips the rest (exit 3)", async () => {
  let firstCall: () => void = () => {};
  const called = new Promise<void>((resolve) => firstCall = resolve);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      if (request.method === "GET") return new Response("not found", { status: 404 });
      firstCall();
      await new Promise((resolve) => setTimeout(resolve, 400));
      return new Response('{"UserPools":[]}', {
        headers: { "content-type": "application/x-amz-json-1.1" },
      });
    },
  );
  const dir = await Deno.makeTempDir();
  try {
    for (const name of ["a", "b", "c"]) {
      await Deno.writeTextFile(
        `${dir}/${name}.yaml`,
        `name: ${name}\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 1 }\n`,
      );
    }
    const child = cliCommand([
      "run",
      dir,
      "--endpoint",
      `http://127.0.0.1:${server.addr.port}`,
      "--jobs",
      "1",
      "--reporter",
      "dot",
    ]).spawn();
    await called;
    child.kill("SIGINT");
    const { code, stdout, stderr } = outcomeOf(await child.output());
    assert.equal(code, 3, stdout + stderr);
    assert.match(stderr, /^Stopping: no new scenario starts/);
    assert.match(stdout, /3 scenarios: 1 passed, 0 failed, 0 errored, 2 skipped/);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
