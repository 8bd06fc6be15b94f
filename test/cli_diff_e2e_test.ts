/**
 * `diff` as users start it (a subprocess, a clean environment): help, the
 * exit codes of diff(1) — 0 same, 1 different, 2 bad input, 3 a target that
 * cannot run — and one positioned line per problem.
 */

import assert from "node:assert/strict";
import { cli, type CliOutcome } from "./_cli.ts";

const PASSING =
  "name: list pools\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 5 }\n";

async function withDir<T>(files: Record<string, string>, body: (dir: string) => Promise<T>) {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function noStackTrace(outcome: CliOutcome): void {
  assert.doesNotMatch(outcome.stderr, /^\s+at /m, outcome.stderr);
}

Deno.test("cli diff e2e: --help documents targets and the diff(1) exit codes; top-level help lists diff", async () => {
  const help = await cli(["diff", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task cli diff --target A --target B \[PATH…\]/);
  assert.match(help.stdout, /--target embedded:NAME=VALUE/);
  assert.match(help.stdout, /reconfirmDevice/);
  assert.match(help.stdout, /Exit codes \(like diff\(1\), not like run\): 0 the targets agree/);
  assert.equal(help.stderr, "");
  const top = await cli(["--help"]);
  assert.match(top.stdout, /^ {2}diff +Run scenarios against two targets/m);
});

Deno.test("cli diff e2e: bad flags are one error line and exit 2, before anything runs", async () => {
  await withDir({ "a.yaml": PASSING }, async (dir) => {
    const cases: Array<[string[], string]> = [
      [["--frobnicate"], "Cannot parse diff options: Unknown option '--frobnicate'"],
      [["--target", "embedded"], "Cannot diff: give two targets (--target A --target B), not 1"],
      [
        ["--target", "embedded", "--target", "moto"],
        'Cannot use --target "moto": expected embedded, embedded:NAME=VALUE[,…] or an http(s) URL',
      ],
      [
        ["--target", "embedded", "--target", "embedded:reconfirmDevice=never"],
        'Cannot use --target "reconfirmDevice=never": "reconfirmDevice" must be one of "reject", "idempotent"',
      ],
      [
        ["--target", "embedded", "--target", "http://127.0.0.1:1?pool-id=x&client-secret=hunter22"],
        'Cannot use --target "http://127.0.0.1:1?pool-id=x&client-secret=***": an existing pool needs both pool-id and client-id',
      ],
      [
        ["--target", "embedded", "--target", "embedded", "--format", "xml"],
        'Cannot use --format "xml": expected one of text, json, markdown',
      ],
      [
        ["--target", "embedded", "--target", "embedded", "--provision"],
        "Cannot use --provision: no endpoint target without ?pool-id= to provision on",
      ],
      [
        ["--target", "embedded", "--target", "embedded", "--jobs", "0"],
        'Cannot use --jobs "0": expected an integer of at least 1',
      ],
      [
        ["--target", "embedded", "--target", "embedded", "--normalise", "/no/such/rules.yaml"],
        'Cannot read --normalise "/no/such/rules.yaml": no such readable file',
      ],
      [
        ["--target", "embedded", "--target", "embedded", "--filter", "nothing-like-it"],
        'Cannot diff: no scenario matches --filter "nothing-like-it" (of 1 scenario loaded; --pass-with-none accepts none)',
      ],
      [
        ["--target", "embedded", "--target", "embedded", "--output", "/no/such/dir/report.txt"],
        'Cannot write --output "/no/such/dir/report.txt": ',
      ],
    ];
    for (const [args, message] of cases) {
      const outcome = await cli(["diff", ...args, dir]);
      assert.equal(outcome.code, 2, `${args.join(" ")}: ${outcome.stderr}`);
      assert.ok(
        outcome.stderr.startsWith(`error: ${message}`),
        `${args.join(" ")}: ${outcome.stderr}`,
      );
      assert.equal(outcome.stderr.trimEnd().split("\n").length, 1, outcome.stderr);
      assert.ok(!outcome.stderr.includes("hunter22"));
      assert.equal(outcome.stdout, "");
      noStackTrace(outcome);
    }
  });
});

Deno.test("cli diff e2e: a broken scenario file or rules file is positioned (file:line:col), exit 2", async () => {
  await withDir({
    "broken.yaml": "name: broken\nsteps:\n  - call: InitiateAuth\n    requst: {}\n",
  }, async (dir) => {
    const scenario = await cli(["diff", "--target", "embedded", "--target", "embedded", dir]);
    assert.equal(scenario.code, 2, scenario.stderr);
    const lines = scenario.stderr.trimEnd().split("\n");
    assert.match(lines[0]!, new RegExp(`^${dir}/broken\\.yaml:4:5: `));
    assert.equal(
      lines.at(-1),
      "error: Cannot diff: 1 problem in 1 scenario file; nothing was sent",
    );
    assert.equal(scenario.stdout, "");

    await Deno.writeTextFile(`${dir}/broken.yaml`, PASSING);
    // Outside the scenario folder, which is searched for *.yaml.
    const rulesFile = await Deno.makeTempFile({ suffix: ".yaml" });
    await Deno.writeTextFile(rulesFile, "opaque:\n  - Devices\ntokens: maybe\n");
    const rules = await cli([
      "diff",
      "--target",
      "embedded",
      "--target",
      "embedded",
      "--normalise",
      rulesFile,
      `${dir}/broken.yaml`,
    ]);
    await Deno.remove(rulesFile);
    assert.equal(rules.code, 2, rules.stderr);
    assert.equal(
      rules.stderr,
      `${rulesFile}:2:5: Cannot read path "Devices": it must start with "$"\n` +
        `${rulesFile}:3:9: Cannot read "tokens": expected true or false\n` +
        "error: Cannot diff: 2 problems in the --normalise file; nothing was sent\n",
    );
  });
});

Deno.test("cli diff e2e: an endpoint that does not answer is exit 3", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await withDir({ "a.yaml": PASSING }, async (dir) => {
    const outcome = await cli([
      "diff",
      "--target",
      "embedded",
      "--target",
      `http://127.0.0.1:${port}`,
      "--provision",
      dir,
    ]);
    assert.equal(outcome.code, 3, outcome.stderr);
    assert.match(
      outcome.stderr,
      new RegExp(
        `^error: Cannot diff: target B \\(http://127\\.0\\.0\\.1:${port}/\\): Cannot reach "http://127\\.0\\.0\\.1:${port}/": `,
      ),
    );
    assert.equal(outcome.stderr.trimEnd().split("\n").length, 1);
    assert.equal(outcome.stdout, "");
    noStackTrace(outcome);
  });
});

Deno.test("cli diff e2e: agreement is exit 0; --output writes the report and says so", async () => {
  await withDir({ "a.yaml": PASSING }, async (dir) => {
    const same = await cli(["diff", "--target", "embedded", "--target", "embedded", dir]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(
      same.stdout,
      /^--- A: embedded \(embedded mock\)\n\+\+\+ B: embedded \(embedded mock\)\n/,
    );
    assert.match(
      same.stdout,
      /1 scenario: 1 same, 0 different \(0 differences\), 0 not compared, 0 not run\n$/,
    );
    const file = await cli([
      "diff",
      "--target",
      "embedded",
      "--target",
      "embedded",
      dir,
      "--format",
      "markdown",
      "--output",
      `${dir}/diff.md`,
    ]);
    assert.equal(file.code, 0, file.stderr);
    assert.equal(file.stdout, "");
    assert.equal(
      file.stderr,
      `1 scenario: 1 same, 0 different (0 differences), 0 not compared, 0 not run; report written to ${dir}/diff.md\n`,
    );
    assert.match(await Deno.readTextFile(`${dir}/diff.md`), /^## Differential run\n/);
  });
});
