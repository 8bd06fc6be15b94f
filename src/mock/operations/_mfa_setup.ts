/**
 * Who AssociateSoftwareToken and VerifySoftwareToken act for (§4.5): the
 * user of an `AccessToken`, or of the MFA_SETUP `Session` they carry instead
 * (found in whichever pool holds it, at the expected step, with its user and
 * client), and the step from one MFA_SETUP session to the next.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { MfaSetupStage } from "../auth/mfa.ts";
import { authenticateAccessToken } from "../auth/access_token.ts";
import {
  closeChallengeSession,
  isChallengeSessionOpen,
  locateChallengeSession,
  openChallengeSession,
} from "../auth/sessions.ts";
import type { JsonObject, MockServices, OperationContext } from "../context.ts";
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

/** The caller of a software-token operation: through its access token, or an MFA_SETUP session. */
export type SoftwareTokenCaller =
  | { readonly pool: StoredPool; readonly user: User; readonly setup?: undefined }
  | { readonly pool: StoredPool; readonly user: User; readonly setup: SetupSession };

/**
 * The user an `AccessToken`, or else an MFA_SETUP `Session` at one of
 * `stages`, names; neither is "Missing required parameter AccessToken".
 */
export async function softwareTokenCaller(
  context: OperationContext,
  input: JsonObject,
  stages: readonly MfaSetupStage[],
): Promise<SoftwareTokenCaller> {
  if (typeof input.AccessToken === "string") {
    const { pool, user } = await authenticateAccessToken(context, input.AccessToken);
    return { pool, user };
  }
  if (typeof input.Session !== "string") {
    throw cognitoError("MissingAuthParameter", { name: "AccessToken" });
  }
  const setup = setupSession(context, input.Session, stages);
  return { pool: setup.pool, user: setup.user, setup };
}

/** Uses up an MFA_SETUP session and opens the next step's; returns its `Session`. */
export function nextSetupSession(
  services: MockServices,
  setup: SetupSession,
  stage: MfaSetupStage,
): string {
  // Two copies of one call sent at once: only the first moves the setup on.
  if (!isChallengeSessionOpen(setup.pool, setup.record)) throw cognitoError("SessionInvalid");
  closeChallengeSession(setup.pool, setup.record);
  return openChallengeSession(services, {
    pool: setup.pool,
    client: setup.client,
    user: setup.user,
    challengeName: "MFA_SETUP",
    admin: setup.record.admin,
    payload: { ...setup.record.payload, stage },
  });
}
