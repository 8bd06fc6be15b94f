import assert from "node:assert/strict";
import fixture from "../../../fixtures/cognito-idp-shapes.json" with { type: "json" };
import { compileJavaPattern, translateJavaPattern } from "./java_regex.ts";

const MODEL_PATTERNS = new Set(
  Object.values(fixture.shapes as Record<string, { pattern?: string }>).flatMap((s) =>
    s.pattern ?? []
  ),
);

Deno.test("java_regex: every pattern of the model compiles (RE2, or V8 for the one lookbehind)", () => {
  assert.ok(MODEL_PATTERNS.size > 30);
  for (const pattern of MODEL_PATTERNS) {
    assert.equal(typeof compileJavaPattern(pattern).test("x"), "boolean", pattern);
  }
  // A lookaround outside the vetted list is refused rather than run on a backtracking engine.
  assert.throws(() => compileJavaPattern("(a+)+(?<!b)"), /is not RE2 syntax/);
});

// Regression (found by test/mock_fuzz_test.ts): with V8's backtracking engine the e-mail
// template patterns took cubic time — 8 s for 8,000 characters of "{####}", minutes for the
// 20,000 the model allows — so one UpdateUserPool request could stall the mock.
Deno.test("java_regex: adversarial values of the template patterns are answered in linear time", () => {
  const C = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*";
  const byLink = compileJavaPattern(`${C}\\{##${C}##\\}${C}`);
  const byCode = compileJavaPattern(`${C}\\{####\\}${C}`);
  const sms = compileJavaPattern(".*\\{####\\}.*");
  const started = performance.now();
  for (const length of [20_000, 200_000]) {
    const codes = "{####}".repeat(length / 6);
    assert.equal(byLink.test(codes), true);
    assert.equal(byLink.test(`${codes}\u0000`), false);
    assert.equal(byLink.test("{##".repeat(length / 3)), false);
    assert.equal(byCode.test(`${codes}\u0000`), false);
    assert.equal(sms.test(`${codes}\n`), false);
  }
  // A liveness bound, not a speed claim: linear matching takes milliseconds here, the
  // backtracking it replaces far longer than the whole test suite.
  assert.ok(performance.now() - started < 20_000, "pattern matching backtracks");
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
    // Without (?s), `.` stops at every Java line terminator (RE2's stops only at \n).
    [".*\\{####\\}.*", "Code {####}", true],
    [".*\\{####\\}.*", "Code\r{####}", false],
    [".*\\{####\\}.*", "Code\u0085{####}", false],
    [".*\\{####\\}.*", "Code\u2028{####}", false],
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
