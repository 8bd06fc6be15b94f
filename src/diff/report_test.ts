import assert from "node:assert/strict";
import { compareSuites, type DiffReport } from "./compare.ts";
import { formatDiff } from "./report.ts";
import { fault, jwt, ok, scenario, step, suite } from "./_testing.ts";

/** Four scenarios: one different (with a divergence), one same, one skipped on B, one not run on B. */
function smallReport(): DiffReport {
  const token = (claims: object) => ok({ AuthenticationResult: { AccessToken: jwt(claims) } });
  const a = suite([
    scenario("confirm.yaml", [
      step(0, "InitiateAuth", token({ sub: "s", event_id: "e" })),
      step(1, "ConfirmDevice", fault("DeviceKeyExistsException", "Device | already exists.")),
      step(2, "GetUser", ok({ Username: "alice" })),
    ]),
    scenario("same.yaml", [step(0, "GetUser", ok({ Username: "alice" }))]),
    scenario("clock.yaml", [step(0, "mock.advanceClock", ok({ epochSeconds: 5 }))]),
    scenario("pool.yaml", [step(0, "GetUser", ok({}))]),
  ]);
  const b = suite([
    scenario("confirm.yaml", [
      step(0, "InitiateAuth", token({ sub: "t" })),
      step(1, "ConfirmDevice", ok({ UserConfirmationNecessary: false }), "failed"),
      step(2, "GetUser", undefined, "skipped"),
    ]),
    scenario("same.yaml", [step(0, "GetUser", ok({ Username: "alice" }))]),
    scenario("clock.yaml", [], {
      outcome: "skipped",
      skipReason: 'the target lacks the capability "mock-control"',
    }),
    scenario("pool.yaml", [], {
      outcome: "errored",
      error: 'Cannot reach "http://127.0.0.1:9/": Connection refused',
    }),
  ], 9);
  b.target = { kind: "endpoint", endpoint: "http://127.0.0.1:9/", region: "us-east-1" };
  return compareSuites(a, b, {
    labels: { a: "embedded", b: "http://127.0.0.1:9/" },
  });
}

Deno.test("report: text reads like a diff — A on - lines, B on + lines, steps counted from 1", () => {
  assert.equal(
    formatDiff(smallReport(), "text"),
    [
      "--- A: embedded (embedded mock)",
      "+++ B: http://127.0.0.1:9/ (endpoint)",
      "",
      "~ confirm.yaml: scenario confirm.yaml (A passed, B failed)",
      "  step 1 InitiateAuth: step 1",
      "    - $.AuthenticationResult.AccessToken.event_id: string [a claim]",
      "    + $.AuthenticationResult.AccessToken.event_id: (absent)",
      "  step 2 ConfirmDevice: step 2",
      "    - outcome: passed",
      "    + outcome: failed",
      "    - status: 400",
      "    + status: 200",
      "    - error type: DeviceKeyExistsException",
      "    + error type: (no error)",
      "    - header x-amzn-errortype: DeviceKeyExistsException",
      "    + header x-amzn-errortype: (absent)",
      "    - $.UserConfirmationNecessary: (absent)",
      "    + $.UserConfirmationNecessary: boolean",
      "  step 3 GetUser: step 3",
      "    step 3 ran on A only; B skipped it: an earlier step failed",
      "",
      "? clock.yaml: scenario clock.yaml (A passed, B skipped)",
      '    skipped on B: the target lacks the capability "mock-control"',
      "",
      "! pool.yaml: scenario pool.yaml (A passed, B errored)",
      '    B could not run it: Cannot reach "http://127.0.0.1:9/": Connection refused',
      "",
      "4 scenarios: 1 same, 1 different (7 differences), 1 not compared, 1 not run",
      "",
    ].join("\n"),
  );
});

Deno.test("report: text in colour paints - red and + green, nothing else", () => {
  const text = formatDiff(smallReport(), "text", { color: true });
  assert.ok(text.includes("\x1b[31m    - status: 400\x1b[0m\n\x1b[32m    + status: 200\x1b[0m\n"));
  assert.ok(text.startsWith("--- A: embedded"));
  assert.equal(
    text.replaceAll("\x1b[31m", "").replaceAll("\x1b[32m", "").replaceAll("\x1b[0m", ""),
    formatDiff(smallReport(), "text"),
  );
});

Deno.test("report: Markdown is a summary and two tables, cells escaped", () => {
  assert.equal(
    formatDiff(smallReport(), "markdown"),
    [
      "## Differential run",
      "",
      "| side | target | kind |",
      "| --- | --- | --- |",
      "| A | `embedded` | embedded mock |",
      "| B | `http://127.0.0.1:9/` | endpoint |",
      "",
      "**4 scenarios: 1 same, 1 different (7 differences), 1 not compared, 1 not run.**",
      "",
      "| scenario | step | what | where | A | B |",
      "| --- | --- | --- | --- | --- | --- |",
      "| `confirm.yaml` | 1 `InitiateAuth` | presence | `$.AuthenticationResult.AccessToken.event_id` — a claim | `string` | `(absent)` |",
      "| `confirm.yaml` | 2 `ConfirmDevice` | outcome |  | `passed` | `failed` |",
      "| `confirm.yaml` | 2 `ConfirmDevice` | status |  | `400` | `200` |",
      "| `confirm.yaml` | 2 `ConfirmDevice` | error-type |  | `DeviceKeyExistsException` | `(no error)` |",
      "| `confirm.yaml` | 2 `ConfirmDevice` | header | `x-amzn-errortype` | `DeviceKeyExistsException` | `(absent)` |",
      "| `confirm.yaml` | 2 `ConfirmDevice` | presence | `$.UserConfirmationNecessary` | `(absent)` | `boolean` |",
      "| `confirm.yaml` | 3 `GetUser` | steps | step 3 ran on A only; B skipped it: an earlier step failed | ran | skipped |",
      "",
      "| scenario | status | why |",
      "| --- | --- | --- |",
      '| `clock.yaml` | not-compared | skipped on B: the target lacks the capability "mock-control" |',
      '| `pool.yaml` | not-run | B could not run it: Cannot reach "http://127.0.0.1:9/": Connection refused |',
      "",
    ].join("\n"),
  );
});

Deno.test("report: a | in a value cannot break a Markdown table", () => {
  const report = smallReport();
  report.scenarios[0]!.differences.push({
    kind: "error-message",
    step: 1,
    stepName: "x",
    call: "ConfirmDevice",
    a: "Device | already exists.",
    b: "a `quoted` | text",
  });
  const row = formatDiff(report, "markdown").split("\n").find((line) =>
    line.includes("error-message")
  )!;
  assert.equal(
    row,
    "| `confirm.yaml` | 2 `ConfirmDevice` | error-message |  | `Device \\| already exists.` | ``a `quoted` \\| text`` |",
  );
  assert.equal(row.replace(/\\\|/g, "").split("|").length - 1, 7);
});

Deno.test("report: a target problem of a scenario that compared the same is shown", () => {
  const report = smallReport();
  report.scenarios[1]!.problems = { b: 'Cannot delete user pool "us-east-1_x": gone' };
  const text = formatDiff(report, "text");
  assert.ok(
    text.includes(
      '! same.yaml: scenario same.yaml (A passed, B passed)\n    B: Cannot delete user pool "us-east-1_x": gone\n',
    ),
    text,
  );
  assert.ok(
    formatDiff(report, "markdown").includes(
      '| `same.yaml` | same | B: Cannot delete user pool "us-east-1_x": gone |',
    ),
  );
});

Deno.test("report: JSON is the report object, with a stable shape", () => {
  const report = smallReport();
  const json = formatDiff(report, "json");
  assert.ok(json.endsWith("}\n"));
  const parsed = JSON.parse(json);
  assert.deepEqual(parsed, report);
  assert.deepEqual(Object.keys(parsed), ["version", "targets", "summary", "scenarios"]);
  assert.equal(parsed.version, 1);
  assert.deepEqual(Object.keys(parsed.targets.a), ["label", "kind", "endpoint", "region"]);
  assert.deepEqual(Object.keys(parsed.summary), [
    "scenarios",
    "same",
    "different",
    "notCompared",
    "notRun",
    "differences",
  ]);
  assert.deepEqual(Object.keys(parsed.scenarios[0]!), [
    "id",
    "name",
    "file",
    "outcome",
    "status",
    "differences",
  ]);
  assert.deepEqual(parsed.scenarios[0]!.differences[1], {
    step: 1,
    stepName: "step 2",
    call: "ConfirmDevice",
    kind: "outcome",
    a: "passed",
    b: "failed",
  });
  assert.deepEqual(parsed.scenarios.map((s: { status: string }) => s.status), [
    "different",
    "same",
    "not-compared",
    "not-run",
  ]);
});
