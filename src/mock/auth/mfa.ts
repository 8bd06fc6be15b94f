/**
 * TOTP MFA in the sign-in (§4.5): which second factor a sign-in needs
 * (pool `MfaConfiguration` OFF / ON / OPTIONAL and the user's verified
 * software token), the SOFTWARE_TOKEN_MFA and MFA_SETUP challenges and their
 * answers. SMS and email MFA are not simulated.
 *
 * MFA_SETUP runs through three sessions, one per step (§4.5): the
 * challenge's Session goes to AssociateSoftwareToken, whose Session goes to
 * VerifySoftwareToken, whose Session answers MFA_SETUP. The session payload's
 * `stage` says which step it opens.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import { Secret } from "../state/secret.ts";
import { lookupUser } from "../state/store.ts";
import type { ChallengeSession, User, UserPool } from "../state/types.ts";
import { srpEngine } from "./_srp.ts";
import type { ChallengeRequest } from "./challenges.ts";
import { assertSecretHash } from "./client_auth.ts";
import { requireParameter } from "./flows.ts";
import { findChallengeSession, openChallengeSession, useChallengeSession } from "./sessions.ts";
import {
  type AuthStep,
  continueSignIn,
  progressOf,
  type SignIn,
  signInOf,
  storedProgress,
} from "./sign_in.ts";

/** The second factors the mock can ask for. */
export type SecondFactor = "SOFTWARE_TOKEN_MFA" | "MFA_SETUP";

/** The MFA_SETUP step a session opens. */
export type MfaSetupStage = "associate" | "verify" | "answer";

/**
 * Whether the pool offers TOTP: `SoftwareTokenMfaConfiguration.Enabled` as
 * SetUserPoolMfaConfig set it, else whenever MFA is not OFF (a pool made by
 * CreateUserPool alone can then use MFA; docs/mock-choices.md).
 */
export function softwareTokenEnabled(pool: UserPool): boolean {
  return pool.mfaSettings?.SoftwareTokenMfaConfiguration?.Enabled ??
    pool.config.MfaConfiguration !== "OFF";
}

/** Whether the user has a verified software token. */
export function hasVerifiedTotp(user: User): boolean {
  return user.mfa.totpVerified === true && user.mfa.totpSecret !== undefined;
}

/**
 * The second factor a sign-in needs: none with MFA OFF; with OPTIONAL, TOTP
 * if the user enabled it; with ON, TOTP if the user has a verified token,
 * else MFA_SETUP.
 */
export function secondFactorFor(signIn: SignIn): SecondFactor | undefined {
  const { pool, user } = signIn;
  const mode = pool.config.MfaConfiguration;
  if (mode === "OFF") return undefined;
  const totp = softwareTokenEnabled(pool);
  if (mode === "OPTIONAL") {
    const chosen = user.mfa.enabled.includes("SOFTWARE_TOKEN_MFA") && hasVerifiedTotp(user);
    return chosen && totp ? "SOFTWARE_TOKEN_MFA" : undefined;
  }
  if (totp) return hasVerifiedTotp(user) ? "SOFTWARE_TOKEN_MFA" : "MFA_SETUP";
  throw cognitoError("MockFeatureNotImplemented", { feature: "SMS or email MFA" });
}

/** Opens the SOFTWARE_TOKEN_MFA or MFA_SETUP challenge. */
export function openMfaChallenge(signIn: SignIn, factor: SecondFactor): AuthStep {
  const payload: Record<string, unknown> = { progress: progressOf(signIn) };
  if (factor === "MFA_SETUP") payload.stage = "associate" satisfies MfaSetupStage;
  const session = openChallengeSession(signIn.context, {
    pool: signIn.pool,
    client: signIn.client,
    user: signIn.user,
    challengeName: factor,
    admin: signIn.admin,
    payload,
  });
  const parameters: Record<string, string> = factor === "MFA_SETUP"
    ? {
      MFAS_CAN_SETUP: JSON.stringify(["SOFTWARE_TOKEN_MFA"]),
      USER_ID_FOR_SRP: signIn.user.username,
    }
    : {};
  return { ChallengeName: factor, Session: session, ChallengeParameters: parameters };
}

/**
 * The time step whose TOTP of `secret` is `code` (RFC 6238, ±1 step around
 * the pool's clock), or `undefined` when the code is wrong.
 */
export async function totpStep(
  context: OperationContext,
  pool: UserPool,
  secret: Secret,
  code: string,
): Promise<number | undefined> {
  const { matchTotpStep } = await srpEngine();
  const now = context.clock.now(pool.id);
  return matchTotpStep(secret.reveal(), code, { now: () => new Date(now), window: 1 });
}

/** How VerifySoftwareToken accepted a pending secret. */
export interface AcceptedTotp {
  /** The time step of the code that verified it (that code is used up). */
  readonly step: number;
  /** Also turn TOTP MFA on and prefer it (MFA_SETUP). */
  readonly enable: boolean;
  /** `FriendlyDeviceName`, if given. */
  readonly friendlyName?: string;
}

/** Makes the pending secret the user's verified token. */
export function acceptPendingTotp(user: User, accepted: AcceptedTotp): void {
  const pending = user.mfa.pendingTotpSecret;
  if (pending === undefined) return;
  user.mfa.totpSecret = pending;
  user.mfa.totpVerified = true;
  user.mfa.totpUsedSteps = [accepted.step];
  delete user.mfa.pendingTotpSecret;
  if (accepted.friendlyName !== undefined) user.mfa.totpFriendlyName = accepted.friendlyName;
  if (accepted.enable) {
    if (!user.mfa.enabled.includes("SOFTWARE_TOKEN_MFA")) {
      user.mfa.enabled.push("SOFTWARE_TOKEN_MFA");
    }
    user.mfa.preferred = "SOFTWARE_TOKEN_MFA";
  }
}

/** The session of an MFA answer; a missing Session is "Missing required parameter Session". */
function mfaSession(request: ChallengeRequest, challengeName: SecondFactor): ChallengeSession {
  if (request.session === undefined) {
    throw cognitoError("MissingAuthParameter", { name: "Session" });
  }
  return findChallengeSession(request.context, {
    pool: request.pool,
    client: request.client,
    session: request.session,
    challengeName,
    admin: request.admin,
  });
}

async function answeringUser(
  request: ChallengeRequest,
  session: ChallengeSession,
): Promise<User> {
  const username = requireParameter(request.responses, "USERNAME");
  await assertSecretHash(request.client, username, request.responses.SECRET_HASH);
  const user = lookupUser(request.pool, username);
  if (user === undefined || user.sub !== session.userSub) throw cognitoError("SessionInvalid");
  return user;
}

function resume(
  request: ChallengeRequest,
  user: User,
  session: ChallengeSession,
): Promise<AuthStep> {
  const progress = storedProgress(session.payload);
  // A client that holds a device key may only name it in the MFA answer (ACIJ, .NET).
  const deviceKey = progress.deviceKey ?? request.responses.DEVICE_KEY;
  return continueSignIn(signInOf(request, user, { deviceKey, secondFactorDone: true }));
}

/**
 * Answers SOFTWARE_TOKEN_MFA: `USERNAME`, `SOFTWARE_TOKEN_MFA_CODE`. A wrong
 * code is CodeMismatchException; a right one that was accepted before (by
 * this challenge or by VerifySoftwareToken, RFC 6238 §5.2) is
 * ExpiredCodeException. The code is used up once the answer is accepted.
 */
export async function answerSoftwareTokenMfa(request: ChallengeRequest): Promise<AuthStep> {
  const session = mfaSession(request, "SOFTWARE_TOKEN_MFA");
  const user = await answeringUser(request, session);
  const code = requireParameter(request.responses, "SOFTWARE_TOKEN_MFA_CODE");
  const secret = user.mfa.totpSecret;
  const step = secret === undefined
    ? undefined
    : await totpStep(request.context, request.pool, secret, code);
  if (step === undefined) throw cognitoError("MfaCodeMismatch");
  return useChallengeSession(request.pool, session, "SessionInvalid", async () => {
    const used = user.mfa.totpUsedSteps ?? [];
    if (used.includes(step)) throw cognitoError("SoftwareTokenCodeReused");
    const next = await resume(request, user, session);
    user.mfa.totpUsedSteps = [...(user.mfa.totpUsedSteps ?? []).slice(-2), step];
    return next;
  });
}

/** Answers MFA_SETUP with the Session VerifySoftwareToken returned. */
export async function answerMfaSetup(request: ChallengeRequest): Promise<AuthStep> {
  const session = mfaSession(request, "MFA_SETUP");
  if (session.payload.stage !== "answer") throw cognitoError("SessionInvalid");
  const user = await answeringUser(request, session);
  return useChallengeSession(
    request.pool,
    session,
    "SessionInvalid",
    () => resume(request, user, session),
  );
}

/** A new random TOTP secret for AssociateSoftwareToken, kept pending on the user. */
export async function associateTotp(context: OperationContext, user: User): Promise<string> {
  const { createTotpSecret } = await srpEngine();
  const secret = createTotpSecret({ random: context.ids.bytes });
  user.mfa.pendingTotpSecret = new Secret(secret);
  return secret;
}
