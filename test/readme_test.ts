/**
 * Keeps the README's claims about the code true: the mock's operation
 * coverage table lists exactly the operations the mock implements, and the
 * quick start's two commands are the tasks CI runs, and the bounds of
 * scenario files and response bodies are the ones the code checks.
 */
import assert from "node:assert/strict";
import { MAX_RESPONSE_BYTES, MAX_RESPONSE_DEPTH } from "../src/cognito/client.ts";
import { SCENARIO_LIMITS } from "../src/scenario/mod.ts";
import { OPERATION_REGISTRY } from "../src/mock/operations/registry.ts";

const README = await Deno.readTextFile(new URL("../README.md", import.meta.url));

function coverageTable(): string[] {
  const start = README.indexOf("<!-- coverage:start -->");
  const end = README.indexOf("<!-- coverage:end -->");
  assert.ok(start >= 0 && end > start, "README.md has no coverage:start/end markers");
  const rows = README.slice(start, end).split("\n").filter((line) => line.startsWith("| "));
  return rows.slice(2).flatMap((row) => row.split("|")[2]!.split(",").map((name) => name.trim()));
}

Deno.test("README: the coverage table lists exactly the mock's operations", () => {
  const listed = coverageTable().sort();
  const implemented = [...OPERATION_REGISTRY.keys()].sort();
  assert.deepEqual(listed, implemented);
  assert.match(README, new RegExp(`Implemented \\(${implemented.length} operations;`));
});

Deno.test("README: the quick start runs the demo and the gate that .ci/run calls", async () => {
  assert.match(README, /npx -y deno@2\.9\.6 task demo /);
  assert.match(README, /npx -y deno@2\.9\.6 task ok /);
  const ci = await Deno.readTextFile(new URL("../.ci/run", import.meta.url));
  assert.match(ci, /^DENO_VERSION=2\.9\.6$/m);
  assert.match(ci, /^deno task ok$/m);
});

Deno.test("README: the bounds it lists are the ones the code checks", () => {
  const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;
  const grouped = (n: number) => n.toLocaleString("en-US").replaceAll(",", " ");
  assert.ok(README.includes(`at most ${mib(SCENARIO_LIMITS.maxBytes)} of UTF-8 text`));
  assert.ok(README.includes(`at most ${SCENARIO_LIMITS.maxDepth} levels of mappings and lists`));
  assert.ok(README.includes(`at most ${grouped(SCENARIO_LIMITS.maxValues)} scalars`));
  assert.ok(README.includes(`at most ${mib(MAX_RESPONSE_BYTES)} are read`));
  assert.ok(README.includes(`nested deeper than ${MAX_RESPONSE_DEPTH} levels`));
});
