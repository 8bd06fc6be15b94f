/**
 * Amortised clean-up of the collections that grow with traffic (challenge
 * sessions, refresh tokens and sign-in records), so a long-running mock stays
 * bounded without scanning on every request: each insertion is counted, and
 * once a collection has taken as many insertions as it held after its last
 * sweep (at least {@linkcode MIN_INSERTS_PER_SWEEP}), the next insertion first
 * sweeps it. A sweep costs at most about twice the insertions since the last
 * one, so the cost per insertion is constant on average.
 *
 * @module
 */

/** The fewest insertions between two sweeps of one collection. */
export const MIN_INSERTS_PER_SWEEP = 256;

interface Schedule {
  inserts: number;
  due: number;
}

const schedules = new WeakMap<object, Schedule>();

/**
 * Counts one insertion into `collection`, running `sweep` first when it is
 * due. Call it just before inserting.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { beforeInsert, MIN_INSERTS_PER_SWEEP } from "./sweep.ts";
 * const items = new Map<number, number>();
 * let sweeps = 0;
 * for (let i = 0; i <= MIN_INSERTS_PER_SWEEP; i++) {
 *   beforeInsert(items, () => {
 *     sweeps++;
 *     items.clear();
 *   });
 *   items.set(i, i);
 * }
 * assert.equal(sweeps, 1);
 * assert.equal(items.size, 1);
 * ```
 */
export function beforeInsert(collection: { readonly size: number }, sweep: () => void): void {
  let schedule = schedules.get(collection);
  if (schedule === undefined) {
    schedule = { inserts: 0, due: MIN_INSERTS_PER_SWEEP };
    schedules.set(collection, schedule);
  }
  if (schedule.inserts >= schedule.due) {
    sweep();
    schedule.inserts = 0;
    schedule.due = Math.max(MIN_INSERTS_PER_SWEEP, collection.size);
  }
  schedule.inserts++;
}
