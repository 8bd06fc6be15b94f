/**
 * AdminConfirmSignUp: UNCONFIRMED becomes CONFIRMED; any other status is
 * `NotAuthorizedException` "User cannot be confirmed. Current status is …".
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";

/** The AdminConfirmSignUp operation. */
export const operation: OperationDefinition = {
  name: "AdminConfirmSignUp",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const user = requireUser(pool, input.Username as string);
    if (user.status !== "UNCONFIRMED") {
      throw cognitoError("CannotConfirmStatus", { status: user.status });
    }
    user.status = "CONFIRMED";
    user.lastModifiedAt = context.clock.now(pool.id);
    return {};
  },
};
