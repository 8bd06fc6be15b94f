import assert from "node:assert/strict";
import { compileQuery, QueryEvaluationError, QuerySyntaxError } from "./query.ts";
import { evaluateCaptures } from "./capture.ts";

function syntaxError(expression: string): QuerySyntaxError {
  try {
    compileQuery(expression);
  } catch (error) {
    assert.ok(error instanceof QuerySyntaxError);
    return error;
  }
  throw new Error(`expected "${expression}" not to compile`);
}

Deno.test("query: compile errors point at the offending token", () => {
  const cases: [string, number, string][] = [
    ["a.[b", 4, 'Cannot compile query "a.[b": unexpected end of the expression'],
    ["foo bar", 4, 'Cannot compile query "foo bar": unexpected "bar"'],
    ["a ^ b", 2, 'Cannot compile query "a ^ b": unknown character: ^'],
    ["Devices[?x==]", 12, 'Cannot compile query "Devices[?x==]": unexpected "]"'],
    ["", 0, 'Cannot compile query "": the expression is empty'],
    ["a || lenght(b)", 5, 'Cannot compile query "a || lenght(b)": unknown function "lenght()"'],
  ];
  for (const [expression, offset, message] of cases) {
    const error = syntaxError(expression);
    assert.equal(error.message, message, expression);
    assert.equal(error.offset, offset, expression);
  }
});

Deno.test("query: evaluation follows JMESPath, runtime type errors are QueryEvaluationError", () => {
  const body = {
    Devices: [{ DeviceKey: "a", DeviceAttributes: [{ Name: "device_name", Value: "ci" }] }],
  };
  assert.deepEqual(
    compileQuery("Devices[0].DeviceAttributes[?Name=='device_name'].Value").evaluate(body),
    ["ci"],
  );
  assert.equal(compileQuery("Devices[1]").evaluate(body), null);
  assert.throws(
    () => compileQuery("length(Devices[0].Nope.x)").evaluate({ Devices: [{ Nope: { x: 1 } }] }),
    QueryEvaluationError,
  );
});

Deno.test("captures: values, nothing-found and runtime failures", () => {
  const result = evaluateCaptures([
    { name: "tokens", query: compileQuery("AuthenticationResult") },
    { name: "missing", query: compileQuery("AuthenticationResult.NewDeviceMetadata") },
    { name: "broken", query: compileQuery("abs(AuthenticationResult)") },
    { name: "zero", query: compileQuery("ExpiresIn") },
  ], { AuthenticationResult: { AccessToken: "t" }, ExpiresIn: 0 });
  assert.deepEqual(result.values, { tokens: { AccessToken: "t" }, zero: 0 });
  assert.deepEqual(result.failures.map((f) => f.name), ["missing", "broken"]);
  assert.equal(
    result.failures[0]?.message,
    'Cannot save "missing": query "AuthenticationResult.NewDeviceMetadata" found nothing',
  );
  assert.match(
    result.failures[1]?.message ?? "",
    /^Cannot save "broken": query "abs\(AuthenticationResult\)": /,
  );
});
