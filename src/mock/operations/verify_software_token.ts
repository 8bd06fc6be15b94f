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
import { acceptPendingTotp, totpStep } from "../auth/mfa.ts";
import type { OperationContext, OperationDefinition } from "../context.ts";
import type { User, UserPool } from "../state/types.ts";
import { nextSetupSession, softwareTokenCaller } from "./_mfa_setup.ts";

/** The time step of a right code for the pending secret (which that code then uses up). */
async function checkCode(
  context: OperationContext,
  pool: UserPool,
  user: User,
  code: string,
): Promise<number> {
  const pending = user.mfa.pendingTotpSecret;
  if (pending === undefined) throw cognitoError("SoftwareTokenMfaNotFound");
  const step = await totpStep(context, pool, pending, code);
  if (step === undefined) throw cognitoError("SoftwareTokenCodeMismatch");
  return step;
}

/** The VerifySoftwareToken operation. */
export const operation: OperationDefinition = {
  name: "VerifySoftwareToken",
  handle: async (input, context) => {
    const caller = await softwareTokenCaller(context, input, ["verify"]);
    const step = await checkCode(context, caller.pool, caller.user, input.UserCode as string);
    const friendlyName = input.FriendlyDeviceName as string | undefined;
    acceptPendingTotp(caller.user, {
      step,
      enable: caller.setup !== undefined,
      ...(friendlyName === undefined ? {} : { friendlyName }),
    });
    if (caller.setup === undefined) return { Status: "SUCCESS" };
    return { Status: "SUCCESS", Session: nextSetupSession(context, caller.setup, "answer") };
  },
};
