/**
 * Test helpers for the mock's tests: {@linkcode TestMock} is the wire client
 * of `_testing_client.ts` plus the client side of USER_SRP_AUTH, ConfirmDevice
 * and device SRP, computed with the project's SRP engine, and the error
 * answers the tests expect most often.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  type ClientEphemeral,
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  type ModPowOptions,
  passwordClaim,
} from "../srp/mod.ts";
import { type Json, MockClient, type Provisioned, secretHashOf } from "./_testing_client.ts";
import type { MockHandlerOptions } from "./handler.ts";

export {
  type Answer,
  assertOutputShape,
  CAN_SPAWN,
  claimsOf,
  DEFAULT_TEST_FLOWS,
  type Failure,
  type Json,
  MockClient,
  projectModule,
  type Provisioned,
  runScriptForJson,
} from "./_testing_client.ts";

/** What a client keeps about a confirmed device (as ACIJ stores it). */
export interface KnownDevice {
  readonly key: string;
  readonly groupKey: string;
  readonly password: string;
}

/** Options of the SRP request builders. */
export interface SrpStepOptions {
  /** `DEVICE_KEY` to send. */
  deviceKey?: string;
  /** Use AdminInitiateAuth / AdminRespondToAuthChallenge. */
  admin?: boolean;
  /** TIMESTAMP text to sign instead of the mock's current time. */
  timestamp?: string;
  /** Session to send along. */
  session?: string;
}

/** A request: operation and body. */
export interface Call {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** CreateUserPool members of a pool that always remembers devices. */
export const ALWAYS_REMEMBER = {
  DeviceConfiguration: {
    ChallengeRequiredOnNewDevice: false,
    DeviceOnlyRememberedOnUserPrompt: false,
  },
} as const;

/** CreateUserPool members of a pool where users opt in to remembering. */
export const USER_OPT_IN = {
  DeviceConfiguration: {
    ChallengeRequiredOnNewDevice: false,
    DeviceOnlyRememberedOnUserPrompt: true,
  },
} as const;

/** A client with every flow the device tests use. */
export const ALL_FLOWS_CLIENT = {
  ExplicitAuthFlows: [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ],
} as const;

/** Options of {@linkcode TestMock}: the handler's, plus how the client side exponentiates. */
export interface TestMockOptions extends MockHandlerOptions {
  /** The SRP backend of the test's client computations. @default the engine's default */
  clientSrp?: ModPowOptions;
}

/** The mock plus the client side of every flow. */
export class TestMock extends MockClient {
  readonly #srp: ModPowOptions;

  constructor(options: TestMockOptions = {}) {
    const { clientSrp = {}, ...handlerOptions } = options;
    super(handlerOptions);
    this.#srp = clientSrp;
  }

  #auth(setup: Provisioned, admin: boolean | undefined, body: Record<string, unknown>): Call {
    return admin === true
      ? { operation: "AdminInitiateAuth", body: { UserPoolId: setup.poolId, ...body } }
      : { operation: "InitiateAuth", body };
  }

  #respond(setup: Provisioned, options: SrpStepOptions, body: Record<string, unknown>): Call {
    const withSession = options.session === undefined
      ? body
      : { ...body, Session: options.session };
    return options.admin === true
      ? {
        operation: "AdminRespondToAuthChallenge",
        body: { UserPoolId: setup.poolId, ...withSession },
      }
      : { operation: "RespondToAuthChallenge", body: withSession };
  }

  /** The claim options: the mock's clock (or a given TIMESTAMP) and the client's backend. */
  #claimOptions(options: SrpStepOptions) {
    const now = this.now;
    return {
      now: () => new Date(now),
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
      ...this.#srp,
    };
  }

  /** InitiateAuth(USER_SRP_AUTH) with a fresh client ephemeral. */
  async srpStart(
    setup: Provisioned,
    username: string,
    options: SrpStepOptions = {},
  ): Promise<{ call: Call; ephemeral: ClientEphemeral }> {
    const ephemeral = createClientEphemeral(this.#srp);
    const parameters: Record<string, string> = {
      USERNAME: username,
      SRP_A: ephemeral.srpA,
      ...await secretHashOf(setup, username),
    };
    if (options.deviceKey !== undefined) parameters.DEVICE_KEY = options.deviceKey;
    const call = this.#auth(setup, options.admin, {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: setup.clientId,
      AuthParameters: parameters,
    });
    return { call, ephemeral };
  }

  /** The PASSWORD_VERIFIER answer to `challenge` (SECRET_HASH over USER_ID_FOR_SRP). */
  async passwordVerifier(
    setup: Provisioned,
    challenge: Json,
    ephemeral: ClientEphemeral,
    password: string,
    options: SrpStepOptions = {},
  ): Promise<Call> {
    const parameters = challenge.ChallengeParameters;
    const claim = passwordClaim({
      userPoolId: setup.poolId,
      userIdForSrp: parameters.USER_ID_FOR_SRP,
      password,
      ephemeral,
      srpB: parameters.SRP_B,
      salt: parameters.SALT,
      secretBlock: parameters.SECRET_BLOCK,
    }, this.#claimOptions(options));
    const responses: Record<string, string> = {
      USERNAME: parameters.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
      TIMESTAMP: claim.TIMESTAMP,
      ...await secretHashOf(setup, parameters.USER_ID_FOR_SRP),
    };
    if (options.deviceKey !== undefined) responses.DEVICE_KEY = options.deviceKey;
    return this.#respond(setup, options, {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: setup.clientId,
      ChallengeResponses: responses,
    });
  }

  /** USER_SRP_AUTH then PASSWORD_VERIFIER, both succeeding; returns the second answer. */
  async srpSignIn(
    setup: Provisioned,
    username: string,
    password = "Passw0rd!",
    options: SrpStepOptions = {},
  ): Promise<Json> {
    const { call, ephemeral } = await this.srpStart(setup, username, options);
    const challenge = await this.ok(call.operation, call.body);
    const answer = await this.passwordVerifier(setup, challenge, ephemeral, password, options);
    return this.ok(answer.operation, answer.body);
  }

  /** ConfirmDevice for `NewDeviceMetadata` with a fresh device secret. */
  async confirmDevice(
    accessToken: string,
    metadata: { DeviceKey: string; DeviceGroupKey: string },
    deviceName = "test-device",
  ): Promise<{ device: KnownDevice; userConfirmationNecessary: boolean }> {
    const secret = createDeviceVerifier(metadata.DeviceGroupKey, metadata.DeviceKey, this.#srp);
    const body = await this.ok("ConfirmDevice", {
      AccessToken: accessToken,
      DeviceKey: metadata.DeviceKey,
      DeviceSecretVerifierConfig: { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt },
      DeviceName: deviceName,
    });
    return {
      device: {
        key: metadata.DeviceKey,
        groupKey: metadata.DeviceGroupKey,
        password: secret.DevicePassword,
      },
      userConfirmationNecessary: body.UserConfirmationNecessary,
    };
  }

  /** Signs in with USER_PASSWORD_AUTH and confirms the device it issued. */
  async signInWithDevice(
    setup: Provisioned,
    username: string,
    password = "Passw0rd!",
  ): Promise<{ tokens: Json; device: KnownDevice }> {
    const tokens = await this.signIn(setup, username, password);
    const { device } = await this.confirmDevice(tokens.AccessToken, tokens.NewDeviceMetadata);
    return { tokens, device };
  }

  /** The DEVICE_SRP_AUTH answer (fresh ephemeral). */
  async deviceSrpAuth(
    setup: Provisioned,
    username: string,
    device: KnownDevice,
    options: SrpStepOptions = {},
  ): Promise<{ call: Call; ephemeral: ClientEphemeral }> {
    const ephemeral = createClientEphemeral(this.#srp);
    const call = this.#respond(setup, options, {
      ChallengeName: "DEVICE_SRP_AUTH",
      ClientId: setup.clientId,
      ChallengeResponses: {
        USERNAME: username,
        DEVICE_KEY: device.key,
        SRP_A: ephemeral.srpA,
        ...await secretHashOf(setup, username),
      },
    });
    return { call, ephemeral };
  }

  /** The DEVICE_PASSWORD_VERIFIER answer to `challenge`. */
  async devicePasswordVerifier(
    setup: Provisioned,
    challenge: Json,
    ephemeral: ClientEphemeral,
    device: KnownDevice,
    options: SrpStepOptions = {},
  ): Promise<Call> {
    const parameters = challenge.ChallengeParameters;
    const claim = deviceClaim({
      deviceGroupKey: device.groupKey,
      deviceKey: device.key,
      devicePassword: device.password,
      ephemeral,
      srpB: parameters.SRP_B,
      salt: parameters.SALT,
      secretBlock: parameters.SECRET_BLOCK,
    }, this.#claimOptions(options));
    return this.#respond(setup, options, {
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      ClientId: setup.clientId,
      ChallengeResponses: {
        USERNAME: parameters.USERNAME,
        DEVICE_KEY: device.key,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
        TIMESTAMP: claim.TIMESTAMP,
        ...await secretHashOf(setup, parameters.USERNAME),
      },
    });
  }

  /** Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER with the device; returns the tokens' answer. */
  async deviceSignIn(
    setup: Provisioned,
    challenge: Json,
    username: string,
    device: KnownDevice,
  ): Promise<Json> {
    assert.equal(challenge.ChallengeName, "DEVICE_SRP_AUTH");
    const start = await this.deviceSrpAuth(setup, username, device, { session: challenge.Session });
    const verifier = await this.ok(start.call.operation, start.call.body);
    assert.equal(verifier.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
    const answer = await this.devicePasswordVerifier(setup, verifier, start.ephemeral, device, {
      session: verifier.Session,
    });
    return this.ok(answer.operation, answer.body);
  }
}
