import assert from "node:assert/strict";
import type { RunEvent } from "../runner/events.ts";
import {
  parseReporterSpec,
  parseReporterSpecs,
  REPORTERS,
  ReporterSpecError,
  teeEvents,
} from "./registry.ts";

Deno.test("reporter specs: names, paths and standard output", () => {
  assert.deepEqual(
    parseReporterSpecs(["pretty", "junit:reports/a.xml", "json:C:\\out\\r.json", "tap:-x"])
      .map((s) => [s.name, s.path]),
    [["pretty", undefined], ["junit", "reports/a.xml"], ["json", "C:\\out\\r.json"], ["tap", "-x"]],
  );
  assert.equal(parseReporterSpec("dot").reporter, REPORTERS.dot.reporter);
});

Deno.test("reporter specs: what cannot work is refused with a usage error", () => {
  const refused: Array<[string[], { outputs?: string[] }, RegExp]> = [
    [
      ["xml"],
      {},
      /Cannot use reporter "xml": it is not one of "pretty", "dot", "tap", "junit", "json"/,
    ],
    [[":a.txt"], {}, /the name is missing/],
    [["junit:"], {}, /the path after ":" is empty/],
    [["pretty", "dot:-"], {}, /"pretty" and "dot": they would all write to standard output/],
    [["junit:a.xml", "tap:a.xml"], {}, /Cannot write two reports to "a.xml"/],
    [["junit:a.xml"], { outputs: ["b.xml"] }, /already names a path/],
    [["dot"], { outputs: ["a", "b"] }, /more outputs than reporters/],
  ];
  for (const [specs, options, message] of refused) {
    assert.throws(() => parseReporterSpecs(specs, options), (error: Error) => {
      assert.ok(error instanceof ReporterSpecError && error instanceof TypeError);
      assert.match(error.message, message);
      return true;
    });
  }
});

Deno.test("reporter specs: paired outputs and the default", () => {
  assert.deepEqual(
    parseReporterSpecs(["junit", "dot"], { outputs: ["out.xml", "-"] }).map((
      s,
    ) => [s.name, s.path]),
    [["junit", "out.xml"], ["dot", undefined]],
  );
  assert.deepEqual(parseReporterSpecs([], { outputs: ["run.txt"] }).map((s) => [s.name, s.path]), [
    ["pretty", "run.txt"],
  ]);
  assert.equal(parseReporterSpecs([], { fallback: "dot" })[0]!.name, "dot");
});

const scenario = { id: "a", name: "a", file: "a", tags: [] };

async function drain(events: AsyncIterable<RunEvent>, delayMs = 0): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of events) {
    seen.push(event.type);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return seen;
}

Deno.test("teeEvents: every branch sees every event once, however fast it reads", async () => {
  let pulls = 0;
  const source = (async function* (): AsyncGenerator<RunEvent> {
    for (let i = 0; i < 5; i++) {
      pulls++;
      yield { type: "scenario:start", scenario };
    }
  })();
  const [fast, slow, other] = teeEvents(source, 3);
  const seen = await Promise.all([drain(fast!), drain(slow!, 1), drain(other!)]);
  assert.deepEqual(seen, [1, 2, 3].map(() => Array(5).fill("scenario:start")));
  assert.equal(pulls, 5);
});

Deno.test("teeEvents: a failing source fails every branch", async () => {
  const source = (async function* (): AsyncGenerator<RunEvent> {
    yield { type: "scenario:start", scenario };
    throw new Error("runner broke");
  })();
  const branches = teeEvents(source, 2);
  const results = await Promise.allSettled(branches.map((branch) => drain(branch)));
  for (const result of results) {
    assert.equal(result.status, "rejected");
    assert.match(String((result as PromiseRejectedResult).reason), /runner broke/);
  }
});
