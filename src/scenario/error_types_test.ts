import assert from "node:assert/strict";
import { ERROR_CATALOGUE } from "../cognito/errors.ts";
import { COGNITO_ERROR_TYPES } from "./error_types.ts";
import { parseScenario, type ParseScenarioOptions } from "./parse.ts";

const lines = (...text: string[]) => text.join("\n") + "\n";

/** A one-step scenario whose `expect` block is `expect` (indented under the step). */
const withExpect = (...expect: string[]) =>
  lines(
    "name: n",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: abc }",
    "    expect:",
    ...expect.map((line) => `      ${line}`),
  );

function errorsOf(text: string, options: ParseScenarioOptions = {}): string[] {
  return parseScenario(text, "t.yaml", options).errors.map(String);
}

Deno.test("error types: the list holds every catalogue type, sorted and without duplicates", () => {
  for (const entry of ERROR_CATALOGUE) assert.ok(COGNITO_ERROR_TYPES.includes(entry.type));
  assert.deepEqual([...COGNITO_ERROR_TYPES].sort(), COGNITO_ERROR_TYPES);
  assert.equal(new Set(COGNITO_ERROR_TYPES).size, COGNITO_ERROR_TYPES.length);
  assert.ok(COGNITO_ERROR_TYPES.every((type) => /^[A-Z][A-Za-z]+Exception$/.test(type)));
});

Deno.test("error types: a misspelt error.type is positioned, with a suggestion", () => {
  assert.deepEqual(errorsOf(withExpect("error: { type: NotAuthorisedException }")), [
    't.yaml:6:22: Cannot expect error type "NotAuthorisedException": it is not a Cognito ' +
    'user-pools error (did you mean "NotAuthorizedException"?)',
  ]);
});

Deno.test("error types: known types load, model-only and protocol-level ones included", () => {
  for (
    const type of [
      "NotAuthorizedException",
      "WebAuthnNotEnabledException",
      "UnknownOperationException",
      "SerializationException",
    ]
  ) {
    assert.deepEqual(errorsOf(withExpect(`error: { type: ${type} }`)), [], type);
  }
});

Deno.test("error types: $oneOf items and $not are checked, each at its own position", () => {
  const text = withExpect(
    "error:",
    "  type:",
    "    $oneOf:",
    "      - NotAuthorizedException",
    "      - UserNotFoundExeption",
    "      - { $not: CodeMismatch }",
  );
  assert.deepEqual(errorsOf(text), [
    't.yaml:10:15: Cannot expect error type "UserNotFoundExeption": it is not a Cognito ' +
    'user-pools error (did you mean "UserNotFoundException"?)',
    't.yaml:11:23: Cannot expect error type "CodeMismatch": it is not a Cognito ' +
    'user-pools error (did you mean "CodeMismatchException"?)',
  ]);
});

Deno.test("error types: body.__type is checked like error.type", () => {
  assert.deepEqual(
    errorsOf(withExpect("status: 400", "body: { __type: TooManyRequestException }")),
    [
      't.yaml:7:23: Cannot expect error type "TooManyRequestException": it is not a Cognito ' +
      'user-pools error (did you mean "TooManyRequestsException"?)',
    ],
  );
  // Only the top-level __type names the error; a nested member is data.
  assert.deepEqual(errorsOf(withExpect("body: { Nested: { __type: Whatever } }")), []);
});

Deno.test("error types: templates, regexes and other matchers are left to run time", () => {
  const text = lines(
    "name: n",
    "vars: { expected: NotAuthorizedException }",
    "steps:",
    "  - call: GetUser",
    "    request: { AccessToken: abc }",
    "    expect: { error: { type: '${vars.expected}' } }",
    "  - call: GetUser",
    "    request: { AccessToken: abc }",
    "    expect: { error: { type: { $match: '^NotAuth' } } }",
    "  - call: GetUser",
    "    request: { AccessToken: abc }",
    "    expect: { error: { type: { $exists: true } } }",
  );
  assert.deepEqual(errorsOf(text), []);
});

Deno.test("error types: a literal $${ is text, so it is checked", () => {
  const [error] = errorsOf(withExpect("error: { type: '$${x}Exception' }"));
  assert.match(error ?? "", /Cannot expect error type "\$\{x\}Exception"/);
});

Deno.test("error types: the errorTypes option replaces the list", () => {
  const text = withExpect("error: { type: VendorSpecificException }");
  assert.equal(errorsOf(text).length, 1);
  assert.deepEqual(
    errorsOf(text, { errorTypes: [...COGNITO_ERROR_TYPES, "VendorSpecificException"] }),
    [],
  );
});

Deno.test("error types: every problem of the file comes together with the others", () => {
  const text = lines(
    "name: n",
    "steps:",
    "  - call: GetUsr",
    "    expect: { error: { type: NotAuthorisedException } }",
  );
  assert.deepEqual(errorsOf(text).map((line) => line.slice(0, 12)), [
    "t.yaml:3:11:",
    "t.yaml:4:30:",
  ]);
});
