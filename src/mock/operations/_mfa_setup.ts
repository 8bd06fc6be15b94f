/**
 * The MFA_SETUP session that AssociateSoftwareToken and VerifySoftwareToken
 * carry instead of an access token (§4.5): found in whichever pool holds it,
 * at the expected step, with its user and client.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { MfaSetupStage } from "../auth/mfa.ts";
import { locateChallengeSession } from "../auth/sessions.ts";
import type { MockServices } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient, ChallengeSession, User } from "../state/types.ts";

/** An open MFA_SETUP session and what it belongs to. */
export interface SetupSession {
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly user: User;
  readonly record: ChallengeSession;
}

/** The MFA_SETUP session at one of `stages`, or "Invalid session for the user.". */
export function setupSession(
  services: MockServices,
  session: string,
  stages: readonly MfaSetupStage[],
): SetupSession {
  const found = locateChallengeSession(services, session);
  if (found === undefined) throw cognitoError("SessionInvalid");
  const { pool, record } = found;
  const client = pool.clients.get(record.clientId);
  const user = pool.users.bySub(record.userSub);
  if (
    client === undefined || user === undefined || record.challengeName !== "MFA_SETUP" ||
    !stages.includes(record.payload.stage as MfaSetupStage)
  ) {
    throw cognitoError("SessionInvalid");
  }
  return { pool, client, user, record };
}
