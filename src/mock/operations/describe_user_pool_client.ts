/**
 * DescribeUserPoolClient: `{UserPoolClient}`, secret included as AWS does.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { describeClient } from "./_client.ts";

/** The DescribeUserPoolClient operation. */
export const operation: OperationDefinition = {
  name: "DescribeUserPoolClient",
  handle: (input, context) => {
    const { client } = context.store.client(input.ClientId as string, input.UserPoolId as string);
    return { UserPoolClient: describeClient(client) };
  },
};
