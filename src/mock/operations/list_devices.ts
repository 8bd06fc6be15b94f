/**
 * ListDevices (§6.6), AccessToken-authorised: the token user's remembered
 * devices, in issue order, `Limit` per page (0–60; absent or 0 means 60) and
 * an opaque `PaginationToken`.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { listDevices, tokenOwner } from "./_device.ts";

/** The ListDevices operation. */
export const operation: OperationDefinition = {
  name: "ListDevices",
  handle: async (input, context) => {
    const owner = await tokenOwner(context, input.AccessToken);
    return listDevices(context, owner, input, (device) => device.rememberedStatus === "remembered");
  },
};
