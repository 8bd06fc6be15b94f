/**
 * AdminDisableUser: the user can no longer sign in ("User is disabled.") and,
 * as documented, all their tokens are revoked.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";
import { signOutEverywhere } from "./_user.ts";

/** The AdminDisableUser operation. */
export const operation: OperationDefinition = {
  name: "AdminDisableUser",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const user = requireUser(pool, input.Username as string);
    const now = context.clock.now(pool.id);
    user.enabled = false;
    user.lastModifiedAt = now;
    signOutEverywhere(pool, user, now);
    return {};
  },
};
