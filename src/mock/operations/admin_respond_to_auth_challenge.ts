/**
 * AdminRespondToAuthChallenge: answers a challenge of an AdminInitiateAuth
 * sign-in through the challenge registry (see RespondToAuthChallenge).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { respondToAuthChallenge } from "./_auth.ts";

/** The AdminRespondToAuthChallenge operation. */
export const operation: OperationDefinition = {
  name: "AdminRespondToAuthChallenge",
  handle: (input, context) => respondToAuthChallenge(context, input, true),
};
