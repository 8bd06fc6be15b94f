import assert from "node:assert/strict";
import fixture from "../../../fixtures/cognito-idp-shapes.json" with { type: "json" };
import { compileJavaPattern, translateJavaPattern } from "./java_regex.ts";

Deno.test("java_regex: every pattern of the model compiles as a u-flag RegExp", () => {
  const patterns = new Set(
    Object.values(fixture.shapes as Record<string, { pattern?: string }>).flatMap((s) =>
      s.pattern ?? []
    ),
  );
  assert.ok(patterns.size > 30);
  for (const pattern of patterns) assert.ok(compileJavaPattern(pattern) instanceof RegExp, pattern);
});

Deno.test("java_regex: the model's patterns mean what Java means", () => {
  const cases: Array<[string, string, boolean]> = [
    ["[\\w-]+_[0-9a-zA-Z]+", "us-east-1_AbCdEf123", true],
    ["[\\w-]+_[0-9a-zA-Z]+", "us-east-1", false],
    ["[\\w+]+", "52qvpq4g4fr31h9r02cfnijf71", true],
    ["[\\w+]+", "abc-def", false],
    ["[A-Za-z0-9-_=.]+", "eyJ.abc-_=", true],
    ["[A-Za-z0-9-_=.]+", "a/b", false],
    ["[\\w-]+_[0-9a-f-]+", "us-east-1_c46b50fe-a27c-4401-83fb-64243a7e625c", true],
    ["[\\w-]+_[0-9a-f-]+", "us-east-1_C46B", false],
    ["[\\S]+", "Passw0rd!", true],
    ["[\\S]+", "two words", false],
    // Java's \S is ASCII: a no-break space is "non-whitespace" there.
    ["[\\S]+", "a\u00a0b", true],
    ["[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", "名前+tag", true],
    ["[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", "", false],
    ["(?s).*", "line\nbreak", true],
    ["^[0-9A-Za-z\\.\\-_]*(?<!\\.)$", "a.b", true],
    ["^[0-9A-Za-z\\.\\-_]*(?<!\\.)$", "a.", false],
    [
      "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
      "Code {####} now",
      true,
    ],
    [
      "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
      "Code {###} now",
      false,
    ],
  ];
  for (const [pattern, value, expected] of cases) {
    assert.equal(
      compileJavaPattern(pattern).test(value),
      expected,
      `${pattern} ~ ${JSON.stringify(value)}`,
    );
  }
});

Deno.test("java_regex: unsupported constructs are refused, not mistranslated", () => {
  assert.throws(() => translateJavaPattern("(?i)abc"), SyntaxError);
  assert.throws(() => translateJavaPattern("[a\\S]"), SyntaxError);
  assert.throws(() => translateJavaPattern("abc\\"), SyntaxError);
});
