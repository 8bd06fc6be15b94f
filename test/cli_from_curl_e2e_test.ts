/**
 * `from-curl` as users start it: help, standard input, --output, positioned
 * errors with exit 2 for scripts it cannot read (fixtures/curl/broken/),
 * usage errors with exit 1, and warnings that never show a secret.
 */

import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import { cli, cliCommand, type CliOutcome, outcomeOf } from "./_cli.ts";

function noStackTrace(outcome: CliOutcome): void {
  assert.doesNotMatch(outcome.stderr, /^\s+at /m, outcome.stderr);
  assert.doesNotMatch(outcome.stderr, /internal error/, outcome.stderr);
}

Deno.test("cli from-curl: --help, and the top-level help lists the command", async () => {
  const help = await cli(["from-curl", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task cli from-curl FILE\|- \[--with-pool\]/);
  assert.equal(help.stderr, "");
  const top = await cli(["--help"]);
  assert.match(
    top.stdout,
    /^ {2}from-curl +Turn a bash script of curl calls to Cognito into a scenario$/m,
  );
});

Deno.test("cli from-curl: reads the script from standard input (-)", async () => {
  const child = cliCommand(["from-curl", "-", "--with-pool", "--name", "from stdin"], {}, {
    stdin: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(await Deno.readFile("fixtures/curl/readme-walkthrough.sh"));
  await writer.close();
  const outcome = outcomeOf(await child.output());
  assert.equal(outcome.code, 0, outcome.stderr);
  const scenario = parseYaml(outcome.stdout) as { name: string; steps: { call: string }[] };
  assert.equal(scenario.name, "from stdin");
  assert.deepEqual(scenario.steps.map((step) => step.call), [
    "InitiateAuth",
    "InitiateAuth",
    "ConfirmDevice",
    "InitiateAuth",
  ]);
  assert.match(
    outcome.stdout,
    /^# Converted by cognito-conformance from-curl from standard input\./,
  );
});

Deno.test("cli from-curl: --output writes the file, and run runs it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const output = `${dir}/walkthrough.yaml`;
    const converted = await cli([
      "from-curl",
      "fixtures/curl/readme-walkthrough.sh",
      "--with-pool",
      "--output",
      output,
    ]);
    assert.equal(converted.code, 0, converted.stderr);
    assert.equal(converted.stdout, "");
    const run = await cli(["run", output, "--reporter", "dot"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /1 scenario: 1 passed, 0 failed/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Each broken script: the one line it must print (file:line:column: Cannot …). */
const BROKEN: Record<string, string> = {
  "form-body.sh":
    "fixtures/curl/broken/form-body.sh:4:1: Cannot read the body of the InitiateAuth call: not JSON even after repair (body line 1, column 39)",
  "double-comma.sh":
    "fixtures/curl/broken/double-comma.sh:4:3: Cannot read the body of the GetUser call: not JSON even after repair (body line 1, column 54)",
  "unterminated-quote.sh":
    "fixtures/curl/broken/unterminated-quote.sh:3:6: Cannot read the script: unterminated single quote",
  "missing-file.sh":
    'fixtures/curl/broken/missing-file.sh:3:17: Cannot read the body of the GetUser call: file "no-such-body.json" does not exist (paths are relative to the script)',
  "no-cognito-call.sh":
    "fixtures/curl/broken/no-cognito-call.sh:1:1: Cannot convert the script: no curl call carries X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>",
};

Deno.test("cli from-curl: scripts it cannot read are one positioned line and exit 2", async () => {
  const files = [...Deno.readDirSync("fixtures/curl/broken")].map((entry) => entry.name).sort();
  assert.deepEqual(files, Object.keys(BROKEN).sort());
  for (const [file, line] of Object.entries(BROKEN)) {
    const outcome = await cli(["from-curl", `fixtures/curl/broken/${file}`]);
    assert.equal(outcome.code, 2, file);
    assert.equal(outcome.stderr, `${line}\n`, file);
    assert.equal(outcome.stdout, "", file);
    noStackTrace(outcome);
  }
});

Deno.test("cli from-curl: no secret of a broken script reaches the error", async () => {
  for (const file of ["form-body.sh", "double-comma.sh"]) {
    const outcome = await cli(["from-curl", `fixtures/curl/broken/${file}`]);
    for (const secret of ["hunter2-Secret!", "eyJhbGciOiJSUzI1NiJ9", "c2VjcmV0"]) {
      assert.ok(!outcome.stderr.includes(secret), `${file}: ${outcome.stderr}`);
    }
  }
});

Deno.test("cli from-curl: unknown curl options are positioned warnings naming no value", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/odd.sh`;
    await Deno.writeTextFile(
      script,
      [
        "curl -s http://127.0.0.1:9229 --frobnicate 'tok-9f8e7d-SECRET' -Z \\",
        "  -H 'Authorization: Bearer eyJraWQiOiJzZWNyZXQifQ.e30.c2ln' \\",
        "  -H 'X-Amz-Target: AWSCognitoIdentityProviderService.GetUser' \\",
        `  -d '{"AccessToken": "<access-token>"}'`,
        "",
      ].join("\n"),
    );
    const outcome = await cli(["from-curl", script]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(
      outcome.stderr,
      new RegExp(
        `^${script}:1:31: warning: curl option "--frobnicate" is not known here; ignored$`,
        "m",
      ),
    );
    assert.match(outcome.stderr, /:1:64: warning: curl option "-Z" is not known here; ignored$/m);
    assert.match(outcome.stderr, /:2:6: note: header "Authorization" is not kept/m);
    for (const secret of ["tok-9f8e7d-SECRET", "eyJraWQiOiJzZWNyZXQifQ"]) {
      assert.ok(!outcome.stderr.includes(secret), outcome.stderr);
      assert.ok(!outcome.stdout.includes(secret), outcome.stdout);
    }
    assert.match(outcome.stdout, /accessToken: <access-token> # placeholder <access-token>/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli from-curl: usage errors are one line and exit 1", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["from-curl"], /^error: Cannot convert: no script given/],
    [["from-curl", "a.sh", "b.sh"], /^error: Cannot convert: one script at a time, got 2/],
    [["from-curl", "no/such/script.sh"], /^error: Cannot read "no\/such\/script.sh": /],
    [
      ["from-curl", "x.sh", "--nope"],
      /^error: Cannot parse from-curl options: Unknown option '--nope'/,
    ],
    [["from-curl", "x.sh", "--name", ""], /^error: Cannot use --name: it is empty$/m],
  ];
  for (const [args, pattern] of cases) {
    const outcome = await cli(args);
    assert.equal(outcome.code, 1, args.join(" "));
    assert.match(outcome.stderr, /^error: [^\n]+\n$/);
    assert.match(outcome.stderr, pattern);
    assert.equal(outcome.stdout, "");
  }
});
