/**
 * The names `to-curl` and `from-curl` share (docs/curl-format.md, "Names, the
 * same both ways"): which shell variable holds which scenario value, and the
 * request a control step sends to the mock. Pure functions, one per
 * direction.
 *
 * | scenario                                          | shell                              |
 * | ------------------------------------------------- | ---------------------------------- |
 * | `${pool.id}`, `${pool.name}`, `${pool.region}`    | `$POOL_ID`, `$POOL_NAME`, `$REGION` |
 * | `${client.id}`, `${client.secret}`                | `$CLIENT_ID`, `$CLIENT_SECRET`      |
 * | `${users.alice.username}` / `.password` / `.sub`  | `$ALICE_USERNAME`, `$ALICE_PASSWORD`, `$ALICE_SUB` |
 * | `${users.alice.attributes}`                       | `$ALICE_ATTRIBUTES` (JSON)          |
 * | `${vars.name}`, `${env.NAME}`, a capture or `let` | `$name`, `$NAME`, `$name`           |
 *
 * Scenario names may hold `-`, which shell names cannot: it becomes `_`.
 *
 * @module
 */

import type { ControlAction } from "../scenario/mod.ts";

/** The shell variables of the `pool` and `client` roots, by scenario path. */
export const ROOT_VARIABLES: Readonly<Record<string, string>> = {
  "pool.id": "POOL_ID",
  "pool.name": "POOL_NAME",
  "pool.region": "REGION",
  "client.id": "CLIENT_ID",
  "client.secret": "CLIENT_SECRET",
};

/** The fields of a `users.<name>` entry that have a shell variable, and its suffix. */
export const USER_FIELDS: Readonly<Record<string, string>> = {
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
 * The prefix of a user's variables: its name upper-cased, `-` as `_`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { userPrefix } from "./names.ts";
 * assert.equal(userPrefix("alice"), "ALICE");
 * assert.equal(userPrefix("bob-2"), "BOB_2");
 * ```
 */
export function userPrefix(user: string): string {
  return shellName(user).toUpperCase();
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
  if (root === "users" && typeof second === "string" && Object.hasOwn(USER_FIELDS, second)) {
    return `${userPrefix(first)}_${USER_FIELDS[second]}`;
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
    for (const [field, suffix] of Object.entries(USER_FIELDS)) {
      if (`${userPrefix(user)}_${suffix}` === variable) return ["users", user, field];
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
