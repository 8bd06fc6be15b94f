/**
 * ForgetDevice (§6.6), AccessToken-authorised: deletes one of the token
 * user's devices (confirmed or not). Its key then gives "Device does not
 * exist." at sign-in and "Invalid Refresh Token." at refresh. Empty answer.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { forgetDevice, tokenOwner } from "./_device.ts";

/** The ForgetDevice operation. */
export const operation: OperationDefinition = {
  name: "ForgetDevice",
  handle: async (input, context) => {
    const { user } = await tokenOwner(context, input.AccessToken);
    forgetDevice(user, input.DeviceKey as string);
    return {};
  },
};
