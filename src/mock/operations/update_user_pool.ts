/**
 * UpdateUserPool: replaces the pool's updatable settings. As documented,
 * every setting missing from the request returns to its default — so an
 * update without DeviceConfiguration turns device tracking off.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { updatedPoolConfig } from "./_pool.ts";

/** The UpdateUserPool operation. */
export const operation: OperationDefinition = {
  name: "UpdateUserPool",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    pool.config = updatedPoolConfig(pool.config, input);
    if (typeof input.PoolName === "string") pool.name = input.PoolName;
    pool.lastModifiedAt = context.clock.now(pool.id);
    return {};
  },
};
