/**
 * The request members of each operation, from the Cognito service model the
 * mock validates against: plug it into `loadScenarios` so a misspelt member
 * is a load error instead of a conformance test that tests the wrong thing.
 *
 * @module
 */

import { operationShapes, shapeNamed } from "../mock/validate/shapes.ts";

/**
 * The top-level members of `operation`'s request, or `undefined` when the
 * model does not know the operation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { knownRequestMembers } from "./known_members.ts";
 * import { parseScenario } from "../scenario/mod.ts";
 * assert.ok(knownRequestMembers("InitiateAuth")?.includes("AuthParameters"));
 * const { errors } = parseScenario(
 *   "name: x\nsteps:\n  - call: GetUser\n    request: { AcessToken: t }\n",
 *   "x.yaml",
 *   { knownRequestMembers },
 * );
 * assert.match(String(errors[0]), /Cannot send "AcessToken" in GetUser.*did you mean "AccessToken"/);
 * ```
 */
export function knownRequestMembers(operation: string): readonly string[] | undefined {
  const input = operationShapes(operation)?.input;
  if (input === undefined) return undefined;
  return Object.keys(shapeNamed(input).members ?? {});
}
