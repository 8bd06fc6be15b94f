/**
 * The corpus of broken scenario files: each `x.yaml` in `test/scenario_errors/`
 * must produce exactly the positioned messages of `x.expected.txt`. Also: the
 * seed flow parses cleanly, and the committed JSON Schema is the generated one.
 */

import assert from "node:assert/strict";
import { parseScenario, scenarioJsonSchema } from "../src/scenario/mod.ts";
import { Template } from "../src/template/mod.ts";

const corpus = new URL("./scenario_errors/", import.meta.url);

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
