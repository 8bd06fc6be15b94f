/**
 * cognito-conformance: a conformance harness for Amazon Cognito user-pool
 * authentication, with a mock Cognito server that implements device tracking
 * and real SRP.
 *
 * - Scenario files (YAML) read like the curl sequence a person would type;
 *   the runner does the SRP math, SECRET_HASH and TOTP for them.
 * - The same scenarios run against the embedded mock, any Cognito-compatible
 *   endpoint, or a real user pool.
 *
 * Run a scenario from your own `Deno.test` (against an embedded mock server
 * unless `target` names an endpoint):
 *
 * ```ts
 * import assert from "node:assert/strict";
 * import { knownRequestMembers, parseScenario, runScenario } from "./mod.ts";
 *
 * const { scenario, errors } = parseScenario(
 *   `
 * name: a user signs in with a password and reads itself
 * client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }
 * users: { alice: { password: "Passw0rd!Passw0rd" } }
 * steps:
 *   - call: InitiateAuth
 *     request:
 *       ClientId: \${client.id}
 *       AuthFlow: USER_PASSWORD_AUTH
 *       AuthParameters: { USERNAME: "\${users.alice.username}", PASSWORD: "\${users.alice.password}" }
 *     expect: { body: { AuthenticationResult: { AccessToken: { $jwt: { token_use: access }, $verify: true } } } }
 *     save: { tokens: AuthenticationResult }
 *   - call: GetUser
 *     request: { AccessToken: "\${tokens.AccessToken}" }
 *     expect: { body: { Username: alice } }
 * `,
 *   "sign-in.yaml",
 *   { knownRequestMembers },
 * );
 * assert.deepEqual(errors, []);
 * const result = await runScenario(scenario!);
 * assert.equal(result.outcome, "passed");
 * assert.equal(result.steps.length, 2);
 * ```
 *
 * @module
 */

// Scenario files: YAML → a validated Scenario with positions; the JSON Schema for editors.
export {
  CAPABILITIES,
  COGNITO_ERROR_TYPES,
  environmentProblems,
  environmentReferences,
  loadScenarios,
  parseScenario,
  renderExpectation,
  scenarioJsonSchema,
  ScenarioSyntaxError,
} from "./src/scenario/mod.ts";
export type {
  Binding,
  Capability,
  Capture,
  ControlAction,
  EnvironmentProblemsOptions,
  EnvironmentReference,
  EnvironmentReferencesOptions,
  Expectation,
  LoadResult,
  LoadScenariosOptions,
  ParseResult,
  ParseScenarioOptions,
  QueryCheck,
  RetryPolicy,
  Scenario,
  ScenarioError,
  SecretPath,
  Step,
  TemplateTree,
  UserSpec,
} from "./src/scenario/mod.ts";

// Templates: the `${…}` language (paths, literals, the fixed function registry).
export {
  builtinFunctions,
  evaluate,
  FUNCTION_SIGNATURES,
  FunctionRegistry,
  isTemplate,
  parseExpression,
  parseTemplate,
  render,
  RenderError,
  Template,
  TemplateSyntaxError,
} from "./src/template/mod.ts";
export type {
  CallContext,
  CallExpression,
  Expression,
  ExpressionPart,
  FunctionCatalogue,
  FunctionSignature,
  LiteralExpression,
  Locator,
  MissingValue,
  ParseTemplateOptions,
  PathExpression,
  PathSegment,
  RenderContext,
  RenderOptions,
  SourcePosition,
  Span,
  TemplateFunction,
  TemplatePart,
  TextPart,
} from "./src/template/mod.ts";

// Queries: JMESPath for `save` and `expect.query`.
export {
  compileQuery,
  evaluateCaptures,
  QueryEvaluationError,
  QuerySyntaxError,
} from "./src/query/mod.ts";
export type { CaptureFailure, CaptureResult, CaptureSpec, Query } from "./src/query/mod.ts";

// Assertions: matchers, partial deep match, readable diffs.
export {
  checkContent,
  checkResponse,
  checkStatus,
  decodeJwt,
  errorCode,
  formatMismatches,
  MATCHERS,
  matchValue,
  validateExpectation,
} from "./src/assert/mod.ts";
export type {
  CheckResponseOptions,
  DecodedJwt,
  ExpectationProblem,
  FormatMismatchesOptions,
  JwtVerification,
  MatcherInfo,
  MatchOptions,
  Mismatch,
  QueryExpectation,
  ResponseExpectation,
  ResponseSnapshot,
  ValidateExpectationOptions,
  VerifyJwt,
} from "./src/assert/mod.ts";

// The runner: runScenario / runSuite, targets, selection, and the run events it emits.
export {
  createJwksVerifier,
  knownRequestMembers,
  MOCK_CREDENTIALS,
  openTarget,
  parseShard,
  RUN_DEFAULTS,
  runScenario,
  runSuite,
  scenarioFunctions,
  SelectionError,
  selectScenarios,
  styledTimestamp,
  TargetConfigError,
  TIMESTAMP_STYLES,
} from "./src/runner/mod.ts";
export type {
  ExistingPool,
  JwksCache,
  JwksVerifierOptions,
  RunOptions,
  RunScenarioOptions,
  RunSuiteOptions,
  ScenarioFunctionScope,
  ScenarioFunctionsOptions,
  SelectOptions,
  Target,
  TargetOptions,
} from "./src/runner/mod.ts";
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
} from "./src/runner/events.ts";

// Secrets in reports: what is masked and how.
export {
  KEY_ONLY_SECRET_KEYS,
  redactEvent,
  redactValue,
  SECRET_KEYS,
  SecretRegistry,
} from "./src/runner/redact.ts";
export type {
  KeyInfo,
  KeyKind,
  RedactOptions,
  SecretRegistryOptions,
} from "./src/runner/redact.ts";

// Differential runs: the same scenarios on two targets, normalised and compared.
export {
  compareScenarios,
  compareSuites,
  compilePathPattern,
  DEFAULT_NORMALISE_RULES,
  DIFF_FORMATS,
  formatDiff,
  formatPath,
  normaliseBody,
  normaliseResponse,
  NormaliseRulesError,
  parseNormaliseRules,
  PathPatternError,
  PlaceholderNumbers,
  runDiff,
  summaryLine,
} from "./src/diff/mod.ts";
export type {
  CompareOptions,
  Difference,
  DifferenceKind,
  DiffFormat,
  DiffReport,
  DiffSummary,
  DiffTarget,
  FormatDiffOptions,
  HeaderRule,
  NodeType,
  NormalisedNode,
  NormalisedResponse,
  NormaliseOptions,
  NormaliseRules,
  ParsedRules,
  PathPattern,
  PathSegment as DiffPathSegment,
  PlaceholderRule,
  RunDiffOptions,
  ScenarioDiff,
  ScenarioStatus,
} from "./src/diff/mod.ts";

// Reporters: run events → text (pretty, dot, TAP, JUnit, JSON).
export {
  colorFromEnv,
  DEFAULT_REPORTER,
  dot as dotReporter,
  getReporter,
  json as jsonReporter,
  junit as junitReporter,
  mergeJUnit,
  parseReporterSpec,
  parseReporterSpecs,
  pretty as prettyReporter,
  REPORTERS,
  ReporterSpecError,
  tap as tapReporter,
  teeEvents,
} from "./src/reporters/mod.ts";
export type {
  MergeJUnitOptions,
  ParseReporterSpecsOptions,
  Reporter,
  ReporterEntry,
  ReporterName,
  ReporterOptions,
  ReporterSpec,
} from "./src/reporters/mod.ts";

// The mock Cognito server.
export {
  createMockHandler,
  createMockServer,
  DEFAULT_BEHAVIOUR,
  KeyStore,
  loadSeedFile,
  parseBehaviour,
  parseSeed,
  seededRandom,
  SeedError,
} from "./src/mock/mod.ts";
export type {
  Clock,
  KeyStoreOptions,
  KeyStrategy,
  MockBehaviour,
  MockHandler,
  MockHandlerOptions,
  MockSeed,
  MockServer,
  MockServerOptions,
  NativeCryptoMode,
  PoolKeys,
  PublicJwk,
  RandomBytes,
  RequestLogEntry,
  Rs256Signer,
  SeedClient,
  SeedPool,
  SeedUser,
  SignerBackend,
  SigningKey,
} from "./src/mock/mod.ts";

// Cognito's SRP, SECRET_HASH, TIMESTAMP and TOTP.
export {
  createClientEphemeral,
  createDeviceVerifier,
  createPasswordVerifier,
  createServerEphemeral,
  createTotpSecret,
  decodeDeviceVerifier,
  deviceClaim,
  formatTimestamp,
  isTimestampFresh,
  parseSrpA,
  parseTimestamp,
  passwordClaim,
  secretHash,
  SrpInputError,
  TIMESTAMP_FORMAT_MESSAGE,
  TimestampFormatError,
  totp,
  verifyDeviceClaim,
  verifyPasswordClaim,
  verifyTotp,
} from "./src/srp/mod.ts";
export type {
  ChallengeValues,
  ClaimCheck,
  ClaimOptions,
  ClientEphemeral,
  ClientEphemeralOptions,
  DecodedDeviceVerifier,
  DeviceClaimCheck,
  DeviceClaimInput,
  DeviceSecret,
  DeviceVerifierConfig,
  DeviceVerifierOptions,
  ModPowBackend,
  ModPowOptions,
  ParsedTimestamp,
  PasswordClaimCheck,
  PasswordClaimInput,
  PasswordVerifier,
  PasswordVerifierOptions,
  RandomSource,
  SecretHashInput,
  ServerEphemeral,
  ServerEphemeralOptions,
  SrpClaim,
  SrpCredentials,
  TimestampFreshnessOptions,
  TotpOptions,
  TotpSecretOptions,
  TotpVerifyOptions,
} from "./src/srp/mod.ts";
// The SRP clock returns a Date; the mock's `Clock` (above) returns epoch milliseconds.
export type { Clock as SrpClock } from "./src/srp/mod.ts";

// The Cognito client the runner sends with (AWS JSON 1.1, SigV4 for IAM operations).
export { CognitoClient, describeError, errorTypeOf } from "./src/cognito/client.ts";
export type {
  AwsCredentials,
  CognitoClientOptions,
  CognitoExchange,
  ReceivedResponse,
  SendOptions,
  SentRequest,
} from "./src/cognito/client.ts";

// Cognito's error catalogue (the mock raises these; scenarios assert on them).
export {
  CognitoError,
  cognitoError,
  ERROR_CATALOGUE,
  ERROR_PARAMETERS,
  lookupError,
  renderErrorMessage,
} from "./src/cognito/errors.ts";
export type {
  CatalogueEntry,
  CognitoErrorArgs,
  CognitoErrorId,
  CognitoErrorParams,
} from "./src/cognito/errors.ts";

// The command line's exit codes (`diff` has its own, like diff(1)).
export { DiffExitCode, ExitCode } from "./src/cli/exit_codes.ts";
