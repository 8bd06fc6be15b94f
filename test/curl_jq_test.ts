/**
 * The expectation → jq compiler of `to-curl` against the assertion engine
 * itself: for every matcher, cases that hold and cases that do not, run
 * through real jq (the one on PATH, 1.6 in CI). Both the per-leaf checks and
 * the one-filter predicate must give the engine's verdict.
 */

import assert from "node:assert/strict";
import { matchValue } from "../src/assert/mod.ts";
import { BODY, expectationChecks, JQ_LIB, type JqContext, predicate } from "../src/curl/jq.ts";
import { parseTemplate, type Template } from "../src/template/mod.ts";

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
const ACCESS = `${b64url({ alg: "RS256", kid: "k1" })}.${
  b64url({
    token_use: "access",
    device_key: "us-east-1_d1",
    auth_time: 1700000000,
    "cognito:groups": ["a"],
  })
}.c2ln`;

const BODY_SAMPLE = {
  AuthenticationResult: {
    AccessToken: ACCESS,
    TokenType: "Bearer",
    ExpiresIn: 3600,
    NewDeviceMetadata: { DeviceKey: "us-east-1_d1", DeviceGroupKey: "-g1" },
  },
  ChallengeParameters: { "x-y": "dash", NULLED: null },
  Devices: [{ DeviceKey: "k1" }, { DeviceKey: "k2", Extra: true }],
  Tags: ["a", "b"],
  Empty: {},
  Flag: false,
  Count: 0,
  __type: "NotAuthorizedException",
  message: "Incorrect username or password.",
};

/** [expectation, holds?] against BODY_SAMPLE; the engine decides, the flag documents intent. */
const CASES: Array<[unknown, boolean]> = [
  [{ AuthenticationResult: { TokenType: "Bearer" } }, true],
  [{ AuthenticationResult: { TokenType: "bearer" } }, false],
  [{ AuthenticationResult: { ExpiresIn: 3600 } }, true],
  [{ AuthenticationResult: { ExpiresIn: "3600" } }, false],
  [{ Flag: false, Count: 0 }, true],
  [{ Flag: null }, false],
  [{ ChallengeParameters: { NULLED: null } }, true],
  [{ ChallengeParameters: { MISSING: null } }, false],
  [{ ChallengeParameters: { "x-y": "dash" } }, true],
  [{ Empty: {} }, true],
  [{ Tags: {} }, false],
  [{ Nothing: {} }, false],
  [{ Tags: ["a", "b"] }, true],
  [{ Tags: ["a"] }, false],
  [{ Tags: ["b", "a"] }, false],
  [{ Devices: [{ DeviceKey: "k1" }, {}] }, true],
  [{ Devices: [{ DeviceKey: "k1" }, { DeviceKey: "k1" }] }, false],
  // $type
  [{ AuthenticationResult: { AccessToken: { $type: "string" } } }, true],
  [{ AuthenticationResult: { AccessToken: { $type: "object" } } }, false],
  [{ Tags: { $type: "array" }, Empty: { $type: "object" }, Flag: { $type: "boolean" } }, true],
  [{ ChallengeParameters: { NULLED: { $type: "null" } } }, true],
  [{ ChallengeParameters: { MISSING: { $type: "null" } } }, false],
  [{ Missing: { $type: "string" } }, false],
  // $exists
  [{ AuthenticationResult: { RefreshToken: { $exists: false } } }, true],
  [{ AuthenticationResult: { TokenType: { $exists: false } } }, false],
  [{ ChallengeParameters: { NULLED: { $exists: true } } }, true],
  [{ ChallengeParameters: { MISSING: { $exists: true } } }, false],
  [{ Missing: { Deeper: { $exists: false } } }, false],
  // $match
  [{ AuthenticationResult: { NewDeviceMetadata: { DeviceKey: { $match: "^us-east-1_" } } } }, true],
  [{ AuthenticationResult: { NewDeviceMetadata: { DeviceKey: { $match: "^eu-" } } } }, false],
  [{ Count: { $match: "0" } }, false],
  [{ message: { $match: "username or password\\.$" } }, true],
  // $oneOf
  [{ __type: { $oneOf: ["NotAuthorizedException", "UserNotFoundException"] } }, true],
  [{ __type: { $oneOf: ["UserNotFoundException", { $match: "^Invalid" }] } }, false],
  [{ Count: { $oneOf: [1, { $type: "number" }] } }, true],
  // $len
  [{ Tags: { $len: 2 }, message: { $len: 31 }, Empty: { $len: 0 } }, true],
  [{ Tags: { $len: 3 } }, false],
  [{ Devices: { $len: { $oneOf: [1, 2] } } }, true],
  [{ Count: { $len: 1 } }, false],
  // $not
  [{ __type: { $not: "UserNotFoundException" } }, true],
  [{ __type: { $not: { $match: "^NotAuth" } } }, false],
  [{ Missing: { $not: { $type: "string" } } }, true],
  [{ Missing: { Deeper: { $not: "x" } } }, false],
  // $contains
  [{ Tags: { $contains: "b" } }, true],
  [{ Tags: { $contains: ["a", "b"] } }, true],
  [{ Tags: { $contains: ["a", "c"] } }, false],
  [{ Devices: { $contains: { DeviceKey: "k2" } } }, true],
  [{ Devices: { $contains: { DeviceKey: { $match: "^x" } } } }, false],
  [{ Empty: { $contains: "a" } }, false],
  // $exact
  [{
    AuthenticationResult: {
      NewDeviceMetadata: { $exact: true, DeviceKey: { $type: "string" }, DeviceGroupKey: "-g1" },
    },
  }, true],
  [{ Devices: [{ $exact: true, DeviceKey: "k1" }, { $exact: true, DeviceKey: "k2" }] }, false],
  // $jwt and $header
  [{
    AuthenticationResult: {
      AccessToken: { $jwt: { token_use: "access", device_key: "us-east-1_d1" } },
    },
  }, true],
  [{ AuthenticationResult: { AccessToken: { $jwt: { token_use: "id" } } } }, false],
  [{
    AuthenticationResult: {
      AccessToken: {
        $jwt: { "cognito:groups": { $contains: "a" }, auth_time: { $type: "number" } },
      },
    },
  }, true],
  [{ AuthenticationResult: { AccessToken: { $jwt: { device_key: { $exists: false } } } } }, false],
  [{ AuthenticationResult: { AccessToken: { $jwt: true, $header: { alg: "RS256" } } } }, true],
  [{ AuthenticationResult: { AccessToken: { $jwt: true, $header: { alg: "HS256" } } } }, false],
  [{ AuthenticationResult: { TokenType: { $jwt: true } } }, false],
  [{ message: { $jwt: { token_use: "access" } } }, false],
  // composed
  [{
    Devices: [{ DeviceKey: { $type: "string", $not: "k2" } }, {
      DeviceKey: { $type: "string", $not: "k1" },
    }],
  }, true],
  [{ Devices: [{ DeviceKey: { $type: "string", $not: "k1" } }, {}] }, false],
  [{ $exact: true, AuthenticationResult: {} }, false],
  [{ $not: { __type: "NotAuthorizedException" } }, false],
];

async function jqBooleans(filters: readonly string[], input: unknown, args: string[] = []) {
  const program = `${JQ_LIB}\n. as $body | [${
    filters.map((filter) => `(try (${filter}) catch false)`).join(", ")
  }]`;
  const child = new Deno.Command("jq", {
    args: ["-c", ...args, program],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const output = await child.output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr) + program);
  return JSON.parse(new TextDecoder().decode(output.stdout)) as boolean[];
}

const NO_TEMPLATES: JqContext = {
  template: () => {
    throw new Error("no templates here");
  },
};

Deno.test("jq compiler: every matcher, holding and not, agrees with the assertion engine", async () => {
  const disagreements: string[] = [];
  for (const [expected, intent] of CASES) {
    const engine = (matchValue(BODY_SAMPLE, expected) as unknown[]).length === 0;
    assert.equal(engine, intent, `the case's intent is wrong: ${JSON.stringify(expected)}`);
    const checks = expectationChecks(expected, BODY, NO_TEMPLATES);
    const filters = checks.flatMap((check) => "filter" in check ? [check.filter] : []);
    assert.equal(filters.length, checks.length, "nothing here needs $verify");
    const [whole, ...each] = await jqBooleans(
      [predicate(expected, BODY, NO_TEMPLATES), ...filters],
      BODY_SAMPLE,
    );
    if (whole !== engine) disagreements.push(`predicate ${JSON.stringify(expected)}: ${whole}`);
    if (each.every(Boolean) !== engine) {
      disagreements.push(`checks ${JSON.stringify(expected)}: ${JSON.stringify(each)} ${filters}`);
    }
  }
  assert.deepEqual(disagreements, []);
});

Deno.test("jq compiler: the checks of a failing expectation name the failing leaf", async () => {
  const expected = { AuthenticationResult: { TokenType: "Bearer", ExpiresIn: 60 } };
  const checks = expectationChecks(expected, BODY, NO_TEMPLATES);
  const filters = checks.map((check) => "filter" in check ? check.filter : "");
  const verdicts = await jqBooleans(filters, BODY_SAMPLE);
  const failing = checks.filter((_, index) => !verdicts[index]);
  assert.deepEqual(failing.map((check) => "description" in check && check.description), [
    "AuthenticationResult.ExpiresIn == 60",
  ]);
});

Deno.test("jq compiler: $verify is never checked silently", () => {
  const expected = { AccessToken: { $jwt: { token_use: "access" }, $verify: true } };
  const checks = expectationChecks(expected, BODY, NO_TEMPLATES);
  assert.deepEqual(checks.filter((check) => "notChecked" in check), [{
    notChecked: "AccessToken: $verify (the JWT's signature against the pool's JWKS; " +
      "the run command checks it)",
  }]);
  assert.ok(checks.some((check) => "filter" in check && /jwt_payload/.test(check.filter)));
  const nested = expectationChecks(
    { A: { $not: { $jwt: true, $verify: true } } },
    BODY,
    NO_TEMPLATES,
  );
  const notChecked = nested.flatMap((check) => "notChecked" in check ? [check.notChecked] : []);
  assert.equal(notChecked.length, 1);
  assert.match(notChecked[0]!, /^A: .*\$verify/);
});

Deno.test("jq compiler: templates are jq values bound at run time", async () => {
  const values: Record<string, unknown> = {
    device: { DeviceKey: "us-east-1_d1" },
    REGION: "us-east-1",
    other: { DeviceKey: "k1" },
  };
  const templates = new Map<Template, unknown>();
  const context: JqContext = {
    template(template) {
      const part = template.expressions[0]!.expression;
      if (template.whole && part.type === "path") {
        const [root, ...rest] = part.segments.map((segment) => segment.key);
        let value: unknown = values[String(root)];
        for (const key of rest) value = (value as Record<string, unknown>)[String(key)];
        templates.set(template, value);
        return {
          jq: `$${root}${rest.map((key) => `.${key}`).join("")}`,
          isString: typeof value === "string",
        };
      }
      // "^${REGION}_…" style
      templates.set(template, template.source.replace("${REGION}", String(values.REGION)));
      return { jq: `"${template.source.replace("${REGION}", "\\($REGION)")}"`, isString: true };
    },
  };
  const t = (source: string) => parseTemplate(source);
  const cases: Array<[unknown, boolean]> = [
    [
      { AuthenticationResult: { NewDeviceMetadata: { DeviceKey: t("${device.DeviceKey}") } } },
      true,
    ],
    [{ AuthenticationResult: { NewDeviceMetadata: t("${device}") } }, true],
    [{ AuthenticationResult: { NewDeviceMetadata: t("${other}") } }, false],
    [
      { AuthenticationResult: { NewDeviceMetadata: { DeviceKey: { $match: t("^${REGION}_d") } } } },
      true,
    ],
    [
      { AuthenticationResult: { AccessToken: { $jwt: { device_key: t("${other.DeviceKey}") } } } },
      false,
    ],
    [{ Devices: { $contains: t("${other}") } }, true],
  ];
  const args = Object.entries(values).flatMap(([name, value]) =>
    typeof value === "string" ? ["--arg", name, value] : ["--argjson", name, JSON.stringify(value)]
  );
  const render = (value: unknown): unknown => {
    if (templates.has(value as Template)) return templates.get(value as Template);
    if (Array.isArray(value)) return value.map(render);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
    }
    return value;
  };
  for (const [expected, intent] of cases) {
    const checks = expectationChecks(expected, BODY, context);
    const filters = checks.map((check) => "filter" in check ? check.filter : "false");
    const [whole, ...each] = await jqBooleans(
      [predicate(expected, BODY, context), ...filters],
      BODY_SAMPLE,
      args,
    );
    const engine = (matchValue(BODY_SAMPLE, render(expected)) as unknown[]).length === 0;
    assert.equal(engine, intent, JSON.stringify(render(expected)));
    assert.equal(whole, engine, JSON.stringify(expected));
    assert.equal(each.every(Boolean), engine, filters.join("\n"));
  }
});
