/**
 * GetDevice (§6.6), AccessToken-authorised: a remembered device of the
 * token's user as `DeviceType`. A not-remembered, unconfirmed, forgotten or
 * foreign device is `ResourceNotFoundException` "Device does not exist."
 * (the text of a not-remembered device is not captured live; the mock uses
 * the one device-not-found text, docs/mock-choices.md).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { confirmedDevice, deviceType, tokenOwner } from "./_device.ts";

/** The GetDevice operation. */
export const operation: OperationDefinition = {
  name: "GetDevice",
  handle: async (input, context) => {
    const owner = await tokenOwner(context, input.AccessToken);
    const device = confirmedDevice(owner.user, input.DeviceKey as string, true);
    return { Device: deviceType(context, owner, device) };
  },
};
