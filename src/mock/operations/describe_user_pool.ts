/**
 * DescribeUserPool: `{UserPool}`. `DeviceConfiguration` is absent when device
 * tracking is off (§6.1: "null"; AWS JSON omits null members).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { describePool } from "./_pool.ts";

/** The DescribeUserPool operation. */
export const operation: OperationDefinition = {
  name: "DescribeUserPool",
  handle: (input, context) => ({
    UserPool: describePool(context.store.pool(input.UserPoolId as string)),
  }),
};
