/**
 * The official AWS SDK for JavaScript v3 against the mock: provisioning,
 * sign-in, refresh, revocation, sign-out, and errors as the SDK parses them.
 */
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { createMockServer, type MockServer } from "../src/mock/mod.ts";

/** The SDK signs with these; the mock verifies its signatures (SigV4 by @smithy/signature-v4). */
const SDK_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dummy-secret-key" };

function sdk(server: MockServer): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: SDK_CREDENTIALS,
    maxAttempts: 1,
  });
}

async function withMock(
  test: (client: CognitoIdentityProviderClient, server: MockServer) => Promise<void>,
): Promise<void> {
  const server = await createMockServer({
    keyStrategy: "shared",
    requireSignature: true,
    credentials: [SDK_CREDENTIALS],
  });
  const client = sdk(server);
  try {
    await test(client, server);
  } finally {
    client.destroy();
    await server.close();
  }
}

/** `devices`: turn device tracking on (then refresh needs the device key, §6.8). */
async function provision(client: CognitoIdentityProviderClient, devices = false) {
  const pool = await client.send(
    new CreateUserPoolCommand({
      PoolName: "sdk",
      ...(devices
        ? {
          DeviceConfiguration: {
            ChallengeRequiredOnNewDevice: true,
            DeviceOnlyRememberedOnUserPrompt: true,
          },
        }
        : {}),
    }),
  );
  const poolId = pool.UserPool!.Id!;
  const app = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      ],
    }),
  );
  const clientId = app.UserPoolClient!.ClientId!;
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "alice",
      TemporaryPassword: "TempPassw0rd!",
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
    }),
  );
  return { poolId, clientId };
}

Deno.test("interop sdk: provisioning through signed admin calls, output types as the SDK models them", async () => {
  await withMock(async (client) => {
    const { poolId } = await provision(client, true);
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    assert.ok(described.UserPool?.CreationDate instanceof Date);
    assert.deepEqual(described.UserPool?.DeviceConfiguration, {
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
    const user = await client.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }),
    );
    assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(user.UserCreateDate instanceof Date);
    const list = await client.send(
      new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "alice@example.com"' }),
    );
    assert.equal(list.Users?.[0]?.Username, "alice");
  });
});

Deno.test("interop sdk: NEW_PASSWORD_REQUIRED, sign-in, refresh, GetUser, revoke and global sign-out", async () => {
  await withMock(async (client) => {
    const { poolId, clientId } = await provision(client);
    const challenge = await client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "alice", PASSWORD: "TempPassw0rd!" },
      }),
    );
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const answered = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "alice", NEW_PASSWORD: "Passw0rd!" },
      }),
    );
    const first = answered.AuthenticationResult!;
    assert.equal(first.TokenType, "Bearer");
    assert.equal(first.ExpiresIn, 3600);
    const refreshed = await client.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
      }),
    );
    assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined);
    assert.deepEqual(refreshed.ChallengeParameters, {});
    const viaGetTokens = await client.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: clientId,
        RefreshToken: first.RefreshToken!,
      }),
    );
    assert.ok(viaGetTokens.AuthenticationResult?.AccessToken);
    const me = await client.send(
      new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken! }),
    );
    assert.equal(me.Username, "alice");

    await client.send(new RevokeTokenCommand({ ClientId: clientId, Token: first.RefreshToken! }));
    await assert.rejects(
      client.send(new GetUserCommand({ AccessToken: first.AccessToken! })),
      (error: NotAuthorizedException) =>
        error instanceof NotAuthorizedException &&
        error.message === "Access Token has been revoked",
    );

    const second = (await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
      }),
    )).AuthenticationResult!;
    await client.send(new GlobalSignOutCommand({ AccessToken: second.AccessToken! }));
    await assert.rejects(
      client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: second.RefreshToken! },
        }),
      ),
      (error: NotAuthorizedException) =>
        error.name === "NotAuthorizedException" &&
        error.message === "Refresh Token has been revoked" &&
        error.$metadata.httpStatusCode === 400 && error.$fault === "client",
    );
  });
});

Deno.test("interop sdk: errors arrive as the SDK's typed exceptions with Cognito's messages", async () => {
  await withMock(async (client) => {
    const { poolId, clientId } = await provision(client);
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: "alice",
        Password: "Passw0rd!",
        Permanent: true,
      }),
    );
    await assert.rejects(
      client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "alice", PASSWORD: "Wr0ng!pass" },
        }),
      ),
      (error: NotAuthorizedException) =>
        error instanceof NotAuthorizedException &&
        error.message === "Incorrect username or password.",
    );
    await assert.rejects(
      client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nobody" })),
      (error: UserNotFoundException) =>
        error instanceof UserNotFoundException && error.message === "User does not exist.",
    );
    await assert.rejects(
      client.send(new DescribeUserPoolCommand({ UserPoolId: "not-a-pool-id" })),
      (error: Error) =>
        error.name === "InvalidParameterException" &&
        error.message.startsWith(
          "1 validation error detected: Value 'not-a-pool-id' at 'userPoolId'",
        ),
    );
    await assert.rejects(
      client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: "nosuchclient",
          AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
        }),
      ),
      (error: Error) =>
        error.name === "ResourceNotFoundException" &&
        error.message === "User pool client nosuchclient does not exist.",
    );
  });
});
