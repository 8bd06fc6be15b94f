/**
 * The client side of the load test's sign-ins, with the project's own SRP
 * client (src/srp): USER_SRP_AUTH → PASSWORD_VERIFIER, optionally with a
 * `DEVICE_KEY`, and the remembered-device continuation DEVICE_SRP_AUTH →
 * DEVICE_PASSWORD_VERIFIER (cognito-protocol.md §4.2–§4.4, §6.7).
 *
 * @module
 */

import { createClientEphemeral, deviceClaim, passwordClaim } from "../src/srp/mod.ts";
import type { ApiBody, CallRecorder, Expectation } from "./_load_calls.ts";

/** The pool and app client every user signs in to. */
export interface LoadPool {
  poolId: string;
  clientId: string;
}

/** A provisioned user; the password is a secret and is never printed. */
export interface LoadUser {
  index: number;
  username: string;
  password: string;
}

/** A device as its client keeps it after ConfirmDevice (the password is a secret). */
export interface ClientDevice {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

const session = (body: { Session?: unknown }): { Session?: string } =>
  typeof body.Session === "string" ? { Session: body.Session } : {};

/**
 * USER_SRP_AUTH then PASSWORD_VERIFIER (with `DEVICE_KEY` when given);
 * returns the PASSWORD_VERIFIER answer's body (`{}` when `verifierExpect`
 * is an error that came as expected).
 */
export async function passwordSignIn(
  recorder: CallRecorder,
  pool: LoadPool,
  user: LoadUser,
  deviceKey?: string,
  verifierExpect: Expectation = "ok",
): Promise<ApiBody> {
  const withDevice = deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey };
  const ephemeral = createClientEphemeral();
  const init = await recorder.call(user.username, "InitiateAuth USER_SRP_AUTH", "InitiateAuth", {
    AuthFlow: "USER_SRP_AUTH",
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: user.username, SRP_A: ephemeral.srpA, ...withDevice },
  });
  if (init.ChallengeName !== "PASSWORD_VERIFIER") {
    recorder.wrongAnswer(user.username, "InitiateAuth USER_SRP_AUTH", "no PASSWORD_VERIFIER");
  }
  const parameters = init.ChallengeParameters;
  const userId = String(parameters.USER_ID_FOR_SRP);
  const claim = passwordClaim({
    ephemeral,
    userPoolId: pool.poolId,
    userIdForSrp: userId,
    password: user.password,
    srpB: String(parameters.SRP_B),
    salt: String(parameters.SALT),
    secretBlock: String(parameters.SECRET_BLOCK),
  });
  return await recorder.call(
    user.username,
    "RespondToAuthChallenge PASSWORD_VERIFIER",
    "RespondToAuthChallenge",
    {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: pool.clientId,
      ...session(init),
      ChallengeResponses: {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: String(parameters.SECRET_BLOCK),
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
        TIMESTAMP: claim.TIMESTAMP,
        ...withDevice,
      },
    },
    verifierExpect,
  );
}

/**
 * Continues a sign-in whose PASSWORD_VERIFIER answer asked for
 * DEVICE_SRP_AUTH: the device's SRP proof; returns the final answer's body.
 */
export async function deviceSignIn(
  recorder: CallRecorder,
  pool: LoadPool,
  user: LoadUser,
  device: ClientDevice,
  verifierAnswer: ApiBody,
): Promise<ApiBody> {
  const name = user.username;
  if (verifierAnswer.ChallengeName !== "DEVICE_SRP_AUTH") {
    recorder.wrongAnswer(name, "RespondToAuthChallenge PASSWORD_VERIFIER", "no DEVICE_SRP_AUTH");
  }
  const userId = String(verifierAnswer.ChallengeParameters?.USERNAME ?? user.username);
  const ephemeral = createClientEphemeral();
  const challenge = await recorder.call(
    name,
    "RespondToAuthChallenge DEVICE_SRP_AUTH",
    "RespondToAuthChallenge",
    {
      ChallengeName: "DEVICE_SRP_AUTH",
      ClientId: pool.clientId,
      ...session(verifierAnswer),
      ChallengeResponses: { USERNAME: userId, DEVICE_KEY: device.deviceKey, SRP_A: ephemeral.srpA },
    },
  );
  if (challenge.ChallengeName !== "DEVICE_PASSWORD_VERIFIER") {
    recorder.wrongAnswer(
      name,
      "RespondToAuthChallenge DEVICE_SRP_AUTH",
      "no DEVICE_PASSWORD_VERIFIER",
    );
  }
  const parameters = challenge.ChallengeParameters;
  const claim = deviceClaim({
    ephemeral,
    deviceGroupKey: device.deviceGroupKey,
    deviceKey: device.deviceKey,
    devicePassword: device.devicePassword,
    srpB: String(parameters.SRP_B),
    salt: String(parameters.SALT),
    secretBlock: String(parameters.SECRET_BLOCK),
  });
  return await recorder.call(
    name,
    "RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER",
    "RespondToAuthChallenge",
    {
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      ClientId: pool.clientId,
      ...session(challenge),
      ChallengeResponses: {
        USERNAME: String(parameters.USERNAME ?? userId),
        DEVICE_KEY: device.deviceKey,
        PASSWORD_CLAIM_SECRET_BLOCK: String(parameters.SECRET_BLOCK),
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
        TIMESTAMP: claim.TIMESTAMP,
      },
    },
  );
}
