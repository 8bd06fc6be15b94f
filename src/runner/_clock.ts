/**
 * The clock a scenario's templates read: the run's clock plus the offset of
 * the scenario's pool clock on the mock, which `advanceClock` and
 * `setClock` steps move. So `now()`, SRP TIMESTAMPs, `srp.timestamp()`,
 * `totp()` and the expiry check of `$verify` agree with the time the mock
 * applies to the scenario's pool.
 */

import type { ControlAction } from "../scenario/mod.ts";

/** One scenario's clock, in epoch milliseconds. */
export class ScenarioClock {
  readonly #base: () => number;
  #offsetMs = 0;

  constructor(base: () => number) {
    this.#base = base;
  }

  /** The scenario's time now (an arrow, so it can be passed around). */
  readonly now = (): number => this.#base() + this.#offsetMs;

  /** Follows a clock action the mock has carried out; other actions change nothing. */
  follow(action: ControlAction): void {
    if (action.kind === "advanceClock") this.#offsetMs += action.seconds * 1000;
    else if (action.kind === "setClock") this.#offsetMs = action.epochSeconds * 1000 - this.#base();
  }
}
