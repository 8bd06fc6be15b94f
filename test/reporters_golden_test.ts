/**
 * Golden outputs: every reporter formats one fixed, realistic run
 * (`fixtures/golden/events.json`: five scenarios interleaved as with
 * `--jobs 2`, one passed, two failed, one errored, one skipped) and the text
 * must match the committed file byte for byte.
 *
 * The events hold fake tokens and passwords, as the runner sees them; they go
 * through `redactEvent` first, as in a real run, so the goldens also show the
 * masks.
 *
 * The JUnit golden is `junit.xml.golden`, not `junit.xml`, because `deno fmt`
 * reformats XML files and would break the byte-for-byte comparison.
 *
 * After an intended change of format, rewrite the files and review the diff:
 *
 *     UPDATE_GOLDEN=1 deno test -A test/reporters_golden_test.ts
 */
import assert from "node:assert/strict";
import {
  dot,
  json,
  junit,
  pretty,
  type Reporter,
  type ReporterOptions,
  tap,
} from "../src/reporters/mod.ts";
import type { RunEvent } from "../src/runner/events.ts";
import { redactEvent, SecretRegistry } from "../src/runner/redact.ts";

const GOLDEN = new URL("../fixtures/golden/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

const raw: RunEvent[] = JSON.parse(await Deno.readTextFile(new URL("events.json", GOLDEN)));

function redacted(): RunEvent[] {
  const registry = new SecretRegistry();
  return raw.map((event) => redactEvent(event, registry));
}

async function render(reporter: Reporter, options: ReporterOptions): Promise<string> {
  const events = redacted();
  let text = "";
  for await (
    const chunk of reporter(
      (async function* () {
        yield* events;
      })(),
      options,
    )
  ) text += chunk;
  return text;
}

const cases: Array<[file: string, reporter: Reporter, options: ReporterOptions]> = [
  ["pretty.txt", pretty, {}],
  ["pretty.color.txt", pretty, { color: true }],
  ["dot.txt", dot, {}],
  ["tap.tap", tap, {}],
  ["junit.xml.golden", junit, {}],
  ["json.json", json, {}],
];

for (const [file, reporter, options] of cases) {
  Deno.test(`golden: ${file}`, async () => {
    const actual = await render(reporter, options);
    const url = new URL(file, GOLDEN);
    if (UPDATE) await Deno.writeTextFile(url, actual);
    const expected = await Deno.readTextFile(url);
    assert.equal(
      actual,
      expected,
      `${file} differs; if intended, run with UPDATE_GOLDEN=1 and review`,
    );
  });
}

Deno.test("golden: the fixture is a realistic interleaved run", async () => {
  const types = raw.map((event) => event.type);
  assert.equal(types[0], "suite:start");
  assert.equal(types.at(-1), "suite:end");
  // Interleaved: a scenario starts before the previous one ends.
  const starts = types.indexOf("scenario:start");
  assert.equal(types[starts + 1], "scenario:start");
  const outcomes = raw.flatMap((event) =>
    event.type === "scenario:end" ? [event.result.outcome] : []
  );
  assert.deepEqual([...outcomes].sort(), ["errored", "failed", "failed", "passed", "skipped"]);
  // Colour only where asked for.
  assert.ok(!(await render(pretty, {})).includes("\x1b["));
  assert.ok((await render(pretty, { color: true })).includes("\x1b[31m✗"));
});

Deno.test("golden: no fake secret of the fixture reaches any golden file", async () => {
  const secrets = new Set<string>();
  const walk = (value: unknown, key = ""): void => {
    if (
      typeof value === "string" &&
      /^(PASSWORD|AccessToken|IdToken|RefreshToken|REFRESH_TOKEN)$/.test(key)
    ) {
      secrets.add(value);
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k);
    }
  };
  walk(raw);
  assert.ok(secrets.size >= 8, `only ${secrets.size} secrets found in the fixture`);
  for (const [file] of cases) {
    const text = await Deno.readTextFile(new URL(file, GOLDEN));
    for (const secret of secrets) {
      assert.ok(!text.includes(secret.slice(0, 24)), `${file} leaks a secret`);
    }
  }
});
