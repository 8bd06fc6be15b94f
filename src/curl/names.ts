/**
 * The one name table shared by `from-curl` and `to-curl` (docs/curl-format.md,
 * "Names, the same both ways"): which shell variable stands for which scenario
 * value, and how a path into a saved answer is written in jq and in JMESPath.
 * Every function here is pure and has its inverse beside it, so both
 * directions read the same table.
 *
 * | scenario                                         | shell                                  |
 * | ------------------------------------------------ | -------------------------------------- |
 * | `${pool.id}`, `${pool.name}`, `${pool.region}`   | `$POOL_ID`, `$POOL_NAME`, `$REGION`    |
 * | `${client.id}`, `${client.secret}`               | `$CLIENT_ID`, `$CLIENT_SECRET`         |
 * | `${users.alice.username}` / `.password` / `.sub` | `$ALICE_USERNAME`, `$ALICE_PASSWORD`, … |
 * | `${vars.name}`                                   | `$name`                                |
 * | `${env.NAME}`                                    | `$NAME`                                |
 * | a capture or `let` name `tokens`                 | `$tokens`                              |
 * | `${users.alice.attributes}` (to-curl only)       | `$ALICE_ATTRIBUTES` (JSON)             |
 *
 * Scenario names may hold `-`, which shell names cannot: it becomes `_`.
 * The second half of the module is the same table as to-curl reads it
 * (scenario path → variable) and the requests of control steps.
 *
 * @module
 */

import type { ControlAction } from "../scenario/mod.ts";

/** A scenario value that a shell variable stands for. */
export type ScenarioRef =
  /** `${pool.id}`, `${pool.name}`, `${pool.region}`. */
  | { root: "pool"; field: "id" | "name" | "region" }
  /** `${client.id}`, `${client.secret}`. */
  | { root: "client"; field: "id" | "secret" }
  /** `${users.<user>.username}`, `.password`, `.sub`. */
  | { root: "users"; user: string; field: UserField }
  /** `${vars.<name>}`. */
  | { root: "vars"; name: string }
  /** `${env.<name>}`. */
  | { root: "env"; name: string }
  /** A capture (`save:`) or a `let` binding: `${<name>}`. */
  | { root: "capture"; name: string };

/** The fields of a user that have a shell variable. */
export type UserField = "username" | "password" | "sub";

const USER_FIELDS: readonly UserField[] = ["username", "password", "sub"];

/** Fixed names: the pool's and the client's values. */
const FIXED: ReadonlyArray<readonly [string, ScenarioRef]> = [
  ["POOL_ID", { root: "pool", field: "id" }],
  ["POOL_NAME", { root: "pool", field: "name" }],
  ["REGION", { root: "pool", field: "region" }],
  ["CLIENT_ID", { root: "client", field: "id" }],
  ["CLIENT_SECRET", { root: "client", field: "secret" }],
];

/**
 * The shell spelling of a user's name in `$<USER>_USERNAME`: upper case, `-`
 * as `_` (shell names have no `-`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { userShellPrefix } from "./names.ts";
 * assert.equal(userShellPrefix("alice"), "ALICE");
 * assert.equal(userShellPrefix("bob-2"), "BOB_2");
 * ```
 */
export function userShellPrefix(user: string): string {
  return shellName(user).toUpperCase();
}

/**
 * The shell variable that stands for a scenario value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellNameOf } from "./names.ts";
 * assert.equal(shellNameOf({ root: "pool", field: "id" }), "POOL_ID");
 * assert.equal(shellNameOf({ root: "pool", field: "region" }), "REGION");
 * assert.equal(shellNameOf({ root: "users", user: "alice", field: "password" }), "ALICE_PASSWORD");
 * assert.equal(shellNameOf({ root: "vars", name: "email" }), "email");
 * assert.equal(shellNameOf({ root: "capture", name: "tokens" }), "tokens");
 * ```
 */
export function shellNameOf(ref: ScenarioRef): string {
  switch (ref.root) {
    case "pool":
    case "client":
      return FIXED.find(([, fixed]) => sameRef(fixed, ref))![0];
    case "users":
      return `${userShellPrefix(ref.user)}_${ref.field.toUpperCase()}`;
    case "vars":
    case "env":
    case "capture":
      return shellName(ref.name);
  }
}

/** Options of {@linkcode fixedRefOf}. */
export interface FixedRefOptions {
  /**
   * The scenario's user names, to map `$ALICE_USERNAME` back to `alice` (or
   * `Alice`, or `alice-2`). `undefined`: any `<X>_USERNAME`, `<X>_PASSWORD`
   * or `<X>_SUB` is a user, named `x` (lower case).
   * @default {undefined}
   */
  users?: readonly string[];
}

/**
 * The scenario value a fixed shell name stands for: the pool's and client's
 * names, and `<USER>_USERNAME|PASSWORD|SUB` of a user. Other names (vars,
 * environment variables, captures) give `undefined`: a script tells them
 * apart by how it defines them, not by their spelling.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixedRefOf } from "./names.ts";
 * assert.deepEqual(fixedRefOf("CLIENT_ID"), { root: "client", field: "id" });
 * assert.deepEqual(fixedRefOf("ALICE_PASSWORD"), { root: "users", user: "alice", field: "password" });
 * assert.deepEqual(
 *   fixedRefOf("BOB_2_SUB", { users: ["bob-2"] }),
 *   { root: "users", user: "bob-2", field: "sub" },
 * );
 * assert.equal(fixedRefOf("CAROL_PASSWORD", { users: ["alice"] }), undefined);
 * assert.equal(fixedRefOf("tokens"), undefined);
 * ```
 */
export function fixedRefOf(
  shellName: string,
  options: FixedRefOptions = {},
): ScenarioRef | undefined {
  const fixed = FIXED.find(([name]) => name === shellName);
  if (fixed !== undefined) return fixed[1];
  const match = /^([A-Z][A-Z0-9_]*?)_(USERNAME|PASSWORD|SUB)$/.exec(shellName);
  if (match === null) return undefined;
  const field = match[2]!.toLowerCase() as UserField;
  if (options.users === undefined) {
    return { root: "users", user: match[1]!.toLowerCase(), field };
  }
  const user = options.users.find((name) => userShellPrefix(name) === match[1]);
  return user === undefined ? undefined : { root: "users", user, field };
}

/**
 * The template path of a scenario value, as written inside `${…}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { templatePathOf } from "./names.ts";
 * assert.equal(templatePathOf({ root: "users", user: "alice", field: "username" }), "users.alice.username");
 * assert.equal(templatePathOf({ root: "env", name: "API_KEY" }), "env.API_KEY");
 * assert.equal(templatePathOf({ root: "capture", name: "tokens" }), "tokens");
 * ```
 */
export function templatePathOf(ref: ScenarioRef): string {
  switch (ref.root) {
    case "pool":
    case "client":
      return `${ref.root}.${ref.field}`;
    case "users":
      return `users${pathTail([ref.user])}.${ref.field}`;
    case "vars":
    case "env":
      return `${ref.root}${pathTail([ref.name])}`;
    case "capture":
      return ref.name;
  }
}

/**
 * The scenario value a template path (root first) names, if it is one of the
 * table's: `["users", "alice", "password"]`, `["vars", "x"]`, `["tokens"]`…
 * Captures and `let` names are whatever root is not reserved.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { refOfTemplatePath } from "./names.ts";
 * assert.deepEqual(refOfTemplatePath(["pool", "id"]), { root: "pool", field: "id" });
 * assert.deepEqual(refOfTemplatePath(["device"]), { root: "capture", name: "device" });
 * assert.equal(refOfTemplatePath(["users", "alice", "attributes"]), undefined);
 * assert.equal(refOfTemplatePath(["response", "body"]), undefined);
 * ```
 */
export function refOfTemplatePath(segments: readonly (string | number)[]): ScenarioRef | undefined {
  const [root, first, second] = segments;
  if (typeof root !== "string") return undefined;
  switch (root) {
    case "pool":
    case "client": {
      if (segments.length !== 2) return undefined;
      const ref = FIXED.find(([, fixed]) => fixed.root === root && fixedField(fixed) === first);
      return ref?.[1];
    }
    case "users":
      if (segments.length !== 3 || typeof first !== "string") return undefined;
      return USER_FIELDS.includes(second as UserField)
        ? { root: "users", user: first, field: second as UserField }
        : undefined;
    case "vars":
    case "env":
      return segments.length === 2 && typeof first === "string" ? { root, name: first } : undefined;
    case "response":
      return undefined;
    default:
      return segments.length === 1 ? { root: "capture", name: root } : undefined;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A path into a JSON value as a jq filter: `.AuthenticationResult.AccessToken`,
 * `.Devices[0].DeviceKey`, `.["custom:x"]`; `.` for the value itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jqPathOf } from "./names.ts";
 * assert.equal(jqPathOf(["AuthenticationResult", "RefreshToken"]), ".AuthenticationResult.RefreshToken");
 * assert.equal(jqPathOf(["Devices", 0, "DeviceKey"]), ".Devices[0].DeviceKey");
 * assert.equal(jqPathOf(["attributes", "custom:tier"]), '.attributes["custom:tier"]');
 * assert.equal(jqPathOf([]), ".");
 * ```
 */
export function jqPathOf(segments: readonly (string | number)[]): string {
  if (segments.length === 0) return ".";
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `${out === "" ? "." : ""}[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `${out === "" ? "." : ""}[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The path a simple jq filter reads (the inverse of {@linkcode jqPathOf}):
 * `.a.b`, `.a[0]`, `.["x"]`, `.a?`, `."x"`; `undefined` for anything else
 * (pipes, functions, object construction).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJqPath } from "./names.ts";
 * assert.deepEqual(parseJqPath(".AuthenticationResult.NewDeviceMetadata.DeviceKey"), [
 *   "AuthenticationResult", "NewDeviceMetadata", "DeviceKey",
 * ]);
 * assert.deepEqual(parseJqPath('.Devices[0]["DeviceKey"]'), ["Devices", 0, "DeviceKey"]);
 * assert.deepEqual(parseJqPath("."), []);
 * assert.equal(parseJqPath(".Devices | length"), undefined);
 * ```
 */
export function parseJqPath(filter: string): (string | number)[] | undefined {
  const text = filter.trim();
  if (text === ".") return [];
  if (!text.startsWith(".")) return undefined;
  const segments: (string | number)[] = [];
  const step =
    /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\.?"((?:[^"\\]|\\.)*)"|\.?\[\s*(\d+)\s*\]|\.?\[\s*"((?:[^"\\]|\\.)*)"\s*\])\??/;
  let rest = text;
  while (rest.length > 0) {
    const match = step.exec(rest);
    if (match === null || match[0].length === 0) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(JSON.parse(`"${match[2]}"`) as string);
    else if (match[3] !== undefined) segments.push(Number(match[3]));
    else segments.push(JSON.parse(`"${match[4]}"`) as string);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/**
 * A path as a JMESPath expression, as `save:` entries write it:
 * `AuthenticationResult.NewDeviceMetadata`, `Devices[0]`, `"custom:x"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jmespathOf } from "./names.ts";
 * assert.equal(jmespathOf(["AuthenticationResult", "NewDeviceMetadata"]), "AuthenticationResult.NewDeviceMetadata");
 * assert.equal(jmespathOf(["Devices", 0, "DeviceKey"]), "Devices[0].DeviceKey");
 * assert.equal(jmespathOf(["UserAttributes", "custom:x"]), 'UserAttributes."custom:x"');
 * assert.equal(jmespathOf([]), "@");
 * ```
 */
export function jmespathOf(segments: readonly (string | number)[]): string {
  if (segments.length === 0) return "@";
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = IDENTIFIER.test(segment) ? segment : JSON.stringify(segment);
      out += out === "" ? key : `.${key}`;
    }
  }
  return out;
}

/**
 * The path a simple JMESPath expression reads (the inverse of
 * {@linkcode jmespathOf}); `undefined` for projections, filters and functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJmespathPath } from "./names.ts";
 * assert.deepEqual(parseJmespathPath("AuthenticationResult.NewDeviceMetadata"), ["AuthenticationResult", "NewDeviceMetadata"]);
 * assert.deepEqual(parseJmespathPath('Devices[0]."custom:x"'), ["Devices", 0, "custom:x"]);
 * assert.deepEqual(parseJmespathPath("@"), []);
 * assert.equal(parseJmespathPath("length(Devices)"), undefined);
 * ```
 */
export function parseJmespathPath(expression: string): (string | number)[] | undefined {
  const text = expression.trim();
  if (text === "@") return [];
  if (text === "") return undefined;
  const segments: (string | number)[] = [];
  const step = /^(?:(\.)?([A-Za-z_][A-Za-z0-9_]*)|(\.)?"((?:[^"\\]|\\.)*)"|\[\s*(\d+)\s*\])/;
  let rest = text;
  while (rest.length > 0) {
    const match = step.exec(rest);
    if (match === null) return undefined;
    const dotted = match[1] !== undefined || match[3] !== undefined;
    const isKey = match[2] !== undefined || match[4] !== undefined;
    // The first key has no dot, every later key has one.
    if (isKey && dotted !== (segments.length > 0)) return undefined;
    if (match[2] !== undefined) segments.push(match[2]);
    else if (match[4] !== undefined) segments.push(JSON.parse(`"${match[4]}"`) as string);
    else if (segments.length === 0) return undefined;
    else segments.push(Number(match[5]));
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/**
 * The tail of a template path after its root: `.name` for identifiers,
 * `["odd-key"]` otherwise (the template language's bracket form).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pathTail } from "./names.ts";
 * assert.equal(pathTail(["AccessToken"]), ".AccessToken");
 * assert.equal(pathTail(["custom:x", 0]), '["custom:x"][0]');
 * ```
 */
export function pathTail(segments: readonly (string | number)[]): string {
  return segments.map((segment) =>
    typeof segment === "number"
      ? `[${segment}]`
      : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)
      ? `.${segment}`
      : `[${JSON.stringify(segment)}]`
  ).join("");
}

function fixedField(ref: ScenarioRef): string | undefined {
  return ref.root === "pool" || ref.root === "client" ? ref.field : undefined;
}

function sameRef(a: ScenarioRef, b: ScenarioRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The shell variables of the `pool` and `client` roots, by scenario path. */
export const ROOT_VARIABLES: Readonly<Record<string, string>> = {
  "pool.id": "POOL_ID",
  "pool.name": "POOL_NAME",
  "pool.region": "REGION",
  "client.id": "CLIENT_ID",
  "client.secret": "CLIENT_SECRET",
};

/** The fields of a `users.<name>` entry that have a shell variable, and its suffix. */
export const USER_VARIABLE_SUFFIXES: Readonly<Record<string, string>> = {
  username: "USERNAME",
  password: "PASSWORD",
  sub: "SUB",
  attributes: "ATTRIBUTES",
};

/**
 * A scenario name (var, capture, `let`, env) as a shell variable name: `-`
 * becomes `_`, since shell names are letters, digits and `_`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellName } from "./names.ts";
 * assert.equal(shellName("tokens"), "tokens");
 * assert.equal(shellName("device_key-2"), "device_key_2");
 * ```
 */
export function shellName(name: string): string {
  return name.replaceAll("-", "_");
}

/**
 * The shell variable of a root value (`pool.id`, `users.alice.password`,
 * `vars.x`, `env.X`), or `undefined` when the path names no such value
 * (e.g. `pool.arn`, or `users.alice` alone). Deeper segments are not part
 * of the name: `users.alice.attributes.email` is read from
 * `$ALICE_ATTRIBUTES`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rootVariable } from "./names.ts";
 * assert.equal(rootVariable(["pool", "region"]), "REGION");
 * assert.equal(rootVariable(["users", "alice", "password"]), "ALICE_PASSWORD");
 * assert.equal(rootVariable(["vars", "email"]), "email");
 * assert.equal(rootVariable(["env", "API_KEY"]), "API_KEY");
 * assert.equal(rootVariable(["users", "alice"]), undefined);
 * ```
 */
export function rootVariable(path: readonly (string | number)[]): string | undefined {
  const [root, first, second] = path;
  if (typeof first !== "string") return undefined;
  if (root === "pool" || root === "client") return ROOT_VARIABLES[`${root}.${first}`];
  if (root === "vars" || root === "env") return shellName(first);
  if (
    root === "users" && typeof second === "string" && Object.hasOwn(USER_VARIABLE_SUFFIXES, second)
  ) {
    return `${userShellPrefix(first)}_${USER_VARIABLE_SUFFIXES[second]}`;
  }
  return undefined;
}

/** What {@linkcode scenarioPathOf} needs to know about a scenario's names. */
export interface ScenarioNames {
  /** The `users` entries. */
  users: readonly string[];
  /** The `vars`. */
  vars: readonly string[];
}

/**
 * The scenario path a shell variable stands for: the inverse of
 * {@linkcode rootVariable} for the scenario's users and vars (an
 * upper-case name that is no root variable is an env variable, any other
 * name a capture or `let`, and gives `undefined`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scenarioPathOf } from "./names.ts";
 * const names = { users: ["alice"], vars: ["email"] };
 * assert.deepEqual(scenarioPathOf("CLIENT_ID", names), ["client", "id"]);
 * assert.deepEqual(scenarioPathOf("ALICE_PASSWORD", names), ["users", "alice", "password"]);
 * assert.deepEqual(scenarioPathOf("email", names), ["vars", "email"]);
 * assert.deepEqual(scenarioPathOf("API_KEY", names), ["env", "API_KEY"]);
 * assert.equal(scenarioPathOf("tokens", names), undefined);
 * ```
 */
export function scenarioPathOf(variable: string, names: ScenarioNames): string[] | undefined {
  for (const [path, name] of Object.entries(ROOT_VARIABLES)) {
    if (name === variable) return path.split(".");
  }
  for (const user of names.users) {
    for (const [field, suffix] of Object.entries(USER_VARIABLE_SUFFIXES)) {
      if (`${userShellPrefix(user)}_${suffix}` === variable) return ["users", user, field];
    }
  }
  const declared = names.vars.find((name) => shellName(name) === variable);
  if (declared !== undefined) return ["vars", declared];
  if (/^[A-Z_][A-Z0-9_]*$/.test(variable)) return ["env", variable];
  return undefined;
}

/** The mock request a control step sends: the path under the endpoint and the JSON body. */
export interface ControlRequest {
  /** `_mock/clock` or `_mock/faults`. */
  path: string;
  /** The body, without the `poolId` the script adds. */
  body: Record<string, unknown>;
}

/**
 * The request of a control action on the mock's test-control surface
 * (src/mock/http/control.ts), the way the runner sends it; the script adds
 * `"poolId"` so that only the scenario's pool is affected.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { controlRequest } from "./names.ts";
 * assert.deepEqual(controlRequest({ kind: "advanceClock", seconds: 600 }), {
 *   path: "_mock/clock",
 *   body: { advanceSeconds: 600 },
 * });
 * assert.deepEqual(controlRequest({ kind: "throttle", count: 2, operations: ["InitiateAuth"] }), {
 *   path: "_mock/faults",
 *   body: { throttle: { count: 2, operations: ["InitiateAuth"] } },
 * });
 * ```
 */
export function controlRequest(action: ControlAction): ControlRequest {
  switch (action.kind) {
    case "advanceClock":
      return { path: "_mock/clock", body: { advanceSeconds: action.seconds } };
    case "setClock":
      return { path: "_mock/clock", body: { setEpochSeconds: action.epochSeconds } };
    case "throttle":
      return {
        path: "_mock/faults",
        body: {
          throttle: {
            count: action.count,
            ...(action.operations === undefined ? {} : { operations: action.operations }),
          },
        },
      };
  }
}

/**
 * The control action of a mock request: the inverse of
 * {@linkcode controlRequest} (a `poolId` in the body is ignored), or
 * `undefined` when the request is no control action.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { controlActionOf } from "./names.ts";
 * assert.deepEqual(controlActionOf("_mock/clock", { poolId: "p", advanceSeconds: 600 }), {
 *   kind: "advanceClock",
 *   seconds: 600,
 * });
 * assert.equal(controlActionOf("_mock/reset", {}), undefined);
 * ```
 */
export function controlActionOf(path: string, body: unknown): ControlAction | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const where = path.replace(/^\/+/, "").replace(/\/+$/, "");
  if (where === "_mock/clock") {
    if (typeof record.advanceSeconds === "number") {
      return { kind: "advanceClock", seconds: record.advanceSeconds };
    }
    if (typeof record.setEpochSeconds === "number") {
      return { kind: "setClock", epochSeconds: record.setEpochSeconds };
    }
    return undefined;
  }
  const throttle = record.throttle as Record<string, unknown> | undefined;
  if (where === "_mock/faults" && typeof throttle?.count === "number") {
    const operations = throttle.operations;
    return {
      kind: "throttle",
      count: throttle.count,
      ...(Array.isArray(operations) ? { operations: operations.map(String) } : {}),
    };
  }
  return undefined;
}
