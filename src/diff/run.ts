/**
 * {@linkcode runDiff}: the same scenarios on two targets at once, compared.
 *
 * @module
 */

import {
  redactValue,
  type RunEvent,
  runSuite,
  type RunSuiteOptions,
  type Scenario,
  SecretRegistry,
  type SuiteResult,
  type Target,
  type TargetOptions,
} from "../runner/mod.ts";
import { compareSuites, type DiffReport } from "./compare.ts";
import type { NormaliseRules } from "./normalise.ts";

/** Options of {@linkcode runDiff}. */
export interface RunDiffOptions
  extends Omit<RunSuiteOptions, "target" | "showSecrets" | "secrets" | "bail"> {
  /** Target A: an opened target (kept open), or options to open one for the run. */
  a: Target | TargetOptions;
  /** Target B, likewise. */
  b: Target | TargetOptions;
  /** How the report names the targets. @default {{ a: "A", b: "B" }} */
  labels?: { a: string; b: string };
  /** The normaliser's rules. @default {DEFAULT_NORMALISE_RULES} */
  rules?: NormaliseRules;
  /** Leave secrets unmasked in the report (`--show-secrets`). @default false */
  showSecrets?: boolean;
  /** The secret registry of both runs, e.g. to mask other output with it. @default {a new one} */
  secrets?: SecretRegistry;
}

/**
 * Runs `scenarios` on targets A and B at the same time and compares the
 * results (see `compare.ts`). The normaliser needs what the runner would
 * mask (a JWT's claims are read from the token), so both runs record
 * secrets unmasked, into one registry; the report is masked with that
 * registry before it is returned, unless `showSecrets`. Nothing unmasked
 * leaves this function.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { runDiff } from "./run.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: sign in",
 *     "client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }",
 *     "users: { alice: { password: 'Passw0rd!Passw0rd' } }",
 *     "steps:",
 *     "  - call: InitiateAuth",
 *     "    request:",
 *     "      ClientId: ${client.id}",
 *     "      AuthFlow: USER_PASSWORD_AUTH",
 *     "      AuthParameters: { USERNAME: alice, PASSWORD: '${users.alice.password}' }",
 *   ].join("\n"),
 *   "sign-in.yaml",
 * );
 * // Two embedded mocks with the same settings agree.
 * const report = await runDiff([scenario!], { a: {}, b: {} });
 * assert.equal(report.summary.same, 1);
 * assert.equal(report.summary.differences, 0);
 * assert.ok(!JSON.stringify(report).includes("Passw0rd!Passw0rd"));
 * ```
 */
export async function runDiff(
  scenarios: readonly Scenario[],
  options: RunDiffOptions,
): Promise<DiffReport> {
  const { a, b, labels = { a: "A", b: "B" }, rules, showSecrets = false, ...shared } = options;
  const secrets = options.secrets ?? new SecretRegistry();
  const run = (target: Target | TargetOptions) =>
    finalResult(runSuite(scenarios, { ...shared, target, showSecrets: true, secrets }));
  const [resultA, resultB] = await Promise.all([run(a), run(b)]);
  const report = compareSuites(resultA, resultB, {
    labels,
    ...(rules === undefined ? {} : { rules }),
  });
  if (showSecrets) return report;
  // The registry learns the values under secret keys (tokens, sessions, SRP values) from the raw
  // results first; then every one of them is masked wherever the report holds it.
  redactValue([resultA, resultB], secrets);
  return redactValue(report, secrets);
}

async function finalResult(events: AsyncIterable<RunEvent>): Promise<SuiteResult> {
  let result: SuiteResult | undefined;
  for await (const event of events) if (event.type === "suite:end") result = event.result;
  if (result === undefined) throw new Error("Cannot compare: the run ended without a result");
  return result;
}
