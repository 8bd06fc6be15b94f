/**
 * AssociateSoftwareToken: a new TOTP secret (`SecretCode`, unpadded base32)
 * for the user of an `AccessToken`, or of an MFA_SETUP `Session` (then with
 * a new Session for VerifySoftwareToken, §4.5). The secret stays pending until
 * VerifySoftwareToken accepts a code from it.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { authenticateAccessToken } from "../auth/access_token.ts";
import { associateTotp } from "../auth/mfa.ts";
import { closeChallengeSession, openChallengeSession } from "../auth/sessions.ts";
import type { OperationDefinition } from "../context.ts";
import { setupSession } from "./_mfa_setup.ts";

/** The AssociateSoftwareToken operation. */
export const operation: OperationDefinition = {
  name: "AssociateSoftwareToken",
  handle: async (input, context) => {
    if (typeof input.AccessToken === "string") {
      const { user } = await authenticateAccessToken(context, input.AccessToken);
      return { SecretCode: await associateTotp(context, user) };
    }
    if (typeof input.Session !== "string") {
      throw cognitoError("MissingAuthParameter", { name: "AccessToken" });
    }
    const setup = setupSession(context, input.Session, ["associate", "verify"]);
    const SecretCode = await associateTotp(context, setup.user);
    closeChallengeSession(setup.pool, setup.record);
    const Session = openChallengeSession(context, {
      pool: setup.pool,
      client: setup.client,
      user: setup.user,
      challengeName: "MFA_SETUP",
      admin: setup.record.admin,
      payload: { ...setup.record.payload, stage: "verify" },
    });
    return { SecretCode, Session };
  },
};
