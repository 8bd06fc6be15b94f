/**
 * The suite stays traceable to the error catalogue: every error a scenario
 * under `scenarios/` expects by plain type and plain message
 * (`expect.error`, or `__type` and `message` of `expect.body`) is an entry
 * of `fixtures/cognito-errors.json` of that type, its `{placeholders}`
 * standing for any text. The loader does not check this itself: the live
 * service's wording may differ from what the catalogue knows, and a scenario
 * is where that difference is asserted.
 */

import assert from "node:assert/strict";
import { ERROR_CATALOGUE } from "../src/cognito/errors.ts";
import { loadScenarios, type Scenario, type TemplateTree } from "../src/scenario/mod.ts";
import { isTemplate, parseTemplate } from "../src/template/mod.ts";

/** An expected error written as plain text, and where. */
interface ExpectedError {
  type: string;
  message: string;
  where: string;
}

/** A catalogue message as an anchored pattern: each `{name}` matches any non-empty text. */
function messagePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((text) =>
    text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  );
  return new RegExp(`^${parts.join(".+")}$`, "s");
}

/** The catalogue's messages by type. */
const catalogued = new Map<string, RegExp[]>();
for (const entry of ERROR_CATALOGUE) {
  if (entry.message === null) continue;
  catalogued.set(entry.type, [...catalogued.get(entry.type) ?? [], messagePattern(entry.message)]);
}

/** Whether `message` is a catalogue message of `type`. */
function isCatalogued(type: string, message: string): boolean {
  return (catalogued.get(type) ?? []).some((pattern) => pattern.test(message));
}

/**
 * The texts a message expectation allows: a plain string; a template with
 * each `${…}` as a stand-in text (a catalogue placeholder matches it); the
 * items of a `$oneOf`. A whole-value template or another matcher allows no
 * text known before the run.
 */
function messageTexts(message: TemplateTree | undefined): string[] {
  if (typeof message === "string") return [message];
  if (isTemplate(message)) {
    if (message.whole) return [];
    return [message.parts.map((part) => part.type === "text" ? part.text : "<value>").join("")];
  }
  if (typeof message === "object" && message !== null && !Array.isArray(message)) {
    const items = message.$oneOf;
    if (Array.isArray(items)) return items.flatMap(messageTexts);
  }
  return [];
}

function pairs(type: TemplateTree | undefined, message: TemplateTree | undefined) {
  return typeof type === "string"
    ? messageTexts(message).map((text) => ({ type, message: text }))
    : [];
}

function expectedErrors(scenario: Scenario): ExpectedError[] {
  const found: ExpectedError[] = [];
  for (const step of scenario.steps) {
    const expect = step.expect;
    if (expect === undefined) continue;
    const body = expect.body;
    const isBody = typeof body === "object" && body !== null && !Array.isArray(body) &&
      !isTemplate(body);
    const all = [
      ...pairs(expect.error?.type, expect.error?.message),
      ...(isBody ? pairs(body.__type, body.message) : []),
    ];
    for (const pair of all) {
      const { line, column } = expect.position;
      found.push({ ...pair, where: `${scenario.file}:${line}:${column}` });
    }
  }
  return found;
}

Deno.test("catalogue patterns: placeholders match any text, the rest literally", () => {
  const pattern = messagePattern("Unable to verify secret hash for client {clientId}");
  assert.ok(pattern.test("Unable to verify secret hash for client abc123"));
  assert.ok(!pattern.test("Unable to verify secret hash for client "));
  const middle = messagePattern("User pool client {clientId} does not exist.");
  assert.ok(middle.test("User pool client abc does not exist."));
  assert.ok(!middle.test("User pool client abc does not exist"));
  assert.ok(messagePattern("a.b").test("a.b"));
  assert.ok(!messagePattern("a.b").test("axb"));
  assert.ok(isCatalogued("NotAuthorizedException", "Invalid Refresh Token."));
  assert.ok(!isCatalogued("NotAuthorizedException", "Invalid refresh token"));
  assert.ok(!isCatalogued("ResourceNotFoundException", "Invalid Refresh Token."));
});

Deno.test("message texts: plain, templated with stand-ins, $oneOf items; whole templates none", () => {
  assert.deepEqual(messageTexts("Invalid Refresh Token."), ["Invalid Refresh Token."]);
  assert.deepEqual(
    messageTexts(parseTemplate("Unable to verify secret hash for client ${client.id}")),
    [
      "Unable to verify secret hash for client <value>",
    ],
  );
  assert.deepEqual(messageTexts(parseTemplate("${vars.message}")), []);
  assert.deepEqual(messageTexts({ $oneOf: ["a", parseTemplate("b ${x}"), { $match: "c" }] }), [
    "a",
    "b <value>",
  ]);
  assert.deepEqual(messageTexts({ $match: "^Invalid" }), []);
  assert.ok(
    isCatalogued("NotAuthorizedException", "Unable to verify secret hash for client <value>"),
  );
});

Deno.test("scenarios: every expected error message written as text is in the catalogue for its type", async () => {
  const { scenarios, errors } = await loadScenarios(["scenarios"], { root: "scenarios" });
  assert.deepEqual(errors.map(String), []);
  const expected = scenarios.flatMap(expectedErrors);
  assert.ok(expected.length >= 10, `only ${expected.length} plain expected errors found`);
  const uncatalogued = expected
    .filter(({ type, message }) => !isCatalogued(type, message))
    .map(({ type, message, where }) => `${where}: ${type} ${JSON.stringify(message)}`);
  assert.deepEqual(uncatalogued, []);
});
