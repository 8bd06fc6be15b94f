/**
 * The client side of the sign-ins the Deno load generator
 * (bench/mock_load.ts) repeats, each checked for success:
 *
 * - `upa`: InitiateAuth USER_PASSWORD_AUTH (one call);
 * - `srp`: InitiateAuth USER_SRP_AUTH → RespondToAuthChallenge
 *   PASSWORD_VERIFIER (two calls, the client SRP math of src/srp);
 * - `device`: the remembered-device sign-in, USER_SRP_AUTH with DEVICE_KEY →
 *   PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER (four
 *   calls, two client SRP computations), cognito-protocol.md §6.7.
 *
 * Plus {@linkcode rememberDevice}, the one-time setup of the device flow.
 */

import {
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  passwordClaim,
} from "../src/srp/mod.ts";
import {
  type ApiAnswer,
  type BenchUser,
  call,
  describeAnswer,
  isSignedIn,
  passwordAuthBody,
} from "./mock_api.ts";

/** The flows the load generator can repeat. */
export type FlowName = "upa" | "srp" | "device";

/** A remembered device: what a client keeps after ConfirmDevice. */
export interface DeviceCredentials {
  deviceKey: string;
  deviceGroupKey: string;
  /** The random device password (secret; never printed). */
  devicePassword: string;
}

/** What a flow needs. */
export interface FlowConfig {
  endpoint: string;
  user: BenchUser;
  /** Required by the `device` flow. */
  device?: DeviceCredentials;
}

/** A failed step; `kind` names the step, status and error type only. */
export class FlowError extends Error {
  override name = "FlowError";
  /** e.g. `"RespondToAuthChallenge PASSWORD_VERIFIER 400 NotAuthorizedException"`. */
  readonly kind: string;
  /** The server answered 501 NotImplemented (the mock lacks the feature). */
  readonly notImplemented: boolean;

  constructor(step: string, answer: ApiAnswer | undefined, detail?: string) {
    const kind = `${step} ${answer === undefined ? "" : describeAnswer(answer)}${
      detail === undefined ? "" : ` ${detail}`
    }`.replace(/\s+/g, " ").trim();
    super(`Cannot sign in: ${kind}`);
    this.kind = kind;
    this.notImplemented = answer?.status === 501;
  }
}

function expectTokens(answer: ApiAnswer, step: string): void {
  if (!isSignedIn(answer)) {
    const challenge = answer.body?.ChallengeName;
    throw new FlowError(step, answer, challenge === undefined ? undefined : `got ${challenge}`);
  }
}

function expectChallenge(answer: ApiAnswer, step: string, challenge: string): void {
  if (answer.status !== 200 || answer.body?.ChallengeName !== challenge) {
    const got = answer.status === 200
      ? `expected ${challenge}, got ${answer.body?.ChallengeName ?? "tokens"}`
      : undefined;
    throw new FlowError(step, answer, got);
  }
}

const session = (answer: ApiAnswer): { Session?: string } =>
  typeof answer.body?.Session === "string" ? { Session: answer.body.Session } : {};

async function passwordSignIn(config: FlowConfig, client?: Deno.HttpClient): Promise<void> {
  const response = await fetch(`${config.endpoint}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
    },
    body: passwordAuthBody(config.user),
    ...(client === undefined ? {} : { client }),
  });
  const text = await response.text();
  // A cheap shape check: the token field, not a full parse (same as the wrk script).
  if (response.status !== 200 || !text.includes('"AccessToken"')) {
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep text
    }
    throw new FlowError("InitiateAuth USER_PASSWORD_AUTH", { status: response.status, body });
  }
}

/** USER_SRP_AUTH then PASSWORD_VERIFIER; returns the second answer and USER_ID_FOR_SRP. */
async function srpSteps(
  config: FlowConfig,
  deviceKey: string | undefined,
  client?: Deno.HttpClient,
): Promise<{ answer: ApiAnswer; userId: string }> {
  const { endpoint, user } = config;
  const withDevice = deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey };
  const ephemeral = createClientEphemeral();
  const init = await call(endpoint, "InitiateAuth", {
    AuthFlow: "USER_SRP_AUTH",
    ClientId: user.clientId,
    AuthParameters: { USERNAME: user.username, SRP_A: ephemeral.srpA, ...withDevice },
  }, client === undefined ? {} : { client });
  expectChallenge(init, "InitiateAuth USER_SRP_AUTH", "PASSWORD_VERIFIER");
  const parameters = init.body.ChallengeParameters;
  const userId = String(parameters.USER_ID_FOR_SRP);
  const claim = passwordClaim({
    ephemeral,
    userPoolId: user.poolId,
    userIdForSrp: userId,
    password: user.password,
    srpB: String(parameters.SRP_B),
    salt: String(parameters.SALT),
    secretBlock: String(parameters.SECRET_BLOCK),
  });
  const answer = await call(endpoint, "RespondToAuthChallenge", {
    ChallengeName: "PASSWORD_VERIFIER",
    ClientId: user.clientId,
    ...session(init),
    ChallengeResponses: {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: String(parameters.SECRET_BLOCK),
      PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
      TIMESTAMP: claim.TIMESTAMP,
      ...withDevice,
    },
  }, client === undefined ? {} : { client });
  return { answer, userId };
}

async function srpSignIn(config: FlowConfig, client?: Deno.HttpClient): Promise<void> {
  const { answer } = await srpSteps(config, undefined, client);
  expectTokens(answer, "RespondToAuthChallenge PASSWORD_VERIFIER");
}

async function deviceSignIn(config: FlowConfig, client?: Deno.HttpClient): Promise<void> {
  const { endpoint, user, device } = config;
  if (device === undefined) throw new TypeError("Cannot run the device flow: no device given");
  const options = client === undefined ? {} : { client };
  const { answer, userId } = await srpSteps(config, device.deviceKey, client);
  expectChallenge(answer, "RespondToAuthChallenge PASSWORD_VERIFIER", "DEVICE_SRP_AUTH");
  const ephemeral = createClientEphemeral();
  const challenge = await call(endpoint, "RespondToAuthChallenge", {
    ChallengeName: "DEVICE_SRP_AUTH",
    ClientId: user.clientId,
    ...session(answer),
    ChallengeResponses: { USERNAME: userId, DEVICE_KEY: device.deviceKey, SRP_A: ephemeral.srpA },
  }, options);
  expectChallenge(
    challenge,
    "RespondToAuthChallenge DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER",
  );
  const parameters = challenge.body.ChallengeParameters;
  const claim = deviceClaim({
    ephemeral,
    deviceGroupKey: device.deviceGroupKey,
    deviceKey: device.deviceKey,
    devicePassword: device.devicePassword,
    srpB: String(parameters.SRP_B),
    salt: String(parameters.SALT),
    secretBlock: String(parameters.SECRET_BLOCK),
  });
  const result = await call(endpoint, "RespondToAuthChallenge", {
    ChallengeName: "DEVICE_PASSWORD_VERIFIER",
    ClientId: user.clientId,
    ...session(challenge),
    ChallengeResponses: {
      USERNAME: String(parameters.USERNAME ?? userId),
      DEVICE_KEY: device.deviceKey,
      PASSWORD_CLAIM_SECRET_BLOCK: String(parameters.SECRET_BLOCK),
      PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
      TIMESTAMP: claim.TIMESTAMP,
    },
  }, options);
  expectTokens(result, "RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER");
}

/** Runs one complete sign-in of `flow`; throws {@linkcode FlowError} on any failure. */
export function signIn(
  flow: FlowName,
  config: FlowConfig,
  client?: Deno.HttpClient,
): Promise<void> {
  switch (flow) {
    case "upa":
      return passwordSignIn(config, client);
    case "srp":
      return srpSignIn(config, client);
    case "device":
      return deviceSignIn(config, client);
  }
}

/**
 * Sets up the device flow once: a USER_SRP_AUTH sign-in without DEVICE_KEY
 * on a pool that tracks devices must return `NewDeviceMetadata`; the device
 * is then confirmed with a verifier from `createDeviceVerifier` (and set
 * `remembered` if the pool asked for user confirmation).
 */
export async function rememberDevice(config: FlowConfig): Promise<DeviceCredentials> {
  const { endpoint } = config;
  const { answer } = await srpSteps(config, undefined);
  expectTokens(answer, "RespondToAuthChallenge PASSWORD_VERIFIER");
  const result = answer.body.AuthenticationResult;
  const metadata = result.NewDeviceMetadata;
  if (typeof metadata?.DeviceKey !== "string" || typeof metadata?.DeviceGroupKey !== "string") {
    throw new FlowError("USER_SRP_AUTH sign-in", answer, "no NewDeviceMetadata");
  }
  const secret = createDeviceVerifier(metadata.DeviceGroupKey, metadata.DeviceKey);
  const confirm = await call(endpoint, "ConfirmDevice", {
    AccessToken: result.AccessToken,
    DeviceKey: metadata.DeviceKey,
    DeviceName: "bench",
    DeviceSecretVerifierConfig: { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt },
  });
  if (confirm.status !== 200) throw new FlowError("ConfirmDevice", confirm);
  if (confirm.body?.UserConfirmationNecessary === true) {
    const update = await call(endpoint, "UpdateDeviceStatus", {
      AccessToken: result.AccessToken,
      DeviceKey: metadata.DeviceKey,
      DeviceRememberedStatus: "remembered",
    });
    if (update.status !== 200) throw new FlowError("UpdateDeviceStatus", update);
  }
  return {
    deviceKey: metadata.DeviceKey,
    deviceGroupKey: metadata.DeviceGroupKey,
    devicePassword: secret.DevicePassword,
  };
}
