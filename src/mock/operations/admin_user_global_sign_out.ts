/**
 * AdminUserGlobalSignOut: revokes every sign-in of the user (§5.3).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";
import { signOutEverywhere } from "./_user.ts";

/** The AdminUserGlobalSignOut operation. */
export const operation: OperationDefinition = {
  name: "AdminUserGlobalSignOut",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    signOutEverywhere(
      pool,
      requireUser(pool, input.Username as string),
      context.clock.now(pool.id),
    );
    return {};
  },
};
