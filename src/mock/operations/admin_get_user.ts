/**
 * AdminGetUser: `Username, UserAttributes, UserCreateDate,
 * UserLastModifiedDate, Enabled, UserStatus` (plus MFA settings when set).
 * The user may be named by username, alias or `sub`.
 *
 * @module
 */

import { epochSeconds, type OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";
import { attributeList } from "../state/users.ts";
import { mfaMembers } from "./_user.ts";

/** The AdminGetUser operation. */
export const operation: OperationDefinition = {
  name: "AdminGetUser",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const user = requireUser(pool, input.Username as string);
    return {
      Username: user.username,
      UserAttributes: attributeList(user),
      UserCreateDate: epochSeconds(user.createdAt),
      UserLastModifiedDate: epochSeconds(user.lastModifiedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      ...mfaMembers(user),
    };
  },
};
