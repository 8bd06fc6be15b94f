/**
 * InitiateAuth: starts a sign-in through the registered flows (USER_SRP_AUTH,
 * USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH / REFRESH_TOKEN). ADMIN_* flows are
 * refused ("Initiate Auth method not supported.").
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { initiateAuth } from "./_auth.ts";

/** The InitiateAuth operation. */
export const operation: OperationDefinition = {
  name: "InitiateAuth",
  handle: (input, context) => initiateAuth(context, input, false),
};
