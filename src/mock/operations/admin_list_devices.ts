/**
 * AdminListDevices (§6.6): the named user's confirmed devices, remembered or
 * not by default (the pool's `adminListDevices` choice can limit it to
 * remembered ones, like ListDevices), paged like ListDevices.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import { adminOwner, listDevices } from "./_device.ts";

/** The AdminListDevices operation. */
export const operation: OperationDefinition = {
  name: "AdminListDevices",
  handle: (input, context) => {
    const owner = adminOwner(context, input);
    const all = effectiveBehaviour(context.behaviour, owner.pool).adminListDevices === "all";
    return listDevices(
      context,
      owner,
      input,
      (device) => all || device.rememberedStatus === "remembered",
    );
  },
};
