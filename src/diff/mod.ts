/**
 * Differential runs: the same scenarios against two targets, and where their
 * answers disagree.
 *
 * - {@linkcode runDiff}: runs scenarios on targets A and B and compares.
 * - {@linkcode compareSuites} / {@linkcode compareScenarios}: compares run
 *   results you already have.
 * - {@linkcode normaliseResponse}, {@linkcode DEFAULT_NORMALISE_RULES}: what
 *   an answer is reduced to before comparing (tokens by their claim set,
 *   ids and keys as numbered placeholders, SRP values and dates by type).
 * - {@linkcode parseNormaliseRules}: a rules file (`diff --normalise`).
 * - {@linkcode formatDiff}: the report as text, JSON or Markdown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { formatDiff, runDiff } from "./mod.ts";
 * const { scenario } = parseScenario(
 *   [
 *     "name: confirm a device twice",
 *     "pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } }",
 *     "client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }",
 *     "users: { alice: { password: 'Passw0rd!Passw0rd' } }",
 *     "steps:",
 *     "  - call: InitiateAuth",
 *     "    request: { ClientId: '${client.id}', AuthFlow: USER_PASSWORD_AUTH, AuthParameters: { USERNAME: alice, PASSWORD: '${users.alice.password}' } }",
 *     "    save: { tokens: AuthenticationResult, device: AuthenticationResult.NewDeviceMetadata }",
 *     "  - call: ConfirmDevice",
 *     "    request: { AccessToken: '${tokens.AccessToken}', DeviceKey: '${device.DeviceKey}', DeviceSecretVerifierConfig: '${srp.deviceVerifier(device)}' }",
 *     "  - call: ConfirmDevice",
 *     "    request: { AccessToken: '${tokens.AccessToken}', DeviceKey: '${device.DeviceKey}', DeviceSecretVerifierConfig: '${srp.deviceVerifier(device)}' }",
 *   ].join("\n"),
 *   "twice.yaml",
 * );
 * const report = await runDiff([scenario!], {
 *   a: {},
 *   b: { mock: { behaviour: { reconfirmDevice: "idempotent" } } },
 *   labels: { a: "embedded", b: "embedded:reconfirmDevice=idempotent" },
 * });
 * assert.equal(report.summary.different, 1);
 * const status = report.scenarios[0]!.differences.find((d) => d.kind === "status");
 * assert.deepEqual([status?.step, status?.a, status?.b], [2, 400, 200]);
 * assert.match(formatDiff(report, "text"), /- error type: DeviceKeyExistsException/);
 * ```
 *
 * @module
 */

export {
  type CompareOptions,
  compareScenarios,
  compareSuites,
  type Difference,
  type DifferenceKind,
  type DiffReport,
  type DiffSummary,
  type DiffTarget,
  type ScenarioDiff,
  type ScenarioStatus,
} from "./compare.ts";
export {
  DEFAULT_NORMALISE_RULES,
  type HeaderRule,
  type NodeType,
  normaliseBody,
  type NormalisedNode,
  type NormalisedResponse,
  type NormaliseOptions,
  normaliseResponse,
  type NormaliseRules,
  PlaceholderNumbers,
  type PlaceholderRule,
} from "./normalise.ts";
export {
  compilePathPattern,
  formatPath,
  type PathPattern,
  PathPatternError,
  type PathSegment,
} from "./paths.ts";
export { NormaliseRulesError, type ParsedRules, parseNormaliseRules } from "./rules_file.ts";
export {
  DIFF_FORMATS,
  type DiffFormat,
  formatDiff,
  type FormatDiffOptions,
  summaryLine,
} from "./report.ts";
export { runDiff, type RunDiffOptions } from "./run.ts";
