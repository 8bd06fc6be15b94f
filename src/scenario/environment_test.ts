import assert from "node:assert/strict";
import { parseTemplate } from "../template/mod.ts";
import { environmentProblems, environmentReferences } from "./environment.ts";
import { parseScenario } from "./parse.ts";
import type { Scenario } from "./types.ts";

const lines = (...text: string[]) => text.join("\n") + "\n";

function load(text: string, file = "t.yaml"): Scenario {
  const { scenario, errors } = parseScenario(text, file);
  assert.deepEqual(errors.map(String), []);
  assert.ok(scenario);
  return scenario;
}

/** `NAME@line:column` for each reference, in the order returned. */
const placed = (scenario: Scenario, externalVars: string[] = []) =>
  environmentReferences(scenario, { externalVars }).map((r) =>
    `${r.name}@${r.position.line}:${r.position.column}${r.form === "function" ? "()" : ""}`
  );

const everywhere = lines(
  "name: n", // 1
  "vars:", // 2
  "  a: '${env.VAR_A}'", // 3
  "  b: 'pre-${env.VAR_B}-post'", // 4
  "pool: { PoolName: '${env.POOL}' }", // 5
  "client: { ClientName: \"${env('CLIENT')}\" }", // 6
  "users:", // 7
  "  alice:", // 8
  "    username: '${env.USER_NAME}'", // 9
  "    password: '${env.USER_PASSWORD}'", // 10
  "    attributes: { email: '${env.USER_EMAIL}' }", // 11
  "steps:", // 12
  "  - call: GetUser", // 13
  "    let:", // 14
  "      token: '${concat(env.LET_A, env(\"LET_B\"))}'", // 15
  "    request: { AccessToken: '${let_missing_is_not_env}' }", // 16
  "  - call: GetUser", // 17
  "    request: { AccessToken: '${base64(env.REQUEST)}' }", // 18
  "    expect:", // 19
  "      headers: { x-h: '${env.HEADER}' }", // 20
  "      body: { A: '${env.BODY}' }", // 21
  "      error: { type: NotAuthorizedException, message: 'x ${env.MESSAGE}' }", // 22
  "      query: { 'B': '${env.QUERY}' }", // 23
);

Deno.test("environment references: every template place, in file order, at the name", () => {
  const text = everywhere.replace(
    "    request: { AccessToken: '${let_missing_is_not_env}' }\n",
    "    request: { AccessToken: '${token}' }\n",
  );
  assert.deepEqual(placed(load(text)), [
    "VAR_A@3:13",
    "VAR_B@4:17",
    "POOL@5:26",
    "CLIENT@6:30()",
    "USER_NAME@9:22",
    "USER_PASSWORD@10:22",
    "USER_EMAIL@11:33",
    "LET_A@15:28",
    "LET_B@15:39()",
    "REQUEST@18:43",
    "HEADER@20:30",
    "BODY@21:25",
    "MESSAGE@22:64",
    "QUERY@23:28",
  ]);
});

Deno.test("environment references: vars given from outside are not evaluated, so not needed", () => {
  const scenario = load(lines(
    "name: n",
    "vars: { a: '${env.A}', b: '${env.B}' }",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: '${env.A}' }",
  ));
  assert.deepEqual(placed(scenario, ["a"]), ["B@2:34", "A@5:36"]);
  assert.deepEqual(placed(scenario, ["a", "b"]), ["A@5:36"]);
});

Deno.test("environment references: quoted names, repeats, computed names and secrets", () => {
  const scenario = load(lines(
    "name: n",
    "vars: { which: HOME }",
    "secrets: [env.SECRET]",
    "steps:",
    "  - call: GetUser",
    "    request:",
    "      AccessToken: '${env[\"X-Y\"]}'",
    "      A: '${env.TWICE}${env.TWICE}'",
    "      B: '${env(vars.which)}'",
    "      C: '$${env.ESCAPED}'",
  ));
  assert.deepEqual(placed(scenario), ["X-Y@7:26", "TWICE@8:17", "TWICE@8:29"]);
});

Deno.test("environment references: block scalars keep positions; escaped strings point at their start", () => {
  // As for load errors: offsets inside a string with escapes cannot be mapped, so the string's
  // opening quote is the position.
  const scenario = load(lines(
    "name: n",
    "steps:",
    "  - call: GetUser",
    "    request:",
    '      AccessToken: "\\t${env.AFTER_ESCAPE}"',
    "      A: |",
    "        line one",
    "        two ${env.IN_BLOCK}",
  ));
  assert.deepEqual(placed(scenario), ["AFTER_ESCAPE@5:20", "IN_BLOCK@8:19"]);
});

Deno.test("environment references: a template without positions falls back to its owner", () => {
  const scenario: Scenario = {
    id: "built",
    file: "built.yaml",
    name: "built by hand",
    tags: [],
    source: [],
    requires: [],
    vars: [{ name: "a", value: parseTemplate("${env.A}"), position: { line: 7, column: 3 } }],
    users: [],
    secrets: [],
    steps: [],
  };
  assert.deepEqual(environmentReferences(scenario), [
    { name: "A", form: "path", position: { line: 7, column: 3 } },
  ]);
});

Deno.test("environment problems: only unset names, each reference, scenario then file order", () => {
  const first = load(
    lines(
      "name: first",
      "steps:",
      "  - call: GetUser",
      "    request: { AccessToken: '${env.MISSING}', X: '${env.SET}' }",
      "  - call: GetUser",
      "    request: { AccessToken: \"${env('MISSING')}\" }",
    ),
    "first.yaml",
  );
  const second = load(
    lines("name: second", "vars: { a: '${env.OTHER}' }", "steps:", "  - call: GetUser"),
    "second.yaml",
  );
  const asked: string[] = [];
  const problems = environmentProblems([first, second], (name) => {
    asked.push(name);
    return name === "SET";
  });
  assert.deepEqual(problems.map(String), [
    'first.yaml:4:36: Cannot read environment variable "MISSING": it is not set',
    'first.yaml:6:36: Cannot read environment variable "MISSING": it is not set',
    'second.yaml:2:19: Cannot read environment variable "OTHER": it is not set',
  ]);
  assert.deepEqual(asked, ["MISSING", "SET", "MISSING", "OTHER"]);
  assert.ok(problems.every((problem) => problem instanceof SyntaxError));
  assert.deepEqual(
    [problems[2]?.file, problems[2]?.line, problems[2]?.column],
    ["second.yaml", 2, 19],
  );
});

Deno.test("environment problems: suggestions come only from the available names", () => {
  const scenario = load(lines(
    "name: n",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: '${env.COGNITO_TOKN}' }",
  ));
  const none = () => false;
  assert.deepEqual(environmentProblems([scenario], none).map((p) => p.message), [
    'Cannot read environment variable "COGNITO_TOKN": it is not set',
  ]);
  assert.deepEqual(
    environmentProblems([scenario], none, { available: ["COGNITO_TOKEN", "HOME"] }).map((p) =>
      p.message
    ),
    [
      'Cannot read environment variable "COGNITO_TOKN": it is not set (did you mean "COGNITO_TOKEN"?)',
    ],
  );
});

Deno.test("environment problems: external vars and set names leave nothing to report", () => {
  const scenario = load(lines(
    "name: n",
    "vars: { key: '${env.KEY}' }",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: '${vars.key}' }",
  ));
  assert.equal(environmentProblems([scenario], () => false).length, 1);
  assert.deepEqual(environmentProblems([scenario], () => false, { externalVars: ["key"] }), []);
  assert.deepEqual(environmentProblems([scenario], (name) => name === "KEY"), []);
  assert.deepEqual(environmentProblems([], () => false), []);
});
