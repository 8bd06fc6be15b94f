/** Which roots and functions a scenario's templates use. */

import type { Scenario } from "../scenario/mod.ts";
import { expressionNodes, isTemplate } from "../template/mod.ts";

const POOL_ROOTS = new Set(["pool", "client", "users"]);
/** Functions that read the pool or the client implicitly. */
const POOL_FUNCTIONS = new Set(["srp.passwordClaim", "secretHash"]);

/** Every template of a scenario's steps and vars. */
function* templatesOf(scenario: Scenario) {
  const trees: unknown[] = scenario.vars.map((binding) => binding.value);
  for (const step of scenario.steps) {
    trees.push(...step.let.map((binding) => binding.value), step.request);
    const expect = step.expect;
    if (expect !== undefined) {
      trees.push(expect.status, expect.headers, expect.body, expect.error);
      trees.push(...expect.query.map((check) => check.expected));
    }
  }
  const stack = [...trees];
  while (stack.length > 0) {
    const value = stack.pop();
    if (isTemplate(value)) yield value;
    else if (Array.isArray(value)) stack.push(...value);
    else if (typeof value === "object" && value !== null) stack.push(...Object.values(value));
  }
}

/** Whether the scenario needs a user pool: it declares one, users, or reads pool/client/users. */
export function usesPool(scenario: Scenario): boolean {
  if (scenario.pool !== undefined || scenario.client !== undefined) return true;
  if (scenario.users.length > 0) return true;
  for (const template of templatesOf(scenario)) {
    for (const part of template.expressions) {
      for (const node of expressionNodes(part.expression)) {
        if (node.type === "path" && POOL_ROOTS.has(String(node.segments[0].key))) return true;
        if (node.type === "call" && POOL_FUNCTIONS.has(node.name)) return true;
      }
    }
  }
  return false;
}
