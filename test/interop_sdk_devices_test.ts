/**
 * The official AWS SDK for JavaScript v3 against the mock's device tracking:
 * the Admin device operations (signed), the token-authorised ones, device
 * SRP through RespondToAuthChallenge, and the §6.8 refusals as the SDK's
 * typed exceptions — a device-ON refresh without DEVICE_KEY is
 * `NotAuthorizedException` "Invalid Refresh Token.".
 */
import assert from "node:assert/strict";
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoClient } from "../src/cognito/client.ts";
import { createMockServer, KeyStore } from "../src/mock/mod.ts";
import {
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  passwordClaim,
} from "../src/srp/mod.ts";

/** The SDK signs with these; the mock verifies its signatures (SigV4 by @smithy/signature-v4). */
const SDK_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dummy-secret-key" };

const keyStore = new KeyStore("shared");

interface Fixture {
  client: CognitoIdentityProviderClient;
  poolId: string;
  clientId: string;
}

async function withDevicePool(
  deviceConfiguration: Record<string, boolean>,
  test: (fixture: Fixture) => Promise<void>,
): Promise<void> {
  const server = await createMockServer({
    keyStore,
    requireSignature: true,
    credentials: [SDK_CREDENTIALS],
  });
  const client = new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: SDK_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    // Provisioning signed by the harness's own signer (aws4fetch), the test's calls by the SDK's.
    const admin = new CognitoClient(server.url, { credentials: SDK_CREDENTIALS });
    // deno-lint-ignore no-explicit-any
    const signed = async (operation: string, body: unknown): Promise<any> =>
      (await admin.send(operation, body)).response?.body;
    const { UserPool } = await signed("CreateUserPool", {
      PoolName: "sdk-devices",
      DeviceConfiguration: deviceConfiguration,
    });
    const { UserPoolClient } = await signed("CreateUserPoolClient", {
      UserPoolId: UserPool.Id,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    });
    await signed("AdminCreateUser", {
      UserPoolId: UserPool.Id,
      Username: "alice",
      MessageAction: "SUPPRESS",
    });
    await signed("AdminSetUserPassword", {
      UserPoolId: UserPool.Id,
      Username: "alice",
      Password: "Passw0rd!",
      Permanent: true,
    });
    await test({ client, poolId: UserPool.Id, clientId: UserPoolClient.ClientId });
  } finally {
    client.destroy();
    await server.close();
  }
}

async function passwordSignIn(fixture: Fixture, deviceKey?: string) {
  return await fixture.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: fixture.clientId,
      AuthParameters: {
        USERNAME: "alice",
        PASSWORD: "Passw0rd!",
        ...(deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey }),
      },
    }),
  );
}

async function signInAndConfirm(fixture: Fixture) {
  const result = (await passwordSignIn(fixture)).AuthenticationResult!;
  const metadata = result.NewDeviceMetadata!;
  const secret = createDeviceVerifier(metadata.DeviceGroupKey!, metadata.DeviceKey!);
  const confirmed = await fixture.client.send(
    new ConfirmDeviceCommand({
      AccessToken: result.AccessToken!,
      DeviceKey: metadata.DeviceKey!,
      DeviceSecretVerifierConfig: { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt },
      DeviceName: "sdk-device",
    }),
  );
  return { result, metadata, secret, confirmed };
}

const OPT_IN = { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true };
const ALWAYS = { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false };

Deno.test("interop sdk devices: a device-ON refresh without DEVICE_KEY is NotAuthorizedException 'Invalid Refresh Token.'", async () => {
  await withDevicePool(ALWAYS, async (fixture) => {
    const { result, metadata } = await signInAndConfirm(fixture);
    const isInvalidRefresh = (error: NotAuthorizedException) =>
      error instanceof NotAuthorizedException && error.name === "NotAuthorizedException" &&
      error.message === "Invalid Refresh Token." && error.$metadata.httpStatusCode === 400;
    await assert.rejects(
      fixture.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: fixture.clientId,
          AuthParameters: { REFRESH_TOKEN: result.RefreshToken! },
        }),
      ),
      isInvalidRefresh,
    );
    await assert.rejects(
      fixture.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: fixture.clientId,
          RefreshToken: result.RefreshToken!,
        }),
      ),
      isInvalidRefresh,
    );
    const refreshed = await fixture.client.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: fixture.clientId,
        AuthParameters: { REFRESH_TOKEN: result.RefreshToken!, DEVICE_KEY: metadata.DeviceKey! },
      }),
    );
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
    assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined);
  });
});

Deno.test("interop sdk devices: Admin device operations with the SDK's types (Dates, attributes)", async () => {
  await withDevicePool(OPT_IN, async (fixture) => {
    const { metadata, confirmed } = await signInAndConfirm(fixture);
    assert.equal(confirmed.UserConfirmationNecessary, true);
    const key = metadata.DeviceKey!;
    const admin = { UserPoolId: fixture.poolId, Username: "alice" };
    const { Device } = await fixture.client.send(
      new AdminGetDeviceCommand({ ...admin, DeviceKey: key }),
    );
    assert.equal(Device?.DeviceKey, key);
    assert.ok(Device?.DeviceCreateDate instanceof Date);
    assert.ok(Device?.DeviceLastAuthenticatedDate instanceof Date);
    assert.deepEqual(
      Device?.DeviceAttributes?.map((attribute) => attribute.Name),
      [
        "device_status",
        "device_name",
        "dev:device_arn",
        "dev:device_owner",
        "last_ip_used",
        "dev:device_remembered_status",
        "dev:device_sdk",
      ],
    );
    const listed = await fixture.client.send(new AdminListDevicesCommand({ ...admin, Limit: 10 }));
    assert.deepEqual(listed.Devices?.map((device) => device.DeviceKey), [key]);
    await fixture.client.send(
      new AdminUpdateDeviceStatusCommand({
        ...admin,
        DeviceKey: key,
        DeviceRememberedStatus: "remembered",
      }),
    );
    const after = await fixture.client.send(
      new AdminGetDeviceCommand({ ...admin, DeviceKey: key }),
    );
    assert.equal(
      after.Device?.DeviceAttributes?.find((a) => a.Name === "dev:device_remembered_status")?.Value,
      "remembered",
    );
    await fixture.client.send(new AdminForgetDeviceCommand({ ...admin, DeviceKey: key }));
    await assert.rejects(
      fixture.client.send(new AdminGetDeviceCommand({ ...admin, DeviceKey: key })),
      (error: ResourceNotFoundException) =>
        error instanceof ResourceNotFoundException && error.message === "Device does not exist.",
    );
  });
});

Deno.test("interop sdk devices: token operations and a device SRP sign-in through RespondToAuthChallenge", async () => {
  await withDevicePool(OPT_IN, async (fixture) => {
    const { result, metadata, secret } = await signInAndConfirm(fixture);
    const key = metadata.DeviceKey!;
    const token = { AccessToken: result.AccessToken! };
    assert.deepEqual((await fixture.client.send(new ListDevicesCommand(token))).Devices, []);
    await assert.rejects(
      fixture.client.send(new GetDeviceCommand({ ...token, DeviceKey: key })),
      ResourceNotFoundException,
    );
    await fixture.client.send(
      new UpdateDeviceStatusCommand({
        ...token,
        DeviceKey: key,
        DeviceRememberedStatus: "remembered",
      }),
    );
    const got = await fixture.client.send(new GetDeviceCommand({ ...token, DeviceKey: key }));
    assert.equal(got.Device?.DeviceKey, key);

    // USER_SRP_AUTH → PASSWORD_VERIFIER (with the key) → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER.
    const ephemeral = createClientEphemeral();
    const challenge = await fixture.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_SRP_AUTH",
        ClientId: fixture.clientId,
        AuthParameters: { USERNAME: "alice", SRP_A: ephemeral.srpA },
      }),
    );
    const parameters = challenge.ChallengeParameters!;
    const claim = passwordClaim({
      userPoolId: fixture.poolId,
      userIdForSrp: parameters.USER_ID_FOR_SRP!,
      password: "Passw0rd!",
      ephemeral,
      srpB: parameters.SRP_B!,
      salt: parameters.SALT!,
      secretBlock: parameters.SECRET_BLOCK!,
    });
    const device = await fixture.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: fixture.clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: {
          USERNAME: parameters.USER_ID_FOR_SRP!,
          PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
          PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
          TIMESTAMP: claim.TIMESTAMP,
          DEVICE_KEY: key,
        },
      }),
    );
    assert.equal(device.ChallengeName, "DEVICE_SRP_AUTH");
    const deviceEphemeral = createClientEphemeral();
    const verifier = await fixture.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: fixture.clientId,
        ChallengeName: "DEVICE_SRP_AUTH",
        Session: device.Session!,
        ChallengeResponses: { USERNAME: "alice", DEVICE_KEY: key, SRP_A: deviceEphemeral.srpA },
      }),
    );
    const deviceParameters = verifier.ChallengeParameters!;
    const deviceProof = deviceClaim({
      deviceGroupKey: metadata.DeviceGroupKey!,
      deviceKey: key,
      devicePassword: secret.DevicePassword,
      ephemeral: deviceEphemeral,
      srpB: deviceParameters.SRP_B!,
      salt: deviceParameters.SALT!,
      secretBlock: deviceParameters.SECRET_BLOCK!,
    });
    const tokens = await fixture.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: fixture.clientId,
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: verifier.Session!,
        ChallengeResponses: {
          USERNAME: deviceParameters.USERNAME!,
          DEVICE_KEY: key,
          PASSWORD_CLAIM_SECRET_BLOCK: deviceParameters.SECRET_BLOCK!,
          PASSWORD_CLAIM_SIGNATURE: deviceProof.PASSWORD_CLAIM_SIGNATURE,
          TIMESTAMP: deviceProof.TIMESTAMP,
        },
      }),
    );
    assert.ok(tokens.AuthenticationResult?.AccessToken);
    assert.equal(tokens.AuthenticationResult?.NewDeviceMetadata, undefined);
  });
});
