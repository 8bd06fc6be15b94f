/**
 * AdminInitiateAuth: starts a sign-in in the named pool through the registered
 * flows (USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH,
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN). USER_PASSWORD_AUTH is refused
 * ("Initiate Auth method not supported.").
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { initiateAuth } from "./_auth.ts";

/** The AdminInitiateAuth operation. */
export const operation: OperationDefinition = {
  name: "AdminInitiateAuth",
  handle: (input, context) => initiateAuth(context, input, true),
};
