import assert from "node:assert/strict";
import { compareScenarios, compareSuites, type Difference } from "./compare.ts";
import { fault, jwt, ok, scenario, step, suite } from "./_testing.ts";

const KEY_1 = "us-east-1_1de9663a-8edd-4972-b2bd-662827c76076";
const KEY_2 = "us-east-1_ec2c2df0-f5df-472f-8c34-ca22d8fc032b";
const KEY_3 = "us-east-1_46f5ad59-c270-4b80-b176-fbe39d5bbbf0";

function brief(differences: readonly Difference[]) {
  return differences.map((d) => [d.step ?? null, d.kind, d.path ?? "", d.a, d.b]);
}

function signIn(key: string, sub: string, pool: string) {
  return ok({
    AuthenticationResult: {
      AccessToken: jwt({ sub, device_key: key, iss: `http://127.0.0.1:1/${pool}`, exp: 1 }),
      NewDeviceMetadata: { DeviceKey: key, DeviceGroupKey: `-${sub.slice(0, 8)}` },
      ExpiresIn: 3600,
    },
    ChallengeParameters: {},
  }, { "x-amzn-requestid": sub });
}

Deno.test("compare: answers that differ only in made-up values are the same", () => {
  const a = scenario("s.yaml", [
    step(0, "InitiateAuth", signIn(KEY_1, "3f923068-fb6f-441f-95eb-75e1956d4915", "us-east-1_AAA")),
    step(1, "ListDevices", ok({ Devices: [{ DeviceKey: KEY_1, DeviceCreateDate: 1.5 }] })),
  ]);
  const b = scenario("s.yaml", [
    step(0, "InitiateAuth", signIn(KEY_2, "75db03b2-6ebf-4b9d-b796-287159a1413c", "us-east-1_BBB")),
    step(1, "ListDevices", ok({ Devices: [{ DeviceKey: KEY_2, DeviceCreateDate: 9.25 }] })),
  ]);
  const diff = compareScenarios(a, b);
  assert.deepEqual(diff.differences, []);
  assert.equal(diff.status, "same");
});

Deno.test("compare: 'the same key as before' and 'a new key' differ", () => {
  const a = scenario("s.yaml", [
    step(0, "InitiateAuth", ok({ NewDeviceMetadata: { DeviceKey: KEY_1 } })),
    step(1, "InitiateAuth", ok({ NewDeviceMetadata: { DeviceKey: KEY_1 } })),
  ]);
  const b = scenario("s.yaml", [
    step(0, "InitiateAuth", ok({ NewDeviceMetadata: { DeviceKey: KEY_2 } })),
    step(1, "InitiateAuth", ok({ NewDeviceMetadata: { DeviceKey: KEY_3 } })),
  ]);
  assert.deepEqual(brief(compareScenarios(a, b).differences), [
    [1, "value", "$.NewDeviceMetadata.DeviceKey", "<device-key#1>", "<device-key#2>"],
  ]);
});

Deno.test("compare: a step that fails on one side ends the comparison with one 'steps' difference", () => {
  const a = scenario("s.yaml", [
    step(0, "InitiateAuth", ok({ AuthenticationResult: {} })),
    step(1, "ConfirmDevice", fault("DeviceKeyExistsException", "Device already exists."), "failed"),
    step(2, "InitiateAuth", undefined, "skipped"),
    step(3, "GetUser", undefined, "skipped"),
  ]);
  const b = scenario("s.yaml", [
    step(0, "InitiateAuth", ok({ AuthenticationResult: {} })),
    step(1, "ConfirmDevice", ok({ UserConfirmationNecessary: false })),
    step(2, "InitiateAuth", ok({})),
    step(3, "GetUser", ok({})),
  ]);
  const diff = compareScenarios(a, b);
  assert.equal(diff.status, "different");
  assert.deepEqual(diff.outcome, { a: "failed", b: "passed" });
  assert.deepEqual(brief(diff.differences), [
    [1, "outcome", "", "failed", "passed"],
    [1, "status", "", 400, 200],
    [1, "error-type", "", "DeviceKeyExistsException", "absent"],
    [1, "header", "x-amzn-errortype", "DeviceKeyExistsException", null],
    [1, "presence", "$.UserConfirmationNecessary", "absent", "boolean"],
    [2, "steps", "", "skipped", "ran"],
  ]);
  assert.equal(
    diff.differences.at(-1)!.note,
    "steps 3–4 ran on B only; A skipped them: an earlier step failed",
  );
  assert.deepEqual(
    [diff.differences[0]!.stepName, diff.differences[0]!.call],
    ["step 2", "ConfirmDevice"],
  );
});

Deno.test("compare: error messages are compared when both sides answer an error", () => {
  const a = scenario("s.yaml", [
    step(
      0,
      "InitiateAuth",
      fault(
        "ResourceNotFoundException",
        "User pool client abcdefghijklmnopqrstuvwxyz does not exist.",
      ),
    ),
  ]);
  const b = scenario("s.yaml", [
    step(
      0,
      "InitiateAuth",
      {
        // The header names the bare type: only the body's __type is qualified.
        ...fault("com.amazonaws.cognito#ResourceNotFoundException", "abcdefghijklmnopqrstuvwxyz"),
        headers: fault("ResourceNotFoundException", "").headers,
      },
    ),
  ]);
  assert.deepEqual(brief(compareScenarios(a, b).differences), [
    [
      0,
      "error-message",
      "",
      "User pool client <client-id#1> does not exist.",
      "<client-id#1>",
    ],
  ]);
});

Deno.test("compare: JWT claims and header members, types and array lengths", () => {
  const a = scenario("s.yaml", [
    step(
      0,
      "InitiateAuth",
      ok({
        AccessToken: jwt({ sub: "s", event_id: "e", exp: 1 }),
        RefreshToken: `${jwt({}, { alg: "RSA-OAEP", enc: "A256GCM" }).split(".")[0]}.a.b.c.d`,
        Devices: [{ Name: "a" }, { Name: "b" }],
        ExpiresIn: 3600,
      }),
    ),
  ]);
  const b = scenario("s.yaml", [
    step(
      0,
      "InitiateAuth",
      ok({
        AccessToken: jwt({ sub: "s", exp: "1" }, { alg: "RS256", kid: "k", typ: "JWT" }),
        RefreshToken: "8e2c1a4e-0d6c-4a3f-9a4e-2f1d3c5b6a7e",
        Devices: [{ Name: "c" }],
        ExpiresIn: 3600,
      }),
    ),
  ]);
  const differences = compareScenarios(a, b).differences;
  assert.deepEqual(brief(differences), [
    [0, "presence", "$.AccessToken.$header.typ", "absent", "string"],
    [0, "presence", "$.AccessToken.event_id", "string", "absent"],
    [0, "type", "$.AccessToken.exp", "number", "string"],
    [0, "length", "$.Devices", 2, 1],
    [0, "value", "$.Devices[0].Name", "a", "c"],
    [0, "type", "$.RefreshToken", "jwe", "string"],
  ]);
  assert.deepEqual(differences.map((d) => d.note), [
    "a jwt header",
    "a claim",
    "a claim",
    undefined,
    undefined,
    undefined,
  ]);
});

Deno.test("compare: no response on one side is a status difference with its failure, nothing else", () => {
  const a = scenario("s.yaml", [step(0, "GetUser", ok({ Username: "alice" }))]);
  const b = scenario("s.yaml", [
    step(0, "GetUser", undefined, "errored", {
      failures: [{ kind: "transport", message: "Cannot reach the endpoint: connection refused" }],
    }),
  ]);
  const differences = compareScenarios(a, b).differences;
  assert.deepEqual(brief(differences), [
    [0, "outcome", "", "passed", "errored"],
    [0, "status", "", 200, null],
  ]);
  assert.equal(differences[1]!.note, "B: Cannot reach the endpoint: connection refused");
  assert.deepEqual(compareScenarios(a, b).problems, {
    b: "step 1: Cannot reach the endpoint: connection refused",
  });
  // Unanswered on both sides: nothing differs, but the targets did not answer — "not run".
  const report = compareSuites(suite([b]), suite([b]), { labels: { a: "A", b: "B" } });
  assert.equal(report.scenarios[0]!.status, "same");
  assert.equal(report.summary.notRun, 1);
});

Deno.test("compare: scenarios a target could not run, or skipped, are not compared", () => {
  const ran = scenario("a.yaml", [step(0, "GetUser", ok({}))]);
  const provisioning = scenario("a.yaml", [], {
    outcome: "errored",
    error: "Cannot provision user pool: InvalidParameterException",
  });
  const skipped = scenario("a.yaml", [], {
    outcome: "skipped",
    skipReason: 'the target lacks the capability "mock-control"',
  });
  const notRun = compareScenarios(ran, provisioning);
  assert.equal(notRun.status, "not-run");
  assert.equal(
    notRun.reason,
    "B could not run it: Cannot provision user pool: InvalidParameterException",
  );
  const notCompared = compareScenarios(ran, skipped);
  assert.equal(notCompared.status, "not-compared");
  assert.equal(notCompared.reason, 'skipped on B: the target lacks the capability "mock-control"');
  assert.equal(compareScenarios(skipped, skipped).reason, `skipped on both: ${skipped.skipReason}`);
  const leftBehind = scenario("a.yaml", [step(0, "GetUser", ok({}))], {
    outcome: "errored",
    error: 'Cannot delete user pool "us-east-1_x": boom; the pool is left behind',
  });
  const withProblem = compareScenarios(ran, leftBehind);
  assert.equal(withProblem.status, "same");
  assert.deepEqual(withProblem.problems, { b: leftBehind.error });

  // Matched by id: a scenario B did not run is "not-run".
  const unmatched = compareSuites(suite([ran]), suite([]), { labels: { a: "A", b: "B" } });
  assert.deepEqual(
    unmatched.scenarios.map((s) => [s.status, s.reason]),
    [["not-run", "B did not run it"]],
  );
  const matched = compareSuites(
    suite([0, 1, 2, 3].map((i) => ({ ...ran, scenario: { ...ran.scenario, id: `${i}` } }))),
    suite([provisioning, skipped, leftBehind, ran].map((result, i) => ({
      ...result,
      scenario: { ...result.scenario, id: `${i}` },
    }))),
    { labels: { a: "embedded", b: "http://127.0.0.1:5055/" } },
  );
  assert.deepEqual(matched.summary, {
    scenarios: 4,
    same: 2,
    different: 0,
    notCompared: 1,
    notRun: 2,
    differences: 0,
  });
  assert.deepEqual(matched.targets.b, {
    label: "http://127.0.0.1:5055/",
    kind: "mock",
    endpoint: "http://127.0.0.1:1/",
    region: "us-east-1",
  });
});
