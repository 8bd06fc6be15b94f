/**
 * The auth flows of InitiateAuth and AdminInitiateAuth, by `AuthFlow` name.
 * Register a flow here, once; a flow that is not registered answers the
 * catalogue's "not implemented by the mock" error.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient } from "../state/types.ts";
import { assertSecretHash } from "./client_auth.ts";
import { passwordSignIn } from "./password.ts";
import { refreshTokens } from "./refresh.ts";
import type { AuthStep } from "./sign_in.ts";
import { startUserSrpAuth } from "./srp.ts";

/** One InitiateAuth / AdminInitiateAuth call, after the client was found. */
export interface FlowRequest {
  readonly context: OperationContext;
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly flow: string;
  /** `AuthParameters` (null values already removed). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly admin: boolean;
}

/** Starts a flow and returns tokens or the first challenge. */
export type FlowHandler = (request: FlowRequest) => Promise<AuthStep>;

/**
 * An AuthParameters / ChallengeResponses entry, or `InvalidParameterException`
 * "Missing required parameter NAME".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { requireParameter } from "./flows.ts";
 * assert.equal(requireParameter({ USERNAME: "a" }, "USERNAME"), "a");
 * assert.throws(() => requireParameter({}, "PASSWORD"), { message: "Missing required parameter PASSWORD" });
 * ```
 */
export function requireParameter(
  parameters: Readonly<Record<string, string>>,
  name: string,
): string {
  const value = parameters[name];
  if (value === undefined || value === "") throw cognitoError("MissingAuthParameter", { name });
  return value;
}

async function password(request: FlowRequest): Promise<AuthStep> {
  const username = requireParameter(request.parameters, "USERNAME");
  const secret = requireParameter(request.parameters, "PASSWORD");
  await assertSecretHash(request.client, username, request.parameters.SECRET_HASH);
  const deviceKey = request.parameters.DEVICE_KEY;
  return passwordSignIn({
    context: request.context,
    pool: request.pool,
    client: request.client,
    username,
    password: secret,
    admin: request.admin,
    ...(deviceKey === undefined ? {} : { deviceKey }),
  });
}

async function refresh(request: FlowRequest): Promise<AuthStep> {
  const token = requireParameter(request.parameters, "REFRESH_TOKEN");
  const deviceKey = request.parameters.DEVICE_KEY;
  const result = await refreshTokens({
    context: request.context,
    pool: request.pool,
    client: request.client,
    token,
    via: "REFRESH_TOKEN_AUTH",
    ...(deviceKey === undefined ? {} : { deviceKey }),
    // §7.7: for refresh, SECRET_HASH covers the internal username.
    authenticate: (user) =>
      assertSecretHash(request.client, user.username, request.parameters.SECRET_HASH),
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** The registered flows. */
export const AUTH_FLOWS: ReadonlyMap<string, FlowHandler> = new Map<string, FlowHandler>([
  ["USER_SRP_AUTH", startUserSrpAuth],
  ["USER_PASSWORD_AUTH", password],
  ["ADMIN_USER_PASSWORD_AUTH", password],
  ["ADMIN_NO_SRP_AUTH", password],
  ["REFRESH_TOKEN_AUTH", refresh],
  ["REFRESH_TOKEN", refresh],
]);

/** Flows only AdminInitiateAuth accepts. */
export const ADMIN_ONLY_FLOWS: ReadonlySet<string> = new Set([
  "ADMIN_USER_PASSWORD_AUTH",
  "ADMIN_NO_SRP_AUTH",
]);

/** Flows only InitiateAuth accepts. */
export const PUBLIC_ONLY_FLOWS: ReadonlySet<string> = new Set(["USER_PASSWORD_AUTH"]);

/** Runs the registered handler of `request.flow`. */
export function startFlow(request: FlowRequest): Promise<AuthStep> {
  const handler = AUTH_FLOWS.get(request.flow);
  if (handler === undefined) {
    throw cognitoError("MockAuthFlowNotImplemented", { flow: request.flow });
  }
  return handler(request);
}
