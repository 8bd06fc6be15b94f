/**
 * ListUserPoolClients: `{ClientId, UserPoolId, ClientName}` entries,
 * `MaxResults` per page (default 60), with an opaque `NextToken`.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { paginate } from "./_paging.ts";

/** The ListUserPoolClients operation. */
export const operation: OperationDefinition = {
  name: "ListUserPoolClients",
  handle: async (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const page = await paginate(context, [...pool.clients.values()], {
      limit: (input.MaxResults as number | undefined) ?? 60,
      token: input.NextToken as string | undefined,
      listing: `clients:${pool.id}`,
    });
    return {
      UserPoolClients: page.items.map((client) => ({
        ClientId: client.id,
        UserPoolId: pool.id,
        ClientName: client.config.ClientName,
      })),
      ...(page.next === undefined ? {} : { NextToken: page.next }),
    };
  },
};
