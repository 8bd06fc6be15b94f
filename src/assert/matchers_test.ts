import assert from "node:assert/strict";
import { expectationJsonSchema, validateExpectation } from "./matchers.ts";

const messages = (value: unknown) =>
  validateExpectation(value).map((p) =>
    `${JSON.stringify(p.path)}${p.atKey ? " (key)" : ""}: ${p.message}`
  );

Deno.test("validateExpectation: a valid expectation has no problems", () => {
  assert.deepEqual(
    messages({
      AuthenticationResult: {
        TokenType: "Bearer",
        AccessToken: { $jwt: { token_use: "access" }, $header: { alg: "RS256" }, $verify: true },
        RefreshToken: { $exists: false },
        NewDeviceMetadata: {
          $exact: true,
          DeviceKey: { $match: "^[\\w-]+_[0-9a-f-]+$" },
          DeviceGroupKey: { $type: "string" },
        },
      },
      Devices: { $len: { $oneOf: [1, 2] }, $contains: { DeviceKey: { $not: null } } },
      Dynamic: { $type: "${vars.kind}", $match: "${vars.pattern}" },
    }),
    [],
  );
});

Deno.test("validateExpectation: every problem with its path and a suggestion", () => {
  assert.deepEqual(
    messages({
      a: { $mtach: "x" },
      b: [{ $exist: true }],
      c: { $type: "strng" },
      d: { $match: "([a-" },
      e: { $exists: "yes" },
      f: { $oneOf: [] },
      g: { $header: { alg: "RS256" }, $verify: 1 },
      h: { $jwt: "token" },
      i: { $not: { $typ: "string" } },
      j: { $frobnicate: 1 },
    }),
    [
      '["a","$mtach"] (key): Cannot use "$mtach": it is not a matcher (did you mean "$match"?)',
      '["b",0,"$exist"] (key): Cannot use "$exist": it is not a matcher (did you mean "$exists"?)',
      '["c","$type"]: Cannot use "$type": "strng" is not a type (one of string, number, boolean, object, array, null) (did you mean "string"?)',
      '["d","$match"]: Cannot use "$match": invalid regular expression: /([a-/: missing closing ]: `[a-`',
      '["e","$exists"]: Cannot use "$exists": expected true or false, got "yes"',
      '["f","$oneOf"]: Cannot use "$oneOf": expected a non-empty list, got []',
      '["g","$header"]: Cannot use "$header": it needs "$jwt" beside it',
      '["g","$verify"]: Cannot use "$verify": expected true or false, got 1',
      '["h","$jwt"]: Cannot use "$jwt": expected an object of expected claims (or true), got "token"',
      '["i","$not","$typ"] (key): Cannot use "$typ": it is not a matcher (did you mean "$type"?)',
      '["j","$frobnicate"] (key): Cannot use "$frobnicate": it is not a matcher',
    ],
  );
});

Deno.test("expectationJsonSchema: lists every matcher and refers to itself", () => {
  const schema = expectationJsonSchema("#/$defs/E");
  const object = (schema.anyOf as Record<string, unknown>[])[2] as {
    properties: Record<string, unknown>;
  };
  assert.deepEqual(Object.keys(object.properties), [
    "$match",
    "$exists",
    "$type",
    "$oneOf",
    "$len",
    "$not",
    "$contains",
    "$jwt",
    "$header",
    "$verify",
    "$exact",
  ]);
  assert.ok(JSON.stringify(schema).includes('"$ref":"#/$defs/E"'));
});
