/**
 * AdminDeleteUser: removes the user; their tokens stop working (refresh:
 * "Invalid Refresh Token.", access: UserNotFoundException).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";

/** The AdminDeleteUser operation. */
export const operation: OperationDefinition = {
  name: "AdminDeleteUser",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    pool.users.remove(requireUser(pool, input.Username as string));
    return {};
  },
};
