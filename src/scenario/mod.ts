/**
 * Scenario files: YAML → validated, position-carrying AST; JSON Schema for
 * editors. No network. Every problem of a file is reported together as
 * `file:line:column: message`.
 *
 * ## Format reference
 *
 * ```yaml
 * # yaml-language-server: $schema=../schema/scenario.schema.json
 * name: Device tracking ON — refresh needs a confirmed device key   # required
 * description: free text
 * tags: [device-on, refresh]
 * source: [cognito-protocol.md §6.8, aws/aws-sdk-java-v2#1389]      # string or list
 * requires: [provisioning]          # mock-control | provisioning | credentials
 * vars: { prefix: "ci-${uuid()}" }  # evaluated in order; ${vars.prefix}
 * secrets: [vars.apiKey]            # extra paths whose values are masked
 * pool:   { DeviceConfiguration: { ChallengeRequiredOnNewDevice: false } }  # CreateUserPool members
 * client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }
 * users:
 *   alice: { password: "Passw0rd!", attributes: { email: a@example.com },
 *            status: CONFIRMED, enabled: true, username: optional }
 * steps:                            # required, at least one
 *   - name: sign in                 # default: the operation, or mock.<action>
 *     call: InitiateAuth            # a Cognito operation …
 *     # control: { advanceClock: 3m } | { setClock: "2026-11-04T09:05:07Z" }
 *     #        | { throttle: { count: 2, operations: [InitiateAuth] } }
 *     let:                          # evaluated once, in order, before the request
 *       claim: ${srp.passwordClaim(challenge, users.alice.password)}
 *     request: { … }                # the JSON body; any string may hold templates
 *     expect:
 *       status: 200                 # default 200; with `error`, 400 (500 for InternalErrorException)
 *       headers: { x-amzn-requestid: { $exists: true } }
 *       body: { AuthenticationResult: { TokenType: Bearer } }   # partial match
 *       error: { type: NotAuthorizedException, message: Invalid Refresh Token. }   # a known type
 *       query: { "length(Devices)": 1 }                         # JMESPath → expectation
 *     save: { tokens: AuthenticationResult }                    # JMESPath over the body
 *     timeout: 5s                   # ms | s | m
 *     retry: { count: 0, delay: 200ms }   # throttling retries of this step
 *     allowUnknownMembers: true     # deliberately malformed request: skip member checks
 * ```
 *
 * - **Exactly one** of `call` and `control` per step. A `control` step
 *   (mock test-control surface) has no `request`, and adds `mock-control`
 *   to `requires`. `advanceClock` (seconds or a duration) and `setClock`
 *   (an ISO-8601 instant with a zone, or epoch seconds) move the clock of
 *   the scenario's pool; the runner's template clock follows (`now()`, SRP
 *   TIMESTAMPs, `srp.timestamp()`, `totp()`, and `$verify`'s expiry check).
 * - **Templates** `${…}`: a string that is exactly one `${…}` yields the raw
 *   value (object, number…); inside longer text, strings are inserted as
 *   they are and other values as JSON. `$${` is a literal `${`. Expressions
 *   are paths (`a.b[0]`, `a[-1]`, `a["custom:x"]`), literals (`'s'`, `"s"`,
 *   `1`, `true`, `null`) and calls of the fixed function registry with
 *   positional arguments; no operators, no eval. A call's result cannot be
 *   dereferenced (`f().x`): bind it in `let`, so that e.g. one SRP claim's
 *   `TIMESTAMP` and signature come from one evaluation. In YAML flow
 *   collections (`{ … }`, `[ … ]`) templates must be quoted. Mapping keys
 *   are literal, never templates.
 * - **Roots**: `vars.<name>` (declared in `vars`, or provided from outside),
 *   `env.<NAME>` (explicit only), `pool.id|name|region` (`name` is the part
 *   after `_`), `client.id|secret`, `users.<name>.username|password|sub|attributes`,
 *   captures saved by earlier steps, the step's `let` names (earlier ones
 *   only, inside `let`), and in `expect` also `response.status|headers|body`.
 *   `vars` may read `env` and earlier vars; `pool`, `client` and `users` may
 *   read `vars` and `env`. Capture and `let` names are free except
 *   `vars env pool client users response`; a `let` shadows a capture in its step.
 * - **Functions**: `uuid()`, `now()` (epoch seconds), `env(name)`,
 *   `json(value)`, `base64(text)`, `concat(v, …)`, and, implemented by the
 *   runner: `srp.start([name])`, `srp.passwordClaim(challengeParameters,
 *   password[, timestamp])`, `srp.deviceVerifier(newDeviceMetadata)`,
 *   `srp.deviceClaim(challengeParameters, device[, timestamp])`,
 *   `srp.timestamp([style])`, `jwt.payload(token)` (a token's claims, e.g.
 *   to compare `auth_time` across steps), `secretHash(username)`,
 *   `totp(secretCode[, offsetSeconds])` (see `FUNCTION_SIGNATURES`).
 * - **Expectations** match partially: listed keys must match, others are
 *   ignored; lists match item by item with equal lengths; scalars match with
 *   their JSON type. Matchers (objects with `$`-keys, composable):
 *   `$match` (regex in RE2 syntax, linear time, unanchored), `$exists`,
 *   `$type`, `$oneOf`, `$len`,
 *   `$not`, `$contains`, `$jwt` (payload; with `$header`, `$verify: true`),
 *   `$exact: true`.
 * - **Request members**: with a `knownRequestMembers` hook, a top-level member the
 *   Cognito model does not know is an error (a misspelt member makes a
 *   conformance test test the wrong thing); `allowUnknownMembers: true`
 *   opts a step out.
 * - **Error types** in `expect.error.type` and `expect.body.__type` (also
 *   under `$oneOf` and `$not`) must be Cognito user-pools errors
 *   ({@linkcode COGNITO_ERROR_TYPES}): a misspelt type is a load error with
 *   a suggestion, not a failure found after earlier steps were sent.
 * - **Environment**: a file loads whatever the environment holds; before a
 *   run, {@linkcode environmentProblems} reports each `${env.NAME}` and
 *   `env('NAME')` whose variable the run's environment lacks, positioned
 *   like load errors, so that nothing is sent.
 * - **Bounds** ({@linkcode SCENARIO_LIMITS}): at most 1 MiB of UTF-8 text
 *   without control characters, 64 levels of nesting and 100 000 values with
 *   aliases expanded; aliases name an anchor set before them and outside of
 *   them. Each is one positioned error, checked before anything else reads
 *   the file.
 * - **Ids** of loaded scenarios are paths relative to the suite root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "./mod.ts";
 * const { scenario, errors } = parseScenario(
 *   "name: x\nsteps:\n  - call: InitiateAuthh\n",
 *   "x.yaml",
 * );
 * assert.equal(scenario, undefined);
 * assert.equal(
 *   errors[0]?.toString(),
 *   'x.yaml:3:11: Cannot call "InitiateAuthh": not a Cognito operation (did you mean "InitiateAuth"?)',
 * );
 * ```
 *
 * @module
 */

export { type ParseResult, parseScenario, type ParseScenarioOptions } from "./parse.ts";
export { type LoadResult, loadScenarios, type LoadScenariosOptions } from "./load.ts";
export { type ScenarioError, ScenarioSyntaxError } from "./errors.ts";
export { COGNITO_ERROR_TYPES } from "./error_types.ts";
export { SCENARIO_LIMITS, type ScenarioLimits } from "./limits.ts";
export {
  environmentProblems,
  type EnvironmentProblemsOptions,
  type EnvironmentReference,
  environmentReferences,
  type EnvironmentReferencesOptions,
} from "./environment.ts";
export {
  type ScenarioTemplate,
  scenarioTemplates,
  type ScenarioTemplatesOptions,
} from "./templates.ts";
export { renderExpectation } from "./expectation.ts";
export { scenarioJsonSchema } from "./json_schema.ts";
export {
  CAPABILITIES,
  type Capability,
  DURATION_PATTERN,
  INSTANT_PATTERN,
  NAME_PATTERN,
  RESERVED_NAMES,
} from "./schema.ts";
export type {
  Binding,
  Capture,
  ControlAction,
  Expectation,
  QueryCheck,
  RetryPolicy,
  Scenario,
  SecretPath,
  Step,
  TemplateTree,
  UserSpec,
} from "./types.ts";
// The types this module's signatures use, from the modules that define them.
export { Template } from "../template/mod.ts";
export type {
  CallContext,
  CallExpression,
  Expression,
  ExpressionPart,
  FunctionCatalogue,
  FunctionRegistry,
  FunctionSignature,
  LiteralExpression,
  PathExpression,
  PathSegment,
  RenderContext,
  RenderOptions,
  SourcePosition,
  Span,
  TemplateFunction,
  TemplatePart,
  TextPart,
} from "../template/mod.ts";
export type { Query } from "../query/mod.ts";
export type { QueryExpectation, ResponseExpectation } from "../assert/mod.ts";
