/**
 * Device authentication (§4.3, §4.4, §6.7, §7.8): `DEVICE_SRP_AUTH` (with a
 * Session, empty ChallengeParameters) → the client answers `USERNAME`,
 * `DEVICE_KEY`, `SRP_A` → `DEVICE_PASSWORD_VERIFIER` with `DEVICE_KEY`,
 * `SALT` (the ConfirmDevice salt as hex), `SECRET_BLOCK`, `SRP_B`,
 * `USERNAME` and a new Session → the client answers the device claim →
 * tokens carrying the device's key, without `NewDeviceMetadata`.
 *
 * Sessions (§11.5, docs/mock-choices.md): a present Session must be the one
 * issued; an absent one is accepted. On DEVICE_SRP_AUTH the mock then takes
 * the user's pending device challenge for that key (so the password step
 * cannot be skipped); on DEVICE_PASSWORD_VERIFIER the SECRET_BLOCK binds the
 * state. Each challenge works once, also for two copies of one answer sent
 * at the same time.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { lookupUser, type StoredPool } from "../state/store.ts";
import type { ChallengeSession, DeviceRecord, User } from "../state/types.ts";
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
import { isRemembered, touchDevice } from "./devices.ts";
import { requireParameter } from "./flows.ts";
import { findChallengeSession, openChallengeSession, useChallengeSession } from "./sessions.ts";
import {
  type AuthStep,
  completeSignIn,
  progressOf,
  type SignIn,
  signInOf,
  storedProgress,
} from "./sign_in.ts";

/** The SRP state a DEVICE_PASSWORD_VERIFIER session keeps. */
interface DeviceChallengeState extends VerifierState {
  readonly deviceKey: string;
}

/** Opens DEVICE_SRP_AUTH for a sign-in that presented a remembered device's key. */
export function openDeviceSrpChallenge(signIn: SignIn): AuthStep {
  const session = openChallengeSession(signIn.context, {
    pool: signIn.pool,
    client: signIn.client,
    user: signIn.user,
    challengeName: "DEVICE_SRP_AUTH",
    admin: signIn.admin,
    payload: { progress: progressOf(signIn) },
  });
  return { ChallengeName: "DEVICE_SRP_AUTH", Session: session, ChallengeParameters: {} };
}

/** The newest open DEVICE_SRP_AUTH session of this user and device (for a Session-less answer). */
function pendingDeviceChallenge(
  request: ChallengeRequest,
  user: User,
  deviceKey: string,
): ChallengeSession {
  const now = request.context.clock.now(request.pool.id);
  let found: ChallengeSession | undefined;
  for (const record of request.pool.sessions.values()) {
    if (
      record.challengeName === "DEVICE_SRP_AUTH" && now < record.expiresAt &&
      record.clientId === request.client.id && record.admin === request.admin &&
      record.userSub === user.sub && storedProgress(record.payload).deviceKey === deviceKey
    ) {
      found = record;
    }
  }
  if (found === undefined) throw cognitoError("SessionInvalid");
  return found;
}

/** The user's remembered device with this key and a verifier, or "Device does not exist.". */
function rememberedDevice(
  user: User,
  deviceKey: string,
): { device: DeviceRecord; stored: NonNullable<DeviceRecord["srp"]> } {
  const device = user.devices.get(deviceKey);
  if (device === undefined || !isRemembered(device) || device.srp === undefined) {
    throw cognitoError("DeviceDoesNotExist");
  }
  return { device, stored: device.srp };
}

function answeringUser(pool: StoredPool, username: string, sub: string): User {
  const user = lookupUser(pool, username);
  if (user === undefined || user.sub !== sub) throw cognitoError("IncorrectCredentials");
  return user;
}

/** Answers DEVICE_SRP_AUTH with `DEVICE_PASSWORD_VERIFIER`. */
export async function answerDeviceSrpAuth(request: ChallengeRequest): Promise<AuthStep> {
  const { context, pool, client, responses } = request;
  const username = requireParameter(responses, "USERNAME");
  const deviceKey = requireParameter(responses, "DEVICE_KEY");
  const srpA = requireParameter(responses, "SRP_A");
  await assertSecretHash(client, username, responses.SECRET_HASH);
  let session: ChallengeSession;
  if (request.session === undefined) {
    const named = lookupUser(pool, username);
    if (named === undefined) throw cognitoError("SessionInvalid");
    session = pendingDeviceChallenge(request, named, deviceKey);
  } else {
    session = findChallengeSession(context, {
      pool,
      client,
      session: request.session,
      challengeName: "DEVICE_SRP_AUTH",
      admin: request.admin,
    });
  }
  const user = answeringUser(pool, username, session.userSub);
  const progress = storedProgress(session.payload);
  if (progress.deviceKey !== deviceKey) throw cognitoError("IncorrectCredentials");
  const { stored } = rememberedDevice(user, deviceKey);
  const A = await readSrpA(srpA);
  const next = await useChallengeSession(
    pool,
    session,
    "SessionInvalid",
    () =>
      openVerifierChallenge(context, {
        pool,
        client,
        user,
        challengeName: "DEVICE_PASSWORD_VERIFIER",
        admin: request.admin,
        verifier: stored.verifier,
        A,
        state: { deviceKey },
        payload: { progress },
      }),
  );
  return {
    ChallengeName: "DEVICE_PASSWORD_VERIFIER",
    Session: next.session,
    ChallengeParameters: {
      DEVICE_KEY: deviceKey,
      SALT: stored.saltHex,
      SECRET_BLOCK: next.secretBlock,
      SRP_B: next.srpB,
      USERNAME: user.username,
    },
  };
}

/** Answers DEVICE_PASSWORD_VERIFIER: checks the device claim and mints the tokens. */
export async function answerDevicePasswordVerifier(request: ChallengeRequest): Promise<AuthStep> {
  const { context, pool, client, responses } = request;
  const username = requireParameter(responses, "USERNAME");
  const deviceKey = requireParameter(responses, "DEVICE_KEY");
  const claim = claimFields(responses);
  const { record } = await openClaim(request, "DEVICE_PASSWORD_VERIFIER", true);
  await assertSecretHash(client, username, responses.SECRET_HASH);
  await checkTimestamp(context, pool, claim.timestamp);
  const user = answeringUser(pool, username, record.userSub);
  const srp = record.payload.srp as DeviceChallengeState;
  if (srp.deviceKey !== deviceKey) throw cognitoError("IncorrectCredentials");
  const { device, stored } = rememberedDevice(user, deviceKey);
  const { verifyDeviceClaim } = await srpEngine();
  const correct = await claimHolds(() =>
    verifyDeviceClaim({
      deviceGroupKey: device.deviceGroupKey,
      deviceKey,
      ephemeral: { b: srp.b, B: srp.B },
      srpA: srp.A,
      verifier: stored.verifier,
      secretBlock: claim.secretBlock,
      timestamp: claim.timestamp,
      signature: claim.signature,
    }, context.srpOptions)
  );
  if (!correct) throw cognitoError("IncorrectCredentials");
  if (!user.enabled) throw cognitoError("UserDisabled");
  return useChallengeSession(pool, record, "IncorrectCredentials", () => {
    touchDevice(device, context.request, context.clock.now(pool.id));
    const progress = storedProgress(record.payload);
    return completeSignIn(signInOf(request, user, { ...progress, deviceKey }));
  });
}
