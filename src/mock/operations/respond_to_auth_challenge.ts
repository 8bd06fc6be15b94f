/**
 * RespondToAuthChallenge: answers a challenge through the challenge registry
 * (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP,
 * DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER).
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
