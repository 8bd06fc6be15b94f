import assert from "node:assert/strict";
import { TemplateSyntaxError } from "./errors.ts";
import { parseExpression, parseTemplate } from "./parser.ts";
import type { ExpressionPart } from "./ast.ts";

function syntaxError(text: string): TemplateSyntaxError {
  try {
    parseTemplate(text);
  } catch (error) {
    assert.ok(error instanceof TemplateSyntaxError);
    return error;
  }
  throw new Error(`expected "${text}" to fail`);
}

Deno.test("parser: a string that is one expression is whole", () => {
  const template = parseTemplate("${tokens.AccessToken}");
  assert.equal(template.whole, true);
  const part = template.parts[0] as ExpressionPart;
  assert.deepEqual(part.expression, {
    type: "path",
    segments: [
      { key: "tokens", start: 2, end: 8 },
      { key: "AccessToken", start: 9, end: 20 },
    ],
    start: 2,
    end: 20,
  });
  assert.equal(part.source, "${tokens.AccessToken}");
});

Deno.test("parser: surrounding text or spaces make a template interpolated", () => {
  assert.equal(parseTemplate("Bearer ${t}").whole, false);
  assert.equal(parseTemplate("${t} ").whole, false);
  assert.equal(parseTemplate("${a}${b}").whole, false);
  assert.equal(parseTemplate("${ t }").whole, true);
});

Deno.test("parser: $${ is a literal ${ and other dollars stay", () => {
  const template = parseTemplate("$${x} costs $5 and $$");
  assert.deepEqual(template.parts, [
    { type: "text", text: "${x} costs $5 and $$", start: 0, end: 21 },
  ]);
  const mixed = parseTemplate("a$${b}${c}");
  assert.deepEqual(mixed.parts.map((p) => p.type), ["text", "expression"]);
  assert.equal(mixed.parts[0]?.type === "text" && mixed.parts[0].text, "a${b}");
});

Deno.test("parser: paths with indexes, negative indexes and quoted names", () => {
  const expression = parseExpression(`a.b[0][-1]["custom:x"]['y']`);
  assert.equal(expression.type, "path");
  if (expression.type !== "path") return;
  assert.deepEqual(expression.segments.map((s) => s.key), ["a", "b", 0, -1, "custom:x", "y"]);
});

Deno.test("parser: literals", () => {
  assert.deepEqual(
    ["'a\\'b'", '"\\u0041\\n"', "42", "-1.5e2", "true", "false", "null"].map((text) => {
      const e = parseExpression(text);
      return e.type === "literal" ? e.value : "not a literal";
    }),
    ["a'b", "A\n", 42, -150, true, false, null],
  );
});

Deno.test("parser: calls with dotted names and nested arguments", () => {
  const expression = parseExpression("srp.deviceClaim(challenge, concat('}', 1), srp.timestamp())");
  assert.equal(expression.type, "call");
  if (expression.type !== "call") return;
  assert.equal(expression.name, "srp.deviceClaim");
  assert.deepEqual(expression.nameSpan, { start: 0, end: 15 });
  assert.deepEqual(expression.args.map((a) => a.type), ["path", "call", "call"]);
  const template = parseTemplate("${concat('}', x)}");
  assert.equal(template.whole, true);
});

Deno.test("parser: syntax errors carry the offset of the problem", () => {
  const cases: [string, number, string][] = [
    ["x ${tokens.}", 11, 'Cannot parse template "${tokens.}": expected a name after "."'],
    ["${}", 2, 'Cannot parse template "${}": empty expression'],
    ["ab ${a.b", 8, 'Cannot parse template "${a.b": missing "}"'],
    ["${a b}", 4, 'Cannot parse template "${a b}": unexpected "b"; expected "}"'],
    ["${f(a}", 5, 'Cannot parse template "${f(a}": missing ")" to close "f("'],
    ["${'abc}", 2, `Cannot parse template "\${'abc}": unterminated string`],
    ["${a[x]}", 4, 'Cannot parse template "${a[x]}": expected an index or a quoted name after "["'],
    ["${a[1.5]}", 4, 'Cannot parse template "${a[1.5]}": expected an integer index'],
    ["${@x}", 2, 'Cannot parse template "${@x}": unexpected "@"'],
    ["${12ab}", 4, 'Cannot parse template "${12ab}": unexpected "a" after a number'],
    [
      "${srp.passwordClaim(c, p).TIMESTAMP}",
      25,
      'Cannot parse template "${srp.passwordClaim(c, p).TIMESTAMP}": cannot read a member of "srp.passwordClaim(…)"; bind the call with "let" and read the member from it',
    ],
    ["${a[0](x)}", 6, 'Cannot parse template "${a[0](x)}": a function name cannot contain "[…]"'],
  ];
  for (const [text, offset, message] of cases) {
    const error = syntaxError(text);
    assert.equal(error.message, message, text);
    assert.equal(error.offset, offset, text);
    assert.equal(error.source, text);
  }
});

Deno.test("parser: templates map offsets through their locator", () => {
  const template = parseTemplate("ab${c}", {
    locate: (offset) => ({ line: 3, column: 10 + offset }),
  });
  assert.deepEqual(template.position, { line: 3, column: 10 });
  assert.deepEqual(template.positionAt(2), { line: 3, column: 12 });
  assert.equal(parseTemplate("${c}").position, undefined);
});
