/**
 * How the mock's fuzz tests run: the seed and run counts from the
 * environment (`FUZZ_SEED`, `FUZZ_RUNS`), the figures they report
 * (`FUZZ_REPORT`), `fc.assert` with that seed, and the error catalogue as
 * the oracle of every refusal.
 *
 * @module
 */

import fc from "fast-check";
import { ERROR_CATALOGUE } from "../src/cognito/errors.ts";

// ---------------------------------------------------------------------------------------------
// Run settings

function envNumber(name: string): number | undefined {
  const text = Deno.env.get(name);
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Cannot read ${name}: "${text}" is not a non-negative integer`);
  }
  return value;
}

/** The seed of every property: fixed in CI, `FUZZ_SEED` to replay or vary it. */
export const FUZZ_SEED: number = envNumber("FUZZ_SEED") ?? 20261207;

const FUZZ_RUNS = envNumber("FUZZ_RUNS");

/**
 * Runs of one property: `ciRuns` unless `FUZZ_RUNS` is set; then `FUZZ_RUNS`
 * times `share` (the costly stateful properties take 2–10 %).
 */
export function fuzzRuns(ciRuns: number, share = 1): number {
  return FUZZ_RUNS === undefined ? ciRuns : Math.max(1, Math.round(FUZZ_RUNS * share));
}

/** What one fuzz run counted, for the figures of the README's reliability notes. */
export const FUZZ_TALLY = new Map<string, number>();

/** Counts one input of `kind`. */
export function tally(kind: string): void {
  FUZZ_TALLY.set(kind, (FUZZ_TALLY.get(kind) ?? 0) + 1);
}

/**
 * `fc.assert` with the run's seed; a failure names the seed and path that
 * replay it (`FUZZ_SEED=… deno test …`, fast-check's message has the path).
 * Its runs, time and inputs by kind go to the `FUZZ_REPORT` file.
 */
export async function checkProperty(
  name: string,
  property: fc.IAsyncPropertyWithHooks<never> | fc.IAsyncProperty<never>,
  runs: number,
): Promise<void> {
  const started = performance.now();
  try {
    await fc.assert(property as fc.IAsyncProperty<unknown>, { seed: FUZZ_SEED, numRuns: runs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause instanceof Error
      ? `\nCaused by: ${error.cause.message}`
      : "";
    throw new Error(
      `${name}: fuzz failure; replay with FUZZ_SEED=${FUZZ_SEED}\n${message}${cause}`,
      { cause: error },
    );
  }
  await recordFuzzReport(name, {
    runs,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    inputsByKind: takeTally(),
  });
}

// ---------------------------------------------------------------------------------------------
// The error catalogue as the oracle of every refusal

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((part) =>
    part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  );
  return new RegExp(`^${parts.join("[^]*")}$`);
}

const CATALOGUE_PATTERNS = ERROR_CATALOGUE.map((entry) => ({
  ...entry,
  pattern: entry.message === null ? undefined : templatePattern(entry.message),
}));

/** The catalogue ids whose type and message (or absent message) an error answer has. */
export function catalogueMatches(type: string, message: string | undefined): string[] {
  return CATALOGUE_PATTERNS.filter((entry) =>
    entry.type === type &&
    (message === undefined ? entry.message === null : entry.pattern?.test(message) === true)
  ).map((entry) => entry.id);
}

/**
 * Adds `figures` under `name` to the JSON file `FUZZ_REPORT` names, if set
 * (the numbers of a long run, for the README's reliability notes).
 */
export async function recordFuzzReport(
  name: string,
  figures: Record<string, unknown>,
): Promise<void> {
  const path = Deno.env.get("FUZZ_REPORT");
  if (path === undefined || path === "") return;
  let report: Record<string, unknown> = {};
  try {
    report = JSON.parse(await Deno.readTextFile(path));
  } catch {
    // a new report
  }
  report[name] = { seed: FUZZ_SEED, ...report[name] as object, ...figures };
  await Deno.writeTextFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** The kinds counted so far (and forgets them: each test reports its own). */
export function takeTally(): Record<string, number> {
  const counted = Object.fromEntries([...FUZZ_TALLY].sort());
  FUZZ_TALLY.clear();
  return counted;
}
