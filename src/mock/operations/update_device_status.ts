/**
 * UpdateDeviceStatus (§6.5), AccessToken-authorised: sets a confirmed
 * device's `DeviceRememberedStatus` (`remembered` / `not_remembered`); a
 * device that is not confirmed or was forgotten is "Device does not exist.".
 * Empty answer.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { tokenOwner, updateDeviceStatus } from "./_device.ts";

/** The UpdateDeviceStatus operation. */
export const operation: OperationDefinition = {
  name: "UpdateDeviceStatus",
  handle: async (input, context) => {
    updateDeviceStatus(context, await tokenOwner(context, input.AccessToken), input);
    return {};
  },
};
