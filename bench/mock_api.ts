/**
 * Minimal Cognito API calls for the mock benchmark, the same for all three
 * servers: plain fetch with AWS JSON 1.1 headers, a dummy SigV4
 * `Authorization` header on admin calls (no server here verifies it), and
 * provisioning of the pool, app client and confirmed user the sign-ins use.
 */

const TARGET = "AWSCognitoIdentityProviderService";

/** A syntactically valid SigV4 header with dummy credentials; nothing verifies it. */
const DUMMY_AUTHORIZATION = "AWS4-HMAC-SHA256 " +
  "Credential=test/20260101/us-east-1/cognito-idp/aws4_request, " +
  "SignedHeaders=host;x-amz-target, Signature=0000";

/** One API answer. */
export interface ApiAnswer {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** Options of {@linkcode call}. */
export interface CallOptions {
  /** Send the dummy SigV4 header (admin and pool-management operations). @default false */
  signed?: boolean;
  /** Connection pool to use. @default fetch's default client */
  client?: Deno.HttpClient;
}

/** Calls one operation; never throws for an HTTP error status. */
export async function call(
  endpoint: string,
  operation: string,
  body: unknown,
  options: CallOptions = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `${TARGET}.${operation}`,
  };
  if (options.signed === true) headers.authorization = DUMMY_AUTHORIZATION;
  const response = await fetch(`${endpoint}/`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    ...(options.client === undefined ? {} : { client: options.client }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML error pages (moto's 500s) stay text
  }
  return { status: response.status, body: parsed };
}

/** An error in the setup calls, with the server's error type (never secrets). */
export class ProvisionError extends Error {
  override name = "ProvisionError";
}

/** The short, secret-free description of an error answer. */
export function describeAnswer(answer: ApiAnswer): string {
  const type = typeof answer.body === "object" && answer.body !== null
    ? String(answer.body.__type ?? "")
    : "";
  return `${answer.status}${type ? ` ${type}` : ""}`;
}

async function admin(endpoint: string, operation: string, body: unknown): Promise<ApiAnswer> {
  const answer = await call(endpoint, operation, body, { signed: true });
  if (answer.status !== 200) {
    throw new ProvisionError(`Cannot provision: ${operation} answered ${describeAnswer(answer)}`);
  }
  return answer;
}

/** A pool, app client and confirmed user ready for sign-ins. */
export interface BenchUser {
  poolId: string;
  clientId: string;
  username: string;
  /** Dummy benchmark password; still never printed. */
  password: string;
}

/** Options of {@linkcode provisionUser}. */
export interface ProvisionOptions {
  /** `DeviceConfiguration` of the pool; omitted (device tracking off) by default. */
  deviceConfiguration?: {
    ChallengeRequiredOnNewDevice: boolean;
    DeviceOnlyRememberedOnUserPrompt: boolean;
  };
  /** Pool name. @default "bench" */
  poolName?: string;
}

const USERNAME = "alice";
const PASSWORD = "Passw0rd!Passw0rd";

/**
 * Creates a pool, a secretless app client that allows USER_PASSWORD_AUTH,
 * USER_SRP_AUTH and refresh, and user `alice` confirmed with a permanent
 * password (AdminCreateUser + AdminSetUserPassword), as the peer research did.
 */
export async function provisionUser(
  endpoint: string,
  options: ProvisionOptions = {},
): Promise<BenchUser> {
  const pool = await admin(endpoint, "CreateUserPool", {
    PoolName: options.poolName ?? "bench",
    ...(options.deviceConfiguration === undefined
      ? {}
      : { DeviceConfiguration: options.deviceConfiguration }),
  });
  const poolId = String(pool.body.UserPool.Id);
  const client = await admin(endpoint, "CreateUserPoolClient", {
    UserPoolId: poolId,
    ClientName: "bench",
    GenerateSecret: false,
    ExplicitAuthFlows: [
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ],
  });
  const clientId = String(client.body.UserPoolClient.ClientId);
  await admin(endpoint, "AdminCreateUser", {
    UserPoolId: poolId,
    Username: USERNAME,
    TemporaryPassword: "TempPassw0rd!",
    MessageAction: "SUPPRESS",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
  });
  await admin(endpoint, "AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: USERNAME,
    Password: PASSWORD,
    Permanent: true,
  });
  return { poolId, clientId, username: USERNAME, password: PASSWORD };
}

/** The InitiateAuth USER_PASSWORD_AUTH body that every load generator sends. */
export function passwordAuthBody(user: BenchUser): string {
  return JSON.stringify({
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: user.clientId,
    AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
  });
}

/** Whether an answer is a completed sign-in (200 with an access token). */
export function isSignedIn(answer: ApiAnswer): boolean {
  return answer.status === 200 &&
    typeof answer.body?.AuthenticationResult?.AccessToken === "string";
}
