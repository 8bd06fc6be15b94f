import assert from "node:assert/strict";
import type { RunEvent, ScenarioResult, SuiteResult } from "../runner/events.ts";
import { parseXml, type XmlElement, XmlSyntaxError } from "./_xml.ts";
import { junit, mergeJUnit } from "./junit.ts";
import type { ReporterOptions } from "./types.ts";

const GOLDEN_EVENTS = new URL("../../fixtures/golden/events.json", import.meta.url);
const events: RunEvent[] = JSON.parse(await Deno.readTextFile(GOLDEN_EVENTS));
const full = (events.at(-1) as Extract<RunEvent, { type: "suite:end" }>).result;

async function render(suite: SuiteResult, options: ReporterOptions = {}): Promise<string> {
  let text = "";
  for await (
    const chunk of junit(
      (async function* (): AsyncGenerator<RunEvent> {
        yield { type: "suite:end", result: suite };
      })(),
      options,
    )
  ) text += chunk;
  return text;
}

function attr(node: XmlElement, name: string): string | undefined {
  return node.attributes.find(([n]) => n === name)?.[1];
}

function elements(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

function shard(results: ScenarioResult[], index: number, durationMs: number): SuiteResult {
  const counts = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  for (const result of results) counts[result.outcome]++;
  return { ...full, scenarios: results, counts, durationMs, shard: { index, total: 2 } };
}

Deno.test("junit: the output is well-formed XML whose counts match its testcases", async () => {
  const root = parseXml(await render(full));
  assert.equal(root.name, "testsuites");
  const suites = elements(root, "testsuite");
  assert.deepEqual(suites.map((s) => attr(s, "name")), ["device-off", "device-on", "mfa", "srp"]);
  const cases = suites.flatMap((s) => elements(s, "testcase"));
  assert.equal(attr(root, "tests"), String(cases.length));
  assert.equal(
    attr(root, "failures"),
    String(cases.filter((c) => elements(c, "failure").length).length),
  );
  assert.equal(
    attr(root, "errors"),
    String(cases.filter((c) => elements(c, "error").length).length),
  );
  assert.equal(
    attr(root, "skipped"),
    String(cases.filter((c) => elements(c, "skipped").length).length),
  );
  assert.deepEqual([attr(root, "failures"), attr(root, "errors"), attr(root, "skipped")], [
    "2",
    "1",
    "1",
  ]);
  for (const suite of suites) {
    const properties = elements(elements(suite, "properties")[0]!, "property");
    assert.deepEqual(properties.map((p) => attr(p, "name")), [
      "target",
      "endpoint",
      "region",
      "shard",
    ]);
  }
});

Deno.test("junit: control characters, quotes and ]]> survive escaping and parse back", async () => {
  const nasty = 'line1\nline2\t"quoted" <tag> & \x1b[31mred\x1b[39m \x00 ]]> \uD800 end';
  const result: ScenarioResult = {
    scenario: { id: "odd/case.yaml", name: nasty, file: "odd/case.yaml", tags: [] },
    outcome: "failed",
    durationMs: 1,
    steps: [{
      index: 0,
      name: "s",
      call: "GetUser",
      outcome: "failed",
      durationMs: 1,
      exchanges: [],
      failures: [{ kind: "assertion", message: nasty, path: "$.a" }],
    }],
  };
  const xml = await render({ ...full, scenarios: [result] });
  const testcase = elements(elements(parseXml(xml), "testsuite")[0]!, "testcase")[0]!;
  const expected = nasty.replace("\x1b", "\\u001b").replace("\x1b", "\\u001b").replace(
    "\x00",
    "\\u0000",
  )
    .replace("\uD800", "\\ud800");
  assert.equal(attr(testcase, "name"), expected);
  const failure = elements(testcase, "failure")[0]!;
  assert.equal(attr(failure, "type"), "assertion");
  assert.ok((failure.children[0] as string).includes(expected.split("\n")[1]!));
});

Deno.test("junit: shard reports merge into the unsharded report with summed counts", async () => {
  const [a, c, b, e, d] = full.scenarios;
  const first = await render(shard([a!, b!, e!], 1, 120));
  const second = await render(shard([c!, d!], 2, 100));
  const text = mergeJUnit([second, first]);
  assert.equal(mergeJUnit([first, second]), text, "the order of the files does not matter");
  const merged = parseXml(text);
  const unsharded = parseXml(await render({ ...full, shard: { index: 1, total: 1 } }));
  for (const name of ["tests", "failures", "errors", "skipped"]) {
    assert.equal(attr(merged, name), attr(unsharded, name), name);
  }
  assert.equal(attr(merged, "time"), "0.220");
  const cases = (root: XmlElement) =>
    elements(root, "testsuite").map((
      suite,
    ) => [attr(suite, "name"), attr(suite, "tests"), elements(suite, "testcase")]);
  assert.deepEqual(cases(merged), cases(unsharded));
  const shards = elements(merged, "testsuite").map((suite) =>
    attr(
      elements(elements(suite, "properties")[0]!, "property").find((p) =>
        attr(p, "name") === "shard"
      )!,
      "value",
    )
  );
  // device-on has scenarios in both shards; the others in one.
  assert.deepEqual(shards, ["1/2", "1/2, 2/2", "1/2", "2/2"]);
});

Deno.test("junit: merging is idempotent and refuses a testcase seen twice", async () => {
  const once = mergeJUnit([await render(full)]);
  assert.equal(mergeJUnit([once]), once);
  assert.throws(() => mergeJUnit([once, once]), RangeError);
});

Deno.test("junit: merge accepts a bare <testsuite> and counts what lacks count attributes", () => {
  const merged = parseXml(mergeJUnit([
    '<testsuite name="x"><testcase name="a"><failure/></testcase><testcase name="b"><skipped/></testcase></testsuite>',
    '<?xml version="1.0"?><!-- other tool --><testsuites><testsuite name="x"><testcase name="c"/></testsuite></testsuites>',
  ]));
  assert.deepEqual(["tests", "failures", "errors", "skipped"].map((n) => attr(merged, n)), [
    "3",
    "1",
    "0",
    "1",
  ]);
  assert.throws(() => mergeJUnit(["<testsuites><testsuite></testsuites>"]), SyntaxError);
  assert.throws(() => mergeJUnit(["<html/>"]), SyntaxError);
});

Deno.test("junit: showExchanges adds system-out with the bodies", async () => {
  const xml = await render(full, { showExchanges: true });
  const outs = [...xml.matchAll(/<system-out>([\s\S]*?)<\/system-out>/g)].map((m) => m[1]!);
  assert.equal(outs.length, 3); // the three scenarios that made requests
  assert.ok(
    outs.some((text) => text.includes("&quot;AuthFlow&quot;") || text.includes('"AuthFlow"')),
  );
});

Deno.test("xml: the parser rejects what is not well-formed", () => {
  const bad = [
    "<a><b></a></b>",
    "<a>&</a>",
    "<a>&nope;</a>",
    '<a x="1" x="2"/>',
    "<a/><b/>",
    "<a>\x01</a>",
    "text<a/>",
    '<a x="<"/>',
    "<a>",
    "<a x=1/>",
  ];
  for (const text of bad) assert.throws(() => parseXml(text), XmlSyntaxError, text);
  assert.deepEqual(parseXml('<a k="&lt;&#65;&#x42;"><![CDATA[<raw>]]>t&amp;</a>'), {
    name: "a",
    attributes: [["k", "<AB"]],
    children: ["<raw>", "t&"],
  });
});
