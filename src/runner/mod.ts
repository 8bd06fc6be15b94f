/**
 * The runner: scenarios in, plain-data events out.
 *
 * - {@linkcode runScenario}: one scenario → its result (for your own `Deno.test`).
 * - {@linkcode runSuite}: scenarios → `AsyncIterable<RunEvent>` for reporters,
 *   with filters, tags, shards, parallel jobs and `bail`.
 * - {@linkcode openTarget}: the embedded mock (default) or an endpoint, shared
 *   by several calls.
 * - {@linkcode knownRequestMembers}: the model's request members, for
 *   `loadScenarios`.
 *
 * Each step runs render → send → status → capture → assert and never throws;
 * a failing step fails its scenario and skips the rest of its steps. Secrets
 * (passwords, tokens, SRP values, device passwords, SECRET_HASH, client
 * secrets) are masked in every event unless `showSecrets`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { openTarget, runScenario } from "./mod.ts";
 * const target = await openTarget(); // one embedded mock for several scenarios
 * try {
 *   const { scenario } = parseScenario(
 *     [
 *       "name: an unknown user cannot sign in",
 *       "client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }",
 *       "steps:",
 *       "  - call: InitiateAuth",
 *       "    request:",
 *       "      ClientId: ${client.id}",
 *       "      AuthFlow: USER_PASSWORD_AUTH",
 *       "      AuthParameters: { USERNAME: nobody, PASSWORD: 'Passw0rd!Passw0rd' }",
 *       "    expect: { error: { type: UserNotFoundException } }",
 *     ].join("\n"),
 *     "unknown-user.yaml",
 *   );
 *   const result = await runScenario(scenario!, { target });
 *   assert.equal(result.outcome, "passed");
 *   const masked = JSON.stringify(result);
 *   assert.ok(!masked.includes("Passw0rd!Passw0rd"));
 * } finally {
 *   await target.close();
 * }
 * ```
 *
 * @module
 */

export { runScenario, runSuite } from "./suite.ts";
export {
  defaultSleep,
  RUN_DEFAULTS,
  type RunOptions,
  type RunScenarioOptions,
  type RunSuiteOptions,
  type SelectOptions,
} from "./options.ts";
export {
  type ExistingPool,
  MOCK_CREDENTIALS,
  normalizeEndpoint,
  openTarget,
  regionOf,
  type Target,
  TargetConfigError,
  type TargetOptions,
} from "./target.ts";
export { parseShard, SelectionError, selectScenarios } from "./select.ts";
export { knownRequestMembers } from "./known_members.ts";
export {
  scenarioFunctions,
  type ScenarioFunctionScope,
  type ScenarioFunctionsOptions,
  styledTimestamp,
  TIMESTAMP_STYLES,
} from "./functions.ts";
export { createJwksVerifier, type JwksCache, type JwksVerifierOptions } from "./jwks.ts";
export { scenarioInfo } from "./scenario.ts";
export type {
  Exchange,
  Failure,
  FailureKind,
  Outcome,
  OutcomeCounts,
  RecordedRequest,
  RecordedResponse,
  RunEvent,
  ScenarioInfo,
  ScenarioResult,
  StepResult,
  SuiteResult,
  TargetInfo,
} from "./events.ts";
export {
  type KeyInfo,
  type KeyKind,
  redactEvent,
  type RedactOptions,
  redactValue,
  SecretRegistry,
  type SecretRegistryOptions,
} from "./redact.ts";
// The types the runner's public signatures use, from the modules that define them.
export type {
  Binding,
  CallContext,
  CallExpression,
  CAPABILITIES,
  Capability,
  Capture,
  ControlAction,
  Expectation,
  Expression,
  ExpressionPart,
  FunctionCatalogue,
  FunctionSignature,
  LiteralExpression,
  PathExpression,
  PathSegment,
  Query,
  QueryCheck,
  RetryPolicy,
  Scenario,
  SecretPath,
  SourcePosition,
  Span,
  Step,
  Template,
  TemplateFunction,
  TemplatePart,
  TemplateTree,
  TextPart,
  UserSpec,
} from "../scenario/mod.ts";
export type { FunctionRegistry } from "../template/mod.ts";
export type { JwtVerification, VerifyJwt } from "../assert/mod.ts";
export type {
  AwsCredentials,
  CognitoClient,
  CognitoExchange,
  ReceivedResponse,
  SendOptions,
  SentRequest,
} from "../cognito/client.ts";
export type {
  Clock,
  KeyStore,
  KeyStrategy,
  MockBehaviour,
  MockHandlerOptions,
  MockSeed,
  MockServerOptions,
  NativeCryptoMode,
  PoolKeys,
  PublicJwk,
  RandomBytes,
  Rs256Signer,
  SeedClient,
  SeedPool,
  SeedUser,
  SignerBackend,
  SigningKey,
} from "../mock/mod.ts";
export type { RandomSource } from "../srp/mod.ts";
