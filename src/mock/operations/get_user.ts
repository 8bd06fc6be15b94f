/**
 * GetUser: the access token's user — `Username, UserAttributes` (plus MFA
 * settings when set).
 *
 * @module
 */

import { authenticateAccessToken } from "../auth/access_token.ts";
import type { OperationDefinition } from "../context.ts";
import { attributeList } from "../state/users.ts";
import { mfaMembers } from "./_user.ts";

/** The GetUser operation. */
export const operation: OperationDefinition = {
  name: "GetUser",
  handle: async (input, context) => {
    const { user } = await authenticateAccessToken(context, input.AccessToken as string);
    return { Username: user.username, UserAttributes: attributeList(user), ...mfaMembers(user) };
  },
};
