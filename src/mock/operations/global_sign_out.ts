/**
 * GlobalSignOut (§5.3): with a valid access token, revokes every sign-in of
 * its user.
 *
 * @module
 */

import { authenticateAccessToken } from "../auth/access_token.ts";
import type { OperationDefinition } from "../context.ts";
import { signOutEverywhere } from "./_user.ts";

/** The GlobalSignOut operation. */
export const operation: OperationDefinition = {
  name: "GlobalSignOut",
  handle: async (input, context) => {
    const { pool, user } = await authenticateAccessToken(context, input.AccessToken as string);
    signOutEverywhere(pool, user, context.clock.now(pool.id));
    return {};
  },
};
