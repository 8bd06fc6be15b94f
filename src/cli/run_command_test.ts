import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";
import { parseDotenv } from "./_config_files.ts";
import { parseRunArgs } from "./_run_args.ts";

const PASSING = "name: pools\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 5 }\n";

async function withDir<T>(files: Record<string, string>, body: (dir: string) => Promise<T>) {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${name}`.replace(/\/[^/]+$/, ""), { recursive: true });
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("cli run: bad usage is one error line and exit 1, before anything runs", async () => {
  const cases: Array<[string[], string]> = [
    [["--jobs", "0"], 'Cannot use --jobs "0": expected an integer of at least 1'],
    [["--shard", "3/2"], 'Cannot use --shard "3/2": i must be between 1 and 2'],
    [["--filter", "/(/"], 'Cannot use --filter "/(/": '],
    [
      ["--timeout", "soon"],
      'Cannot use --timeout "soon": expected a duration such as 10s or 500ms',
    ],
    [["--reporter", "xml"], 'Cannot use reporter "xml": it is not one of'],
    [["--reporter", "dot", "--reporter", "tap"], 'Cannot use reporters "dot" and "tap"'],
    [
      ["--pool-id", "eu-west-1_x"],
      "Cannot test an existing pool: give both --pool-id and --client-id",
    ],
    [["--var", "no-equals"], 'Cannot use --var "no-equals": expected NAME=VALUE'],
    [["--var", "users.alice.password=x"], "Cannot use --var users.…: user sign-in details are for"],
    [["--env-file", "/no/such/file"], 'Cannot read --env-file "/no/such/file"'],
    [["--frobnicate"], "Cannot parse run options: Unknown option '--frobnicate'"],
    [["--endpoint", "localhost:9229", "x.yaml"], 'Cannot load scenarios: "x.yaml" does not exist'],
  ];
  for (const [args, message] of cases) {
    const io = captureIo();
    assert.equal(await main(["run", ...args], io), ExitCode.Usage, args.join(" "));
    assert.ok(io.err.startsWith(`error: ${message}`), `${args.join(" ")}: ${io.err}`);
    assert.equal(io.err.trimEnd().split("\n").length, 1, io.err);
    assert.equal(io.out, "");
  }
});

Deno.test("cli run: an endpoint that is not a URL is a usage error", async () => {
  await withDir({ "a.yaml": PASSING }, async (dir) => {
    const io = captureIo();
    assert.equal(await main(["run", dir, "--endpoint", "localhost:9229"], io), ExitCode.Usage);
    assert.equal(io.err, 'error: Cannot use endpoint "localhost:9229": it is not an http(s) URL\n');
  });
});

Deno.test("cli run: --help documents every flag", async () => {
  const io = captureIo();
  assert.equal(await main(["run", "--help"], io), ExitCode.Ok);
  for (
    const flag of [
      "--endpoint",
      "--region",
      "--provision",
      "--pool-id",
      "--client-id",
      "--client-secret",
      "--var users.NAME.username=U",
      "--profile",
      "--var NAME=VALUE",
      "--env-file",
      "--filter",
      "--tag",
      "--shard",
      "--jobs",
      "--timeout",
      "--retries",
      "--bail",
      "--reporter NAME[:PATH]",
      "--reporter-output",
      "--show-exchanges",
      "--show-secrets",
      "Exit codes",
    ]
  ) assert.ok(io.out.includes(flag), flag);
});

Deno.test("cli run: scenario files with errors print every problem, exit 2, send nothing", async () => {
  await withDir({
    "good.yaml": PASSING,
    "bad.yaml":
      "name: bad\nsteps:\n  - call: InitiateAuthh\n  - call: GetUser\n    request: { AcessToken: t }\n",
  }, async (dir) => {
    const io = captureIo();
    assert.equal(await main(["run", dir], io), ExitCode.ScenarioError);
    const lines = io.err.trimEnd().split("\n");
    assert.equal(lines.length, 3, io.err);
    assert.match(lines[0]!, /bad\.yaml:3:11: Cannot call "InitiateAuthh"/);
    assert.match(lines[1]!, /bad\.yaml:5:16: Cannot send "AcessToken" in GetUser/);
    assert.equal(
      lines[2],
      "error: Cannot run: 2 problems in 1 scenario file; nothing was sent",
    );
    assert.equal(io.out, "");
  });
});

Deno.test("cli list: scenario files with errors print every problem and a list summary, exit 2", async () => {
  const broken = "name: bad\nsteps:\n  - call: InitiateAuthh\n";
  await withDir({ "good.yaml": PASSING, "bad.yaml": broken, "b2.yaml": broken }, async (dir) => {
    const io = captureIo();
    assert.equal(await main(["list", dir], io), ExitCode.ScenarioError);
    const lines = io.err.trimEnd().split("\n");
    assert.equal(lines.length, 3, io.err);
    assert.match(lines[0]!, /b2\.yaml:3:11: Cannot call "InitiateAuthh"/);
    assert.match(lines[1]!, /bad\.yaml:3:11: Cannot call "InitiateAuthh"/);
    assert.equal(lines[2], "error: Cannot list: 2 problems in 2 scenario files");
    assert.equal(io.out, "");
  });
});

Deno.test("cli run: paths without scenarios exit 1, or 0 with --pass-with-none", async () => {
  await withDir({ "notes.txt": "x" }, async (dir) => {
    const io = captureIo();
    assert.equal(await main(["run", dir], io), ExitCode.Usage);
    assert.match(io.err, /^error: Cannot run: no scenarios in \S+: add \*\.yaml scenario files/);
    assert.match(io.err, /--pass-with-none accepts none\)\n$/);
    assert.equal(io.err.split("\n").length, 2, io.err);
    assert.equal(io.out, "");
    const accepted = captureIo();
    assert.equal(await main(["run", dir, "--pass-with-none"], accepted), ExitCode.Ok);
    assert.match(accepted.err, /^No scenarios in .* yet: add \*\.yaml scenario files there/);
  });
});

const TAGGED = (name: string, tag: string) =>
  `name: ${name}\ntags: [${tag}]\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 5 }\n`;
const THREE = {
  "a.yaml": TAGGED("a", "fast"),
  "b.yaml": TAGGED("b", "fast"),
  "c.yaml": TAGGED("c", "slow"),
};

Deno.test("cli run: --filter or --tag selecting nothing is a usage error unless --pass-with-none", async () => {
  await withDir(THREE, async (dir) => {
    const cases: Array<[string[], string]> = [
      [["--filter", "zzznomatch"], '--filter "zzznomatch"'],
      [["--tag", "nosuchtag"], '--tag "nosuchtag"'],
      [["--filter", "/^[ab]/", "--tag", "slow"], '--filter "/^[ab]/" --tag "slow"'],
      [["--tag", "!fast", "--tag", "!slow", "--shard", "1/2"], '--tag "!fast" --tag "!slow"'],
    ];
    for (const [flags, named] of cases) {
      const io = captureIo();
      assert.equal(await main(["run", dir, ...flags, "--reporter", "json"], io), ExitCode.Usage);
      assert.equal(
        io.err,
        `error: Cannot run: no scenario matches ${named} (of 3 scenarios loaded; ` +
          "--pass-with-none accepts none)\n",
      );
      assert.equal(io.out, "", "nothing ran, nothing was reported");
      const accepted = captureIo();
      const code = await main(
        ["run", dir, ...flags, "--pass-with-none", "--reporter", "json"],
        accepted,
      );
      assert.equal(code, ExitCode.Ok, flags.join(" "));
      assert.equal(
        accepted.err,
        `No scenario matches ${named} (of 3 scenarios loaded); nothing to run\n`,
      );
      assert.deepEqual(JSON.parse(accepted.out).counts, {
        passed: 0,
        failed: 0,
        skipped: 0,
        errored: 0,
      });
    }
  });
});

Deno.test("cli run: an empty shard runs nothing and exits 0, with or without filters", async () => {
  await withDir(THREE, async (dir) => {
    const empty = captureIo();
    assert.equal(
      await main(["run", dir, "--shard", "5/5", "--reporter", "json"], empty),
      ExitCode.Ok,
    );
    assert.equal(
      empty.err,
      "Shard 5/5 is empty: 3 selected scenarios go to other shards; nothing to run\n",
    );
    assert.deepEqual(JSON.parse(empty.out).counts, {
      passed: 0,
      failed: 0,
      skipped: 0,
      errored: 0,
    });
    const filtered = captureIo();
    const args = ["run", dir, "--tag", "slow", "--shard", "2/2", "--reporter", "json"];
    assert.equal(await main(args, filtered), ExitCode.Ok);
    assert.equal(
      filtered.err,
      "Shard 2/2 is empty: 1 selected scenario goes to other shards; nothing to run\n",
    );
    const full = captureIo();
    assert.equal(
      await main(["run", dir, "--shard", "3/5", "--reporter", "json"], full),
      ExitCode.Ok,
    );
    assert.equal(full.err, "");
    assert.deepEqual(JSON.parse(full.out).counts, { passed: 1, failed: 0, skipped: 0, errored: 0 });
  });
});

Deno.test("cli run: --var feeds vars, --env-file feeds env (the process wins)", async () => {
  const scenario = [
    "name: vars",
    "steps:",
    "  - call: ListUserPools",
    "    request: { MaxResults: 5, NextToken: '${vars.token}-${env.FROM_FILE}-${env.BOTH}' }",
    "    expect: { error: { type: InvalidParameterException } }",
  ].join("\n");
  await withDir({ "a.yaml": scenario, ".env": "FROM_FILE=file\nBOTH=file\n" }, async (dir) => {
    const io = captureIo({ BOTH: "process" });
    const code = await main([
      "run",
      `${dir}/a.yaml`,
      "--var",
      "token=cli",
      "--env-file",
      `${dir}/.env`,
      "--reporter",
      "json",
    ], io);
    const report = JSON.parse(io.out);
    const request = report.scenarios[0].steps[0].exchanges[0].request.body;
    assert.equal(request.NextToken, "cli-file-process");
    assert.ok(code === ExitCode.Ok || code === ExitCode.AssertionFailure);
  });
});

Deno.test("cli run: an unset environment variable is a positioned problem, exit 2, before anything is sent", async () => {
  const scenario = [
    "name: env",
    "steps:",
    "  - call: ListUserPools",
    "    request: { MaxResults: 5, NextToken: '${env.CC_TEST_SET}-${env.CC_TEST_UNSET}' }",
  ].join("\n");
  await withDir({ "a.yaml": scenario, ".env": "CC_TEST_FROM_FILE=x\n" }, async (dir) => {
    const io = captureIo({ CC_TEST_SET: "yes" });
    assert.equal(
      await main(["run", `${dir}/a.yaml`, "--endpoint", "http://127.0.0.1:9"], io),
      ExitCode.ScenarioError,
    );
    const lines = io.err.trimEnd().split("\n");
    assert.equal(lines.length, 2, io.err);
    assert.match(
      lines[0]!,
      /a\.yaml:4:\d+: Cannot read environment variable "CC_TEST_UNSET": it is not set/,
    );
    assert.equal(lines[1], "error: Cannot run: 1 problem in 1 scenario file; nothing was sent");
    assert.equal(io.out, "");

    const fromFile = captureIo({ CC_TEST_SET: "yes" });
    await Deno.writeTextFile(`${dir}/.env`, "CC_TEST_UNSET=from-file\n");
    const code = await main(
      ["run", `${dir}/a.yaml`, "--env-file", `${dir}/.env`, "--reporter", "json"],
      fromFile,
    );
    assert.ok(code === ExitCode.Ok || code === ExitCode.AssertionFailure, fromFile.err);
    const report = JSON.parse(fromFile.out);
    assert.equal(report.scenarios[0].steps[0].exchanges[0].request.body.NextToken, "yes-from-file");
  });
});

Deno.test("cli run: reporters write to their own files; missing folders are created", async () => {
  await withDir({ "a.yaml": PASSING }, async (dir) => {
    const io = captureIo();
    const code = await main([
      "run",
      `${dir}/a.yaml`,
      "--reporter",
      "dot",
      "--reporter",
      `junit:${dir}/out/junit.xml`,
      "--reporter",
      "tap",
      "--reporter-output",
      "-",
      "--reporter-output",
      "-",
      "--reporter-output",
      `${dir}/out/run.tap`,
    ], io);
    assert.equal(code, ExitCode.Usage, "a spec with a path cannot also take an output");
    const io2 = captureIo();
    const ok = await main([
      "run",
      `${dir}/a.yaml`,
      "--reporter",
      "dot",
      "--reporter",
      `junit:${dir}/out/junit.xml`,
      "--reporter",
      "tap",
      "--reporter-output",
      "-",
      "--reporter-output",
      `${dir}/out/run.tap`,
    ], io2);
    assert.equal(
      ok,
      ExitCode.Usage,
      "outputs pair by position: the second output meets junit:PATH",
    );
    const io3 = captureIo();
    assert.equal(
      await main([
        "run",
        `${dir}/a.yaml`,
        "--reporter",
        "tap",
        "--reporter",
        `junit:${dir}/out/junit.xml`,
        "--reporter-output",
        `${dir}/out/run.tap`,
      ], io3),
      ExitCode.Ok,
    );
    assert.equal(io3.out, "", "nothing on stdout: every reporter has a file");
    assert.match(await Deno.readTextFile(`${dir}/out/run.tap`), /^TAP version 14\n/);
    assert.match(await Deno.readTextFile(`${dir}/out/junit.xml`), /^<\?xml/);
  });
});

Deno.test("cli run: a report that cannot be written is a runtime error (exit 3)", async () => {
  await withDir({ "a.yaml": PASSING }, async (dir) => {
    const io = captureIo();
    const code = await main(
      ["run", `${dir}/a.yaml`, "--reporter", `json:${dir}/a.yaml/x.json`],
      io,
    );
    assert.equal(code, ExitCode.Runtime);
    assert.match(io.err, /^error: Cannot write report ".*a\.yaml\/x\.json": /);
  });
});

Deno.test("cli run: flags parse into run settings", () => {
  const args = parseRunArgs([
    "a",
    "b",
    "--var",
    "vars.x=1=2",
    "--tag",
    "!slow",
    "--timeout",
    "1.5s",
    "--retries",
    "0",
    "--shard",
    "2/3",
    "--endpoint",
    "http://127.0.0.1:9229",
    "--pool-id",
    "us-east-1_P",
    "--client-id",
    "c",
    "--var",
    "users.alice.username=a@example.com",
  ]);
  assert.deepEqual(args.paths, ["a", "b"]);
  assert.deepEqual(args.vars, { x: "1=2" });
  assert.deepEqual(args.users, { alice: { username: "a@example.com" } });
  assert.equal(args.timeoutMs, 1500);
  assert.equal(args.retries, 0);
  assert.deepEqual(args.shard, { index: 2, total: 3 });
  assert.deepEqual(args.tags, ["!slow"]);
  assert.equal(args.passWithNone, false);
  assert.equal(parseRunArgs(["--pass-with-none"]).passWithNone, true);
});

Deno.test("cli run: dotenv files reject what they cannot read, naming the line", () => {
  assert.deepEqual(parseDotenv("A=1\n\n  # c\nB = two words \n", "f"), { A: "1", B: "two words" });
  assert.throws(() => parseDotenv("A=1\nnot a pair\n", "f"), /line 2 is not KEY=value/);
  assert.throws(() => parseDotenv('A="open\n', "f"), /line 1 has an unclosed quote/);
});

Deno.test("cli list: text, JSON and a deterministic Markdown catalogue; filters apply", async () => {
  const files = {
    "b/second.yaml":
      "name: Second\ntags: [slow]\nrequires: [credentials]\nsteps:\n  - call: GetUser\n",
    "a.yaml":
      "name: First\ntags: [fast]\nsource: [cognito-protocol.md §6.8]\nsteps:\n  - call: GetUser\n",
  };
  await withDir(files, async (dir) => {
    const text = captureIo();
    assert.equal(await main(["list", dir], text), ExitCode.Ok);
    assert.equal(text.out, "a.yaml         First  [fast]\nb/second.yaml  Second  [slow]\n");
    const md = captureIo();
    assert.equal(await main(["list", dir, "--format", "markdown"], md), ExitCode.Ok);
    // Padded as deno fmt writes tables, so the file is committed as the command prints it.
    assert.ok(md.out.includes(
      "| `a.yaml`        | First  | fast |             | cognito-protocol.md §6.8 |\n",
    ));
    assert.ok(md.out.includes(
      "| `b/second.yaml` | Second | slow | credentials |                          |\n",
    ));
    const again = captureIo();
    await main(["list", "--format", "markdown", dir], again);
    assert.equal(again.out, md.out, "the same suite gives the same catalogue, byte for byte");
    assert.ok(md.out.indexOf("`a.yaml`") < md.out.indexOf("`b/second.yaml`"), "sorted by id");
    const json = captureIo();
    await main(["list", dir, "--format", "json", "--tag", "!slow"], json);
    assert.deepEqual(JSON.parse(json.out).map((s: { id: string }) => s.id), ["a.yaml"]);
    const bad = captureIo();
    assert.equal(await main(["list", dir, "--format", "yaml"], bad), ExitCode.Usage);
  });
});
