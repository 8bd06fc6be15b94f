/**
 * Keeps the dependency rules of CONTRIBUTING.md checkable: which folder of
 * `src/` may import which, and no cycles between folders.
 */
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(import.meta.dirname!, "../src");

/** Folder → folders of ours it may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  srp: [],
  cognito: [],
  query: [],
  template: ["query"],
  assert: ["query", "template/suggest.ts"],
  scenario: ["template", "query", "assert", "cognito"],
  reporters: ["runner/events.ts"],
  mock: ["srp", "cognito"],
  runner: ["scenario", "template", "query", "assert", "cognito", "srp", "mock"],
  curl: ["scenario", "template", "query", "cognito"],
  diff: ["runner", "assert", "scenario"],
  cli: [
    "runner",
    "reporters",
    "scenario",
    "template",
    "query",
    "assert",
    "cognito",
    "srp",
    "mock",
    "curl",
    "diff",
  ],
};

const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g;

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

async function localImports(): Promise<Array<{ from: string; to: string }>> {
  const edges: Array<{ from: string; to: string }> = [];
  for await (const file of sourceFiles(SRC)) {
    const text = await Deno.readTextFile(file);
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      if (!specifier.startsWith(".")) continue;
      edges.push({
        from: relative(SRC, file),
        to: relative(SRC, resolve(dirname(file), specifier)),
      });
    }
  }
  return edges;
}

function folderOf(path: string): string {
  return path.split("/")[0]!;
}

function isAllowed(from: string, to: string): boolean {
  const source = folderOf(from);
  const target = folderOf(to);
  if (source === target) return true;
  const allowed = ALLOWED[source];
  assert.ok(allowed, `src/${source}/ has no dependency rule in test/architecture_test.ts`);
  return allowed.some((rule) => rule === target || rule === to);
}

Deno.test("architecture: every import between src/ folders follows the dependency rules", async () => {
  const violations = (await localImports())
    .filter(({ from, to }) => !to.startsWith("..") && !isAllowed(from, to))
    .map(({ from, to }) => `src/${from} imports src/${to}`);
  assert.deepEqual(violations, []);
});

Deno.test("architecture: src/ never imports from outside src/ except fixtures data", async () => {
  const outside = (await localImports())
    .filter(({ to }) => to.startsWith("..") && !to.startsWith("../fixtures/"))
    .map(({ from, to }) => `src/${from} imports ${to}`);
  assert.deepEqual(outside, []);
});

Deno.test("architecture: FFI is used only in src/srp/native/", async () => {
  const ffi = /\bDeno\.(?:dlopen|UnsafePointer|UnsafePointerView|UnsafeCallback|UnsafeFnPointer)\b/;
  const users: string[] = [];
  for await (const file of sourceFiles(SRC)) {
    if (relative(SRC, file).startsWith("srp/native/")) continue;
    if (ffi.test(await Deno.readTextFile(file))) users.push(relative(SRC, file));
  }
  assert.deepEqual(users, []);
});

Deno.test("architecture: no cycles between src/ folders", async () => {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of await localImports()) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a === b || to.startsWith("..")) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  const cycles: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(" → "));
      return;
    }
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});
