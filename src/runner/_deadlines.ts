/**
 * Per-attempt timeouts on one shared timer. Arming and clearing a timer for
 * every request cost more than the rest of a step's bookkeeping (timers are
 * Node-style objects in Deno 2); here the timer is armed for the earliest
 * deadline, re-armed when it fires, and holds the process open only while
 * an attempt is pending.
 */

/** A watched deadline; hand it back to {@linkcode Deadlines.done} when the attempt settles. */
export interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

/** Calls `expire` of every watched deadline that passes before it is done. */
export class Deadlines {
  readonly #now: () => number;
  readonly #pending = new Set<Deadline>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #due = Infinity;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Watches a deadline at `at` (on the clock of `now`). */
  watch(at: number, expire: () => void): Deadline {
    const deadline = { at, expire };
    this.#pending.add(deadline);
    if (this.#timer === undefined || deadline.at < this.#due) this.#arm(deadline.at);
    else if (this.#pending.size === 1) Deno.refTimer(this.#timer);
    return deadline;
  }

  /** Stops watching; once nothing is pending, the timer no longer holds the process open. */
  done(deadline: Deadline): void {
    this.#pending.delete(deadline);
    if (this.#pending.size === 0 && this.#timer !== undefined) Deno.unrefTimer(this.#timer);
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#due = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - this.#now()));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#due = Infinity;
    const now = this.#now();
    let next = Infinity;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) {
        this.#pending.delete(deadline);
        deadline.expire();
      } else next = Math.min(next, deadline.at);
    }
    if (next !== Infinity) this.#arm(next);
  }
}
