/**
 * ListUsers: `UserType` entries, `Limit` per page (default 60), an opaque
 * `PaginationToken`, `AttributesToGet`, and the basic `Filter` syntax
 * `attribute = "value"` / `attribute ^= "prefix"` over username, email,
 * phone_number, name, given_name, family_name, preferred_username,
 * cognito:user_status, status (Enabled/Disabled) and sub.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationDefinition } from "../context.ts";
import type { User } from "../state/types.ts";
import { paginate } from "./_paging.ts";
import { userType } from "./_user.ts";

const SEARCHABLE = new Set([
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
]);

function valueOf(user: User, attribute: string): string | undefined {
  if (attribute === "username") return user.username;
  if (attribute === "cognito:user_status") return user.status;
  if (attribute === "status") return user.enabled ? "Enabled" : "Disabled";
  return user.attributes.get(attribute);
}

/**
 * A predicate for a ListUsers filter; everything matches the empty filter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFilter } from "./list_users.ts";
 * const user = { username: "alice", attributes: new Map([["email", "a@x.io"]]), enabled: true } as never;
 * assert.equal(parseFilter('email ^= "a@"')(user), true);
 * assert.equal(parseFilter('username = "bob"')(user), false);
 * assert.throws(() => parseFilter("email ~ x"), { name: "InvalidParameterException" });
 * ```
 */
export function parseFilter(filter: string | undefined): (user: User) => boolean {
  if (filter === undefined || filter.trim() === "") return () => true;
  const match = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (match === null || !SEARCHABLE.has(match[1]!)) throw cognitoError("ListUsersFilterInvalid");
  const [, attribute, operator, raw] = match as unknown as [string, string, string, string];
  const wanted = raw.replace(/\\(.)/g, "$1");
  return (user) => {
    const value = valueOf(user, attribute);
    return value !== undefined && (operator === "=" ? value === wanted : value.startsWith(wanted));
  };
}

/** The ListUsers operation. */
export const operation: OperationDefinition = {
  name: "ListUsers",
  handle: async (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const matches = [...pool.users.all()].filter(parseFilter(input.Filter as string | undefined));
    const page = await paginate(context, matches, {
      limit: (input.Limit as number | undefined) || 60,
      token: input.PaginationToken as string | undefined,
      listing: `users:${pool.id}`,
    });
    const names = input.AttributesToGet as string[] | undefined;
    return {
      Users: page.items.map((user) => userType(user, names)),
      ...(page.next === undefined ? {} : { PaginationToken: page.next }),
    };
  },
};
