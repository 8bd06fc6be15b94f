import assert from "node:assert/strict";
import {
  DEFAULT_NORMALISE_RULES,
  normaliseBody,
  normaliseResponse,
  type NormaliseRules,
  PlaceholderNumbers,
} from "./normalise.ts";

const part = (value: object) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const jwt = (header: object, claims: object) => `${part(header)}.${part(claims)}.c2lnbmF0dXJl`;

const DEVICE_1 = "us-east-1_1de9663a-8edd-4972-b2bd-662827c76076";
const DEVICE_2 = "eu-west-1_ec2c2df0-f5df-472f-8c34-ca22d8fc032b";

Deno.test("normalise: the same value keeps its number from step to step; a new one gets the next", () => {
  const numbers = new PlaceholderNumbers();
  const first = normaliseBody({ DeviceKey: DEVICE_1 }, { numbers });
  const again = normaliseBody({ Device: { DeviceKey: DEVICE_1 } }, { numbers });
  const other = normaliseBody({ DeviceKey: DEVICE_2 }, { numbers });
  assert.deepEqual(first, {
    kind: "object",
    members: { DeviceKey: { kind: "value", value: "<device-key#1>" } },
  });
  assert.deepEqual(again, {
    kind: "object",
    members: {
      Device: {
        kind: "object",
        members: { DeviceKey: { kind: "value", value: "<device-key#1>" } },
      },
    },
  });
  assert.deepEqual(other, {
    kind: "object",
    members: { DeviceKey: { kind: "value", value: "<device-key#2>" } },
  });
});

Deno.test("normalise: numbers do not depend on the order a server writes members in", () => {
  const sub1 = "3f923068-fb6f-441f-95eb-75e1956d4915";
  const sub2 = "75db03b2-6ebf-4b9d-b796-287159a1413c";
  const one = normaliseBody({ b: sub1, a: sub2 });
  const other = normaliseBody({ a: sub2, b: sub1 });
  assert.deepEqual(one, other);
  assert.deepEqual(JSON.stringify(one), JSON.stringify(other));
});

Deno.test("normalise: ids inside longer strings become placeholders, the rest of the text stays", () => {
  const arn =
    `arn:aws:cognito-idp:us-east-1:123456789012:owner/alice.us-east-1_CR7xgG8sv/device/${DEVICE_1}`;
  const body = normaliseBody({
    Value: arn,
    message: "User pool client jfcjah7g48e20dlue88s37mt2o does not exist.",
    iss: "http://127.0.0.1:44265/us-east-1_US92DXk12",
    PoolName: "cognito-conformance-dd0bc9d35e37",
    When: "2026-12-07T12:15:42.123Z",
  });
  assert.deepEqual(body, {
    kind: "object",
    members: {
      PoolName: { kind: "value", value: "<pool-name#1>" },
      Value: {
        kind: "value",
        value:
          "arn:aws:cognito-idp:us-east-1:123456789012:owner/alice.<pool-id#1>/device/<device-key#1>",
      },
      When: { kind: "value", value: "<time>" },
      iss: { kind: "value", value: "<origin#1>/<pool-id#2>" },
      message: { kind: "value", value: "User pool client <client-id#1> does not exist." },
    },
  });
});

Deno.test("normalise: JWTs by claim names and types, JWEs by header, look-alikes stay strings", () => {
  const token = jwt({ kid: "k", alg: "RS256" }, {
    sub: "x",
    exp: 1,
    "cognito:groups": ["a"],
    device_key: DEVICE_1,
  });
  const jwe = `${part({ cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" })}.a.b.c.d`;
  const body = normaliseBody({ AccessToken: token, RefreshToken: jwe, Fake: "eyJnot.a.token" });
  const opaque = (type: string) => ({ kind: "opaque", type });
  assert.deepEqual(body, {
    kind: "object",
    members: {
      AccessToken: {
        kind: "token",
        format: "jwt",
        header: { alg: opaque("string"), kid: opaque("string") },
        claims: {
          "cognito:groups": opaque("array"),
          device_key: opaque("string"),
          exp: opaque("number"),
          sub: opaque("string"),
        },
      },
      Fake: { kind: "value", value: "eyJnot.a.token" },
      RefreshToken: {
        kind: "token",
        format: "jwe",
        header: { alg: opaque("string"), cty: opaque("string"), enc: opaque("string") },
        claims: {},
      },
    },
  });
  // Two tokens with other values but the same claims normalise the same.
  const other = jwt({ alg: "RS256", kid: "z" }, {
    device_key: DEVICE_2,
    sub: "y",
    exp: 99,
    "cognito:groups": [],
  });
  assert.deepEqual(normaliseBody({ AccessToken: other }), {
    kind: "object",
    members: { AccessToken: (body as { members: { AccessToken: unknown } }).members.AccessToken },
  });
});

Deno.test("normalise: tokens: false compares a JWT as the string it is", () => {
  const rules: NormaliseRules = { ...DEFAULT_NORMALISE_RULES, tokens: false };
  const token = jwt({ alg: "RS256" }, { sub: "x" });
  assert.deepEqual(normaliseBody(token, { rules }), { kind: "value", value: token });
});

Deno.test("normalise: SRP values, sessions, paging tokens and dates are opaque by default", () => {
  const body = normaliseBody({
    ChallengeParameters: { SRP_B: "ab12", SALT: "cd", SECRET_BLOCK: "x", USERNAME: "alice" },
    Session: "AYAB…",
    PaginationToken: "AQAA…",
    Devices: [{ DeviceCreateDate: 1796645754.865, DeviceKey: DEVICE_1 }],
  });
  const opaque = (type: string) => ({ kind: "opaque", type });
  assert.deepEqual(body, {
    kind: "object",
    members: {
      ChallengeParameters: {
        kind: "object",
        members: {
          SALT: opaque("string"),
          SECRET_BLOCK: opaque("string"),
          SRP_B: opaque("string"),
          USERNAME: { kind: "value", value: "alice" },
        },
      },
      Devices: {
        kind: "array",
        items: [{
          kind: "object",
          members: {
            DeviceCreateDate: opaque("number"),
            DeviceKey: { kind: "value", value: "<device-key#1>" },
          },
        }],
      },
      PaginationToken: opaque("string"),
      Session: opaque("string"),
    },
  });
});

Deno.test("normalise: ignore drops a path (claims too); a placeholder's `at` limits where it applies", () => {
  const rules: NormaliseRules = {
    ...DEFAULT_NORMALISE_RULES,
    ignore: ["$.Username", "$..AccessToken.event_id"],
    placeholders: [{ name: "name", pattern: "^.*$", at: "$.Name" }],
  };
  const body = normaliseBody({
    Username: "alice",
    Name: "bob",
    Other: "bob",
    AccessToken: jwt({ alg: "RS256" }, { event_id: "e", sub: "s" }),
  }, { rules });
  assert.deepEqual(body, {
    kind: "object",
    members: {
      AccessToken: {
        kind: "token",
        format: "jwt",
        header: { alg: { kind: "opaque", type: "string" } },
        claims: { sub: { kind: "opaque", type: "string" } },
      },
      Name: { kind: "value", value: "<name#1>" },
      Other: { kind: "value", value: "bob" },
    },
  });
});

Deno.test("normalise: headers by rule — captured media type, error name, presence; absent is null", () => {
  const numbers = new PlaceholderNumbers();
  const response = normaliseResponse({
    status: 400,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Amzn-ErrorType": "NotAuthorizedException:http://internal.amazon.com/coral/",
      "x-amzn-requestid": "4yWBq1WBjlsV8KYL33BtOqFQEAGsL26Qs47ro9bCoOAFadkGpkDi",
      date: "Mon, 07 Dec 2026 12:15:42 GMT",
    },
    body: "not json",
  }, { numbers });
  assert.deepEqual(response, {
    status: 400,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": "NotAuthorizedException",
      "x-amzn-requestid": "present",
    },
    body: { kind: "value", value: "not json" },
  });
  const rules: NormaliseRules = { ...DEFAULT_NORMALISE_RULES, headers: { date: "value" } };
  assert.deepEqual(
    normaliseResponse({ status: 200, headers: {}, body: {} }, { rules }).headers,
    { date: null },
  );
});

Deno.test("normalise: a key named __proto__ is a member like any other", () => {
  const body = normaliseBody(JSON.parse('{"__proto__": {"x": 1}}'));
  assert.equal(body.kind, "object");
  assert.deepEqual(Object.keys((body as { members: object }).members), ["__proto__"]);
});
