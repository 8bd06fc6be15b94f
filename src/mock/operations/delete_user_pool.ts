/**
 * DeleteUserPool: removes the pool, its clients, users, tokens and sessions.
 * Refused while `DeletionProtection` is `ACTIVE`.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationDefinition } from "../context.ts";

/** The DeleteUserPool operation. */
export const operation: OperationDefinition = {
  name: "DeleteUserPool",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    if (pool.config.DeletionProtection === "ACTIVE") throw cognitoError("DeletionProtectionActive");
    context.store.deletePool(pool);
    context.keys.forget(pool.id);
    context.clock.forget(pool.id);
    return {};
  },
};
