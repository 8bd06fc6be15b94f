import assert from "node:assert/strict";
import { checkContent, checkResponse, checkStatus } from "./response.ts";
import { formatMismatches } from "./diff.ts";
import type { Mismatch } from "./mod.ts";

const ok = {
  status: 200,
  headers: new Headers({ "Content-Type": "application/x-amz-json-1.1" }),
  body: { A: 1 },
};

Deno.test("checkResponse: status defaults to 200 without error, 400 with it", async () => {
  assert.deepEqual(await checkResponse(ok, {}), []);
  assert.deepEqual((await checkResponse({ ...ok, status: 400 }, {})).map((m) => m.message), [
    "expected 200, got 400",
  ]);
  const error = {
    status: 400,
    headers: {},
    body: { __type: "NotAuthorizedException", message: "m" },
  };
  assert.deepEqual(await checkResponse(error, { error: { type: "NotAuthorizedException" } }), []);
  const internal = {
    status: 500,
    headers: {},
    body: { __type: "InternalErrorException", message: "m" },
  };
  assert.deepEqual(
    await checkResponse(internal, { error: { type: "InternalErrorException" } }),
    [],
  );
  assert.deepEqual(await checkResponse(internal, { status: { $oneOf: [500, 503] } }), []);
});

Deno.test("checkResponse: the error sugar reads __type, code or the header, with matchers", async () => {
  const namespaced = {
    status: 400,
    headers: {},
    body: {
      __type: "com.amazonaws.cognito#ResourceNotFoundException",
      message: "Device does not exist.",
    },
  };
  assert.deepEqual(
    await checkResponse(namespaced, {
      error: {
        type: "ResourceNotFoundException",
        message: { $match: "^Device does not exist\\.$" },
      },
    }),
    [],
  );
  const throttled = {
    status: 400,
    headers: { "X-Amzn-ErrorType": "TooManyRequestsException:" },
    body: { message: "Rate exceeded" },
  };
  assert.deepEqual(
    await checkResponse(throttled, {
      error: { type: "TooManyRequestsException", message: "Rate exceeded" },
    }),
    [],
  );
  const wrong = await checkResponse(namespaced, {
    error: { type: "NotAuthorizedException", message: "Invalid Refresh Token." },
  });
  assert.deepEqual(wrong.map((m) => `${m.path}: ${m.message}`), [
    '$.__type: expected "NotAuthorizedException", got "ResourceNotFoundException"',
    '$.message: expected "Invalid Refresh Token.", got "Device does not exist."',
  ]);
  const success = await checkResponse(ok, { error: { type: "NotAuthorizedException" } });
  assert.deepEqual(success.map((m) => `${m.path}: ${m.message}`), [
    "status: expected 400, got 200",
    'headers.x-amzn-errortype: expected "NotAuthorizedException", but it is missing',
  ]);
});

Deno.test("checkResponse: headers are matched case-insensitively, absence included", async () => {
  assert.deepEqual(
    await checkResponse(ok, {
      headers: { "content-type": { $match: "json" }, "X-Amzn-ErrorType": { $exists: false } },
    }),
    [],
  );
  const [mismatch] = await checkResponse(ok, { headers: { "Content-Type": "application/json" } });
  assert.equal(mismatch?.path, "headers.content-type");
});

Deno.test("checkResponse: JMESPath query expectations", async () => {
  const query = (expression: string, evaluate: (body: unknown) => unknown) => ({
    expression,
    evaluate,
  });
  const body = { Devices: [{ DeviceKey: "a" }, { DeviceKey: "b" }] };
  const response = { ...ok, body };
  const mismatches = await checkResponse(response, {
    query: [
      { query: query("length(Devices)", (b) => (b as typeof body).Devices.length), expected: 2 },
      {
        query: query("Devices[0].DeviceKey", (b) => (b as typeof body).Devices[0]!.DeviceKey),
        expected: "b",
      },
      {
        query: query("broken", () => {
          throw new TypeError('Cannot evaluate query "broken": bad type');
        }),
        expected: 1,
      },
    ],
  });
  assert.deepEqual(mismatches.map((m) => `${m.path}: ${m.message}`), [
    'query(Devices[0].DeviceKey): expected "b", got "a"',
    'query(broken): Cannot evaluate query "broken": bad type',
  ]);
});

Deno.test("formatMismatches: multi-line JSON for large values, cut at the limit", () => {
  const big = { a: "x".repeat(50), b: [1, 2] };
  const text = formatMismatches([{ path: "$", message: "m", expected: { a: 1 }, actual: big }], {
    indent: "    ",
  });
  assert.equal(
    text,
    [
      "    $: m",
      '      - expected: {"a":1}',
      "      + actual:   {",
      `                    "a": "${"x".repeat(50)}",`,
      '                    "b": [',
      "                      1,",
      "                      2",
      "                    ]",
      "                  }",
      "",
    ].join("\n"),
  );
  assert.equal(
    formatMismatches([{ path: "$", message: "m", actual: "abcdef" }], { maxValueLength: 3 }),
    [
      "$: m",
      "  - expected: (anything)",
      '  + actual:   "ab…',
      "",
    ].join("\n"),
  );
  assert.equal(formatMismatches([]), "");
  assert.equal(formatMismatches([{ path: "status", message: "no values" }]), "status: no values\n");
});

Deno.test("checkResponse: headers are not read when no header is expected", () => {
  const untouchable = new Proxy({}, {
    ownKeys: () => assert.fail("the headers were enumerated"),
    get: () => assert.fail("a header was read"),
  }) as Record<string, string>;
  const response = { status: 400, headers: untouchable, body: { __type: "X", message: "m" } };
  const mismatches = checkResponse(response, { error: { type: "X" }, body: { message: "m" } });
  assert.deepEqual(mismatches, []);
});

Deno.test("checkStatus and checkContent split checkResponse at the status", async () => {
  const response = { status: 500, headers: {}, body: { __type: "CognitoLocal#Unsupported" } };
  const expectation = { body: { AuthenticationResult: { $exists: true } } };
  const all = (await checkResponse(response, expectation)).map((m) => m.path);
  const status = (await checkStatus(response, expectation)).map((m) => m.path);
  const content = (await checkContent(response, expectation)).map((m) => m.path);
  assert.deepEqual(all, ["status", "$.AuthenticationResult"]);
  assert.deepEqual([...status, ...content], all);
});

Deno.test("checkContent: a frozen expectation's matcher problems are reported every time; an unfrozen one is checked anew", () => {
  const response = { status: 200, headers: {}, body: { Username: "alice" } };
  const frozen = Object.freeze({
    body: Object.freeze({ Username: Object.freeze({ $mtach: "a" }) }),
  });
  for (let i = 0; i < 2; i++) {
    const mismatches = checkContent(response, frozen) as Mismatch[];
    assert.deepEqual(mismatches.map((m) => m.path), ["$.Username.$mtach"]);
  }
  const body: Record<string, unknown> = { Username: { $match: "^a" } };
  assert.deepEqual(checkContent(response, { body }), []);
  body.Username = { $mtach: "a" };
  assert.deepEqual((checkContent(response, { body }) as Mismatch[]).map((m) => m.path), [
    "$.Username.$mtach",
  ]);
});
