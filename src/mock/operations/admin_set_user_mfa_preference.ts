/**
 * AdminSetUserMFAPreference: SetUserMFAPreference for a named user. Enabling
 * TOTP without a verified software token is `InvalidParameterException`
 * "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"
 * (§10). Empty answer.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { requireUser } from "../state/store.ts";
import { applyMfaPreference } from "./_mfa.ts";

/** The AdminSetUserMFAPreference operation. */
export const operation: OperationDefinition = {
  name: "AdminSetUserMFAPreference",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const user = requireUser(pool, input.Username as string);
    applyMfaPreference(user, input, "SoftwareTokenNoDeliveryConfig");
    user.lastModifiedAt = context.clock.now(pool.id);
    return {};
  },
};
