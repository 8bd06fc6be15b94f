import assert from "node:assert/strict";
import type { RunEvent } from "../runner/events.ts";
import { lineDiff } from "./_diff.ts";
import { truncate } from "./_style.ts";
import { pretty } from "./pretty.ts";
import type { ReporterOptions } from "./types.ts";

const GOLDEN_EVENTS = new URL("../../fixtures/golden/events.json", import.meta.url);
const events: RunEvent[] = JSON.parse(await Deno.readTextFile(GOLDEN_EVENTS));

async function chunks(list: RunEvent[], options: ReporterOptions): Promise<string[]> {
  const out: string[] = [];
  for await (
    const chunk of pretty(
      (async function* () {
        yield* list;
      })(),
      options,
    )
  ) out.push(chunk);
  return out;
}

const ERASE = "\r\x1b[2K";

Deno.test("pretty: on a terminal one status line is redrawn in place and erased before each block", async () => {
  const out = await chunks(events, { terminal: true, width: 60 });
  const text = out.join("");
  // Every status line starts with an erase and never contains a newline.
  // An erase followed by text without a newline is a status line; one followed by a block is a clear.
  const statuses = text.split(ERASE).slice(1).filter((part) => !part.includes("\n"));
  assert.ok(statuses.length > 5);
  for (const status of statuses) assert.ok([...status].length <= 59, status);
  assert.ok(statuses.some((status) => status.includes("device-on/forget-device.yaml › ")));
  // Blocks and the summary start on a clean line; nothing is left on the status line at the end.
  for (const block of ["✓ device-off/password-sign-in.yaml", "Scenarios  5"]) {
    assert.ok(text.includes(ERASE + block), block);
  }
  assert.ok(text.endsWith("\n"));
});

Deno.test("pretty: off a terminal there is no status line and no escape at all", async () => {
  const text = (await chunks(events, { terminal: false, color: false })).join("");
  assert.ok(!text.includes("\r"));
  assert.ok(!text.includes("\x1b"));
});

Deno.test("pretty: showExchanges prints request and response bodies under each step", async () => {
  const text = (await chunks(events, { showExchanges: true })).join("");
  assert.ok(text.includes("        → POST http://127.0.0.1:41234/ GetUser"));
  assert.ok(text.includes('"Username": "alice"'));
  assert.ok(text.includes("        ← 400 (8 ms)"));
});

Deno.test("pretty: the timing table can be cut or hidden", async () => {
  const cut = (await chunks(events, { timingRows: 2 })).join("");
  assert.match(cut, /Timing \(slowest first\)\n {2}83 ms .*\n {2}71 ms .*\n {2}… 3 more\n/);
  const hidden = (await chunks(events, { timingRows: 0 })).join("");
  assert.ok(!hidden.includes("Timing"));
});

Deno.test("pretty: a run cut short says so", async () => {
  const ends = events.flatMap((event, index) => event.type === "scenario:end" ? [index] : []);
  const text = (await chunks(events.slice(0, ends[1]! + 1), {})).join("");
  assert.match(text, /run ended early: 2 of 5 scenarios finished\n$/);
  assert.ok(!text.includes("Scenarios "));
});

Deno.test("truncate: counts visible characters only and never splits an escape", () => {
  assert.equal(truncate("abcdef", 6), "abcdef");
  assert.equal(truncate("abcdefg", 6), "abcde…");
  assert.equal(truncate("\x1b[31mabc\x1b[39mdefg", 6), "\x1b[31mabc\x1b[39mde…\x1b[0m");
  assert.equal(truncate("✓✓✓✓", 3), "✓✓…");
});

Deno.test("lineDiff: keeps common lines and marks the rest", () => {
  assert.deepEqual(
    lineDiff(["{", '  "a": 1,', '  "b": 2', "}"], ["{", '  "a": 1,', '  "b": 3', "}"]),
    [
      { op: " ", line: "{" },
      { op: " ", line: '  "a": 1,' },
      { op: "-", line: '  "b": 2' },
      { op: "+", line: '  "b": 3' },
      { op: " ", line: "}" },
    ],
  );
  const big = Array.from({ length: 300 }, (_, i) => String(i));
  const ops = lineDiff(big, big);
  assert.equal(ops.filter((op) => op.op !== " ").length, 600, "too large: both sides shown whole");
});
