/**
 * The validated scenario AST the runner consumes. Every string that held a
 * `${…}` is a {@linkcode Template}; every other value is plain JSON. Steps,
 * bindings, captures and templates carry their source positions.
 *
 * @module
 */

import type { SourcePosition, Template } from "../template/mod.ts";
import type { Query } from "../query/mod.ts";
import type { Capability } from "./schema.ts";

/** A JSON value in which strings with `${…}` are {@linkcode Template}s. */
export type TemplateTree =
  | null
  | boolean
  | number
  | string
  | Template
  | TemplateTree[]
  | { [key: string]: TemplateTree };

/** A named value: a var or a `let` binding. */
export interface Binding {
  /** The name templates use. */
  name: string;
  /** The value, templates included. */
  value: TemplateTree;
  /** Where the binding's key is written. */
  position: SourcePosition;
}

/** A user to provision (or, against an existing pool, to sign in as). */
export interface UserSpec {
  /** The entry's name: `${users.<name>…}`. */
  name: string;
  /** Explicit username; absent means the runner picks one (e.g. the name). */
  username?: TemplateTree;
  /** The password. */
  password: TemplateTree;
  /** Attributes, e.g. `{ email: "a@example.com" }`. */
  attributes: Record<string, TemplateTree>;
  /** Status after provisioning. */
  status: "CONFIRMED" | "FORCE_CHANGE_PASSWORD";
  /** Whether the user is enabled. */
  enabled: boolean;
  /** Where the entry is written. */
  position: SourcePosition;
}

/** An action on the mock's test-control surface. */
export type ControlAction =
  /** Moves the mock clock forward. */
  | { kind: "advanceClock"; seconds: number }
  /** Sets the mock clock to an instant. */
  | { kind: "setClock"; epochSeconds: number }
  /** The next `count` calls (of `operations`, or any) answer TooManyRequestsException. */
  | { kind: "throttle"; count: number; operations?: string[] };

/** A `save` entry (fits the query module's `CaptureSpec`). */
export interface Capture {
  /** Name later steps read as `${name…}`. */
  name: string;
  /** Compiled JMESPath over the response body. */
  query: Query;
  /** Where the entry is written. */
  position: SourcePosition;
}

/** One `expect.query` entry (fits the assertion module's `QueryExpectation` once rendered). */
export interface QueryCheck {
  /** Compiled JMESPath over the response body. */
  query: Query;
  /** Expected result (value or matchers; may hold templates). */
  expected: TemplateTree;
  /** Where the entry is written. */
  position: SourcePosition;
}

/** A step's `expect` block, before rendering. */
export interface Expectation {
  /** Expected status (number or matcher); absent: 200, or the `error` status. */
  status?: TemplateTree;
  /** Expected headers by lower-case name. */
  headers?: Record<string, TemplateTree>;
  /** Expected body (partial match). */
  body?: TemplateTree;
  /** Cognito error sugar. */
  error?: { type?: TemplateTree; message?: TemplateTree };
  /** JMESPath checks. */
  query: QueryCheck[];
  /** Where the block is written. */
  position: SourcePosition;
}

/** Throttling-retry override of a step. */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  count: number;
  /** First back-off delay in milliseconds, if set. */
  delayMs?: number;
}

/** One step: a Cognito call or a control action. */
export interface Step {
  /** 0-based position in the scenario. */
  index: number;
  /** The step's `name`, or the operation (`InitiateAuth`) or `mock.<action>`. */
  name: string;
  /** Where the step starts. */
  position: SourcePosition;
  /** The Cognito operation, for a call step. */
  call?: string;
  /** The control action, for a control step. */
  control?: ControlAction;
  /** `let` bindings, in evaluation order. */
  let: Binding[];
  /** The request body (call steps); absent: send `{}`. */
  request?: Record<string, TemplateTree>;
  /** What the response must look like; absent: status 200. */
  expect?: Expectation;
  /** Captures, in file order. */
  save: Capture[];
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: number;
  /** Throttling-retry override. */
  retry?: RetryPolicy;
  /** Whether request members unknown to the Cognito model are deliberate. */
  allowUnknownMembers: boolean;
}

/** A path listed under `secrets`. */
export interface SecretPath {
  /** The path as written, e.g. `vars.apiKey`. */
  path: string;
  /** Its segments: root first. */
  segments: (string | number)[];
  /** Where it is written. */
  position: SourcePosition;
}

/** A validated scenario. */
export interface Scenario {
  /** Stable identifier: the path relative to the suite root (or the file as given). */
  id: string;
  /** The file as given to the loader. */
  file: string;
  /** Title. */
  name: string;
  /** Free text. */
  description?: string;
  /** Labels for filters. */
  tags: string[];
  /** Where the asserted behaviour is documented or observed. */
  source: string[];
  /** Capabilities the target must have (`mock-control` is added when a control step exists). */
  requires: Capability[];
  /** Variables, in evaluation order. */
  vars: Binding[];
  /** CreateUserPool members; absent when the scenario does not constrain the pool. */
  pool?: Record<string, TemplateTree>;
  /** CreateUserPoolClient members. */
  client?: Record<string, TemplateTree>;
  /** Users, in file order. */
  users: UserSpec[];
  /** Further values to mask in reports. */
  secrets: SecretPath[];
  /** The steps, in order. */
  steps: Step[];
}
