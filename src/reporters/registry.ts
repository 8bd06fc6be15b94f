/**
 * Reporters by name, the `--reporter NAME[:PATH]` parser, the colour rule and
 * a tee that lets several reporters read one event stream.
 *
 * @module
 */

import type { RunEvent } from "../runner/events.ts";
import { dot } from "./dot.ts";
import { json } from "./json.ts";
import { junit } from "./junit.ts";
import { pretty } from "./pretty.ts";
import { tap } from "./tap.ts";
import type { Reporter } from "./types.ts";

/** The name of a built-in reporter. */
export type ReporterName = "pretty" | "dot" | "tap" | "junit" | "json";

/** A registered reporter. */
export interface ReporterEntry {
  /** The name `--reporter` selects it by. */
  name: ReporterName;
  /** One line for `--help`. */
  summary: string;
  /** The usual file extension of its output, without the dot. */
  extension: string;
  /** The reporter itself. */
  reporter: Reporter;
}

/**
 * Every built-in reporter, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REPORTERS } from "./registry.ts";
 * assert.deepEqual(Object.keys(REPORTERS), ["pretty", "dot", "tap", "junit", "json"]);
 * assert.equal(REPORTERS.junit.extension, "xml");
 * ```
 */
export const REPORTERS: Readonly<Record<ReporterName, ReporterEntry>> = {
  pretty: {
    name: "pretty",
    summary: "steps with timing, failure diffs, a summary and a timing table (default)",
    extension: "txt",
    reporter: pretty,
  },
  dot: {
    name: "dot",
    summary: "one character per scenario, then failures",
    extension: "txt",
    reporter: dot,
  },
  tap: {
    name: "tap",
    summary: "TAP version 14, steps as subtests",
    extension: "tap",
    reporter: tap,
  },
  junit: {
    name: "junit",
    summary: "JUnit XML, mergeable across shards",
    extension: "xml",
    reporter: junit,
  },
  json: {
    name: "json",
    summary: "the full suite result with every exchange",
    extension: "json",
    reporter: json,
  },
};

/**
 * The reporter used when no `--reporter` is given, on a terminal or not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_REPORTER, getReporter } from "./registry.ts";
 * assert.equal(getReporter(DEFAULT_REPORTER).name, "pretty");
 * ```
 */
export const DEFAULT_REPORTER: ReporterName = "pretty";

/**
 * A `--reporter` value that cannot be used. Subclasses `TypeError`, like the
 * CLI's usage errors, so a command can report it as bad usage (exit code 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseReporterSpec, ReporterSpecError } from "./registry.ts";
 * assert.throws(() => parseReporterSpec("fancy"), ReporterSpecError);
 * assert.ok(new ReporterSpecError("x") instanceof TypeError);
 * ```
 */
export class ReporterSpecError extends TypeError {
  /** Always `"ReporterSpecError"`. */
  override name = "ReporterSpecError";
}

/** A parsed `--reporter NAME[:PATH]`. */
export interface ReporterSpec {
  /** The reporter's name. */
  name: ReporterName;
  /** The reporter itself. */
  reporter: Reporter;
  /** Where the output goes; absent for standard output (also written `-`). */
  path?: string;
}

/**
 * Looks a reporter up by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getReporter, ReporterSpecError } from "./registry.ts";
 * assert.equal(getReporter("tap").name, "tap");
 * assert.throws(() => getReporter("xml"), ReporterSpecError);
 * ```
 */
export function getReporter(name: string): ReporterEntry {
  if (Object.hasOwn(REPORTERS, name)) return REPORTERS[name as ReporterName];
  const known = Object.keys(REPORTERS).map((n) => `"${n}"`).join(", ");
  throw new ReporterSpecError(`Cannot use reporter "${name}": it is not one of ${known}`);
}

/**
 * Parses one `NAME[:PATH]`. The name ends at the first `:`; the rest is the
 * path, so `junit:C:\reports\a.xml` works; `-` or no path means standard
 * output.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseReporterSpec } from "./registry.ts";
 * assert.equal(parseReporterSpec("junit:reports/junit.xml").path, "reports/junit.xml");
 * assert.equal(parseReporterSpec("dot").path, undefined);
 * assert.equal(parseReporterSpec("tap:-").path, undefined);
 * ```
 */
export function parseReporterSpec(spec: string): ReporterSpec {
  const colon = spec.indexOf(":");
  const name = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const path = colon < 0 ? undefined : spec.slice(colon + 1);
  if (name === "") {
    throw new ReporterSpecError(`Cannot parse --reporter "${spec}": the name is missing`);
  }
  const entry = getReporter(name);
  if (path === "") {
    throw new ReporterSpecError(`Cannot parse --reporter "${spec}": the path after ":" is empty`);
  }
  const parsed: ReporterSpec = { name: entry.name, reporter: entry.reporter };
  if (path !== undefined && path !== "-") parsed.path = path;
  return parsed;
}

/** Options for {@linkcode parseReporterSpecs}. */
export interface ParseReporterSpecsOptions {
  /**
   * Destinations paired by position with the specs (`--reporter-output`,
   * as node's `--test-reporter-destination`); `-` is standard output. A spec
   * that already has `:PATH` cannot also have a paired output.
   * @default []
   */
  outputs?: readonly string[];
  /** The reporter used when `specs` is empty. @default "pretty" */
  fallback?: ReporterName;
}

/**
 * Parses every `--reporter` of a command line and checks them together: at
 * most one reporter writes to standard output, and no two write to the same
 * file. No specs means {@linkcode DEFAULT_REPORTER} on standard output:
 * `pretty` on a terminal and off it alike, because the CI log of a run is
 * read by people too (the progress line and colour only appear on a
 * terminal).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseReporterSpecs, ReporterSpecError } from "./registry.ts";
 * const specs = parseReporterSpecs(["dot", "junit:out/junit.xml"]);
 * assert.deepEqual(specs.map((s) => [s.name, s.path]), [["dot", undefined], ["junit", "out/junit.xml"]]);
 * assert.equal(parseReporterSpecs([])[0]!.name, "pretty");
 * assert.deepEqual(parseReporterSpecs(["tap"], { outputs: ["r.tap"] }).map((s) => s.path), ["r.tap"]);
 * assert.throws(() => parseReporterSpecs(["dot", "tap"]), ReporterSpecError);
 * ```
 */
export function parseReporterSpecs(
  specs: readonly string[],
  options: ParseReporterSpecsOptions = {},
): ReporterSpec[] {
  const outputs = options.outputs ?? [];
  if (outputs.length > Math.max(specs.length, 1)) {
    throw new ReporterSpecError(
      `Cannot pair --reporter-output "${
        outputs[specs.length]
      }": there are more outputs than reporters`,
    );
  }
  const list = specs.length > 0 ? specs : [options.fallback ?? DEFAULT_REPORTER];
  const parsed = list.map((spec, index) => {
    const result = parseReporterSpec(spec);
    const output = outputs[index];
    if (output === undefined) return result;
    if (result.path !== undefined) {
      throw new ReporterSpecError(
        `Cannot pair --reporter-output "${output}" with --reporter "${spec}": it already names a path`,
      );
    }
    const paired = parseReporterSpec(`${result.name}:${output}`);
    return paired;
  });
  const stdout = parsed.filter((spec) => spec.path === undefined);
  if (stdout.length > 1) {
    throw new ReporterSpecError(
      `Cannot use reporters ${stdout.map((s) => `"${s.name}"`).join(" and ")}: ` +
        `they would all write to standard output; give all but one a path (NAME:PATH)`,
    );
  }
  const seen = new Set<string>();
  for (const spec of parsed) {
    if (spec.path === undefined) continue;
    if (seen.has(spec.path)) {
      throw new ReporterSpecError(`Cannot write two reports to "${spec.path}"`);
    }
    seen.add(spec.path);
  }
  return parsed;
}

/**
 * Whether to colour output: on a terminal, unless `NO_COLOR` is set to
 * anything but the empty string (https://no-color.org).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { colorFromEnv } from "./registry.ts";
 * assert.equal(colorFromEnv(true, () => undefined), true);
 * assert.equal(colorFromEnv(true, (name) => name === "NO_COLOR" ? "1" : undefined), false);
 * assert.equal(colorFromEnv(true, (name) => name === "NO_COLOR" ? "" : undefined), true);
 * assert.equal(colorFromEnv(false, () => undefined), false);
 * ```
 */
export function colorFromEnv(
  isTerminal: boolean,
  env: (name: string) => string | undefined,
): boolean {
  const noColor = env("NO_COLOR");
  return isTerminal && (noColor === undefined || noColor === "");
}

/**
 * Splits one event stream into `count` streams that each see every event,
 * so several reporters can run on one run. The source is read once, as fast
 * as the fastest reader asks; events wait in memory for slower readers, so
 * read every branch concurrently (e.g. with `Promise.all`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { teeEvents } from "./registry.ts";
 * import type { RunEvent } from "../runner/events.ts";
 * const scenario = { id: "a", name: "a", file: "a", tags: [] };
 * const source = (async function* (): AsyncGenerator<RunEvent> { yield { type: "scenario:start", scenario }; })();
 * const read = async (events: AsyncIterable<RunEvent>) => {
 *   const seen: string[] = [];
 *   for await (const event of events) seen.push(event.type);
 *   return seen;
 * };
 * const [a, b] = teeEvents(source, 2);
 * assert.deepEqual(await Promise.all([read(a!), read(b!)]), [["scenario:start"], ["scenario:start"]]);
 * ```
 */
export function teeEvents(
  events: AsyncIterable<RunEvent>,
  count: number,
): AsyncIterable<RunEvent>[] {
  const iterator = events[Symbol.asyncIterator]();
  type Item = { result: IteratorResult<RunEvent> } | { error: unknown };
  const queues: Item[][] = Array.from({ length: count }, () => []);
  let pulling: Promise<void> | undefined;
  const pull = (): Promise<void> => {
    pulling ??= iterator.next().then(
      (result) => queues.forEach((queue) => queue.push({ result })),
      // Every branch sees the failure, not only the one that happened to be reading.
      (error) => queues.forEach((queue) => queue.push({ error })),
    ).finally(() => {
      pulling = undefined;
    });
    return pulling;
  };
  return queues.map((queue) => ({
    [Symbol.asyncIterator]: (): AsyncIterator<RunEvent> => ({
      async next(): Promise<IteratorResult<RunEvent>> {
        while (queue.length === 0) await pull();
        const item = queue[0]!;
        if ("error" in item) throw item.error;
        // The end stays queued so every later call also sees it.
        if (!item.result.done) queue.shift();
        return item.result;
      },
    }),
  }));
}
