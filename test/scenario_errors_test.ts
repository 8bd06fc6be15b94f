/**
 * The corpora of broken scenario files: each `x.yaml` must produce exactly
 * the positioned messages of `x.expected.txt`.
 *
 * - `test/scenario_errors/`: mistakes a writer makes (parsed from text);
 * - `fixtures/hostile/`: files that attack the loader or are not YAML text
 *   at all (NUL bytes, Latin-1, UTF-16, an executable, billion laughs,
 *   cyclic aliases…), loaded from disk like `run` and `list` do, in a process
 *   of its own under a hang guard, with its peak memory measured; plus the
 *   ones too large to commit (50 MB, nesting thousands deep, too many
 *   values), generated into a temp dir.
 *
 * A few go through the CLI (`list` and `run`): exit 2, one line per
 * problem, no stack trace. Also: the seed flow parses cleanly, and the
 * committed JSON Schema is the generated one.
 */

import assert from "node:assert/strict";
import { parseScenario, SCENARIO_LIMITS, scenarioJsonSchema } from "../src/scenario/mod.ts";
import { ExitCode } from "../src/cli/exit_codes.ts";
import { Template } from "../src/template/mod.ts";
import { cliBounded, loadBounded } from "./_bounded.ts";

const corpus = new URL("./scenario_errors/", import.meta.url);
const hostile = new URL("../fixtures/hostile/", import.meta.url);
/** A load may raise the peak resident set by this much, at most (reading 50 MB would take more). */
const MAX_GROWTH = 64 * 1024 * 1024;

/** One broken file per problem kind the loader must report. */
const REQUIRED_CASES = [
  "yaml_syntax",
  "unknown_top_level_key",
  "unknown_step_key",
  "wrong_type",
  "missing_name",
  "missing_steps",
  "unknown_operation",
  "unknown_matcher",
  "bad_template_syntax",
  "unknown_function",
  "wrong_arity",
  "unsaved_capture",
  "let_before_definition",
  "bad_jmespath",
  "three_problems",
  "source_item_not_a_string",
  "source_cut_by_comment",
  "unknown_error_type",
];

const cases = [...Deno.readDirSync(corpus)]
  .map((entry) => entry.name)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

Deno.test("scenario errors: the corpus covers every required problem kind", () => {
  const names = cases.map((name) => name.replace(/\.yaml$/, ""));
  for (const required of REQUIRED_CASES) {
    assert.ok(names.includes(required), `missing ${required}.yaml`);
  }
});

for (const name of cases) {
  Deno.test(`scenario errors: ${name}`, async () => {
    const text = await Deno.readTextFile(new URL(name, corpus));
    const expected = await Deno.readTextFile(
      new URL(name.replace(/\.yaml$/, ".expected.txt"), corpus),
    );
    const { scenario, errors } = parseScenario(text, name);
    assert.equal(scenario, undefined);
    assert.ok(errors.length > 0);
    assert.equal(errors.map((error) => `${error}\n`).join(""), expected);
  });
}

/** One hostile file per problem kind the loader must survive. */
const REQUIRED_HOSTILE = [
  "unknown_alias",
  "alias_before_anchor",
  "duplicate_flow_key",
  "tab_indentation",
  "unclosed_quote",
  "unclosed_flow",
  "nul_byte",
  "invalid_utf8",
  "utf16",
  "executable",
  "empty",
  "null_root",
  "root_list",
  "root_scalar",
  "billion_laughs",
  "cyclic_alias",
  "deep_alias_chain",
  "cyclic_vars",
  "self_var",
  "cyclic_lets",
  "self_let",
  "lookahead_match",
  "two_documents",
];

const hostileCases = [...Deno.readDirSync(hostile)]
  .map((entry) => entry.name)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

Deno.test("hostile scenarios: the corpus covers every required problem kind", () => {
  const names = hostileCases.map((name) => name.replace(/\.yaml$/, ""));
  for (const required of REQUIRED_HOSTILE) {
    assert.ok(names.includes(required), `missing fixtures/hostile/${required}.yaml`);
  }
});

/** Loads `path` in a bounded process: its messages with `path` shown as `name`. */
async function loadHostile(path: string, name: string): Promise<string> {
  const loaded = await loadBounded([path]);
  assert.equal(loaded.scenarios, 0);
  assert.ok(loaded.errors.length > 0);
  assert.ok(
    loaded.peakGrowth < MAX_GROWTH,
    `${name}: the peak resident set rose by ${loaded.peakGrowth} bytes while loading`,
  );
  return loaded.errors.map((error) => `${error.replace(path, name)}\n`).join("");
}

for (const name of hostileCases) {
  Deno.test(`hostile scenarios: ${name}`, async () => {
    const expected = await Deno.readTextFile(
      new URL(name.replace(/\.yaml$/, ".expected.txt"), hostile),
    );
    assert.equal(await loadHostile(new URL(name, hostile).pathname, name), expected);
  });
}

/** Runs `test` with a temp dir holding the generated file `name` (from `write`). */
async function withGenerated(
  name: string,
  write: (file: Deno.FsFile) => Promise<void>,
  test: (path: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "hostile-" });
  try {
    const path = `${dir}/${name}`;
    {
      using file = await Deno.open(path, { write: true, create: true });
      await write(file);
    }
    await test(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const encoder = new TextEncoder();
const writeText = (text: string) => async (file: Deno.FsFile) => {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
};
/** A valid scenario whose one var is 50 MB long, written a MiB at a time. */
async function write50Mb(file: Deno.FsFile): Promise<void> {
  await writeText("name: fifty megabytes\nsteps: []\nvars:\n  big: ")(file);
  const chunk = new Uint8Array(1024 * 1024).fill("x".charCodeAt(0));
  for (let written = 0; written < 50; written++) {
    for (let at = 0; at < chunk.length;) at += await file.write(chunk.subarray(at));
  }
  await writeText("\n")(file);
}
const FIFTY_MB = "name: fifty megabytes\nsteps: []\nvars:\n  big: ".length + 50 * 1024 * 1024 + 1;

Deno.test("hostile scenarios (generated): a 50 MB file is refused at 1:1 without being read", async () => {
  await withGenerated("big.yaml", write50Mb, async (path) => {
    assert.equal(
      await loadHostile(path, "big.yaml"),
      `big.yaml:1:1: Cannot read the file: it is ${FIFTY_MB} bytes, more than the 1 MiB a ` +
        "scenario file may have\n",
    );
  });
});

Deno.test("hostile scenarios (generated): flow collections 5000 deep stop at level 65", async () => {
  const text = "name: deep\nsteps: []\nvars:\n  v: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
  await withGenerated("deep_flow.yaml", writeText(text), async (path) => {
    // "  v: " ends at column 5; the root mapping is level 1, vars level 2, the first "[" level 3.
    const column = 6 + SCENARIO_LIMITS.maxDepth + 1 - 3;
    assert.equal(
      await loadHostile(path, "deep_flow.yaml"),
      `deep_flow.yaml:4:${column}: Cannot read the scenario: the values nest deeper than 64 levels\n`,
    );
  });
});

Deno.test("hostile scenarios (generated): block mappings 1000 deep stop at level 65", async () => {
  let text = "name: deep\nsteps: []\nvars:\n";
  for (let level = 2; level <= 1001; level++) text += " ".repeat(level - 1) + "k:\n";
  await withGenerated("deep_block.yaml", writeText(text), async (path) => {
    // Line 4 starts the mapping of level 2 (vars' value), indented by one: level 65 starts on
    // line 67, indented by 64.
    assert.equal(
      await loadHostile(path, "deep_block.yaml"),
      "deep_block.yaml:67:65: Cannot read the scenario: the values nest deeper than 64 levels\n",
    );
  });
});

Deno.test("hostile scenarios (generated): a list of 200 000 values stops at the bound", async () => {
  const prefix = "name: wide\nsteps: []\nvars:\n  v: [";
  const text = prefix + Array(200_000).fill("1").join(",") + "]\n";
  await withGenerated("wide.yaml", writeText(text), async (path) => {
    const message = await loadHostile(path, "wide.yaml");
    // name, wide, steps, [], vars, v and the list come first (the root mapping starts no token
    // of its own): item n of the list is value 7 + n.
    const item = SCENARIO_LIMITS.maxValues - 7 + 1;
    assert.equal(
      message,
      `wide.yaml:4:${"  v: [".length + 2 * (item - 1) + 1}: Cannot read the scenario: it holds ` +
        "more than 100000 values\n",
    );
  });
});

Deno.test(
  "hostile scenarios (generated): a device that never ends is read no further than the bound",
  {
    ignore: Deno.build.os === "windows",
  },
  async () => {
    assert.equal(
      await loadHostile("/dev/zero", "zero.yaml"),
      "zero.yaml:1:1: Cannot read the file: it is longer than the 1 MiB a scenario file may have\n",
    );
  },
);

Deno.test("hostile scenarios: one anchor reused 150 times loads (aliases are bounded by size, not count)", async () => {
  const steps = Array(150).fill("  - call: GetUser\n    request: { AccessToken: *t }\n").join("");
  const text = `name: reuse\nvars:\n  token: &t abc\nsteps:\n${steps}`;
  await withGenerated("reuse.yaml", writeText(text), async (path) => {
    const loaded = await loadBounded([path]);
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.scenarios, 1);
  });
});

Deno.test("hostile scenarios: a scenario of 5000 steps (560 KB) loads", async () => {
  let text = "name: long\nsteps:\n";
  const step = (i: number) =>
    `  - call: GetUser\n    request: { AccessToken: "\${t${Math.max(0, i - 1)}.Username}" }\n` +
    `    save: { t${i}: Username }\n`;
  for (let i = 0; i < 5000; i++) text += step(i);
  await withGenerated(
    "long.yaml",
    writeText(text.replace("${t0.Username}", "abc")),
    async (path) => {
      const loaded = await loadBounded([path]);
      assert.deepEqual(loaded.errors, []);
      assert.equal(loaded.scenarios, 1);
    },
  );
});

/** A CLI run that ends in exit 2 with exactly `lines` on stderr and no stack trace. */
function assertScenarioError(outcome: { code: number; stderr: string }, lines: string[]): void {
  assert.equal(outcome.code, ExitCode.ScenarioError, outcome.stderr);
  assert.equal(outcome.stderr, lines.map((line) => `${line}\n`).join(""));
  assert.doesNotMatch(outcome.stderr, /^\s+at /m);
}

Deno.test("hostile scenarios (cli): an unknown alias is exit 2 with its position, for list and run", async () => {
  const file = "fixtures/hostile/unknown_alias.yaml";
  const line = `${file}:5:29: Cannot resolve alias "*nosuchanchor": no anchor "&nosuchanchor" ` +
    "is set before it";
  assertScenarioError(await cliBounded(["list", file]), [
    line,
    "error: Cannot list: 1 problem in 1 scenario file",
  ]);
  assertScenarioError(await cliBounded(["run", file]), [
    line,
    "error: Cannot run: 1 problem in 1 scenario file; nothing was sent",
  ]);
});

Deno.test("hostile scenarios (cli): billion laughs, binary data and 50 MB in one run: every file reported", async () => {
  await withGenerated("big.yaml", write50Mb, async (path) => {
    const laughs = "fixtures/hostile/billion_laughs.yaml";
    const nul = "fixtures/hostile/nul_byte.yaml";
    assertScenarioError(await cliBounded(["run", laughs, nul, path]), [
      `${laughs}:10:10: Cannot expand alias "*e": the scenario would hold more than 100000 values`,
      `${nul}:5:32: Cannot read the file: it holds binary data (control character U+0000), ` +
      "not YAML text",
      `${path}:1:1: Cannot read the file: it is ${FIFTY_MB} bytes, more than the 1 MiB a ` +
      "scenario file may have",
      "error: Cannot run: 3 problems in 3 scenario files; nothing was sent",
    ]);
  });
});

Deno.test("scenario errors: a file with three problems reports all three", async () => {
  const text = await Deno.readTextFile(new URL("three_problems.yaml", corpus));
  assert.equal(parseScenario(text, "three_problems.yaml").errors.length, 3);
});

Deno.test("seed flow: device tracking ON parses cleanly into the expected steps", async () => {
  const file = "test/fixtures/seed_device_on.yaml";
  const text = await Deno.readTextFile(new URL("./fixtures/seed_device_on.yaml", import.meta.url));
  const { scenario, errors } = parseScenario(text, file);
  assert.deepEqual(errors.map(String), []);
  assert.ok(scenario);
  assert.deepEqual(scenario.source, ["cognito-protocol.md §6.8", "aws/aws-sdk-java-v2#1389"]);
  assert.deepEqual(scenario.steps.map((step) => step.call), [
    "InitiateAuth",
    "InitiateAuth",
    "ConfirmDevice",
    "InitiateAuth",
  ]);
  assert.deepEqual(
    scenario.steps[0]!.save.map((capture) => [capture.name, capture.query.expression]),
    [
      ["tokens", "AuthenticationResult"],
      ["device", "AuthenticationResult.NewDeviceMetadata"],
    ],
  );
  assert.deepEqual(scenario.steps[1]!.expect?.error, {
    type: "NotAuthorizedException",
    message: "Invalid Refresh Token.",
  });
  const verifier = scenario.steps[2]!.request?.DeviceSecretVerifierConfig;
  assert.ok(verifier instanceof Template);
  assert.equal(verifier.whole, true);
  assert.deepEqual(verifier.position, { line: 57, column: 35 });
  assert.deepEqual(scenario.steps[3]!.position, { line: 62, column: 5 });
  const body = scenario.steps[3]!.expect?.body as {
    AuthenticationResult: { AccessToken: Record<string, unknown> };
  };
  assert.deepEqual(Object.keys(body.AuthenticationResult.AccessToken), ["$jwt", "$header"]);
});

Deno.test("JSON Schema: the committed schema/scenario.schema.json is the generated one", async () => {
  const committed = JSON.parse(
    await Deno.readTextFile(new URL("../schema/scenario.schema.json", import.meta.url)),
  );
  assert.deepEqual(
    committed,
    scenarioJsonSchema(),
    "regenerate with: deno task cli schema > schema/scenario.schema.json && deno fmt schema",
  );
});
