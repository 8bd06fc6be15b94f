/**
 * What the reporters remember while events stream past: the announced
 * scenarios, the finished results and the final suite result.
 *
 * @module
 */

import type {
  OutcomeCounts,
  RunEvent,
  ScenarioInfo,
  ScenarioResult,
  SuiteResult,
  TargetInfo,
} from "../runner/events.ts";

type SuiteStart = Extract<RunEvent, { type: "suite:start" }>;

/** Folds events into the state a reporter needs at the end. */
export class RunState {
  start: SuiteStart | undefined;
  /** Finished scenarios, in the order they finished. */
  readonly finished: ScenarioResult[] = [];
  /** Scenarios started and not yet finished, by id, with the step running now. */
  readonly running = new Map<string, { scenario: ScenarioInfo; step?: string }>();
  end: SuiteResult | undefined;

  consume(event: RunEvent): void {
    switch (event.type) {
      case "suite:start":
        this.start = event;
        break;
      case "scenario:start":
        this.running.set(event.scenario.id, { scenario: event.scenario });
        break;
      case "step:start":
        this.running.set(event.scenario.id, { scenario: event.scenario, step: event.name });
        break;
      case "step:end":
        this.running.set(event.scenario.id, { scenario: event.scenario });
        break;
      case "scenario:end":
        this.running.delete(event.result.scenario.id);
        this.finished.push(event.result);
        break;
      case "suite:end":
        this.end = event.result;
        break;
    }
  }

  /** How many scenarios the run announced (0 before `suite:start`). */
  get planned(): number {
    return this.start?.scenarios.length ?? 0;
  }

  /**
   * The suite result: the one `suite:end` carried, or, when the events ended
   * early, one built from what arrived (finished scenarios in announced
   * order, their counts, and a duration of 0 since none was reported).
   */
  suite(): SuiteResult {
    if (this.end !== undefined) return this.end;
    const order = new Map(this.start?.scenarios.map((s, index) => [s.id, index]));
    const scenarios = [...this.finished].sort((a, b) =>
      (order.get(a.scenario.id) ?? Infinity) - (order.get(b.scenario.id) ?? Infinity)
    );
    const counts: OutcomeCounts = { passed: 0, failed: 0, skipped: 0, errored: 0 };
    for (const result of scenarios) counts[result.outcome]++;
    const target: TargetInfo = this.start?.target ?? { kind: "endpoint", endpoint: "", region: "" };
    const suite: SuiteResult = {
      target,
      scenarios,
      counts,
      durationMs: 0,
      startedAt: this.start?.startedAt ?? "",
    };
    if (this.start?.shard !== undefined) suite.shard = this.start.shard;
    return suite;
  }
}
