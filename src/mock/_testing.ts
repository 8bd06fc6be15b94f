/**
 * Test helpers for the mock's unit tests: call operations through the pure
 * request handler (wire format, validation and all) and provision pools,
 * clients and users in one line.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createMockHandler, type MockHandler, type MockHandlerOptions } from "./handler.ts";
import { computeSecretHash } from "./auth/secret_hash.ts";
import { KeyStore } from "./tokens/keys.ts";
import { operationShapes } from "./validate/shapes.ts";
import {
  type ClientEphemeral,
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  passwordClaim,
} from "../srp/mod.ts";
import { checkShapeTypes, unmodelledMembers } from "./validate/validate.ts";

// One key store for every TestMock: RSA keygen once per test file, not per test.
const sharedKeys = new KeyStore("shared");

/** A decoded JSON body. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** A decoded answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // deno-lint-ignore no-explicit-any
  readonly body: any;
}

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

/** A provisioned pool and client. */
export interface Provisioned {
  readonly poolId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

/** The mock plus helpers. */
export class TestMock {
  readonly handler: MockHandler;
  #now: number;

  constructor(options: MockHandlerOptions = {}) {
    this.#now = Date.UTC(2026, 10, 26, 9, 0, 0);
    this.handler = createMockHandler({ clock: () => this.#now, keyStore: sharedKeys, ...options });
  }

  /** Moves the base clock. */
  tick(seconds: number): void {
    this.#now += seconds * 1000;
  }

  /** The base clock, epoch ms. */
  get now(): number {
    return this.#now;
  }

  async #hash(setup: Provisioned, username: string): Promise<Record<string, string>> {
    if (setup.clientSecret === undefined) return {};
    return {
      SECRET_HASH: await computeSecretHash(setup.clientSecret, username, setup.clientId),
    };
  }

  #auth(setup: Provisioned, admin: boolean | undefined, body: Record<string, unknown>): Call {
    return admin === true
      ? { operation: "AdminInitiateAuth", body: { UserPoolId: setup.poolId, ...body } }
      : { operation: "InitiateAuth", body };
  }

  #respond(setup: Provisioned, admin: boolean | undefined, body: Record<string, unknown>): Call {
    return admin === true
      ? { operation: "AdminRespondToAuthChallenge", body: { UserPoolId: setup.poolId, ...body } }
      : { operation: "RespondToAuthChallenge", body };
  }

  /** InitiateAuth(USER_SRP_AUTH) with a fresh client ephemeral. */
  async srpStart(
    setup: Provisioned,
    username: string,
    options: SrpStepOptions = {},
  ): Promise<{ call: Call; ephemeral: ClientEphemeral }> {
    const ephemeral = createClientEphemeral();
    const parameters: Record<string, string> = {
      USERNAME: username,
      SRP_A: ephemeral.srpA,
      ...await this.#hash(setup, username),
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
    const now = this.#now;
    const claim = passwordClaim({
      userPoolId: setup.poolId,
      userIdForSrp: parameters.USER_ID_FOR_SRP,
      password,
      ephemeral,
      srpB: parameters.SRP_B,
      salt: parameters.SALT,
      secretBlock: parameters.SECRET_BLOCK,
    }, {
      now: () => new Date(now),
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    });
    const responses: Record<string, string> = {
      USERNAME: parameters.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
      TIMESTAMP: claim.TIMESTAMP,
      ...await this.#hash(setup, parameters.USER_ID_FOR_SRP),
    };
    if (options.deviceKey !== undefined) responses.DEVICE_KEY = options.deviceKey;
    return this.#respond(setup, options.admin, {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: setup.clientId,
      ChallengeResponses: responses,
      ...(options.session === undefined ? {} : { Session: options.session }),
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
    const secret = createDeviceVerifier(metadata.DeviceGroupKey, metadata.DeviceKey);
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
    const ephemeral = createClientEphemeral();
    const call = this.#respond(setup, options.admin, {
      ChallengeName: "DEVICE_SRP_AUTH",
      ClientId: setup.clientId,
      ChallengeResponses: {
        USERNAME: username,
        DEVICE_KEY: device.key,
        SRP_A: ephemeral.srpA,
        ...await this.#hash(setup, username),
      },
      ...(options.session === undefined ? {} : { Session: options.session }),
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
    const now = this.#now;
    const claim = deviceClaim({
      deviceGroupKey: device.groupKey,
      deviceKey: device.key,
      devicePassword: device.password,
      ephemeral,
      srpB: parameters.SRP_B,
      salt: parameters.SALT,
      secretBlock: parameters.SECRET_BLOCK,
    }, {
      now: () => new Date(now),
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    });
    return this.#respond(setup, options.admin, {
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      ClientId: setup.clientId,
      ChallengeResponses: {
        USERNAME: parameters.USERNAME,
        DEVICE_KEY: device.key,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
        TIMESTAMP: claim.TIMESTAMP,
        ...await this.#hash(setup, parameters.USERNAME),
      },
      ...(options.session === undefined ? {} : { Session: options.session }),
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

  /** Sends one API call. */
  async call(
    operation: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await this.handler.handle(
      new Request("http://mock.test/", {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
          ...headers,
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
  }

  /** Sends one API call that must succeed; returns the body. */
  // deno-lint-ignore no-explicit-any
  async ok(operation: string, body: unknown): Promise<any> {
    const answer = await this.call(operation, body);
    assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer.body)}`);
    assertOutputShape(operation, answer.body);
    return answer.body;
  }

  /** Sends one API call that must fail; returns `{type, message, status}`. */
  async fails(
    operation: string,
    body: unknown,
  ): Promise<{ type: string; message: string; status: number }> {
    const answer = await this.call(operation, body);
    assert.notEqual(answer.status, 200, `${operation} unexpectedly succeeded`);
    assert.equal(answer.headers.get("x-amzn-errortype"), `${answer.body.__type}:`);
    return { type: answer.body.__type, message: answer.body.message, status: answer.status };
  }

  /** Creates a pool and a client (password and refresh flows enabled unless given). */
  async provision(
    pool: Record<string, unknown> = {},
    client: Record<string, unknown> = {},
  ): Promise<Provisioned> {
    const { UserPool } = await this.ok("CreateUserPool", { PoolName: "test", ...pool });
    const { UserPoolClient } = await this.ok("CreateUserPoolClient", {
      UserPoolId: UserPool.Id,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      ],
      ...client,
    });
    return {
      poolId: UserPool.Id,
      clientId: UserPoolClient.ClientId,
      ...(UserPoolClient.ClientSecret === undefined
        ? {}
        : { clientSecret: UserPoolClient.ClientSecret }),
    };
  }

  /** Creates a CONFIRMED user with a permanent password. Returns the internal username. */
  async user(
    poolId: string,
    username: string,
    password = "Passw0rd!",
    attributes: Record<string, string> = {},
  ): Promise<string> {
    const { User } = await this.ok("AdminCreateUser", {
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    });
    await this.ok("AdminSetUserPassword", {
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    });
    return User.Username;
  }

  /** Signs in with USER_PASSWORD_AUTH; returns the AuthenticationResult. */
  // deno-lint-ignore no-explicit-any
  async signIn(setup: Provisioned, username: string, password = "Passw0rd!"): Promise<any> {
    const parameters: Record<string, string> = { USERNAME: username, PASSWORD: password };
    if (setup.clientSecret !== undefined) {
      parameters.SECRET_HASH = await computeSecretHash(
        setup.clientSecret,
        username,
        setup.clientId,
      );
    }
    const body = await this.ok("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: setup.clientId,
      AuthParameters: parameters,
    });
    return body.AuthenticationResult;
  }
}

/** The decoded payload of a JWT (no verification). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split(".")[1]!;
  return JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));
}

/** Asserts that an operation's output has the model's JSON types and no unmodelled member. */
export function assertOutputShape(operation: string, body: unknown): void {
  const output = operationShapes(operation)?.output;
  if (output === undefined) return;
  checkShapeTypes(output, body);
  assert.deepEqual(
    unmodelledMembers(output, body),
    [],
    `${operation} output has unmodelled members`,
  );
}
