/**
 * SetUserMFAPreference, AccessToken-authorised: `SoftwareTokenMfaSettings`
 * `{Enabled, PreferredMfa}` for the token's user. Enabling TOTP without a
 * verified software token is `InvalidParameterException` "User has not set up
 * software token mfa" (§10). SMS and email MFA are not simulated. Empty
 * answer.
 *
 * @module
 */

import { authenticateAccessToken } from "../auth/access_token.ts";
import type { OperationDefinition } from "../context.ts";
import { applyMfaPreference } from "./_mfa.ts";

/** The SetUserMFAPreference operation. */
export const operation: OperationDefinition = {
  name: "SetUserMFAPreference",
  handle: async (input, context) => {
    const { pool, user } = await authenticateAccessToken(context, input.AccessToken as string);
    applyMfaPreference(user, input, "SoftwareTokenNotSetUp");
    user.lastModifiedAt = context.clock.now(pool.id);
    return {};
  },
};
