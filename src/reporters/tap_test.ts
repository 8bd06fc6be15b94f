import assert from "node:assert/strict";
import YAML from "yaml";
import type { RunEvent, ScenarioResult } from "../runner/events.ts";
import { tap } from "./tap.ts";

const GOLDEN_EVENTS = new URL("../../fixtures/golden/events.json", import.meta.url);

async function render(events: RunEvent[]): Promise<string> {
  let text = "";
  for await (
    const chunk of tap((async function* () {
      yield* events;
    })())
  ) text += chunk;
  return text;
}

const TEST_POINT = /^(not )?ok (\d+)(?: - ((?:[^\\#]|\\.)*?))?(?: # (.*))?$/;
const PLAN = /^1\.\.(\d+)(?: # .*)?$/;

/**
 * A small structural check of TAP 14: version line, exactly one plan (first
 * or last), test points numbered 1..N matching the plan, YAML blocks only
 * right after a test point and parseable as YAML, subtests indented by four
 * spaces, checked recursively and closed by a test point. Returns the
 * problems found.
 */
function checkTap(text: string): string[] {
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  if (lines[0] !== "TAP version 14") return [`first line is ${JSON.stringify(lines[0])}`];
  return checkBody(lines.slice(1), "top");
}

function checkBody(lines: string[], where: string): string[] {
  const problems: string[] = [];
  let plan: number | undefined;
  let planAt = -1;
  let count = 0;
  let lastWasPoint = false;
  let subtest: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("    ")) {
      (subtest ??= []).push(line.slice(4));
      lastWasPoint = false;
      continue;
    }
    const point = TEST_POINT.exec(line);
    if (subtest !== undefined) {
      if (point === null) {
        problems.push(`${where}: subtest not closed by a test point at line ${i}`);
      }
      problems.push(...checkBody(subtest, `${where} > subtest before line ${i}`));
      subtest = undefined;
    }
    if (point !== null) {
      count++;
      if (Number(point[2]) !== count) {
        problems.push(`${where}: test point ${point[2]} should be ${count}`);
      }
      const directive = point[4];
      if (directive !== undefined && !/^(SKIP|TODO)\b|^time=\d+ms$/.test(directive)) {
        problems.push(`${where}: unexpected directive ${JSON.stringify(directive)}`);
      }
      lastWasPoint = true;
      continue;
    }
    if (line === "  ---") {
      if (!lastWasPoint) problems.push(`${where}: YAML block not after a test point at line ${i}`);
      const end = lines.indexOf("  ...", i);
      if (end < 0) {
        problems.push(`${where}: YAML block never closed`);
        break;
      }
      const yaml = lines.slice(i + 1, end);
      if (yaml.some((l) => !l.startsWith("  "))) problems.push(`${where}: YAML line not indented`);
      try {
        YAML.parse(yaml.map((l) => l.slice(2)).join("\n"));
      } catch (error) {
        problems.push(`${where}: YAML does not parse: ${(error as Error).message}`);
      }
      i = end;
      lastWasPoint = false;
      continue;
    }
    lastWasPoint = false;
    const planMatch = PLAN.exec(line);
    if (planMatch !== null) {
      if (plan !== undefined) problems.push(`${where}: second plan`);
      plan = Number(planMatch[1]);
      planAt = i;
    } else if (!line.startsWith("#") && line !== "") {
      problems.push(`${where}: unexpected line ${JSON.stringify(line)}`);
    }
  }
  if (subtest !== undefined) problems.push(`${where}: subtest not closed by a test point`);
  if (plan === undefined) problems.push(`${where}: no plan`);
  else if (plan !== count) problems.push(`${where}: plan 1..${plan} but ${count} test points`);
  const firstPoint = lines.findIndex((l) => TEST_POINT.test(l));
  if (
    plan !== undefined && firstPoint >= 0 && planAt > firstPoint &&
    lines.slice(planAt + 1).some((l) => TEST_POINT.test(l))
  ) {
    problems.push(`${where}: plan in the middle`);
  }
  return problems;
}

Deno.test("tap: the golden run is structurally valid TAP 14", async () => {
  const events: RunEvent[] = JSON.parse(await Deno.readTextFile(GOLDEN_EVENTS));
  const text = await render(events);
  assert.deepEqual(checkTap(text), []);
  assert.match(text, /^# Subtest: device-on\/refresh-needs-device\.yaml/m);
  assert.ok(text.includes("\n    ok 3 - confirm the device # SKIP an earlier step failed\n"));
});

Deno.test("tap: the checker itself rejects broken TAP", () => {
  assert.notDeepEqual(checkTap("TAP version 14\nok 1 - a\n"), []); // no plan
  assert.notDeepEqual(checkTap("TAP version 14\n1..2\nok 1 - a\nok 3 - b\n"), []); // numbering
  assert.notDeepEqual(checkTap("TAP version 14\n1..1\nnot ok 1 - a\n  ---\n  a: [\n  ...\n"), []); // YAML
  assert.notDeepEqual(checkTap("TAP version 13\n1..0\n"), []);
  assert.notDeepEqual(checkTap("TAP version 14\n1..1\n    1..1\n    ok 1 - s\n"), []); // unclosed subtest
  assert.deepEqual(checkTap("TAP version 14\nok 1 - a\nok 2 - b # SKIP why\n1..2\n"), []);
});

const scenario = {
  id: "x/y.yaml",
  name: "name with # hash and \\ backslash\nand a newline",
  file: "y",
  tags: [],
};

Deno.test("tap: descriptions escape # and \\ and stay on one line", async () => {
  const result: ScenarioResult = { scenario, outcome: "passed", durationMs: 2, steps: [] };
  const text = await render([{ type: "scenario:end", result }]);
  assert.deepEqual(checkTap(text), []);
  assert.match(
    text,
    /^ok 1 - x\/y\.yaml - name with \\# hash and \\\\ backslash and a newline # time=2ms$/m,
  );
});

Deno.test("tap: without suite:start the plan comes last; errored scenarios get a diagnostic", async () => {
  const result: ScenarioResult = {
    scenario,
    outcome: "errored",
    durationMs: 1,
    steps: [],
    error: "Cannot provision pool: 'x': y",
  };
  const text = await render([{ type: "scenario:end", result }]);
  assert.deepEqual(checkTap(text), []);
  assert.ok(text.endsWith("1..1\n"));
  const yaml = text.slice(text.indexOf("  ---\n") + 6, text.indexOf("  ...\n"));
  assert.deepEqual(YAML.parse(yaml.replace(/^ {2}/gm, "")), {
    outcome: "errored",
    file: "y",
    duration_ms: 1,
    error: "Cannot provision pool: 'x': y",
  });
});

Deno.test("tap: an empty run is a valid empty plan", async () => {
  const text = await render([]);
  assert.equal(text, "TAP version 14\n1..0\n");
  assert.deepEqual(checkTap(text), []);
});
