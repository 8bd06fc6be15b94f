/**
 * The curl fixtures (fixtures/curl/*.sh), written in the styles published
 * recipes use, each converted with from-curl --with-pool: the scenario
 * validates against the JSON Schema, loads as `run` loads it, and runs green
 * on the embedded mock with the --var values a user would give. The broken
 * scripts (fixtures/curl/broken/) are positioned errors.
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import { fromCurl } from "../src/curl/from_curl.ts";
import type { ScenarioResult } from "../src/runner/events.ts";
import { knownRequestMembers, openTarget, runScenario, type Target } from "../src/runner/mod.ts";
import { parseScenario } from "../src/scenario/mod.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const FIXTURES = join(ROOT, "fixtures/curl");

/** The --var values each fixture needs (its placeholders and unset variables). */
const VARS: Record<string, Record<string, string>> = {
  "aws-docs-placeholders.sh": { password: "Passw0rd!Passw0rd" },
  "srp-flow.sh": { PASSWORD: "Passw0rd!Passw0rd" },
  "json-option.sh": { password: "Passw0rd!Passw0rd" },
};

const schema = JSON.parse(await Deno.readTextFile(join(ROOT, "schema/scenario.schema.json")));
const validate = new Ajv2020({ allErrors: true, strict: false, formats: { regex: true } })
  .compile(schema);

function convert(file: string): string {
  const path = join(FIXTURES, file);
  const { yaml } = fromCurl(Deno.readTextFileSync(path), {
    file: `fixtures/curl/${file}`,
    withPool: true,
    readFile: (relative) => {
      try {
        return Deno.readTextFileSync(join(dirname(path), relative));
      } catch {
        return undefined;
      }
    },
    knownRequestMembers,
  });
  return yaml;
}

function explain(result: ScenarioResult): string {
  return JSON.stringify(
    result.steps.map((step) => [step.name, step.outcome, step.failures]),
    null,
    1,
  ) + (result.error === undefined ? "" : `\n${JSON.stringify(result.error)}`);
}

const scripts = [...Deno.readDirSync(FIXTURES)]
  .filter((entry) => entry.isFile && entry.name.endsWith(".sh"))
  .map((entry) => entry.name)
  .sort();

Deno.test("from-curl fixtures: at least ten scripts in varied styles", () => {
  assert.ok(scripts.length >= 10, scripts.join(", "));
});

let target: Target | undefined;
for (const script of scripts) {
  Deno.test(`from-curl fixtures: ${script} converts, validates and runs green on the mock`, async () => {
    const yaml = convert(script);
    assert.equal(validate(parseYaml(yaml)), true, JSON.stringify(validate.errors) + "\n" + yaml);
    const vars = VARS[script] ?? {};
    const { scenario, errors } = parseScenario(yaml, script.replace(/\.sh$/, ".yaml"), {
      knownRequestMembers,
      externalVars: Object.keys(vars),
    });
    assert.deepEqual(errors.map(String), [], yaml);
    target ??= await openTarget();
    const result = await runScenario(scenario!, { target, vars });
    assert.equal(result.outcome, "passed", `${explain(result)}\n${yaml}`);
  });
}

Deno.test({
  name: "from-curl fixtures: close the shared mock",
  fn: async () => {
    await target?.close();
  },
});

Deno.test("from-curl fixtures: the README walkthrough's commands are in readme-walkthrough.sh, verbatim and in order", async () => {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const start = readme.indexOf("## The seed scenario next to the curl commands it replaces");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  // The recipe's blocks; the later ones (from-curl itself, the CLI's helpers) are no step of it.
  const recipe = blocks.slice(
    0,
    blocks.findIndex((block) => block.startsWith("deno task cli ")),
  );
  assert.ok(recipe.length >= 5, `${recipe.length} blocks`);
  const fixture = (await Deno.readTextFile(join(FIXTURES, "readme-walkthrough.sh"))).split("\n");
  let at = 0;
  for (const line of recipe.join("").split("\n").filter((line) => line !== "")) {
    // The mock runs in a second terminal: the fixture keeps that line as a comment.
    const wanted = line.startsWith("deno task mock") ? `#   ${line}` : line;
    const found = fixture.indexOf(wanted, at);
    assert.ok(found >= 0, `README line not in the fixture (in order): ${line}`);
    at = found + 1;
  }
});
