/**
 * The challenge dispatcher of RespondToAuthChallenge and
 * AdminRespondToAuthChallenge, by `ChallengeName`. Register a challenge
 * here, once; an unregistered one answers the catalogue's "not implemented
 * by the mock" error.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient } from "../state/types.ts";
import { answerDevicePasswordVerifier, answerDeviceSrpAuth } from "./device_srp.ts";
import { answerMfaSetup, answerSoftwareTokenMfa } from "./mfa.ts";
import { answerNewPasswordRequired } from "./new_password.ts";
import type { AuthStep } from "./sign_in.ts";
import { answerPasswordVerifier } from "./srp.ts";

/** One challenge answer, after the client was found. */
export interface ChallengeRequest {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly challengeName: string;
  /** `ChallengeResponses` (null values already removed). */
  readonly responses: Readonly<Record<string, string>>;
  /** `Session`, if sent. */
  readonly session: string | undefined;
  readonly admin: boolean;
}

/** Answers one challenge and returns tokens or the next challenge. */
export type ChallengeHandler = (request: ChallengeRequest) => Promise<AuthStep>;

/** The registered challenges. */
export const CHALLENGES: ReadonlyMap<string, ChallengeHandler> = new Map<string, ChallengeHandler>([
  ["PASSWORD_VERIFIER", answerPasswordVerifier],
  ["NEW_PASSWORD_REQUIRED", answerNewPasswordRequired],
  ["SOFTWARE_TOKEN_MFA", answerSoftwareTokenMfa],
  ["MFA_SETUP", answerMfaSetup],
  ["DEVICE_SRP_AUTH", answerDeviceSrpAuth],
  ["DEVICE_PASSWORD_VERIFIER", answerDevicePasswordVerifier],
]);

/** Runs the registered handler of `request.challengeName`. */
export function answerChallenge(request: ChallengeRequest): Promise<AuthStep> {
  const handler = CHALLENGES.get(request.challengeName);
  if (handler === undefined) {
    throw cognitoError("MockChallengeNotImplemented", { challenge: request.challengeName });
  }
  return handler(request);
}
