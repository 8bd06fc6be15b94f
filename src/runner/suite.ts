/**
 * {@linkcode runScenario} and {@linkcode runSuite}: the library entry points.
 *
 * @module
 */

import type { Scenario } from "../scenario/mod.ts";
import type { OutcomeCounts, RunEvent, ScenarioResult } from "./events.ts";
import { RUN_DEFAULTS, type RunScenarioOptions, type RunSuiteOptions } from "./options.ts";
import {
  executeScenario,
  resolveSettings,
  scenarioInfo,
  type ScenarioRun,
  targetFor,
} from "./scenario.ts";
import { selectScenarios } from "./select.ts";

/**
 * Runs one scenario (against an embedded mock unless `options.target` says
 * otherwise) and returns its result, secrets masked unless `showSecrets`.
 * Never throws for a failing scenario: look at `outcome`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { runScenario } from "./suite.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: a user signs in with a password",
 *     "client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }",
 *     "users: { alice: { password: 'Passw0rd!Passw0rd' } }",
 *     "steps:",
 *     "  - call: InitiateAuth",
 *     "    request:",
 *     "      ClientId: ${client.id}",
 *     "      AuthFlow: USER_PASSWORD_AUTH",
 *     "      AuthParameters: { USERNAME: '${users.alice.username}', PASSWORD: '${users.alice.password}' }",
 *     "    expect: { body: { AuthenticationResult: { TokenType: Bearer } } }",
 *   ].join("\n"),
 *   "sign-in.yaml",
 * );
 * const result = await runScenario(scenario!);
 * assert.equal(result.outcome, "passed");
 * assert.equal(result.steps[0]?.exchanges[0]?.response?.status, 200);
 * ```
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const { target, close } = await targetFor(options.target);
  try {
    const settings = resolveSettings(target, options);
    const run = await executeScenario(scenario, settings, options.onEvent ?? (() => {}));
    return run.shown();
  } finally {
    await close();
  }
}

/**
 * Runs scenarios and yields the run's events: `suite:start`, then each
 * scenario's `scenario:start`, `step:start`/`step:end`… and `scenario:end`
 * (interleaved when `jobs` > 1), then `suite:end` with the whole result.
 * Filters and the shard apply first; every event is redacted unless
 * `showSecrets`. The target is opened once per run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { runSuite } from "./suite.ts";
 * const make = (id: string, tag: string) =>
 *   parseScenario(
 *     `name: ${id}\ntags: [${tag}]\nsteps:\n  - call: ListUserPools\n    request: { MaxResults: 10 }\n`,
 *     id,
 *   ).scenario!;
 * const seen: string[] = [];
 * for await (const event of runSuite([make("a", "x"), make("b", "y")], { tags: ["x"] })) {
 *   seen.push(event.type);
 *   if (event.type === "suite:end") assert.deepEqual(event.result.counts, { passed: 1, failed: 0, skipped: 0, errored: 0 });
 * }
 * assert.deepEqual(seen, ["suite:start", "scenario:start", "step:start", "step:end", "scenario:end", "suite:end"]);
 * ```
 */
export async function* runSuite(
  scenarios: readonly Scenario[],
  options: RunSuiteOptions = {},
): AsyncGenerator<RunEvent> {
  const selected = selectScenarios(scenarios, options);
  const { target, close } = await targetFor(options.target);
  const channel = new Channel<RunEvent>();
  let stop = false;
  let workers: Promise<unknown> | undefined;
  try {
    const settings = resolveSettings(target, options);
    const mask = <T>(value: T): T => settings.redactor.value(value);
    const startedAt = new Date(settings.now()).toISOString();
    const started = performance.now();
    const shard = options.shard === undefined ? {} : { shard: { ...options.shard } };
    yield mask<RunEvent>({
      type: "suite:start",
      target: target.info,
      scenarios: selected.map(scenarioInfo),
      startedAt,
      ...shard,
    });
    const results: ScenarioRun[] = [];
    let next = 0;
    let bailed = false;
    const jobs = Math.max(
      1,
      Math.floor(
        options.jobs ??
          (target.info.kind === "mock" ? RUN_DEFAULTS.jobsMock : RUN_DEFAULTS.jobsEndpoint),
      ),
    );
    const worker = async () => {
      while (next < selected.length) {
        const index = next++;
        const reason = stop
          ? "the run was stopped"
          : bailed
          ? "--bail: an earlier scenario did not pass"
          : options.signal?.aborted
          ? "the run was stopped"
          : undefined;
        const result = await executeScenario(
          selected[index]!,
          settings,
          (event) => channel.push(event),
          reason,
        );
        results[index] = result;
        if (options.bail && (result.raw.outcome === "failed" || result.raw.outcome === "errored")) {
          bailed = true;
        }
      }
    };
    workers = Promise.all(
      Array.from({ length: Math.min(jobs, selected.length) }, worker),
    ).finally(() => channel.close());
    // Read here rather than through a nested async generator: one promise hop less per event.
    for (;;) {
      for (let event = channel.take(); event !== undefined; event = channel.take()) yield event;
      if (channel.closed) break;
      await channel.pushed();
    }
    await workers;
    // The scenario results are already masked (from their raw form, with every secret known now).
    const scenarioResults = results.map((run) => run.shown());
    const rest = {
      target: target.info,
      counts: countOutcomes(scenarioResults),
      durationMs: performance.now() - started,
      startedAt,
      ...shard,
    };
    const { target: shownTarget, ...tail } = mask(rest);
    yield {
      type: "suite:end",
      result: { target: shownTarget, scenarios: scenarioResults, ...tail },
    };
  } finally {
    // A consumer that stops early lets running scenarios finish (pools get cleaned up).
    stop = true;
    await workers?.catch(() => {});
    await close();
  }
}

function countOutcomes(results: readonly ScenarioResult[]): OutcomeCounts {
  const counts: OutcomeCounts = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  for (const result of results) counts[result.outcome]++;
  return counts;
}

/** An unbounded queue with one reader. */
class Channel<T> {
  #items: T[] = [];
  #head = 0;
  #closed = false;
  #wake: (() => void) | undefined;

  push(item: T): void {
    if (this.#closed) return;
    this.#items.push(item);
    this.#wakeUp();
  }

  close(): void {
    this.#closed = true;
    this.#wakeUp();
  }

  /** Whether `close` was called (items may still be queued). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The oldest queued item, or `undefined` when none is queued. */
  take(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head++];
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    }
    return item;
  }

  /** Settles at the next `push` or `close`. */
  pushed(): Promise<void> {
    return new Promise<void>((resolve) => this.#wake = resolve);
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
