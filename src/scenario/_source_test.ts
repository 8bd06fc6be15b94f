import assert from "node:assert/strict";
import { YamlSource } from "./_source.ts";

const text = [
  "plain: ab ${x}",
  'double: "ab ${x}"',
  "single: 'ab ${x}'",
  'escaped: "a\\tb ${x}"',
  "literal: |",
  "  first",
  "",
  "  third ${x}",
  "folded: >",
  "  one",
  "  two ${x}",
  "list:",
  "  - { k: v }",
  "",
].join("\n");
const source = new YamlSource(text);

Deno.test("source: values, keys, and missing keys fall back to their parent", () => {
  assert.deepEqual(source.position(["plain"]), { line: 1, column: 8 });
  assert.deepEqual(source.position(["plain"], true), { line: 1, column: 1 });
  assert.deepEqual(source.position(["list", 0, "k"], true), { line: 13, column: 7 });
  assert.deepEqual(source.position(["list", 0, "missing"]), { line: 13, column: 5 });
  assert.deepEqual(source.position(["nothing", "here"]), { line: 1, column: 1 });
});

Deno.test("source: offsets inside strings map exactly where the scalar allows it", () => {
  const offset = "ab ".length;
  assert.deepEqual(source.locator(["plain"])(offset), { line: 1, column: 11 });
  assert.deepEqual(source.locator(["double"])(offset), { line: 2, column: 13 });
  assert.deepEqual(source.locator(["single"])(offset), { line: 3, column: 13 });
  const third = "first\n\nthird ".length;
  assert.deepEqual(source.locator(["literal"])(third), { line: 8, column: 9 });
});

Deno.test("source: escapes and folding fall back to the scalar's start", () => {
  assert.deepEqual(source.locator(["escaped"])(5), { line: 4, column: 10 });
  assert.deepEqual(source.locator(["folded"])(8), { line: 9, column: 9 });
});
