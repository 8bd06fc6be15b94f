import assert from "node:assert/strict";
import { compileQuery } from "../query/mod.ts";
import { JMESPATH_JQ_DEFS, jmespathToJq } from "./jmespath.ts";

const BODIES: unknown[] = [
  {
    AuthenticationResult: {
      AccessToken: "a.b.c",
      ExpiresIn: 3600,
      NewDeviceMetadata: { DeviceKey: "us-east-1_k", DeviceGroupKey: "-g" },
    },
    ChallengeParameters: { USER_ID_FOR_SRP: "alice", "x-y": "dash" },
    Devices: [
      { DeviceKey: "k1", DeviceAttributes: [{ Name: "device_name", Value: "one" }], n: 1 },
      { DeviceKey: "k2", DeviceAttributes: [], n: 5 },
      { DeviceKey: "k3", n: 3 },
    ],
    Nested: [[1, 2], [3], 4],
    Empty: [],
    Flag: false,
    Text: "hello world",
  },
  {},
  { Devices: [] },
];

const EXPRESSIONS = [
  "@",
  "AuthenticationResult",
  "AuthenticationResult.NewDeviceMetadata.DeviceKey",
  "AuthenticationResult.Missing.Deeper",
  'ChallengeParameters."x-y"',
  "Devices[0].DeviceKey",
  "Devices[-1].DeviceKey",
  "Devices[5]",
  "Devices[*].DeviceKey",
  "Devices[].DeviceAttributes[].Value",
  "Devices[?DeviceKey=='k2'].n",
  "Devices[?n > `2`].DeviceKey",
  "Devices[?n >= `3`] | length(@)",
  "Devices[1:].DeviceKey",
  "Nested[]",
  "length(Devices)",
  "length(Text)",
  "keys(AuthenticationResult)",
  "contains(Devices[*].DeviceKey, 'k3')",
  "contains(Text, 'world')",
  "starts_with(Text, 'hell')",
  "ends_with(Text, 'x')",
  "join(', ', Devices[*].DeviceKey)",
  "!Empty",
  "!Flag",
  "Flag || Text",
  "Text && Flag",
  "[Text, Flag]",
  "{key: Devices[0].DeviceKey, count: length(Devices)}",
  "AuthenticationResult.*",
  "type(AuthenticationResult.ExpiresIn)",
  "to_string(AuthenticationResult.ExpiresIn)",
  "max(Devices[*].n)",
  "sort(Devices[*].n)",
  "Devices[?DeviceKey != 'k1'] | [0].DeviceKey",
  '`"lit"`',
];

async function jq(filter: string, input: unknown): Promise<unknown> {
  const child = new Deno.Command("jq", {
    args: ["-c", `${JMESPATH_JQ_DEFS}\n${filter}`],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const output = await child.output();
  if (output.code !== 0) return { jqError: new TextDecoder().decode(output.stderr).trim() };
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

function jmespath(expression: string, input: unknown): unknown {
  try {
    return compileQuery(expression).evaluate(input);
  } catch {
    return "evaluation error";
  }
}

Deno.test("jmespathToJq: every translation gives JMESPath's answer under real jq", async () => {
  const differences: string[] = [];
  for (const expression of EXPRESSIONS) {
    const filter = jmespathToJq(expression);
    assert.ok(filter !== undefined, `no translation of ${expression}`);
    for (const [index, body] of BODIES.entries()) {
      const expected = jmespath(expression, body);
      if (expected === "evaluation error") continue;
      const actual = await jq(filter, body);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(
          `${expression} on body ${index}: jq ${filter} gave ${JSON.stringify(actual)}, ` +
            `JMESPath ${JSON.stringify(expected)}`,
        );
      }
    }
  }
  assert.deepEqual(differences, []);
});

Deno.test("jmespathToJq: plain paths stay plain jq paths", () => {
  assert.equal(jmespathToJq("AuthenticationResult"), ".AuthenticationResult");
  assert.equal(jmespathToJq("a.b[0].c[-1]"), ".a.b[0].c[-1]");
  assert.equal(jmespathToJq('a."x-y".z'), '.a["x-y"].z');
});

Deno.test("jmespathToJq: what jq cannot say is undefined, never a wrong filter", () => {
  for (const expression of ["sort_by(Devices, &n)", "a[::2]", "map(&n, Devices)", "a.[b"]) {
    assert.equal(jmespathToJq(expression), undefined, expression);
  }
});
