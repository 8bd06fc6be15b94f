/**
 * The step pipeline against fakes: the fixed order render → send → status →
 * capture → assert, failure kinds and outcomes, timeouts, transport errors,
 * throttling retries with back-off, and `$verify` through the injected
 * verifier.
 */

import assert from "node:assert/strict";
import type { CognitoExchange } from "../src/cognito/client.ts";
import { parseScenario, type Step } from "../src/scenario/mod.ts";
import { builtinFunctions, FUNCTION_SIGNATURES, FunctionRegistry } from "../src/template/mod.ts";
import { runStep, type StepEnvironment, type StepTransport } from "../src/runner/step.ts";

/** A registry with a `trace(label)` function that records when it is evaluated. */
function tracingFunctions(trace: string[]): FunctionRegistry {
  const registry = builtinFunctions().declare({
    name: "trace",
    params: "(label)",
    minArgs: 1,
    maxArgs: 1,
    doc: "test probe",
    secret: false,
  });
  return registry.register("trace", ([label]) => {
    trace.push(String(label));
    return String(label);
  });
}

function stepsOf(yaml: string, functions?: FunctionRegistry): Step[] {
  const catalogue = functions ?? new FunctionRegistry(FUNCTION_SIGNATURES);
  const { scenario, errors } = parseScenario(yaml, "t.yaml", { functions: catalogue });
  assert.deepEqual(errors.map(String), []);
  return scenario!.steps;
}

function exchange(status: number, body: unknown): CognitoExchange {
  return {
    operation: "x",
    request: { method: "POST", url: "http://fake/", headers: {}, body: {} },
    response: { status, headers: {}, body },
    durationMs: 1,
  };
}

function environment(
  transport: Partial<StepTransport>,
  extra: Partial<StepEnvironment> = {},
): StepEnvironment {
  return {
    values: {},
    functions: builtinFunctions(),
    renderOptions: {},
    transport: {
      call: transport.call ?? (() => Promise.resolve(exchange(200, {}))),
      control: transport.control ?? (() => Promise.resolve(exchange(200, {}))),
    },
    timeoutMs: 1000,
    retries: 2,
    retryDelayMs: 100,
    maxRetryDelayMs: 5000,
    random: () => 0.5,
    sleep: () => Promise.resolve(),
    now: () => 0,
    env: () => undefined,
    ...extra,
  };
}

Deno.test("step: render (let, then request) happens before send, expect is rendered after it", async () => {
  const trace: string[] = [];
  const functions = tracingFunctions(trace);
  const [step] = stepsOf(
    [
      "name: x",
      "steps:",
      "  - call: GetUser",
      "    let: { a: '${trace(\"let a\")}', b: '${trace(\"let b\")}' }",
      "    request: { AccessToken: '${trace(\"request\")}' }",
      "    expect: { body: { Username: '${trace(\"expect\")}' } }",
    ].join("\n"),
    functions,
  );
  const env = environment({
    call: (_operation, body) => {
      trace.push(`send ${JSON.stringify(body)}`);
      return Promise.resolve(exchange(200, { Username: "expect" }));
    },
  }, { functions });
  const result = await runStep(step!, env);
  assert.equal(result.outcome, "passed");
  assert.deepEqual(trace, [
    "let a",
    "let b",
    "request",
    'send {"AccessToken":"request"}',
    "expect",
  ]);
  assert.deepEqual(env.values, {}, "let bindings stay inside their step");
});

Deno.test("step: a status mismatch is reported first and suppresses captures; assertions still run", async () => {
  const [step] = stepsOf([
    "name: x",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: t }",
    "    expect: { body: { Username: alice } }",
    "    save: { name: Username }",
  ].join("\n"));
  const env = environment({ call: () => Promise.resolve(exchange(400, { Username: "bob" })) });
  const result = await runStep(step!, env);
  assert.equal(result.outcome, "failed");
  assert.deepEqual(result.failures.map((f) => [f.kind, f.path]), [
    ["status", "status"],
    ["assertion", "$.Username"],
  ]);
  assert.equal(env.values.name, undefined);
});

Deno.test("step: with the status right, capture failures come before assertion failures", async () => {
  const [step] = stepsOf([
    "name: x",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: t }",
    "    expect: { body: { Username: alice } }",
    "    save: { name: Username, missing: NoSuchMember }",
  ].join("\n"));
  const env = environment({ call: () => Promise.resolve(exchange(200, { Username: "bob" })) });
  const result = await runStep(step!, env);
  assert.deepEqual(result.failures.map((f) => f.kind), ["capture", "assertion"]);
  assert.equal(
    result.failures[0]!.message,
    'Cannot save "missing": query "NoSuchMember" found nothing',
  );
  assert.equal(env.values.name, "bob", "the captures that worked are kept");
});

Deno.test("step: a render error fails the step before anything is sent, with the file position", async () => {
  const [step] = stepsOf([
    "name: x",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: '${env.NO_SUCH_VARIABLE}' }",
  ].join("\n"));
  let sent = 0;
  const result = await runStep(
    step!,
    environment({ call: () => (sent++, Promise.resolve(exchange(200, {}))) }, { file: "t.yaml" }),
  );
  assert.equal(result.outcome, "failed");
  assert.equal(sent, 0);
  assert.equal(result.exchanges.length, 0);
  assert.equal(
    result.failures[0]!.message,
    't.yaml:4:30: Cannot render "${env.NO_SUCH_VARIABLE}": environment variable "NO_SUCH_VARIABLE" is not set',
  );
});

Deno.test("step: no response is an errored step (transport), a silent target one (timeout)", async () => {
  const [step] = stepsOf("name: x\nsteps:\n  - call: GetUser\n    request: { AccessToken: t }\n");
  const refused: CognitoExchange = {
    operation: "GetUser",
    request: { method: "POST", url: "http://127.0.0.1:1/", headers: {}, body: {} },
    transportError: "Connection refused (os error 111)",
    durationMs: 1,
  };
  const down = await runStep(step!, environment({ call: () => Promise.resolve(refused) }));
  assert.equal(down.outcome, "errored");
  assert.deepEqual(down.failures, [{
    kind: "transport",
    message: "Cannot send GetUser: Connection refused (os error 111)",
  }]);

  let aborted = false;
  const hang: StepTransport["call"] = (_operation, _body, signal) =>
    new Promise((resolve) =>
      signal.addEventListener("abort", () => {
        aborted = true;
        resolve({ ...refused, transportError: "aborted" });
      })
    );
  const slow = await runStep(step!, environment({ call: hang }, { timeoutMs: 30 }));
  assert.equal(slow.outcome, "errored");
  assert.equal(aborted, true, "the request is aborted, not left running");
  assert.deepEqual(slow.failures, [{
    kind: "timeout",
    message:
      "Cannot finish GetUser (step 1): no response within 30 ms to POST http://127.0.0.1:1/ with {}",
  }]);
  assert.equal(slow.exchanges.length, 1);
  assert.equal(slow.exchanges[0]!.response, undefined);
});

Deno.test("step: the step's own timeout wins over the default", async () => {
  const [step] = stepsOf("name: x\nsteps:\n  - call: GetUser\n    timeout: 20ms\n");
  const hang: StepTransport["call"] = (_o, _b, signal) =>
    new Promise((resolve) =>
      signal.addEventListener("abort", () => resolve(exchange(200, {})), { once: true })
    );
  const result = await runStep(step!, environment({ call: hang }, { timeoutMs: 60_000 }));
  assert.equal(
    result.failures[0]?.message,
    "Cannot finish GetUser (step 1): no response within 20 ms to POST http://fake/ with {}",
  );
});

const THROTTLED = exchange(400, { __type: "TooManyRequestsException", message: "Rate exceeded" });

Deno.test("step: TooManyRequestsException is retried with jittered exponential back-off", async () => {
  const [step] = stepsOf("name: x\nsteps:\n  - call: GetUser\n");
  const answers = [THROTTLED, THROTTLED, THROTTLED, exchange(200, {})];
  const slept: number[] = [];
  const randoms = [0, 1, 0.5];
  const result = await runStep(
    step!,
    environment({ call: () => Promise.resolve(answers.shift()!) }, {
      retries: 3,
      retryDelayMs: 100,
      random: () => randoms.shift()!,
      sleep: (ms) => (slept.push(ms), Promise.resolve()),
    }),
  );
  assert.equal(result.outcome, "passed");
  assert.equal(result.exchanges.length, 4, "every attempt is recorded");
  // attempt n waits between half and all of 100·2^n ms
  assert.deepEqual(slept, [50, 200, 300]);
});

Deno.test("step: retries end at the count, and the back-off is capped", async () => {
  const [step] = stepsOf(
    "name: x\nsteps:\n  - call: GetUser\n    retry: { count: 4, delay: 2s }\n",
  );
  const slept: number[] = [];
  const result = await runStep(
    step!,
    environment({ call: () => Promise.resolve(THROTTLED) }, {
      random: () => 1,
      sleep: (ms) => (slept.push(ms), Promise.resolve()),
    }),
  );
  assert.equal(result.outcome, "failed");
  assert.equal(result.exchanges.length, 5);
  assert.deepEqual(slept, [2000, 4000, 5000, 5000]);
  assert.equal(result.failures[0]?.kind, "status");
});

Deno.test("step: a step that expects TooManyRequestsException is not retried", async () => {
  const [step] = stepsOf(
    "name: x\nsteps:\n  - call: GetUser\n    expect: { error: { type: TooManyRequestsException } }\n",
  );
  let calls = 0;
  const result = await runStep(
    step!,
    environment({ call: () => (calls++, Promise.resolve(THROTTLED)) }, { retries: 5 }),
  );
  assert.equal(result.outcome, "passed");
  assert.equal(calls, 1);
});

Deno.test("step: control steps go through the control transport and are named mock.<action>", async () => {
  const [step] = stepsOf("name: x\nsteps:\n  - control: { advanceClock: 3m }\n");
  const actions: unknown[] = [];
  const result = await runStep(
    step!,
    environment({
      control: (action) => (actions.push(action), Promise.resolve(exchange(200, {}))),
    }),
  );
  assert.equal(result.outcome, "passed");
  assert.equal(result.call, "mock.advanceClock");
  assert.deepEqual(actions, [{ kind: "advanceClock", seconds: 180 }]);
});

Deno.test("step: $verify uses the injected verifier and reports its reason", async () => {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  const token = `${part({ alg: "RS256" })}.${part({ token_use: "access" })}.c2ln`;
  const [step] = stepsOf([
    "name: x",
    "steps:",
    "  - call: GetUser",
    "    expect: { body: { AccessToken: { $jwt: { token_use: access }, $verify: true } } }",
  ].join("\n"));
  const verdicts: string[] = [];
  const run = (valid: boolean) =>
    runStep(
      step!,
      environment({ call: () => Promise.resolve(exchange(200, { AccessToken: token })) }, {
        verifyJwt: (seen) => {
          verdicts.push(seen === token ? "asked" : "wrong token");
          return Promise.resolve(valid ? { valid } : { valid, reason: "signature mismatch" });
        },
      }),
    );
  assert.equal((await run(true)).outcome, "passed");
  const bad = await run(false);
  assert.equal(bad.outcome, "failed");
  assert.match(bad.failures[0]!.message, /signature mismatch/);
  assert.deepEqual(verdicts, ["asked", "asked"]);
});

Deno.test("step: an expect block is rendered again each run if it has templates, once if it has none", async () => {
  const [fixed, templated] = stepsOf(
    [
      "name: x",
      "vars: { name: alice }",
      "steps:",
      "  - call: GetUser",
      "    expect: { body: { Username: alice, Tags: [a, b] } }",
      "  - call: GetUser",
      "    expect: { body: { Username: '${vars.name}' } }",
    ].join("\n"),
  );
  const answer = (name: string) => () =>
    Promise.resolve(exchange(200, { Username: name, Tags: ["a", "b"] }));
  for (const name of ["alice", "bob"]) {
    const env = environment({ call: answer(name) }, { values: { vars: { name } } });
    const result = await runStep(templated!, env);
    assert.equal(result.outcome, "passed", `templated, ${name}`);
  }
  const first = await runStep(fixed!, environment({ call: answer("alice") }));
  const again = await runStep(fixed!, environment({ call: answer("alice") }));
  const wrong = await runStep(fixed!, environment({ call: answer("bob") }));
  assert.deepEqual([first.outcome, again.outcome, wrong.outcome], ["passed", "passed", "failed"]);
  // The shared rendering still reports each run's own mismatch.
  const failures = (await runStep(fixed!, environment({ call: answer("carol") }))).failures;
  assert.deepEqual(failures.map((f) => [f.path, f.expected, f.actual]), [
    ["$.Username", "alice", "carol"],
  ]);
  assert.deepEqual(wrong.failures.map((f) => f.actual), ["bob"]);
});

Deno.test("step: the status is checked first, and a response field an expect template reads but the response lacks is an assertion failure at its path", async () => {
  const [step] = stepsOf([
    "name: x",
    "steps:",
    "  - call: InitiateAuth",
    "    request: { ClientId: c }",
    "    expect:",
    "      body:",
    "        AuthenticationResult:",
    "          AccessToken:",
    "            $jwt: { device_key: '${response.body.AuthenticationResult.NewDeviceMetadata.DeviceKey}' }",
    "    save: { tokens: AuthenticationResult }",
  ].join("\n"));
  const unsupported = {
    __type: "CognitoLocal#Unsupported",
    message: "InitiateAuth: not supported",
  };
  const env = environment({ call: () => Promise.resolve(exchange(500, unsupported)) }, {
    file: "t.yaml",
  });
  const result = await runStep(step!, env);
  assert.equal(result.outcome, "failed");
  assert.deepEqual(
    result.failures.map((f) => [f.kind, f.path, f.message]),
    [
      ["status", "status", "expected 200, got 500"],
      [
        "assertion",
        "$.AuthenticationResult.NewDeviceMetadata.DeviceKey",
        'expected a value at $.AuthenticationResult.NewDeviceMetadata.DeviceKey (read by "${response.body.AuthenticationResult.NewDeviceMetadata.DeviceKey}" at t.yaml:9:34), but the response has no such field',
      ],
    ],
  );
  assert.equal(env.values.tokens, undefined, "no capture after a wrong status");
});

Deno.test("step: the error sugar is checked with the status, before captures and content; a part that cannot render does not hide the others", async () => {
  const [step] = stepsOf([
    "name: x",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: t }",
    "    expect:",
    "      error: { type: NotAuthorizedException, message: Access Token has expired }",
    "      headers: { x-amzn-requestid: '${response.headers.x-amzn-requestid}' }",
    "      body: { __type: NotAuthorizedException }",
    "      query: { message: '${env.NOT_SET}' }",
  ].join("\n"));
  const env = environment({
    call: () => Promise.resolve(exchange(400, { __type: "NotAuthorizedException", message: "m" })),
  }, { file: "t.yaml" });
  const result = await runStep(step!, env);
  assert.deepEqual(result.failures.map((f) => [f.kind, f.path]), [
    ["assertion", "$.message"],
    ["assertion", "headers.x-amzn-requestid"],
    ["render", undefined],
  ]);
  assert.match(result.failures[2]!.message, /^t\.yaml:9:\d+: Cannot render "\$\{env\.NOT_SET\}"/);
});
