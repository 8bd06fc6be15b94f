/**
 * USER_SRP_AUTH with real server-side SRP-6a (§3.2, §4.2, §7.4–§7.7).
 *
 * InitiateAuth(`USERNAME`, `SRP_A`) answers `PASSWORD_VERIFIER` with
 * `SALT`, `SECRET_BLOCK`, `SRP_B`, `USERNAME` and `USER_ID_FOR_SRP` (both the
 * internal username, also when the user signed in with an alias) and no
 * Session, as the live service. The SRP state (`A`, `b`, `B`, the verifier)
 * waits in a challenge session that only the sealed SECRET_BLOCK names.
 *
 * The PASSWORD_VERIFIER answer is checked in this order: the block
 * (`_claim.ts`), SECRET_HASH over `USERNAME` (= `USER_ID_FOR_SRP`, §7.7), the
 * TIMESTAMP, the signature over the canonical TIMESTAMP, the user's state,
 * then `DEVICE_KEY` ("Device does not exist.", §6.9). The challenge is used
 * up only once the answer is accepted, so amazon-cognito-identity-js can
 * resend it without the forgotten key (its retry, §6.9), and only once: the
 * same claim sent twice at once signs in once.
 *
 * An unknown user with PreventUserExistenceErrors gets a decoy challenge that
 * fails like a wrong password.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import { lookupUser } from "../state/store.ts";
import { srpEngine } from "./_srp.ts";
import {
  checkTimestamp,
  claimFields,
  claimHolds,
  openClaim,
  openVerifierChallenge,
  readSrpA,
  type VerifierState,
} from "./_claim.ts";
import type { ChallengeRequest } from "./challenges.ts";
import { assertSecretHash } from "./client_auth.ts";
import { signInDevice } from "./devices.ts";
import { type FlowRequest, requireParameter } from "./flows.ts";
import { assertMaySignIn, assertPasswordOutcome } from "./password.ts";
import { useChallengeSession } from "./sessions.ts";
import { afterFirstFactor, type AuthStep, signInOf } from "./sign_in.ts";
import { decoyVerifier, passwordVerifierOf } from "./srp_verifier.ts";

/** The SRP state a PASSWORD_VERIFIER challenge session keeps. */
interface PasswordChallengeState extends VerifierState {
  readonly verifier: bigint;
  /** `USER_ID_FOR_SRP`, the signed user id. */
  readonly userIdForSrp: string;
  /** True for the decoy of an unknown user. */
  readonly decoy: boolean;
}

/** InitiateAuth / AdminInitiateAuth with `AuthFlow` USER_SRP_AUTH. */
export async function startUserSrpAuth(request: FlowRequest): Promise<AuthStep> {
  const { context, pool, client, parameters } = request;
  const username = requireParameter(parameters, "USERNAME");
  const srpA = requireParameter(parameters, "SRP_A");
  await assertSecretHash(client, username, parameters.SECRET_HASH);
  const A = await readSrpA(srpA);
  const user = lookupUser(pool, username);
  if (user === undefined && client.config.PreventUserExistenceErrors !== "ENABLED") {
    throw cognitoError("UserNotFound");
  }
  if (user !== undefined) {
    assertMaySignIn(client, user);
    if (effectiveBehaviour(context.behaviour, pool).unknownDeviceKey === "initiate-auth") {
      signInDevice(pool, user, parameters.DEVICE_KEY);
    }
  }
  const stored = user === undefined
    ? await decoyVerifier(context)
    : await passwordVerifierOf(context, pool, user);
  const userIdForSrp = user?.username ?? username;
  const opened = await openVerifierChallenge(context, {
    pool,
    client,
    user: { sub: user?.sub ?? context.ids.uuid() },
    challengeName: "PASSWORD_VERIFIER",
    admin: request.admin,
    verifier: stored.verifier,
    A,
    state: { verifier: stored.verifier, userIdForSrp, decoy: user === undefined },
  });
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: {
      SALT: stored.saltHex,
      SECRET_BLOCK: opened.secretBlock,
      SRP_B: opened.srpB,
      USERNAME: userIdForSrp,
      USER_ID_FOR_SRP: userIdForSrp,
    },
  };
}

/** RespondToAuthChallenge / AdminRespondToAuthChallenge PASSWORD_VERIFIER. */
export async function answerPasswordVerifier(request: ChallengeRequest): Promise<AuthStep> {
  const { context, pool, client, responses } = request;
  const username = requireParameter(responses, "USERNAME");
  const claim = claimFields(responses);
  // No Session comes with this challenge (§3.2): a Session sent along is ignored.
  const { record } = await openClaim(request, "PASSWORD_VERIFIER", false);
  await assertSecretHash(client, username, responses.SECRET_HASH);
  await checkTimestamp(context, pool, claim.timestamp);
  const srp = record.payload.srp as PasswordChallengeState;
  const user = pool.users.bySub(record.userSub);
  if (srp.decoy || user === undefined || lookupUser(pool, username)?.sub !== user.sub) {
    throw cognitoError("IncorrectCredentials");
  }
  const { verifyPasswordClaim } = await srpEngine();
  const correct = await claimHolds(() =>
    verifyPasswordClaim({
      userPoolId: pool.id,
      userIdForSrp: srp.userIdForSrp,
      ephemeral: { b: srp.b, B: srp.B },
      srpA: srp.A,
      verifier: srp.verifier,
      secretBlock: claim.secretBlock,
      timestamp: claim.timestamp,
      signature: claim.signature,
    }, context.srpOptions)
  );
  // A replay of this answer (sent again, or at the same time) is refused like a used block.
  return useChallengeSession(pool, record, "IncorrectCredentials", () => {
    assertMaySignIn(client, user);
    assertPasswordOutcome(request, user, correct);
    // The key that counts is the answer's: ACIJ resends with DEVICE_KEY null after
    // "Device does not exist.", and carrying InitiateAuth's key would loop it.
    const deviceKey = responses.DEVICE_KEY;
    signInDevice(pool, user, deviceKey);
    return afterFirstFactor(signInOf(request, user, { deviceKey }));
  });
}
