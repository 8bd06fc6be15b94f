import assert from "node:assert/strict";
import type {
  Exchange,
  Failure,
  RecordedResponse,
  ScenarioResult,
  StepResult,
  SuiteResult,
} from "../src/runner/events.ts";
import {
  failureKind,
  failureReason,
  linkBaseFor,
  parseContractArgs,
  renderReport,
  type ServerRun,
} from "./contract.ts";

function exchange(response: RecordedResponse | undefined, body: unknown = {}): Exchange {
  return {
    request: { method: "POST", url: "http://127.0.0.1:1/", headers: {}, body },
    ...(response === undefined ? {} : { response }),
    durationMs: 3.2,
  };
}

function step(
  index: number,
  failures: Failure[],
  exchanges: Exchange[] = [],
  call = "InitiateAuth",
): StepResult {
  return {
    index,
    name: `step ${index}`,
    call,
    outcome: failures.length === 0 ? "passed" : "failed",
    durationMs: 4.1,
    exchanges,
    failures,
  };
}

function scenario(id: string, steps: StepResult[], tags: string[] = []): ScenarioResult {
  const failed = steps.some((s) => s.outcome === "failed");
  return {
    scenario: { id, name: id, file: `scenarios/${id}`, tags },
    outcome: failed ? "failed" : "passed",
    durationMs: 12.5,
    steps,
  };
}

const error = (status: number, type: string, message: string): RecordedResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: { __type: type, message },
});

const tokens: RecordedResponse = {
  status: 200,
  headers: {},
  body: {
    AuthenticationResult: { AccessToken: "«secret:AccessToken#7»" },
    ChallengeParameters: {},
  },
};

Deno.test("failureReason: a wrong error names the expected and the actual type and message", () => {
  const result = scenario("wrong-password.yaml", [
    step(0, [], [exchange(tokens)]),
    step(1, [
      { kind: "assertion", message: "m", path: "$.__type", expected: "NotAuthorizedException" },
      {
        kind: "assertion",
        message: "m",
        path: "$.message",
        expected: "Incorrect username or password.",
      },
    ], [exchange(error(400, "InvalidPasswordException", "Invalid password"))]),
  ]);
  assert.equal(
    failureReason(result),
    'expected NotAuthorizedException "Incorrect username or password.", ' +
      'got InvalidPasswordException "Invalid password"',
  );
  assert.equal(failureKind(result), "different error type or message");
});

Deno.test("failureReason: a status mismatch shows the status and the raw error, plus the rest", () => {
  const unsupported = error(
    500,
    "CognitoLocal#Unsupported",
    "Cognito Local unsupported feature: InitAuth with AuthFlow=USER_SRP_AUTH",
  );
  const result = scenario("srp.yaml", [step(0, [
    {
      kind: "status",
      message: "expected 200, got 500",
      path: "status",
      expected: 200,
      actual: 500,
    },
    { kind: "assertion", message: "x", path: "$.ChallengeName", expected: "PASSWORD_VERIFIER" },
  ], [exchange(unsupported)])]);
  assert.equal(
    failureReason(result),
    'HTTP 500 instead of 200: CognitoLocal#Unsupported "Cognito Local unsupported feature: ' +
      'InitAuth with AuthFlow=USER_SRP_AUTH" (+1 more)',
  );
  assert.equal(failureKind(result), "HTTP 5xx (unsupported or server error)");
});

Deno.test("failureReason: an HTML error page is named by its content type and title", () => {
  const html: RecordedResponse = {
    status: 500,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: "<!doctype html>\n<title>500 Internal Server Error</title>\n<h1>Internal</h1>",
  };
  const result = scenario("confirm.yaml", [step(
    0,
    [
      { kind: "status", message: "", path: "status", expected: 200, actual: 500 },
    ],
    [exchange(html)],
    "ConfirmDevice",
  )]);
  assert.equal(
    failureReason(result),
    'HTTP 500 instead of 200: text/html body "500 Internal Server Error"',
  );
});

Deno.test("failureReason: accepted where Cognito refuses, and refused where it accepts", () => {
  const accepted = scenario("flows.yaml", [step(0, [
    { kind: "status", message: "", path: "status", expected: 400, actual: 200 },
  ], [exchange(tokens)])]);
  assert.equal(
    failureReason(accepted),
    "HTTP 200 instead of 400: {AuthenticationResult, ChallengeParameters}",
  );
  assert.equal(failureKind(accepted), "accepted what Cognito refuses");
  const refused = scenario("alias.yaml", [step(0, [
    { kind: "status", message: "", path: "status", expected: 200, actual: 400 },
  ], [exchange(error(400, "UserNotFoundException", "User does not exist."))])]);
  assert.equal(failureKind(refused), "refused what Cognito accepts");
});

Deno.test("failureReason: a missing member is named by the capture or the template", () => {
  const capture = scenario("device.yaml", [step(0, [
    {
      kind: "capture",
      message: 'Cannot save "device": query "AuthenticationResult.NewDeviceMetadata" found nothing',
    },
    { kind: "assertion", message: "missing", path: "$.AuthenticationResult.NewDeviceMetadata" },
  ], [exchange(tokens)])]);
  assert.equal(
    failureReason(capture),
    'Cannot save "device": query "AuthenticationResult.NewDeviceMetadata" found nothing (+1 more)',
  );
  assert.equal(failureKind(capture), "missing AuthenticationResult.NewDeviceMetadata");
  const render = scenario("seed.yaml", [step(0, [{
    kind: "render",
    message: 'scenarios/seed.yaml:62:27: Cannot render "${response.body.A.B.C}": ' +
      '"B" is not in response.body.A',
  }], [exchange(tokens)])]);
  assert.equal(
    failureReason(render),
    'Cannot render "${response.body.A.B.C}": "B" is not in response.body.A',
  );
  assert.equal(failureKind(render), "missing A.B");
});

Deno.test("failureReason: a template that failed on an error response reports the error", () => {
  const result = scenario("admin.yaml", [step(0, [{
    kind: "render",
    message: 'x.yaml:1:1: Cannot render "${response.body.AuthenticationResult.X}": ' +
      '"AuthenticationResult" is not in response.body',
  }], [exchange(error(500, "CognitoLocal#Unsupported", "no ADMIN_NO_SRP_AUTH"))])]);
  assert.equal(failureReason(result), 'HTTP 500: CognitoLocal#Unsupported "no ADMIN_NO_SRP_AUTH"');
  assert.equal(failureKind(result), "HTTP 5xx (unsupported or server error)");
});

Deno.test("failureReason: an SRP helper's refusal is kept, without the template text", () => {
  const result = scenario("srp.yaml", [
    step(0, [], [exchange(tokens)]),
    step(
      1,
      [{
        kind: "render",
        message: 'scenarios/srp.yaml:45:14: Cannot render "${srp.passwordClaim(challenge, ' +
          'users.alice.password)}": srp.passwordClaim() failed: SECRET_BLOCK is not usable for SRP',
      }],
      [],
      "RespondToAuthChallenge",
    ),
  ]);
  assert.equal(
    failureReason(result),
    "srp.passwordClaim() failed: SECRET_BLOCK is not usable for SRP",
  );
  assert.equal(
    failureKind(result),
    "srp.passwordClaim() cannot use the challenge: SECRET_BLOCK is not usable for SRP",
  );
});

Deno.test("failureReason: run-specific values are normalised, literal ones kept", () => {
  const provisioned = "7swx6d1t56havbw2fe74f50u1";
  const literal = "nosuchclient0000000000000a";
  const body = { ClientId: provisioned, UserPoolId: "local_AbCd1234" };
  const result = scenario("ids.yaml", [step(0, [{
    kind: "assertion",
    message: `expected "Client ${provisioned} in local_AbCd1234, not ${literal}", got ` +
      '"«secret:Session#12»" for 3e9d5d27-c125-4cd1-9dcb-764b7b6bbe62 in us-east-1_0123456789abcdef',
    path: "$.detail",
  }], [exchange(tokens, body), exchange(tokens, { ClientId: literal })])]);
  const reason = failureReason(result, { scenarioText: `ClientId: ${literal}` });
  assert.ok(reason.includes(`Client <ClientId> in <UserPoolId>, not ${literal}`), reason);
  assert.ok(reason.includes('"«secret:Session»" for <uuid> in <pool-id>'), reason);
  assert.ok(!reason.includes(provisioned));
});

Deno.test("failureReason: a message expectation on a success names what came instead", () => {
  const result = scenario("m.yaml", [step(0, [
    { kind: "assertion", message: "", path: "$.message", expected: "Invalid session." },
  ], [exchange(tokens)])]);
  assert.equal(failureReason(result), 'expected an error "Invalid session.", got no error');
});

Deno.test("failureReason: a setup error and a long reason", () => {
  const setup: ScenarioResult = {
    ...scenario("p.yaml", []),
    outcome: "errored",
    error: "Cannot provision user pool: HTTP 400",
  };
  assert.equal(failureReason(setup), "Cannot provision user pool: HTTP 400");
  assert.equal(failureKind(setup), "setup error");
  const long = scenario("long.yaml", [step(0, [{ kind: "transport", message: "x".repeat(500) }])]);
  assert.equal(failureReason(long).length, 240);
  assert.ok(failureReason(long).endsWith("…"));
});

function suite(scenarios: ScenarioResult[]): SuiteResult {
  const counts = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  for (const s of scenarios) counts[s.outcome] += 1;
  return {
    target: { kind: "endpoint", endpoint: "http://127.0.0.1:4/", region: "us-east-1" },
    scenarios,
    counts,
    durationMs: 812.4,
    startedAt: "2026-11-26T11:59:43.123Z",
  };
}

const clock: ScenarioResult = {
  scenario: {
    id: "12-expiry/clock.yaml",
    name: "c",
    file: "scenarios/12-expiry/clock.yaml",
    tags: [],
  },
  outcome: "skipped",
  durationMs: 0.1,
  steps: [],
  skipReason: 'the target lacks the capability "mock-control"',
};

function fixture(): ServerRun[] {
  const seed = (failures: Failure[]) =>
    scenario("01-seed/a.yaml", [step(0, failures, [exchange(tokens)])], ["seed", "assumption"]);
  const wrong = (ok: boolean) =>
    scenario("05-errors/b.yaml", [step(
      0,
      ok ? [] : [
        { kind: "assertion", message: "", path: "$.__type", expected: "NotAuthorizedException" },
      ],
      [exchange(error(400, "InvalidPasswordException", "Invalid password"))],
    )], ["errors"]);
  const pass = { ...clock, outcome: "passed" as const, steps: [] };
  return [
    {
      name: "cognito-local",
      version: "5.3.0 (Node v20.20.2)",
      startedWith: "start-cognito-local.sh",
      suite: suite([wrong(false), seed([]), clock]),
    },
    { name: "moto", version: "unknown", startedWith: "start-moto.sh", notRun: "moto is missing" },
    {
      name: "mock",
      version: "cognito-conformance 0.1.0",
      startedWith: "mock --port 0",
      suite: suite([pass, wrong(true), seed([])]),
    },
  ];
}

Deno.test("renderReport: one row per scenario in id order, servers in a fixed order", () => {
  const text = renderReport({ date: "2026-11-26", denoVersion: "2.9.6", servers: fixture() });
  const rows = text.split("\n").filter((line) => line.startsWith("| [")).join("\n");
  assert.equal(
    rows,
    [
      "| [01-seed/a.yaml](../scenarios/01-seed/a.yaml) | seed, **assumption** | ✓ | · | ✓ |",
      "| [05-errors/b.yaml](../scenarios/05-errors/b.yaml) | errors | ✓ | · | ✗ |",
      "| [12-expiry/clock.yaml](../scenarios/12-expiry/clock.yaml) |  | ✓ | · | – |",
    ].join("\n"),
  );
  assert.ok(text.includes("| scenario | tags | mock | moto | cognito-local |"));
  assert.ok(text.includes("| mock | 3 | 0 | 0 | 0 |  |"));
  assert.ok(text.includes("| moto |  |  |  |  | not run: moto is missing |"));
  assert.ok(
    text.includes(
      '| cognito-local | 1 | 1 | 0 | 1 | 1 skipped: the target lacks the capability "mock-control" |',
    ),
  );
  assert.ok(text.includes("| `different error type or message` |  |  | 1 |"));
  assert.ok(
    text.includes(
      "| `05-errors/b.yaml` | ✗ | 1. InitiateAuth | " +
        '`expected NotAuthorizedException, got InvalidPasswordException "Invalid password"` |',
    ),
    text,
  );
  assert.ok(text.includes("### mock\n\nNo scenario failed or errored."));
  assert.ok(text.includes("### moto\n\nNot run: moto is missing"));
  assert.ok(text.includes("Run on 2026-11-26 with Deno 2.9.6."));
});

Deno.test("renderReport: no times in the body, and the same text whatever the input order", () => {
  const servers = fixture();
  const text = renderReport({ date: "2026-11-26", denoVersion: "2.9.6", servers });
  assert.ok(!/812|12\.5|4\.1|11:59/.test(text), "durations and start times stay out");
  const shuffled = servers.reverse().map((s) =>
    s.suite === undefined
      ? s
      : { ...s, suite: { ...s.suite, scenarios: [...s.suite.scenarios].reverse() } }
  );
  assert.equal(renderReport({ date: "2026-11-26", denoVersion: "2.9.6", servers: shuffled }), text);
});

Deno.test("renderReport: the legend explains ✗ and the assumption tag; cells are escaped", () => {
  const servers = fixture();
  servers[1]!.notRun = "exit 2: moto | flask_cors not importable";
  const text = renderReport({ date: "d", denoVersion: "v", servers }, { linkBase: "" });
  assert.match(text, /✗ means that the server diverges from Cognito as the scenario encodes it/);
  assert.match(text, /Scenarios tagged \*\*assumption\*\* assert the mock's answer/);
  assert.ok(text.includes("[the catalogue](scenarios/CATALOGUE.md)"));
  assert.ok(text.includes("not run: exit 2: moto \\| flask\\_cors not importable"));
});

Deno.test("parseContractArgs and linkBaseFor", () => {
  assert.deepEqual(parseContractArgs([]), {
    servers: ["mock", "moto", "cognito-local"],
    out: "docs/contract-report.md",
    peersDir: ".peers",
    help: false,
  });
  const args = parseContractArgs(["--servers", "cognito-local, mock", "--json-dir", "r", "-h"]);
  assert.deepEqual(args.servers, ["mock", "cognito-local"]);
  assert.equal(args.jsonDir, "r");
  assert.equal(args.help, true);
  assert.throws(() => parseContractArgs(["--servers", "mock,localstack"]), TypeError);
  assert.throws(() => parseContractArgs(["--bogus"]));
  assert.equal(linkBaseFor("docs/contract-report.md", "/repo"), "../");
  assert.equal(linkBaseFor("/elsewhere/r.md", "/repo"), "../repo/");
});
