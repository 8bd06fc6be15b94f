/**
 * The structure of a scenario file as zod schemas: the one source of truth
 * for key names, types and required keys, from which the JSON Schema for
 * editors is generated. What zod cannot say (templates, references between
 * steps, matchers, JMESPath) is checked by the semantic pass.
 *
 * @module
 */

import { z } from "zod";
import { OPERATIONS } from "../cognito/operations.ts";

/**
 * Names of vars, users, `let` bindings and captures: usable as template roots.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NAME_PATTERN } from "./schema.ts";
 * assert.ok(NAME_PATTERN.test("device_key-2"));
 * assert.ok(!NAME_PATTERN.test("2fa"));
 * ```
 */
export const NAME_PATTERN: RegExp = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Durations: `500ms`, `5s`, `1.5s`, `3m`; the groups are the amount and the unit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DURATION_PATTERN } from "./schema.ts";
 * assert.deepEqual(DURATION_PATTERN.exec("1.5s")?.slice(1), ["1.5", "s"]);
 * assert.equal(DURATION_PATTERN.test("2h"), false);
 * ```
 */
export const DURATION_PATTERN: RegExp = /^(\d+(?:\.\d+)?)(ms|s|m)$/;

/**
 * ISO-8601 instants with a zone, as `setClock` takes them:
 * `2026-11-04T09:05:07Z`, `2026-11-04T09:05:07.250+01:00`, `2026-11-04T09:05Z`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INSTANT_PATTERN } from "./schema.ts";
 * assert.equal(INSTANT_PATTERN.exec("2026-11-04T09:05:07.250+01:00")?.[8], "+01:00");
 * assert.equal(INSTANT_PATTERN.test("2026-11-04T09:05:07"), false); // no zone
 * ```
 */
export const INSTANT_PATTERN: RegExp =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Capabilities a scenario can require from its target; the runner skips the
 * scenario with a reason when the target lacks one.
 *
 * - `mock-control`: the target exposes the mock's test-control surface
 *   (implied by any `control` step);
 * - `provisioning`: pools, clients and users can be created for the run
 *   (the embedded mock, or `--provision` with credentials);
 * - `credentials`: SigV4 credentials are available for `Admin*` operations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CAPABILITIES } from "./schema.ts";
 * assert.deepEqual([...CAPABILITIES], ["mock-control", "provisioning", "credentials"]);
 * ```
 */
export const CAPABILITIES = ["mock-control", "provisioning", "credentials"] as const;

/** A capability name. */
export type Capability = typeof CAPABILITIES[number];

/**
 * Root names a `let` binding or capture cannot take.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RESERVED_NAMES } from "./schema.ts";
 * assert.ok(RESERVED_NAMES.includes("response"));
 * assert.ok(!RESERVED_NAMES.includes("tokens"));
 * ```
 */
export const RESERVED_NAMES: readonly string[] = [
  "vars",
  "env",
  "pool",
  "client",
  "users",
  "response",
];

const NAME_MESSAGE = "expected a name of letters, digits, _ and - that starts with a letter or _";
const DURATION_MESSAGE = 'expected a duration such as "500ms", "5s" or "2m"';
const INSTANT_MESSAGE =
  'expected an ISO-8601 instant with a zone such as "2026-11-04T09:05:07Z", or epoch seconds';

const name = () => z.string({ error: NAME_MESSAGE }).regex(NAME_PATTERN, { error: NAME_MESSAGE });
const duration = () =>
  z.string({ error: DURATION_MESSAGE }).regex(DURATION_PATTERN, { error: DURATION_MESSAGE });

/** Any JSON value whose strings may hold `${…}` templates. */
const templated = () =>
  z.unknown().meta({ description: "Any JSON value; strings may contain ${…} templates." });

/** An expected value: JSON with `$`-matchers (schema in `$defs/Expectation`). */
const expectation = () => z.unknown().meta({ $ref: "#/$defs/Expectation" });

const operation = () => z.enum(OPERATIONS as [string, ...string[]]);

const control = z.strictObject({
  advanceClock: z.union([
    z.number().positive({ error: "expected a positive number of seconds" }),
    duration(),
  ], { error: 'expected seconds or a duration such as "3m"' }).optional().meta({
    description:
      "Moves the mock's clock (for the scenario's pool) forward: seconds, or a duration such " +
      "as 3m. Templates (now(), SRP TIMESTAMPs, totp()) follow.",
  }),
  setClock: z.union([
    z.number().nonnegative({ error: "expected epoch seconds (0 or more)" }),
    z.string().regex(INSTANT_PATTERN, { error: INSTANT_MESSAGE }),
  ], { error: INSTANT_MESSAGE }).optional().meta({
    description:
      "Sets the mock's clock (for the scenario's pool) to an instant: ISO-8601 with a zone " +
      "(2026-11-04T09:05:07Z) or epoch seconds. Templates (now(), SRP TIMESTAMPs, totp()) follow.",
  }),
  throttle: z.strictObject({
    count: z.number().int().positive().meta({ description: "How many calls are refused." }),
    operations: z.array(operation()).optional().meta({
      description: "Only these operations (default: any).",
    }),
  }).optional().meta({
    description: "The next `count` calls answer TooManyRequestsException.",
  }),
}).meta({ description: "An action on the mock's test-control surface (exactly one)." });

const expect = z.strictObject({
  status: z.union([
    z.number().int().min(100).max(599),
    z.record(z.string().regex(/^\$/), z.unknown()),
  ], { error: "expected an HTTP status code or a matcher" }).optional().meta({
    description: "Expected HTTP status (default 200, or 400 with `error`).",
  }),
  headers: z.record(z.string(), expectation()).optional().meta({
    description: "Expected response headers (names in any case).",
  }),
  body: expectation().optional().meta({
    description: "Expected body, matched partially.",
  }),
  error: z.strictObject({
    type: expectation().optional().meta({ description: "The error type (`__type`)." }),
    message: expectation().optional().meta({ description: "The error message." }),
  }).optional().meta({
    description: "Sugar for a Cognito error: status 400 with this __type and message.",
  }),
  query: z.record(z.string(), expectation()).optional().meta({
    description: "JMESPath expression → expected result.",
  }),
});

const step = z.strictObject({
  name: z.string().optional().meta({ description: "What the step does, for reports." }),
  call: operation().optional().meta({ description: "The Cognito operation to call." }),
  control: control.optional(),
  let: z.record(name(), templated()).optional().meta({
    description: "Values computed once, in order, before the request.",
  }),
  request: z.record(z.string(), templated()).optional().meta({
    description: "The JSON request body.",
  }),
  expect: expect.optional(),
  save: z.record(name(), z.string()).optional().meta({
    description: "Name → JMESPath over the response body; later steps read ${name}.",
  }),
  timeout: duration().optional().meta({ description: "Per-attempt timeout, e.g. 5s." }),
  retry: z.strictObject({
    count: z.number().int().min(0).meta({ description: "Retries on throttling (0: none)." }),
    delay: duration().optional().meta({ description: "First back-off delay." }),
  }).optional().meta({ description: "Overrides the run's throttling retries." }),
  allowUnknownMembers: z.boolean().optional().meta({
    description:
      "Sends request members the Cognito model does not know (deliberately malformed requests).",
  }),
});

const user = z.strictObject({
  username: z.string().optional().meta({ description: "Username (default: the entry's name)." }),
  password: z.string().meta({ description: "Permanent (or temporary) password." }),
  attributes: z.record(z.string(), z.string()).optional().meta({
    description: "User attributes, e.g. email.",
  }),
  status: z.enum(["CONFIRMED", "FORCE_CHANGE_PASSWORD"]).optional().meta({
    description: "Status after provisioning (default CONFIRMED).",
  }),
  enabled: z.boolean().optional().meta({
    description: "Whether the user is enabled (default true).",
  }),
});

/**
 * The whole scenario file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scenarioSchema } from "./schema.ts";
 * const steps = [{ call: "GetUser", request: { AccessToken: "t" } }];
 * assert.equal(scenarioSchema.safeParse({ name: "x", steps }).success, true);
 * assert.equal(scenarioSchema.safeParse({ name: "x", steps: [] }).success, false);
 * ```
 */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1, { error: "expected a non-empty string" }).meta({
    description: "Title of the scenario.",
  }),
  description: z.string().optional(),
  tags: z.array(z.string()).optional().meta({ description: "Labels for --tag filters." }),
  source: z.union([z.string(), z.array(z.string())], {
    error: "expected a string or a list of strings",
  }).optional().meta({
    description: "Where the asserted behaviour is documented or observed.",
  }),
  requires: z.array(z.enum(CAPABILITIES)).optional().meta({
    description: "Capabilities the target must have; otherwise the scenario is skipped.",
  }),
  vars: z.record(name(), templated()).optional().meta({
    description: "Variables, evaluated in order; read as ${vars.name}.",
  }),
  secrets: z.array(z.string()).optional().meta({
    description: "Paths of further values to mask in reports, e.g. vars.apiKey.",
  }),
  pool: z.record(z.string(), templated()).optional().meta({
    description: "CreateUserPool members (e.g. DeviceConfiguration).",
  }),
  client: z.record(z.string(), templated()).optional().meta({
    description: "CreateUserPoolClient members (e.g. ExplicitAuthFlows, GenerateSecret).",
  }),
  users: z.record(name(), user).optional().meta({ description: "Users to provision, by name." }),
  steps: z.array(step).min(1, { error: "expected at least one step" }),
});

/**
 * The keys each kind of mapping accepts, for "did you mean" suggestions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { KNOWN_KEYS } from "./schema.ts";
 * assert.ok(KNOWN_KEYS.step.includes("allowUnknownMembers"));
 * assert.ok(KNOWN_KEYS.control.includes("setClock"));
 * ```
 */
export const KNOWN_KEYS = {
  scenario: Object.keys(scenarioSchema.shape),
  step: Object.keys(step.shape),
  expect: Object.keys(expect.shape),
  control: Object.keys(control.shape),
} as const;
