/**
 * DeleteUserPoolClient: removes the client; its refresh tokens stop working
 * ("Invalid Refresh Token." — the client no longer exists to refresh with).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";

/** The DeleteUserPoolClient operation. */
export const operation: OperationDefinition = {
  name: "DeleteUserPoolClient",
  handle: (input, context) => {
    const { client, pool } = context.store.client(
      input.ClientId as string,
      input.UserPoolId as string,
    );
    context.store.deleteClient(pool, client);
    return {};
  },
};
