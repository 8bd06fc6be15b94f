/**
 * UpdateUserPoolClient: replaces the client's settings; every setting missing
 * from the request returns to its default (documented AWS behaviour). The id
 * and secret stay.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { clientConfig, describeClient } from "./_client.ts";

/** The UpdateUserPoolClient operation. */
export const operation: OperationDefinition = {
  name: "UpdateUserPoolClient",
  handle: (input, context) => {
    const { client, pool } = context.store.client(
      input.ClientId as string,
      input.UserPoolId as string,
    );
    client.config = clientConfig({ ClientName: client.config.ClientName, ...input });
    client.lastModifiedAt = context.clock.now(pool.id);
    return { UserPoolClient: describeClient(client) };
  },
};
