/**
 * AdminGetDevice (§6.6): a confirmed device of the named user, remembered or
 * not (the live service returns not-remembered devices here, unlike
 * GetDevice).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { adminOwner, confirmedDevice, deviceType } from "./_device.ts";

/** The AdminGetDevice operation. */
export const operation: OperationDefinition = {
  name: "AdminGetDevice",
  handle: (input, context) => {
    const owner = adminOwner(context, input);
    const device = confirmedDevice(owner.user, input.DeviceKey as string, false);
    return { Device: deviceType(context, owner, device) };
  },
};
