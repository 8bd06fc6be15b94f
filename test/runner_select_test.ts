/**
 * Scenario selection: shards partition exactly (property test), filters by
 * substring or /regex/ on id and name, tag inclusion and exclusion.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { parseShard, SelectionError, selectScenarios } from "../src/runner/select.ts";

interface Item {
  id: string;
  name: string;
  tags: string[];
}

const item = (id: string, name = id, tags: string[] = []): Item => ({ id, name, tags });

Deno.test("select: the shards 1/n … n/n partition the scenarios exactly, balanced", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 }),
      fc.integer({ min: 1, max: 9 }),
      (ids, total) => {
        const items = ids.map((id) => item(id));
        const shards = Array.from(
          { length: total },
          (_, k) => selectScenarios(items, { shard: { index: k + 1, total } }).map((s) => s.id),
        );
        const seen = shards.flat();
        assert.equal(seen.length, ids.length, "no scenario in two shards, none lost");
        assert.deepEqual(new Set(seen), new Set(ids));
        const sizes = shards.map((shard) => shard.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
      },
    ),
  );
});

Deno.test("select: a shard does not depend on the order the scenarios come in", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 })
        .chain((ids) =>
          fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))
        ),
      fc.integer({ min: 1, max: 5 }),
      ([ids, shuffled], total) => {
        for (let index = 1; index <= total; index++) {
          const a = selectScenarios(ids.map((id) => item(id)), { shard: { index, total } });
          const b = selectScenarios(shuffled.map((id) => item(id)), { shard: { index, total } });
          assert.deepEqual(new Set(a.map((s) => s.id)), new Set(b.map((s) => s.id)));
        }
      },
    ),
  );
});

Deno.test("select: the shard applies after the filters", () => {
  const items = ["a", "b", "c", "d", "e", "f"].map((id) =>
    item(id, id, id < "d" ? ["slow"] : ["fast"])
  );
  const fast1 = selectScenarios(items, { tags: ["fast"], shard: { index: 1, total: 2 } });
  const fast2 = selectScenarios(items, { tags: ["fast"], shard: { index: 2, total: 2 } });
  assert.deepEqual(fast1.map((s) => s.id), ["d", "f"]);
  assert.deepEqual(fast2.map((s) => s.id), ["e"]);
});

Deno.test("select: --filter is a substring or a /regex/ over id and name", () => {
  const items = [
    item("device-on/refresh.yaml", "Refresh needs a device key"),
    item("device-off/sign-in.yaml", "Password sign-in"),
    item("srp/verifier.yaml", "USER_SRP_AUTH then PASSWORD_VERIFIER"),
  ];
  const ids = (filter: string | RegExp) => selectScenarios(items, { filter }).map((s) => s.id);
  assert.deepEqual(ids("device-o"), ["device-on/refresh.yaml", "device-off/sign-in.yaml"]);
  assert.deepEqual(ids("Password"), ["device-off/sign-in.yaml"]);
  assert.deepEqual(ids("/password/i"), ["device-off/sign-in.yaml", "srp/verifier.yaml"]);
  assert.deepEqual(ids(/^srp\//g), ["srp/verifier.yaml"]);
  assert.deepEqual(ids("nothing matches"), []);
  assert.throws(() => ids("/(/"), SelectionError);
});

Deno.test("select: tags include (any of) and exclude (!tag), order kept", () => {
  const items = [
    item("1", "1", ["device-on", "slow"]),
    item("2", "2", ["device-off"]),
    item("3", "3", ["device-on"]),
    item("4", "4", []),
  ];
  const ids = (tags: string[]) => selectScenarios(items, { tags }).map((s) => s.id);
  assert.deepEqual(ids([]), ["1", "2", "3", "4"]);
  assert.deepEqual(ids(["device-on"]), ["1", "3"]);
  assert.deepEqual(ids(["device-on", "device-off"]), ["1", "2", "3"]);
  assert.deepEqual(ids(["!slow"]), ["2", "3", "4"]);
  assert.deepEqual(ids(["device-on", "!slow"]), ["3"]);
});

Deno.test("select: --shard must be i/n with 1 ≤ i ≤ n", () => {
  assert.deepEqual(parseShard(" 3/3 "), { index: 3, total: 3 });
  for (const bad of ["1", "a/b", "0/2", "3/2", "1/0", "-1/2"]) {
    assert.throws(() => parseShard(bad), SelectionError, bad);
  }
  assert.throws(
    () => selectScenarios([item("a")], { shard: { index: 4, total: 3 } }),
    /i must be between 1 and 3/,
  );
});
