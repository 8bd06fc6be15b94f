import assert from "node:assert/strict";
import { BodyError, readAnswerJson, readJsonBody } from "./json_body.ts";

const hole = (name: string) => ({ name });

Deno.test("json body: strict JSON is read as it is, not repaired", () => {
  const body = readJsonBody(['{"a": [1, true, null], "b": {"c": "d"}}']);
  assert.equal(body.repaired, false);
  assert.deepEqual(body.value, { a: [1, true, null], b: { c: "d" } });
});

Deno.test("json body: small mistakes are repaired and say so", () => {
  const cases: Array<[string, unknown]> = [
    ['{"a": 1,}', { a: 1 }],
    ["{'a': 'b'}", { a: "b" }],
    ['{"a": "b}', { a: "b" }],
    ['{"a": {"b": [1, 2}', { a: { b: [1, 2] } }],
    ['{"USERNAME": "alice" "PASSWORD": "x"}', { USERNAME: "alice", PASSWORD: "x" }],
  ];
  for (const [text, value] of cases) {
    const body = readJsonBody([text]);
    assert.equal(body.repaired, true, text);
    assert.deepEqual(body.value, value, text);
  }
});

Deno.test("json body: values inside strings are pieces; outside, the whole value", () => {
  const x = hole("X");
  const y = hole("Y");
  const body = readJsonBody(['{"a": "pre-', x, '-post", "b": ', y, ', "c": "', x, '"}']);
  assert.deepEqual(body.value, {
    a: { pieces: ["pre-", x, "-post"] },
    b: { pieces: [y] },
    c: { pieces: [x] },
  });
  // A value inside a single-quoted (repaired) string is a piece of it too.
  assert.deepEqual(readJsonBody(["{'a': '", x, "'}"]).value, { a: { pieces: [x] } });
  // An escaped quote does not end the string.
  assert.deepEqual(readJsonBody(['{"a": "say \\"', x, '\\""}']).value, {
    a: { pieces: ['say "', x, '"'] },
  });
});

Deno.test("json body: not JSON even after repair, with the place inside the body", () => {
  const cases: Array<[string, number, number]> = [
    ['{"a": 1,, "b": 2}', 1, 9],
    ['{\n  "a": 1,,\n  "b": 2\n}', 2, 10],
  ];
  for (const [text, line, column] of cases) {
    assert.throws(() => readJsonBody([text]), (error: unknown) => {
      assert.ok(error instanceof BodyError, text);
      assert.deepEqual([error.line, error.column], [line, column], text);
      assert.equal(
        error.message,
        `not JSON even after repair (body line ${line}, column ${column})`,
      );
      return true;
    });
  }
  for (const text of ["a=1&b=2", "[1, 2]", '"text"', "42"]) {
    assert.throws(() => readJsonBody([text]), BodyError, text);
  }
});

Deno.test("json body: an error message never quotes the body", () => {
  const secret = "s3cr3t-Pa55word";
  try {
    readJsonBody([`{"PASSWORD": "${secret}",, }`]);
    assert.fail("no error");
  } catch (error) {
    assert.ok(error instanceof BodyError);
    assert.ok(!error.message.includes(secret), error.message);
    assert.ok(!error.message.includes("PASSWORD"), error.message);
  }
});

Deno.test("answer json: ellipses for left-out members and values", () => {
  assert.deepEqual(readAnswerJson('{"a": "…", "b": …, …}'), { a: "…", b: "…" });
  assert.deepEqual(readAnswerJson('{"a": [...], "b": {...}}'), { a: ["…"], b: {} });
  assert.deepEqual(readAnswerJson('{"a": "keep … inside"}'), { a: "keep … inside" });
});
