/**
 * AssociateSoftwareToken: a new TOTP secret (`SecretCode`, unpadded base32)
 * for the user of an `AccessToken`, or of an MFA_SETUP `Session` (then with
 * a new Session for VerifySoftwareToken, §4.5). The secret stays pending until
 * VerifySoftwareToken accepts a code from it.
 *
 * @module
 */

import { associateTotp } from "../auth/mfa.ts";
import type { OperationDefinition } from "../context.ts";
import { nextSetupSession, softwareTokenCaller } from "./_mfa_setup.ts";

/** The AssociateSoftwareToken operation. */
export const operation: OperationDefinition = {
  name: "AssociateSoftwareToken",
  handle: async (input, context) => {
    const caller = await softwareTokenCaller(context, input, ["associate", "verify"]);
    const SecretCode = await associateTotp(context, caller.user);
    if (caller.setup === undefined) return { SecretCode };
    return { SecretCode, Session: nextSetupSession(context, caller.setup, "verify") };
  },
};
