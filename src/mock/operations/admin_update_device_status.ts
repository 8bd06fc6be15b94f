/**
 * AdminUpdateDeviceStatus (§6.5): UpdateDeviceStatus for the named user.
 * Empty answer.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { adminOwner, updateDeviceStatus } from "./_device.ts";

/** The AdminUpdateDeviceStatus operation. */
export const operation: OperationDefinition = {
  name: "AdminUpdateDeviceStatus",
  handle: (input, context) => {
    updateDeviceStatus(context, adminOwner(context, input), input);
    return {};
  },
};
