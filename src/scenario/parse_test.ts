import assert from "node:assert/strict";
import { FUNCTION_SIGNATURES, FunctionRegistry, Template } from "../template/mod.ts";
import { parseScenario } from "./parse.ts";
import type { Scenario } from "./types.ts";

function ok(text: string, options: Parameters<typeof parseScenario>[2] = {}): Scenario {
  const { scenario, errors } = parseScenario(text, "t.yaml", options);
  assert.deepEqual(errors.map(String), []);
  assert.ok(scenario);
  return scenario;
}

function problems(text: string, options: Parameters<typeof parseScenario>[2] = {}): string[] {
  const { scenario, errors } = parseScenario(text, "t.yaml", options);
  assert.equal(scenario, undefined);
  return errors.map(String);
}

const lines = (...text: string[]) => text.join("\n") + "\n";

Deno.test("parse: defaults for optional blocks, users and step names", () => {
  const scenario = ok(lines(
    "name: n",
    "users:",
    "  alice: { password: p }",
    "  bob: { password: q, status: FORCE_CHANGE_PASSWORD, enabled: false, username: '${vars.u}' }",
    "vars: { u: bob-1 }",
    "steps:",
    "  - call: GetUser",
    "  - control: { advanceClock: 3m }",
    "  - control: { throttle: { count: 2, operations: [InitiateAuth] } }",
  ));
  assert.equal(scenario.id, "t.yaml");
  assert.deepEqual(scenario.tags, []);
  assert.deepEqual(scenario.requires, ["mock-control"]);
  assert.deepEqual(
    scenario.users.map((u) => [u.name, u.status, u.enabled, u.username instanceof Template]),
    [["alice", "CONFIRMED", true, false], ["bob", "FORCE_CHANGE_PASSWORD", false, true]],
  );
  assert.deepEqual(scenario.steps.map((s) => s.name), [
    "GetUser",
    "mock.advanceClock",
    "mock.throttle",
  ]);
  assert.deepEqual(scenario.steps.map((s) => s.control), [
    undefined,
    { kind: "advanceClock", seconds: 180 },
    { kind: "throttle", count: 2, operations: ["InitiateAuth"] },
  ]);
  assert.equal(scenario.steps[0]!.expect, undefined);
  assert.equal(scenario.pool, undefined);
});

Deno.test("parse: setClock takes an ISO-8601 instant with a zone, or epoch seconds", () => {
  const scenario = ok(lines(
    "name: n",
    "steps:",
    "  - control: { setClock: 2026-11-04T09:05:07Z }",
    "  - control: { setClock: '2026-11-04T10:05:07.250+01:00' }",
    "  - control: { setClock: 2026-11-04T09:05Z }",
    "  - control: { setClock: 1793783107 }",
  ));
  assert.deepEqual(scenario.steps.map((s) => s.control), [
    { kind: "setClock", epochSeconds: 1793783107 },
    { kind: "setClock", epochSeconds: 1793783107.25 },
    { kind: "setClock", epochSeconds: 1793783100 },
    { kind: "setClock", epochSeconds: 1793783107 },
  ]);
  assert.equal(scenario.steps[0]!.name, "mock.setClock");
  assert.deepEqual(scenario.requires, ["mock-control"]);
});

Deno.test("parse: vars are ordered and may read env and earlier vars", () => {
  const scenario = ok(lines(
    "name: n",
    "vars:",
    "  prefix: ci-${uuid()}",
    "  user: ${vars.prefix}-${env.USER_SUFFIX}",
    "  plain: $${not a template}",
    "steps: [{ call: GetUser }]",
  ));
  assert.deepEqual(scenario.vars.map((v) => v.name), ["prefix", "user", "plain"]);
  assert.equal(scenario.vars[2]!.value, "${not a template}");
  assert.deepEqual(scenario.vars[1]!.position, { line: 4, column: 3 });
  assert.deepEqual(
    problems(lines("name: n", "vars: { a: '${client.id}' }", "steps: [{ call: GetUser }]")),
    [
      't.yaml:2:15: Cannot resolve "client": not available in vars',
    ],
  );
});

Deno.test("parse: let bindings, request and expect see the right names", () => {
  const scenario = ok(lines(
    "name: n",
    "users: { alice: { password: p } }",
    "steps:",
    "  - call: InitiateAuth",
    "    request: { ClientId: '${client.id}', AuthFlow: USER_SRP_AUTH, AuthParameters: { SRP_A: '${srp.start()}' } }",
    "    save: { challenge: ChallengeParameters }",
    "  - call: RespondToAuthChallenge",
    "    let:",
    "      claim: ${srp.passwordClaim(challenge, users.alice.password)}",
    "      signature: ${claim.PASSWORD_CLAIM_SIGNATURE}",
    "    request:",
    "      ChallengeResponses:",
    "        TIMESTAMP: ${claim.TIMESTAMP}",
    "        PASSWORD_CLAIM_SIGNATURE: ${signature}",
    "    expect:",
    "      body: { ChallengeName: { $exists: false } }",
    "      headers: { X-Amzn-RequestId: '${response.headers.x-amzn-requestid}' }",
  ));
  const step = scenario.steps[1]!;
  assert.deepEqual(step.let.map((b) => b.name), ["claim", "signature"]);
  assert.ok(step.let[0]!.value instanceof Template);
  assert.deepEqual(Object.keys(step.expect!.headers!), ["x-amzn-requestid"]);
});

Deno.test("parse: templates keep their file position, also inside quoted strings", () => {
  const scenario = ok(lines(
    "name: n",
    "vars: { k: v }",
    "steps:",
    "  - call: GetUser",
    '    request: { AccessToken: "Bearer ${vars.k}" }',
  ));
  const template = scenario.steps[0]!.request!.AccessToken as Template;
  assert.deepEqual(template.position, { line: 5, column: 30 });
  assert.deepEqual(template.positionAt(template.expressions[0]!.start), { line: 5, column: 37 });
});

Deno.test("parse: timeouts, retries, expect.query and errors", () => {
  const scenario = ok(lines(
    "name: n",
    "steps:",
    "  - call: ListDevices",
    "    timeout: 1.5s",
    "    retry: { count: 2, delay: 250ms }",
    "    expect:",
    "      status: { $oneOf: [200, 400] }",
    "      query: { 'length(Devices)': 1 }",
    "  - call: GetUser",
    "    timeout: 2m",
    "    expect: { error: { type: NotAuthorizedException, message: { $match: revoked } } }",
  ));
  const [list, get] = scenario.steps;
  assert.equal(list!.timeoutMs, 1500);
  assert.deepEqual(list!.retry, { count: 2, delayMs: 250 });
  assert.deepEqual(list!.expect!.status, { $oneOf: [200, 400] });
  assert.equal(list!.expect!.query[0]!.query.evaluate({ Devices: [1] }), 1);
  assert.equal(get!.timeoutMs, 120_000);
  assert.deepEqual(get!.expect!.error, {
    type: "NotAuthorizedException",
    message: { $match: "revoked" },
  });
});

Deno.test("parse: source accepts a string or a list; secrets are checked paths", () => {
  const scenario = ok(lines(
    "name: n",
    "source: cognito-protocol.md §6.8",
    "vars: { apiKey: k }",
    "secrets: [vars.apiKey, env.TOKEN, otp]",
    "steps:",
    "  - call: GetUser",
    "    let: { otp: '${totp(vars.apiKey)}' }",
  ));
  assert.deepEqual(scenario.source, ["cognito-protocol.md §6.8"]);
  assert.deepEqual(scenario.secrets.map((s) => s.segments), [["vars", "apiKey"], ["env", "TOKEN"], [
    "otp",
  ]]);
  assert.deepEqual(
    problems(lines("name: n", "secrets: [vars.nope, 'concat(1)']", "steps: [{ call: GetUser }]")),
    [
      't.yaml:2:16: Cannot resolve "vars.nope": no var "nope" is declared',
      't.yaml:2:22: Cannot read "secrets[1]": expected a path such as "vars.apiKey", got "concat(1)"',
    ],
  );
});

Deno.test("parse: knownRequestMembers flags misspelt members unless the step opts out", () => {
  const known = (operation: string) =>
    operation === "GetUser"
      ? ["AccessToken"]
      : operation === "CreateUserPool"
      ? ["DeviceConfiguration"]
      : undefined;
  const text = lines(
    "name: n",
    "pool: { DeviceConfig: {} }",
    "steps:",
    "  - call: GetUser",
    "    request: { AccesToken: x }",
    "  - call: GetUser",
    "    allowUnknownMembers: true",
    "    request: { Garbage: x }",
    "  - call: ConfirmDevice",
    "    request: { Anything: x }",
  );
  assert.deepEqual(problems(text, { knownRequestMembers: known }), [
    't.yaml:2:9: Cannot send "DeviceConfig" in CreateUserPool: it is not a member of the request (did you mean "DeviceConfiguration"?)',
    't.yaml:5:16: Cannot send "AccesToken" in GetUser: it is not a member of the request (did you mean "AccessToken"?) (set "allowUnknownMembers: true" to send it anyway)',
  ]);
  assert.equal(parseScenario(text, "t.yaml").errors.length, 0);
});

Deno.test("parse: externalVars and custom function catalogues", () => {
  const text = lines(
    "name: n",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: '${md5(vars.token)}' }",
  );
  assert.deepEqual(problems(text), [
    't.yaml:4:32: Cannot call function "md5": it is not defined',
    't.yaml:4:41: Cannot resolve "vars.token": no var "token" is declared',
  ]);
  const functions = new FunctionRegistry([
    ...FUNCTION_SIGNATURES,
    { name: "md5", params: "(text)", minArgs: 1, maxArgs: 1, doc: "test", secret: false },
  ]);
  ok(text, { functions, externalVars: ["token"] });
});

Deno.test("parse: every problem of a file is reported, in file order", () => {
  assert.deepEqual(
    problems(lines(
      "name: n",
      "tags: x",
      "steps:",
      "  - call: GetUser",
      "    expect: { body: { a: { $len: -1 } } }",
      "    save: { 1bad: x, ok: 'a.[' }",
      "    retry: { count: -1 }",
    )),
    [
      't.yaml:2:7: Cannot read "tags": expected a list, got a string ("x")',
      't.yaml:5:34: Cannot use "$len": expected a non-negative integer or a matcher, got -1',
      't.yaml:6:13: Cannot read "steps[0].save": bad key "1bad": expected a name of letters, digits, _ and - that starts with a letter or _',
      't.yaml:6:30: Cannot compile query "a.[": unexpected end of the expression',
      't.yaml:7:21: Cannot read "steps[0].retry.count": expected at least 0, got a number (-1)',
    ],
  );
});

Deno.test("parse: a YAML file that is not a mapping", () => {
  assert.deepEqual(problems("- a\n- b\n"), [
    "t.yaml:1:1: Cannot read the scenario: expected a mapping, got a list",
  ]);
  assert.deepEqual(problems("a: 1\n---\nb: 2\n").length, 1);
});
