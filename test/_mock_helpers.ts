/**
 * What the mock's end-to-end tests (test/mock_*_test.ts) share besides
 * src/mock/_testing.ts: the error answers they expect most often, written out
 * (the mock's sources may not spell catalogue texts; tests must), and the
 * pool configurations they start from.
 *
 * @module
 */

/** The error answers the tests compare most often. */
export const FAILURES = {
  incorrect: {
    type: "NotAuthorizedException",
    message: "Incorrect username or password.",
    status: 400,
  },
  invalidRefresh: {
    type: "NotAuthorizedException",
    message: "Invalid Refresh Token.",
    status: 400,
  },
  noDevice: { type: "ResourceNotFoundException", message: "Device does not exist.", status: 400 },
  badSession: {
    type: "NotAuthorizedException",
    message: "Invalid session for the user.",
    status: 400,
  },
} as const;

/** CreateUserPool members: device tracking with the given settings. */
export function deviceTracking(
  challengeOnNewDevice: boolean,
  optIn = false,
): { DeviceConfiguration: Record<string, boolean> } {
  return {
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: challengeOnNewDevice,
      DeviceOnlyRememberedOnUserPrompt: optIn,
    },
  };
}

/** Calls one API operation of a mock over HTTP; it must succeed. Returns the body. */
// deno-lint-ignore no-explicit-any
export async function callOverHttp(url: string, operation: string, body: unknown): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (response.status !== 200) {
    throw new Error(`Cannot call ${operation}: ${response.status} ${JSON.stringify(json)}`);
  }
  return json;
}

/** A fresh pool, a password client and a user, signed in over HTTP with USER_PASSWORD_AUTH. */
export async function signInOverHttp(
  url: string,
  options: { poolName?: string; username?: string; attributes?: Record<string, string> } = {},
): Promise<{ poolId: string; clientId: string; accessToken: string; idToken: string }> {
  const { poolName = "http", username = "u", attributes = {} } = options;
  const poolId = (await callOverHttp(url, "CreateUserPool", { PoolName: poolName })).UserPool.Id;
  const clientId = (await callOverHttp(url, "CreateUserPoolClient", {
    UserPoolId: poolId,
    ClientName: "c",
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
  })).UserPoolClient.ClientId;
  await callOverHttp(url, "AdminCreateUser", {
    UserPoolId: poolId,
    Username: username,
    TemporaryPassword: "Passw0rd!",
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });
  await callOverHttp(url, "AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: username,
    Password: "Passw0rd!",
    Permanent: true,
  });
  const result = (await callOverHttp(url, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!" },
  })).AuthenticationResult;
  return { poolId, clientId, accessToken: result.AccessToken, idToken: result.IdToken };
}
