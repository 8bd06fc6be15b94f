/**
 * Which scenarios of a list run: `--filter`, `--tag` and `--shard`.
 *
 * Shard rule: the scenarios that pass the filters, sorted by id (code-point
 * order), are dealt round-robin — the k-th (0-based) belongs to shard
 * `k mod n + 1`. Every shard of `1/n … n/n` gets a disjoint part, together
 * exactly the whole, and sizes differ by at most one. Adding a scenario
 * moves later ones between shards; that is fine for CI, where every shard
 * runs the same commit.
 *
 * @module
 */

import type { Scenario } from "../scenario/mod.ts";
import type { SelectOptions } from "./options.ts";

/**
 * A `--shard`, `--filter` or `--tag` value that cannot be used. Subclasses
 * `TypeError` (usage errors, exit code 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseShard, SelectionError } from "./select.ts";
 * assert.throws(
 *   () => parseShard("3/2"),
 *   (error) => error instanceof SelectionError && error.name === "SelectionError",
 * );
 * ```
 */
export class SelectionError extends TypeError {
  /** Always `"SelectionError"`. */
  override name = "SelectionError";
}

/**
 * The scenarios that run, in the given order: filters first, then the shard.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { selectScenarios } from "./select.ts";
 * const make = (id: string, tags: string) =>
 *   parseScenario(`name: ${id}\ntags: [${tags}]\nsteps:\n  - call: GetUser\n`, id).scenario!;
 * const all = [make("a", "fast"), make("b", "slow"), make("c", "fast"), make("d", "fast")];
 * const ids = (options: object) => selectScenarios(all, options).map((s) => s.id);
 * assert.deepEqual(ids({ tags: ["!slow"] }), ["a", "c", "d"]);
 * assert.deepEqual(ids({ filter: "/^[bc]$/" }), ["b", "c"]);
 * assert.deepEqual(ids({ shard: { index: 1, total: 2 } }), ["a", "c"]);
 * assert.deepEqual(ids({ shard: { index: 2, total: 2 } }), ["b", "d"]);
 * ```
 */
export function selectScenarios<T extends Pick<Scenario, "id" | "name" | "tags">>(
  scenarios: readonly T[],
  options: SelectOptions = {},
): T[] {
  const matches = matcherOf(options.filter);
  const include = (options.tags ?? []).filter((tag) => !tag.startsWith("!"));
  const exclude = (options.tags ?? []).filter((tag) => tag.startsWith("!")).map((t) => t.slice(1));
  const kept = scenarios.filter((scenario) =>
    matches(scenario) &&
    (include.length === 0 || include.some((tag) => scenario.tags.includes(tag))) &&
    !exclude.some((tag) => scenario.tags.includes(tag))
  );
  const shard = options.shard;
  if (shard === undefined) return kept;
  checkShard(shard);
  const order = [...kept].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const mine = new Set(order.filter((_, k) => k % shard.total === shard.index - 1));
  return kept.filter((scenario) => mine.has(scenario));
}

/**
 * Parses `--shard i/n` (1 ≤ i ≤ n).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseShard } from "./select.ts";
 * assert.deepEqual(parseShard("2/5"), { index: 2, total: 5 });
 * assert.throws(() => parseShard("0/5"), /between 1 and 5/);
 * ```
 */
export function parseShard(text: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) {
    throw new SelectionError(`Cannot use --shard "${text}": expected i/n, e.g. 2/5`);
  }
  const shard = { index: Number(match[1]), total: Number(match[2]) };
  checkShard(shard, text);
  return shard;
}

function checkShard(shard: { index: number; total: number }, text?: string): void {
  const label = text ?? `${shard.index}/${shard.total}`;
  if (!Number.isInteger(shard.total) || shard.total < 1) {
    throw new SelectionError(`Cannot use --shard "${label}": n must be at least 1`);
  }
  if (!Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.total) {
    throw new SelectionError(
      `Cannot use --shard "${label}": i must be between 1 and ${shard.total}`,
    );
  }
}

/**
 * A filter as given: `/regex/flags` is a regular expression, anything else
 * a substring; both are tried on the id and the name.
 */
function matcherOf(
  filter: string | RegExp | undefined,
): (scenario: Pick<Scenario, "id" | "name">) => boolean {
  if (filter === undefined) return () => true;
  let pattern: RegExp | undefined = filter instanceof RegExp ? filter : undefined;
  if (typeof filter === "string") {
    const literal = /^\/(.*)\/([a-z]*)$/s.exec(filter);
    if (literal !== null) {
      try {
        pattern = new RegExp(literal[1]!, literal[2]);
      } catch (error) {
        throw new SelectionError(
          `Cannot use --filter "${filter}": ${(error as Error).message.split("\n")[0]}`,
        );
      }
    }
  }
  if (pattern !== undefined) {
    const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
    return (scenario) => regex.test(scenario.id) || regex.test(scenario.name);
  }
  const text = filter as string;
  return (scenario) => scenario.id.includes(text) || scenario.name.includes(text);
}
