/**
 * VerifySoftwareToken: checks `UserCode` against the pending TOTP secret of
 * an `AccessToken`'s user or an MFA_SETUP `Session`'s user. A right code
 * makes it the user's verified token (and, in MFA_SETUP, the user's MFA) and
 * answers `Status: SUCCESS` (with the Session that answers MFA_SETUP). A
 * wrong code is `EnableSoftwareTokenMFAException` "Code mismatch and fail
 * enable Software Token MFA" (live, §10) rather than `Status: ERROR`; no
 * pending secret is `SoftwareTokenMFANotFoundException`.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { authenticateAccessToken } from "../auth/access_token.ts";
import { acceptPendingTotp, totpMatches } from "../auth/mfa.ts";
import { closeChallengeSession, openChallengeSession } from "../auth/sessions.ts";
import type { OperationContext, OperationDefinition } from "../context.ts";
import type { User, UserPool } from "../state/types.ts";
import { setupSession } from "./_mfa_setup.ts";

async function checkCode(
  context: OperationContext,
  pool: UserPool,
  user: User,
  code: string,
): Promise<void> {
  const pending = user.mfa.pendingTotpSecret;
  if (pending === undefined) throw cognitoError("SoftwareTokenMfaNotFound");
  if (!(await totpMatches(context, pool, pending, code))) {
    throw cognitoError("SoftwareTokenCodeMismatch");
  }
}

/** The VerifySoftwareToken operation. */
export const operation: OperationDefinition = {
  name: "VerifySoftwareToken",
  handle: async (input, context) => {
    const code = input.UserCode as string;
    const name = input.FriendlyDeviceName as string | undefined;
    if (typeof input.AccessToken === "string") {
      const { pool, user } = await authenticateAccessToken(context, input.AccessToken);
      await checkCode(context, pool, user, code);
      acceptPendingTotp(user, false, name);
      return { Status: "SUCCESS" };
    }
    if (typeof input.Session !== "string") {
      throw cognitoError("MissingAuthParameter", { name: "AccessToken" });
    }
    const setup = setupSession(context, input.Session, ["verify"]);
    await checkCode(context, setup.pool, setup.user, code);
    acceptPendingTotp(setup.user, true, name);
    closeChallengeSession(setup.pool, setup.record);
    const Session = openChallengeSession(context, {
      pool: setup.pool,
      client: setup.client,
      user: setup.user,
      challengeName: "MFA_SETUP",
      admin: setup.record.admin,
      payload: { ...setup.record.payload, stage: "answer" },
    });
    return { Status: "SUCCESS", Session };
  },
};
