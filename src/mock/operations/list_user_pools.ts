/**
 * ListUserPools: `UserPoolDescriptionType` entries, `MaxResults` per page
 * (1–60, required by the model), with an opaque `NextToken`.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { paginate } from "./_paging.ts";
import { summarizePool } from "./_pool.ts";

/** The ListUserPools operation. */
export const operation: OperationDefinition = {
  name: "ListUserPools",
  handle: async (input, context) => {
    const page = await paginate(context, [...context.store.pools.values()], {
      limit: input.MaxResults as number,
      token: input.NextToken as string | undefined,
      listing: "pools",
    });
    return {
      UserPools: page.items.map(summarizePool),
      ...(page.next === undefined ? {} : { NextToken: page.next }),
    };
  },
};
