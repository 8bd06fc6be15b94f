/**
 * ConfirmSignUp: the latest sign-up code of the user confirms them
 * (UNCONFIRMED → CONFIRMED) and verifies the attribute it was delivered to.
 * A wrong code is CodeMismatchException, a code older than 24 hours
 * ExpiredCodeException, a user not UNCONFIRMED NotAuthorizedException
 * "User cannot be confirmed. Current status is …".
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationDefinition } from "../context.ts";
import { constantTimeEqual } from "../state/secret.ts";
import { lookupUser } from "../state/store.ts";
import { publicCaller } from "./_client.ts";

/** The ConfirmSignUp operation. */
export const operation: OperationDefinition = {
  name: "ConfirmSignUp",
  handle: async (input, context) => {
    const { pool, client, username } = await publicCaller(context, input);
    const user = lookupUser(pool, username);
    if (user === undefined) {
      throw cognitoError(
        client.config.PreventUserExistenceErrors === "ENABLED"
          ? "CodeMismatch"
          : "UserClientNotFound",
      );
    }
    if (user.status !== "UNCONFIRMED") {
      throw cognitoError("CannotConfirmStatus", { status: user.status });
    }
    const code = pool.codes.findLast((entry) =>
      entry.username === user.username && entry.kind === "SIGN_UP"
    );
    if (
      code === undefined || code.used ||
      !constantTimeEqual(code.code, input.ConfirmationCode as string)
    ) {
      throw cognitoError("CodeMismatch");
    }
    const now = context.clock.now(pool.id);
    if (now >= code.expiresAt) throw cognitoError("CodeExpired");
    code.used = true;
    user.status = "CONFIRMED";
    if (code.attribute !== undefined) user.attributes.set(`${code.attribute}_verified`, "true");
    user.lastModifiedAt = now;
    return {};
  },
};
