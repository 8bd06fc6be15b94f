/**
 * AdminEnableUser: the user can sign in again (tokens revoked by the disable
 * stay revoked).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";

/** The AdminEnableUser operation. */
export const operation: OperationDefinition = {
  name: "AdminEnableUser",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const user = requireUser(pool, input.Username as string);
    user.enabled = true;
    user.lastModifiedAt = context.clock.now(pool.id);
    return {};
  },
};
