/**
 * App client configuration shared by Create/Update/DescribeUserPoolClient:
 * defaults (refresh token 30 days, revocation on, session 3 minutes,
 * PreventUserExistenceErrors LEGACY), the "unset means default" rule of
 * UpdateUserPoolClient, and the `UserPoolClientType` output.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { epochSeconds, type JsonObject, type OperationContext } from "../context.ts";
import { assertSecretHash, mixesLegacyFlows } from "../auth/client_auth.ts";
import type { StoredPool } from "../state/store.ts";
import type { AppClient, ClientConfig } from "../state/types.ts";

/** Members stored and echoed as given. */
const ECHOED = [
  "AccessTokenValidity",
  "IdTokenValidity",
  "TokenValidityUnits",
  "ReadAttributes",
  "WriteAttributes",
  "ExplicitAuthFlows",
  "SupportedIdentityProviders",
  "CallbackURLs",
  "LogoutURLs",
  "DefaultRedirectURI",
  "AllowedOAuthFlows",
  "AllowedOAuthScopes",
  "AnalyticsConfiguration",
  "RefreshTokenRotation",
] as const;

/**
 * A client's configuration from a Create/UpdateUserPoolClient input; members
 * not given take their defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clientConfig } from "./_client.ts";
 * const config = clientConfig({ ClientName: "web" });
 * assert.equal(config.RefreshTokenValidity, 30);
 * assert.equal(config.EnableTokenRevocation, true);
 * assert.equal(config.AuthSessionValidity, 3);
 * assert.throws(() => clientConfig({ ClientName: "x", ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"] }));
 * ```
 */
export function clientConfig(input: JsonObject): ClientConfig {
  const flows = input.ExplicitAuthFlows as string[] | undefined;
  if (flows !== undefined && mixesLegacyFlows(flows)) throw cognitoError("ExplicitAuthFlowsMixed");
  const config: ClientConfig = {
    ClientName: input.ClientName as string,
    RefreshTokenValidity: (input.RefreshTokenValidity as number | undefined) ?? 30,
    AllowedOAuthFlowsUserPoolClient:
      (input.AllowedOAuthFlowsUserPoolClient as boolean | undefined) ?? false,
    PreventUserExistenceErrors:
      (input.PreventUserExistenceErrors as ClientConfig["PreventUserExistenceErrors"]) ??
        "LEGACY",
    EnableTokenRevocation: (input.EnableTokenRevocation as boolean | undefined) ?? true,
    EnablePropagateAdditionalUserContextData:
      (input.EnablePropagateAdditionalUserContextData as boolean | undefined) ?? false,
    AuthSessionValidity: (input.AuthSessionValidity as number | undefined) ?? 3,
  };
  for (const name of ECHOED) {
    if (input[name] !== undefined) (config as JsonObject)[name] = structuredClone(input[name]);
  }
  return config;
}

/** `UserPoolClientType` as Create/DescribeUserPoolClient return it (with the secret, as AWS does). */
export function describeClient(client: AppClient): JsonObject {
  const { ClientName, ...rest } = client.config;
  return {
    UserPoolId: client.poolId,
    ClientName,
    ClientId: client.id,
    ...(client.secret === undefined ? {} : { ClientSecret: client.secret.reveal() }),
    LastModifiedDate: epochSeconds(client.lastModifiedAt),
    CreationDate: epochSeconds(client.createdAt),
    ...structuredClone(rest),
  };
}

/** The caller of a public user operation (SignUp, ConfirmSignUp): its client and the username. */
export interface PublicCaller {
  readonly pool: StoredPool;
  readonly client: AppClient;
  readonly username: string;
}

/** The `ClientId`'s client, with `SecretHash` over `Username` checked (a client with a secret). */
export async function publicCaller(
  context: OperationContext,
  input: JsonObject,
): Promise<PublicCaller> {
  const { pool, client } = context.store.client(input.ClientId as string);
  const username = input.Username as string;
  await assertSecretHash(client, username, input.SecretHash as string | undefined);
  return { pool, client, username };
}
