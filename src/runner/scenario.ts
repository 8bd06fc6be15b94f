/**
 * One scenario from start to end: capability check, vars, pool set-up,
 * steps in order (the rest skipped after the first that does not pass),
 * clean-up; every event redacted before it leaves.
 *
 * @module
 */

import type { VerifyJwt } from "../assert/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import type { RandomSource } from "../srp/mod.ts";
import { render, type RenderOptions } from "../template/mod.ts";
import type { RunEvent, ScenarioInfo, ScenarioResult, StepResult } from "./events.ts";
import { scenarioFunctions } from "./functions.ts";
import { createJwksVerifier, type JwksCache } from "./jwks.ts";
import { ScenarioClock } from "./_clock.ts";
import { defaultSleep, RUN_DEFAULTS, type RunScenarioOptions } from "./options.ts";
import { setUpScenario } from "./provision.ts";
import { SecretRegistry } from "./redact.ts";
import { Redactor } from "./_redactor.ts";
import { learnSecretPaths, positioned, rootValues } from "./_values.ts";
import { runStep } from "./step.ts";
import { openTarget, type Target } from "./target.ts";
import { scenarioTransport } from "./_transport.ts";

/** The resolved settings of one run, shared by its scenarios. */
export interface RunSettings {
  target: Target;
  registry: SecretRegistry;
  showSecrets: boolean;
  /** Masks events with `registry` (unless `showSecrets`), reusing masked recorded values. */
  redactor: Redactor;
  vars: Readonly<Record<string, unknown>>;
  env: (name: string) => string | undefined;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  now: () => number;
  random: () => number;
  randomBytes: RandomSource;
  sleep: (ms: number) => Promise<void>;
  /** The run's own verifier, if given; otherwise each scenario verifies on its own clock. */
  verifyJwt: VerifyJwt | undefined;
  /** JWKS key sets by issuer, shared by the scenarios' verifiers. */
  jwksCache: JwksCache;
}

/** Fills in the defaults of the run options for an opened target. */
export function resolveSettings(target: Target, options: RunScenarioOptions): RunSettings {
  const now = options.now ?? Date.now;
  const registry = options.secrets ?? new SecretRegistry();
  const showSecrets = options.showSecrets ?? false;
  return {
    target,
    registry,
    showSecrets,
    redactor: new Redactor(registry, showSecrets),
    vars: options.vars ?? {},
    env: options.env ?? (() => undefined),
    timeoutMs: options.timeoutMs ?? RUN_DEFAULTS.timeoutMs,
    retries: options.retries ?? RUN_DEFAULTS.retries,
    retryDelayMs: options.retryDelayMs ?? RUN_DEFAULTS.retryDelayMs,
    now,
    random: options.random ?? Math.random,
    randomBytes: options.randomBytes ??
      ((length) => crypto.getRandomValues(new Uint8Array(length))),
    sleep: options.sleep ?? ((ms) => defaultSleep(ms)),
    verifyJwt: options.verifyJwt,
    jwksCache: new Map(),
  };
}

/**
 * Opens the target the options describe, or uses the given one; `close`
 * closes only a target opened here.
 */
export async function targetFor(
  option: Target | RunScenarioOptions["target"],
): Promise<{ target: Target; close(): Promise<void> }> {
  if (option !== undefined && "capabilities" in option) {
    return { target: option, close: () => Promise.resolve() };
  }
  const target = await openTarget(option ?? {});
  return { target, close: () => target.close() };
}

/**
 * The static description of a scenario that events carry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { scenarioInfo } from "./scenario.ts";
 * const { scenario } = parseScenario("name: x\ntags: [a]\nsteps:\n  - call: GetUser\n", "s/x.yaml", { id: "x.yaml" });
 * assert.deepEqual(scenarioInfo(scenario!), { id: "x.yaml", name: "x", file: "s/x.yaml", tags: ["a"] });
 * ```
 */
export function scenarioInfo(scenario: Scenario): ScenarioInfo {
  const info: ScenarioInfo = {
    id: scenario.id,
    name: scenario.name,
    file: scenario.file,
    tags: [...scenario.tags],
  };
  if (scenario.description !== undefined) info.description = scenario.description;
  return info;
}

/**
 * What {@linkcode executeScenario} gives back: the raw result, and the
 * result as it may be shown now (masked with every secret learned so far).
 */
export interface ScenarioRun {
  /** Not redacted: never show it unless the run shows secrets. */
  raw: ScenarioResult;
  /** Redacted (unless `showSecrets`), reusing the masked steps while nothing new was learned. */
  shown(): ScenarioResult;
}

/** The result as it may be shown now: its recorded parts masked once per registry state. */
function shownResult(raw: ScenarioResult, redactor: Redactor): ScenarioResult {
  // Steps and texts first: masking them may teach the registry a value the scenario info holds.
  const steps = raw.steps.map((step) => redactor.recorded(step));
  const skipReason = raw.skipReason === undefined ? undefined : redactor.value(raw.skipReason);
  const error = raw.error === undefined ? undefined : redactor.value(raw.error);
  const result: ScenarioResult = {
    scenario: redactor.recorded(raw.scenario),
    outcome: raw.outcome,
    durationMs: raw.durationMs,
    steps,
  };
  if (skipReason !== undefined) result.skipReason = skipReason;
  if (error !== undefined) result.error = error;
  return result;
}

/**
 * Runs one scenario and emits its events (redacted unless `showSecrets`).
 * Never throws for a failing scenario.
 */
export async function executeScenario(
  scenario: Scenario,
  settings: RunSettings,
  emit: (event: RunEvent) => void,
  skipReason?: string,
): Promise<ScenarioRun> {
  const started = performance.now();
  const info = scenarioInfo(scenario);
  const { registry, target, redactor } = settings;
  const end = (result: Omit<ScenarioResult, "scenario" | "durationMs">): ScenarioRun => {
    const raw = { scenario: info, durationMs: performance.now() - started, ...result };
    emit({ type: "scenario:end", result: shownResult(raw, redactor) });
    return { raw, shown: () => shownResult(raw, redactor) };
  };
  const stepEnd = (step: StepResult): void => {
    // The step first: masking it may teach the registry a value that the scenario info holds.
    const shown = redactor.recorded(step);
    emit({ type: "step:end", scenario: redactor.recorded(info), step: shown });
  };
  emit({ type: "scenario:start", scenario: redactor.recorded(info) });
  if (skipReason !== undefined) return end({ outcome: "skipped", steps: [], skipReason });
  if (target.unreachable !== undefined) {
    return end({ outcome: "errored", steps: [], error: target.unreachable });
  }
  const lacking = scenario.requires.find((capability) => !target.capabilities.has(capability));
  if (lacking !== undefined) {
    return end({
      outcome: "skipped",
      steps: [],
      skipReason: `the target lacks the capability "${lacking}"`,
    });
  }

  const renderOptions: RenderOptions = {
    onSecret: (value, label) => void registry.add(value, label),
    isSecret: (value) => registry.has(value),
  };
  let vars: Record<string, unknown>;
  try {
    vars = await renderVars(scenario, settings, renderOptions);
  } catch (error) {
    return end({ outcome: "errored", steps: [], error: positioned(error, scenario.file) });
  }
  const setup = await setUpScenario(scenario, {
    target,
    render: async (tree) => {
      try {
        return await render(tree, baseContext({ vars }, settings), renderOptions);
      } catch (error) {
        throw new Error(positioned(error, scenario.file));
      }
    },
    addSecret: (value, label) => void registry.add(value, label),
    randomBytes: settings.randomBytes,
    timeoutMs: settings.timeoutMs,
  });
  if (setup.kind === "skip") {
    return end({ outcome: "skipped", steps: [], skipReason: setup.reason });
  }
  if (setup.kind === "error") return end({ outcome: "errored", steps: [], error: setup.message });

  const values: Record<string, unknown> = { vars, ...rootValues(setup.roots) };
  // The pool's clock on the mock, as clock steps move it: templates and `$verify` read it.
  const clock = new ScenarioClock(settings.now);
  learnSecretPaths(scenario.secrets, values, registry);
  const functions = scenarioFunctions({
    poolId: () => setup.roots.pool?.id,
    clientId: () => setup.roots.client?.id,
    clientSecret: () => setup.roots.client?.secret,
  }, {
    onSecret: (value, label) => void registry.add(value, label),
    random: settings.randomBytes,
  });
  const environment = {
    values,
    functions,
    renderOptions,
    transport: scenarioTransport(target, () => setup.roots.pool?.id, clock),
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    retryDelayMs: settings.retryDelayMs,
    maxRetryDelayMs: RUN_DEFAULTS.maxRetryDelayMs,
    random: settings.random,
    sleep: settings.sleep,
    now: clock.now,
    env: settings.env,
    verifyJwt: settings.verifyJwt ?? createJwksVerifier(target.info.endpoint, {
      fetch: target.fetch,
      now: clock.now,
      cache: settings.jwksCache,
    }),
    file: scenario.file,
  };
  const steps: StepResult[] = [];
  let stopped: string | undefined;
  for (const step of scenario.steps) {
    if (stopped !== undefined) {
      const skipped: StepResult = {
        index: step.index,
        name: step.name,
        call: step.call ?? `mock.${step.control?.kind}`,
        outcome: "skipped",
        durationMs: 0,
        exchanges: [],
        failures: [],
        skipReason: stopped,
      };
      steps.push(skipped);
      stepEnd(skipped);
      continue;
    }
    // The texts first: masking them may teach the registry a value that the scenario info holds.
    const name = redactor.value(step.name);
    const call = redactor.value(step.call ?? `mock.${step.control?.kind}`);
    emit({ type: "step:start", scenario: redactor.recorded(info), index: step.index, name, call });
    const result = await runStep(step, environment);
    learnSecretPaths(scenario.secrets, values, registry);
    steps.push(result);
    stepEnd(result);
    if (result.outcome !== "passed") stopped = `an earlier step ${result.outcome}`;
  }
  // A clean-up problem (a pool left behind, maybe in an AWS account) is always recorded: it errors
  // a scenario whose steps passed, and rides along with the failure of one whose steps did not.
  const problem = await setup.cleanup();
  const outcome = steps.some((step) => step.outcome === "errored")
    ? "errored"
    : steps.some((step) => step.outcome === "failed")
    ? "failed"
    : problem !== undefined
    ? "errored"
    : "passed";
  return end({ outcome, steps, ...(problem === undefined ? {} : { error: problem }) });
}

function baseContext(values: Record<string, unknown>, settings: RunSettings) {
  return {
    values,
    functions: scenarioFunctions({
      poolId: () => undefined,
      clientId: () => undefined,
      clientSecret: () => undefined,
    }),
    env: settings.env,
    now: settings.now,
  };
}

/** The scenario's vars in order (each may read env and earlier vars); outside vars win. */
async function renderVars(
  scenario: Scenario,
  settings: RunSettings,
  renderOptions: RenderOptions,
): Promise<Record<string, unknown>> {
  const vars: Record<string, unknown> = {};
  for (const binding of scenario.vars) {
    if (Object.hasOwn(settings.vars, binding.name)) {
      vars[binding.name] = settings.vars[binding.name];
      continue;
    }
    vars[binding.name] = await render(
      binding.value,
      baseContext({ vars: { ...settings.vars, ...vars } }, settings),
      renderOptions,
    );
  }
  return { ...settings.vars, ...vars };
}
