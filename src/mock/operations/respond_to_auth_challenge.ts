/**
 * RespondToAuthChallenge: answers a challenge through the challenge registry (NEW_PASSWORD_REQUIRED).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { respondToAuthChallenge } from "./_auth.ts";

/** The RespondToAuthChallenge operation. */
export const operation: OperationDefinition = {
  name: "RespondToAuthChallenge",
  handle: (input, context) => respondToAuthChallenge(context, input, false),
};
