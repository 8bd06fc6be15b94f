/**
 * The mock's clock: an injected base clock plus a global offset and optional
 * per-pool offsets, so tests can move time forward (token expiry, session
 * expiry) and scenarios running in parallel in one mock can each move their
 * own pool's time without disturbing the others.
 *
 * @module
 */

/** Milliseconds since the epoch. */
export type Clock = () => number;

/**
 * Time as the mock sees it. The time that applies to a request is its pool's:
 * base clock + global offset + that pool's offset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MockClock } from "./clock.ts";
 * const clock = new MockClock(() => 1_000_000);
 * clock.advance(60, "us-east-1_A");
 * assert.equal(clock.now("us-east-1_A"), 1_060_000);
 * assert.equal(clock.now("us-east-1_B"), 1_000_000);
 * clock.set(5_000);
 * assert.equal(clock.now(), 5_000_000);
 * ```
 */
export class MockClock {
  #base: Clock;
  #globalOffsetMs = 0;
  #poolOffsetsMs = new Map<string, number>();

  constructor(base: Clock) {
    this.#base = base;
  }

  /** Epoch milliseconds for `poolId` (or the global time without one). */
  now(poolId?: string): number {
    const pool = poolId === undefined ? 0 : this.#poolOffsetsMs.get(poolId) ?? 0;
    return this.#base() + this.#globalOffsetMs + pool;
  }

  /** The base clock's epoch milliseconds, without any offset (what SigV4 dates are checked against). */
  base(): number {
    return this.#base();
  }

  /** Moves time forward (or back, if negative) by `seconds`. */
  advance(seconds: number, poolId?: string): void {
    if (poolId === undefined) this.#globalOffsetMs += seconds * 1000;
    else this.#poolOffsetsMs.set(poolId, (this.#poolOffsetsMs.get(poolId) ?? 0) + seconds * 1000);
  }

  /** Sets the time to `epochSeconds` (for one pool, or globally). */
  set(epochSeconds: number, poolId?: string): void {
    const target = epochSeconds * 1000;
    if (poolId === undefined) this.#globalOffsetMs = target - this.#base();
    else this.#poolOffsetsMs.set(poolId, target - this.#base() - this.#globalOffsetMs);
  }

  /** The offset from the base clock in seconds (global, or global + pool). */
  offsetSeconds(poolId?: string): number {
    return (this.now(poolId) - this.#base()) / 1000;
  }

  /** Forgets a pool's offset (when the pool is deleted or the mock reset). */
  forget(poolId: string): void {
    this.#poolOffsetsMs.delete(poolId);
  }

  /** The offsets set so far, in milliseconds (what `--data-dir` stores). */
  offsets(): { readonly globalMs: number; readonly poolsMs: ReadonlyMap<string, number> } {
    return { globalMs: this.#globalOffsetMs, poolsMs: this.#poolOffsetsMs };
  }

  /** Takes back offsets read by {@linkcode offsets} in an earlier run. */
  restore(globalMs: number, poolsMs: Iterable<[string, number]>): void {
    this.#globalOffsetMs = globalMs;
    this.#poolOffsetsMs = new Map(poolsMs);
  }

  /** Removes every offset. */
  reset(): void {
    this.#globalOffsetMs = 0;
    this.#poolOffsetsMs.clear();
  }
}
