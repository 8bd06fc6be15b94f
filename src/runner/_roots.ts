/** Which roots and functions a scenario's templates use. */

import { type Scenario, scenarioTemplates } from "../scenario/mod.ts";
import { expressionNodes } from "../template/mod.ts";

const POOL_ROOTS = new Set(["pool", "client", "users"]);
/** Functions that read the pool or the client implicitly. */
const POOL_FUNCTIONS = new Set(["srp.passwordClaim", "secretHash"]);

/** Whether the scenario needs a user pool: it declares one, users, or reads pool/client/users. */
export function usesPool(scenario: Scenario): boolean {
  if (scenario.pool !== undefined || scenario.client !== undefined) return true;
  if (scenario.users.length > 0) return true;
  for (const { template } of scenarioTemplates(scenario)) {
    for (const part of template.expressions) {
      for (const node of expressionNodes(part.expression)) {
        if (node.type === "path" && POOL_ROOTS.has(String(node.segments[0].key))) return true;
        if (node.type === "call" && POOL_FUNCTIONS.has(node.name)) return true;
      }
    }
  }
  return false;
}
