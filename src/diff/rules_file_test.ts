import assert from "node:assert/strict";
import { DEFAULT_NORMALISE_RULES } from "./normalise.ts";
import { parseNormaliseRules } from "./rules_file.ts";

function problems(text: string): string[] {
  const { rules, errors } = parseNormaliseRules(text, "rules.yaml");
  assert.equal(rules, undefined, text);
  return errors.map(String);
}

Deno.test("rules file: an empty file is the defaults", () => {
  assert.equal(parseNormaliseRules("", "rules.yaml").rules, DEFAULT_NORMALISE_RULES);
  assert.equal(parseNormaliseRules("# nothing\n", "rules.yaml").rules, DEFAULT_NORMALISE_RULES);
});

Deno.test("rules file: additions, drops and replacements merge over the defaults", () => {
  const { rules, errors } = parseNormaliseRules(
    [
      "ignore: [$..DeviceLastAuthenticatedDate]",
      "opaque:",
      "  - $.AuthenticationResult.IdToken",
      "  - '!$..*Date'",
      "placeholders:",
      "  - { name: tenant, pattern: 'tenant-[0-9]+' }",
      "  - { name: client-id, pattern: '\\b[a-z0-9]{25,26}\\b' }",
      "  - { name: time, off: true }",
      "tokens: false",
      "headers:",
      "  X-Amzn-RequestId: ignore",
      "  cache-control: value",
      "  content-type: { capture: '^([^;]+)' }",
    ].join("\n"),
    "rules.yaml",
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(rules!.ignore, ["$..DeviceLastAuthenticatedDate"]);
  assert.ok(rules!.opaque.includes("$.AuthenticationResult.IdToken"));
  assert.ok(!rules!.opaque.includes("$..*Date"));
  assert.ok(rules!.opaque.includes("$..SRP_B"));
  const names = rules!.placeholders.map((rule) => rule.name);
  assert.equal(names[0], "tenant", "new placeholders apply before the defaults");
  assert.ok(!names.includes("time"));
  assert.equal(
    rules!.placeholders.find((rule) => rule.name === "client-id")!.pattern,
    "\\b[a-z0-9]{25,26}\\b",
  );
  assert.equal(
    names.indexOf("client-id"),
    DEFAULT_NORMALISE_RULES.placeholders
      .findIndex((rule) => rule.name === "client-id") + 1,
    "a replaced rule keeps its place",
  );
  assert.equal(rules!.tokens, false);
  assert.deepEqual(rules!.headers, {
    "content-type": { capture: "^([^;]+)" },
    "x-amzn-errortype": { capture: "^([^:]*)" },
    "cache-control": "value",
  });
  // The defaults are not changed by a merge.
  assert.ok(DEFAULT_NORMALISE_RULES.opaque.includes("$..*Date"));
});

Deno.test("rules file: defaults: false starts from nothing; JSON is read too", () => {
  const { rules } = parseNormaliseRules('{"defaults": false, "opaque": ["$.x"]}', "rules.json");
  assert.deepEqual(rules, {
    ignore: [],
    opaque: ["$.x"],
    placeholders: [],
    tokens: false,
    headers: {},
  });
});

Deno.test("rules file: every problem is positioned at its line and column", () => {
  const yaml = problems("ignore: [\n");
  assert.ok(yaml.length > 0);
  for (const line of yaml) assert.match(line, /^rules\.yaml:\d+:\d+: \S/);
  assert.deepEqual(
    problems(
      [
        "colour: blue",
        "opaque:",
        "  - $.ok",
        "  - Devices",
        '  - "$.a[x]"',
        "  - '!$.not-a-default'",
        "placeholders:",
        "  - { name: bad, pattern: '(' }",
        "  - { name: x, pattern: y, flags: g }",
        "  - { name: nope, off: true }",
        "  - { pattern: y }",
        "tokens: yes please",
        "headers: { date: sometimes }",
      ].join("\n"),
    ),
    [
      'rules.yaml:1:1: Cannot read the rules: unknown key "colour" (known: defaults, ignore, opaque, placeholders, tokens, headers)',
      'rules.yaml:4:5: Cannot read path "Devices": it must start with "$"',
      'rules.yaml:5:10: Cannot read path "$.a[x]": expected *, an index or a quoted name inside "[…]" at column 5',
      'rules.yaml:6:5: Cannot drop "$.not-a-default" from "opaque": it is not one of its rules',
      'rules.yaml:8:27: Cannot read placeholder "bad": Invalid regular expression: /(/: Unterminated group',
      'rules.yaml:9:35: Cannot read placeholder "x": flags must be of i, m, s, u',
      'rules.yaml:10:5: Cannot drop placeholder "nope": there is none of that name',
      "rules.yaml:11:5: Cannot read a placeholder: expected a name of letters, digits, _ and -",
      'rules.yaml:12:9: Cannot read "tokens": expected true or false',
      'rules.yaml:13:18: Cannot read header rule "date": expected value, presence, ignore or { capture: REGEX }',
    ],
  );
  assert.deepEqual(problems("- a\n- b\n"), [
    "rules.yaml:1:1: Cannot read the rules: expected a mapping of ignore, opaque, placeholders, tokens, headers",
  ]);
});
