/**
 * Scenario and suite behaviour against a scripted endpoint: event order,
 * skip-after-failure, provisioning and clean-up, existing-pool
 * preconditions, capabilities, unreachable targets, --bail and --jobs.
 */

import assert from "node:assert/strict";
import type { RunEvent, ScenarioResult } from "../src/runner/events.ts";
import { openTarget, runScenario, runSuite, type TargetOptions } from "../src/runner/mod.ts";
import { dotReporter, jsonReporter, junitReporter, prettyReporter, tapReporter } from "../mod.ts";
import { parseScenario, type Scenario } from "../src/scenario/mod.ts";
import {
  cognitoError,
  type FakeAnswer,
  type FakeCall,
  fakeCognito,
} from "./fixtures/runner/fake_cognito.ts";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

function scenario(yaml: string, id = "s.yaml"): Scenario {
  const { scenario, errors } = parseScenario(yaml, id, { id });
  assert.deepEqual(errors.map(String), []);
  return scenario!;
}

/** A fake that provisions like Cognito and answers the rest with `rest`. */
function provisioningFake(rest: (call: FakeCall) => FakeAnswer = () => ({ body: {} })) {
  let pools = 0;
  return fakeCognito((call) => {
    switch (call.operation) {
      case "CreateUserPool":
        return { body: { UserPool: { Id: `us-east-1_Fake${++pools}` } } };
      case "CreateUserPoolClient":
        return {
          body: { UserPoolClient: { ClientId: "client-1", ClientSecret: "s3cr3t-client-secret" } },
        };
      case "AdminCreateUser":
        return { body: { User: { Attributes: [{ Name: "sub", Value: "sub-1" }] } } };
      case "AdminSetUserPassword":
      case "DeleteUserPool":
        return { body: {} };
      default:
        return rest(call);
    }
  });
}

async function collect(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

function target(fetch: typeof globalThis.fetch, extra: TargetOptions = {}): TargetOptions {
  return {
    endpoint: "http://fake.test/",
    fetch,
    provision: true,
    credentials: CREDENTIALS,
    ...extra,
  };
}

const TWO_STEPS = `
name: two steps
users: { alice: { password: "Passw0rd!Passw0rd" } }
steps:
  - name: sign in
    call: InitiateAuth
    request:
      ClientId: \${client.id}
      AuthFlow: USER_PASSWORD_AUTH
      AuthParameters: { USERNAME: "\${users.alice.username}", PASSWORD: "\${users.alice.password}" }
    save: { tokens: AuthenticationResult }
  - name: read the user
    call: GetUser
    request: { AccessToken: "\${tokens.AccessToken}" }
`;

Deno.test("suite: events come in order; a failing step skips the rest; later scenarios still run", async () => {
  const fake = provisioningFake((call) =>
    call.operation === "InitiateAuth"
      ? cognitoError("NotAuthorizedException", "Incorrect username or password.")
      : { body: {} }
  );
  const events = await collect(runSuite(
    [scenario(TWO_STEPS, "a.yaml"), scenario(TWO_STEPS.replace("sign in", "again"), "b.yaml")],
    { target: target(fake.fetch), jobs: 1 },
  ));
  const shape = events.map((event) =>
    event.type === "step:end"
      ? `${event.type} ${event.step.name} ${event.step.outcome}`
      : event.type === "scenario:end"
      ? `${event.type} ${event.result.scenario.id} ${event.result.outcome}`
      : event.type
  );
  assert.deepEqual(shape, [
    "suite:start",
    "scenario:start",
    "step:start",
    "step:end sign in failed",
    "step:end read the user skipped",
    "scenario:end a.yaml failed",
    "scenario:start",
    "step:start",
    "step:end again failed",
    "step:end read the user skipped",
    "scenario:end b.yaml failed",
    "suite:end",
  ]);
  const end = events.at(-1) as Extract<RunEvent, { type: "suite:end" }>;
  assert.deepEqual(end.result.counts, { passed: 0, failed: 2, skipped: 0, errored: 0 });
  assert.equal(end.result.scenarios[0]!.steps[1]!.skipReason, "an earlier step failed");
  // provisioned through the admin API, then deleted
  assert.deepEqual(fake.calls.slice(0, 5).map((c) => c.operation), [
    "CreateUserPool",
    "CreateUserPoolClient",
    "AdminCreateUser",
    "AdminSetUserPassword",
    "InitiateAuth",
  ]);
  assert.equal(fake.calls.filter((c) => c.operation === "DeleteUserPool").length, 2);
  assert.match(fake.calls[0]!.headers.get("authorization") ?? "", /^AWS4-HMAC-SHA256 /);
  assert.equal(fake.calls[4]!.headers.get("authorization"), null, "InitiateAuth is not signed");
});

Deno.test("suite: passwords, client secrets and tokens never leave unmasked; showSecrets shows them", async () => {
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJ0b2tlbl91c2UiOiJhY2Nlc3MifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
  const fake = provisioningFake((call) =>
    call.operation === "InitiateAuth"
      ? {
        body: {
          AuthenticationResult: { AccessToken: token, RefreshToken: "refresh-token-value-1" },
        },
      }
      : cognitoError("NotAuthorizedException", `Access Token has been revoked: ${token}`)
  );
  const text = async (showSecrets: boolean) =>
    JSON.stringify(
      await collect(runSuite([scenario(TWO_STEPS)], { target: target(fake.fetch), showSecrets })),
    );
  const masked = await text(false);
  for (
    const secret of [
      "Passw0rd!Passw0rd",
      token,
      "refresh-token-value-1",
      "s3cr3t-client-secret",
      "test-secret",
    ]
  ) {
    assert.ok(!masked.includes(secret), `${secret} leaked`);
  }
  assert.match(masked, /«secret:AccessToken#1»/);
  const shown = await text(true);
  assert.ok(shown.includes("Passw0rd!Passw0rd") && shown.includes(token));
});

Deno.test("scenario: a provisioning failure errors the scenario and deletes what was created", async () => {
  const fake = fakeCognito((call) => {
    if (call.operation === "CreateUserPool") return { body: { UserPool: { Id: "us-east-1_F" } } };
    if (call.operation === "CreateUserPoolClient") {
      return { body: { UserPoolClient: { ClientId: "c" } } };
    }
    if (call.operation === "AdminCreateUser") {
      return cognitoError(
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
    }
    return { body: {} };
  });
  const result = await runScenario(scenario(TWO_STEPS), { target: target(fake.fetch) });
  assert.equal(result.outcome, "errored");
  assert.equal(
    result.error,
    'Cannot provision user "alice": AdminCreateUser answered 400 InvalidPasswordException ' +
      '"Password did not conform with policy: Password not long enough"',
  );
  assert.deepEqual(result.steps, []);
  assert.equal(fake.calls.at(-1)?.operation, "DeleteUserPool");
});

Deno.test("scenario: scenarios whose requires the target lacks are skipped with the reason", async () => {
  const fake = provisioningFake();
  const result = await runScenario(
    scenario("name: x\nsteps:\n  - control: { advanceClock: 60 }\n"),
    { target: target(fake.fetch) },
  );
  assert.equal(result.outcome, "skipped");
  assert.equal(result.skipReason, 'the target lacks the capability "mock-control"');
  assert.deepEqual(fake.calls, [], "nothing is sent for a skipped scenario");
});

Deno.test("scenario: an unreachable endpoint errors every scenario with the reason", async () => {
  const events = await collect(runSuite([scenario(TWO_STEPS, "a"), scenario(TWO_STEPS, "b")], {
    target: { endpoint: "http://127.0.0.1:9/", provision: true },
  }));
  const end = events.at(-1) as Extract<RunEvent, { type: "suite:end" }>;
  assert.deepEqual(end.result.counts, { passed: 0, failed: 0, skipped: 0, errored: 2 });
  assert.match(end.result.scenarios[0]!.error ?? "", /^Cannot reach "http:\/\/127\.0\.0\.1:9\/": /);
});

Deno.test("scenario: without provisioning nor a pool, only scenarios that need no pool run", async () => {
  const fake = fakeCognito(() => ({ body: { UserPools: [] } }));
  const options = { target: { endpoint: "http://fake.test/", fetch: fake.fetch } };
  const needsPool = await runScenario(scenario(TWO_STEPS), options);
  assert.equal(needsPool.outcome, "skipped");
  assert.match(needsPool.skipReason ?? "", /pass --provision, or --pool-id and --client-id/);
  const poolless = await runScenario(
    scenario("name: x\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 1 }\n"),
    options,
  );
  assert.equal(poolless.outcome, "passed");
});

Deno.test("scenario: an existing pool's blocks are preconditions, checked with Describe calls", async () => {
  const described = {
    UserPool: {
      Id: "eu-west-1_Pool",
      Name: "prod",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
    },
  };
  const fake = fakeCognito((call) => {
    if (call.operation === "DescribeUserPool") return { body: described };
    if (call.operation === "DescribeUserPoolClient") {
      return {
        body: {
          UserPoolClient: {
            ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          },
        },
      };
    }
    if (call.operation === "AdminGetUser") {
      return {
        body: {
          UserStatus: "CONFIRMED",
          Enabled: true,
          UserAttributes: [{ Name: "sub", Value: "s-1" }, {
            Name: "email",
            Value: "alice@example.com",
          }],
        },
      };
    }
    if (call.operation === "GetUser") return { body: { Username: call.body.AccessToken } };
    return { body: {} };
  });
  const existingPool = {
    poolId: "eu-west-1_Pool",
    clientId: "client-9",
    users: { alice: { username: "alice@example.com", password: "real-Passw0rd" } },
  };
  const base = { endpoint: "http://fake.test/", fetch: fake.fetch, existingPool };
  const yaml = (pool: string) => `
name: existing
pool: ${pool}
client: { ExplicitAuthFlows: [ALLOW_REFRESH_TOKEN_AUTH] }
users: { alice: { password: "ignored-in-this-mode" } }
steps:
  - call: GetUser
    request: { AccessToken: "\${users.alice.username}" }
    expect: { body: { Username: "alice@example.com" }, query: { "Username": "\${users.alice.attributes.email}" } }
`;
  const holds = yaml("{ DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } }");
  const ok = await runScenario(scenario(holds), { target: { ...base, credentials: CREDENTIALS } });
  assert.equal(ok.outcome, "passed", JSON.stringify(ok));
  assert.ok(!fake.calls.some((c) => c.operation.startsWith("Create")), "nothing is created");

  const wrong = yaml("{ DeviceConfiguration: { ChallengeRequiredOnNewDevice: false } }");
  const skipped = await runScenario(scenario(wrong), {
    target: { ...base, credentials: CREDENTIALS },
  });
  assert.equal(skipped.outcome, "skipped");
  assert.equal(
    skipped.skipReason,
    "precondition: pool.DeviceConfiguration.ChallengeRequiredOnNewDevice is true, the scenario needs false",
  );

  const unchecked = await runScenario(scenario(holds), { target: base });
  assert.equal(
    unchecked.skipReason,
    "precondition: its pool and client preconditions cannot be checked without AWS credentials",
  );
  const noUser = await runScenario(scenario(holds), {
    target: { ...base, credentials: CREDENTIALS, existingPool: { ...existingPool, users: {} } },
  });
  assert.match(
    noUser.skipReason ?? "",
    /--var users\.alice\.username=… --var users\.alice\.password=…/,
  );
});

Deno.test("suite: --bail stops starting scenarios after the first failure", async () => {
  const fake = provisioningFake((call) =>
    call.operation === "InitiateAuth" ? cognitoError("NotAuthorizedException", "no") : { body: {} }
  );
  const events = await collect(runSuite(
    ["a", "b", "c"].map((id) => scenario(TWO_STEPS, id)),
    { target: target(fake.fetch), jobs: 1, bail: true },
  ));
  const results = (events.at(-1) as Extract<RunEvent, { type: "suite:end" }>).result.scenarios;
  assert.deepEqual(results.map((r) => [r.scenario.id, r.outcome, r.skipReason]), [
    ["a", "failed", undefined],
    ["b", "skipped", "--bail: an earlier scenario did not pass"],
    ["c", "skipped", "--bail: an earlier scenario did not pass"],
  ]);
});

Deno.test("suite: --jobs runs that many scenarios at once, each one's events in order", async () => {
  let running = 0;
  let most = 0;
  const fake = provisioningFake();
  const slowFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.headers.get("x-amz-target")?.endsWith(".ListUserPools")) {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    }
    return fake.fetch(request);
  };
  const many = Array.from(
    { length: 7 },
    (_, k) =>
      scenario(
        `name: s${k}\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 1 }\n`,
        `s${k}`,
      ),
  );
  const events = await collect(runSuite(many, { target: target(slowFetch), jobs: 3 }));
  assert.equal(most, 3);
  const perScenario = new Map<string, string[]>();
  for (const event of events) {
    const id = "scenario" in event
      ? event.scenario.id
      : event.type === "scenario:end"
      ? event.result.scenario.id
      : undefined;
    if (id !== undefined) perScenario.set(id, [...perScenario.get(id) ?? [], event.type]);
  }
  for (const types of perScenario.values()) {
    assert.deepEqual(types, ["scenario:start", "step:start", "step:end", "scenario:end"]);
  }
  const results = (events.at(-1) as Extract<RunEvent, { type: "suite:end" }>).result.scenarios;
  assert.deepEqual(
    results.map((r: ScenarioResult) => r.scenario.id),
    many.map((s) => s.id),
    "results in suite order",
  );
});

Deno.test("suite: one target serves several runs when given opened", async () => {
  const fake = provisioningFake();
  const opened = await openTarget(target(fake.fetch));
  const yaml = "name: x\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 1 }\n";
  assert.equal((await runScenario(scenario(yaml), { target: opened })).outcome, "passed");
  assert.equal((await runScenario(scenario(yaml), { target: opened })).outcome, "passed");
  await opened.close();
});

Deno.test("scenario: a network failure names its cause (calls and mock control actions)", async () => {
  const cause = new Error(
    "error sending request for url (http://fake.test/): client error (Connect): " +
      "tcp connect error: Connection refused (os error 111)",
  );
  // The probe finds the mock (so control steps run); every POST then fails like a closed port.
  const fetch: typeof globalThis.fetch = (_input, init) =>
    (init?.method ?? "GET") === "GET"
      ? Promise.resolve(Response.json({ name: "cognito-conformance-mock" }))
      : Promise.reject(new TypeError("fetch failed", { cause }));
  const reason = "fetch failed: error sending request for url (http://fake.test/): " +
    "client error (Connect): tcp connect error: Connection refused (os error 111)";
  const options = { target: { endpoint: "http://fake.test/", fetch } };
  const call = await runScenario(
    scenario("name: x\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 1 }\n"),
    options,
  );
  assert.equal(call.outcome, "errored");
  assert.deepEqual(call.steps[0]!.failures, [
    { kind: "transport", message: `Cannot send ListUserPools: ${reason}` },
  ]);
  const control = await runScenario(
    scenario("name: y\nsteps:\n  - control: { advanceClock: 1m }\n"),
    options,
  );
  assert.deepEqual(control.steps[0]!.failures, [
    { kind: "transport", message: `Cannot send mock.advanceClock: ${reason}` },
  ]);
});

Deno.test("scenario: a failed clean-up is recorded even when a step failed, and every reporter shows it", async () => {
  const fake = fakeCognito((call) => {
    switch (call.operation) {
      case "CreateUserPool":
        return { body: { UserPool: { Id: "us-east-1_Leak" } } };
      case "CreateUserPoolClient":
        return { body: { UserPoolClient: { ClientId: "c" } } };
      case "AdminCreateUser":
      case "AdminSetUserPassword":
        return { body: { User: { Attributes: [{ Name: "sub", Value: "sub-1" }] } } };
      case "DeleteUserPool":
        return cognitoError("TooManyRequestsException", "Rate exceeded");
      default:
        return cognitoError("NotAuthorizedException", "Incorrect username or password.");
    }
  });
  const events = await collect(runSuite([scenario(TWO_STEPS)], { target: target(fake.fetch) }));
  const end = events.at(-1) as Extract<RunEvent, { type: "suite:end" }>;
  const result = end.result.scenarios[0]!;
  assert.equal(result.outcome, "failed", "the step's failure stays the outcome");
  const leak = 'Cannot delete user pool "us-east-1_Leak": DeleteUserPool answered 400 ' +
    'TooManyRequestsException "Rate exceeded"; the pool is left behind';
  assert.equal(result.error, leak);
  const reporters = {
    dot: dotReporter,
    pretty: prettyReporter,
    tap: tapReporter,
    junit: junitReporter,
    json: jsonReporter,
  };
  for (const [name, reporter] of Object.entries(reporters)) {
    let text = "";
    for await (
      const chunk of reporter((async function* () {
        yield* events;
      })())
    ) text += chunk;
    assert.ok(
      text.includes("the pool is left behind"),
      `${name} does not show the clean-up problem`,
    );
  }
});
