/**
 * AdminForgetDevice (§6.6): deletes one of the named user's devices, as
 * ForgetDevice. Empty answer.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { adminOwner, forgetDevice } from "./_device.ts";

/** The AdminForgetDevice operation. */
export const operation: OperationDefinition = {
  name: "AdminForgetDevice",
  handle: (input, context) => {
    forgetDevice(adminOwner(context, input).user, input.DeviceKey as string);
    return {};
  },
};
