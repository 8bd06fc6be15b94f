/**
 * App-client checks on the sign-in path: which auth flows a client enables
 * (`ExplicitAuthFlows`, legacy values included), SECRET_HASH (InitiateAuth,
 * RespondToAuthChallenge) and the raw ClientSecret (GetTokensFromRefreshToken,
 * RevokeToken).
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { AppClient, ExplicitAuthFlow } from "../state/types.ts";
import { computeSecretHash } from "./secret_hash.ts";

const LEGACY: ReadonlySet<string> = new Set([
  "ADMIN_NO_SRP_AUTH",
  "CUSTOM_AUTH_FLOW_ONLY",
  "USER_PASSWORD_AUTH",
]);

/** The flows of a client created without ExplicitAuthFlows (CreateUserPoolClient docs). */
const DEFAULT_FLOWS: readonly ExplicitAuthFlow[] = [
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
];

/** The `ALLOW_` value that enables each auth flow. */
const ALLOW_FLAG: ReadonlyMap<string, string> = new Map([
  ["USER_SRP_AUTH", "ALLOW_USER_SRP_AUTH"],
  ["USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
  ["REFRESH_TOKEN_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  ["REFRESH_TOKEN", "ALLOW_REFRESH_TOKEN_AUTH"],
  ["CUSTOM_AUTH", "ALLOW_CUSTOM_AUTH"],
  ["ADMIN_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"],
  ["ADMIN_NO_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"],
  ["USER_AUTH", "ALLOW_USER_AUTH"],
]);

/**
 * Whether `flows` mixes legacy values with `ALLOW_` values, which
 * CreateUserPoolClient refuses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mixesLegacyFlows } from "./client_auth.ts";
 * assert.equal(mixesLegacyFlows(["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]), true);
 * assert.equal(mixesLegacyFlows(["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"]), false);
 * ```
 */
export function mixesLegacyFlows(flows: readonly string[]): boolean {
  return flows.some((flow) => LEGACY.has(flow)) && flows.some((flow) => flow.startsWith("ALLOW_"));
}

/**
 * Whether the client enables `authFlow`. Legacy clients (values without
 * `ALLOW_`) always allow SRP, refresh and custom auth, plus what they list;
 * `CUSTOM_AUTH_FLOW_ONLY` allows only custom auth and refresh.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isFlowEnabled } from "./client_auth.ts";
 * const client = (flows?: string[]) => ({ config: { ExplicitAuthFlows: flows } }) as never;
 * assert.equal(isFlowEnabled(client(["ALLOW_USER_PASSWORD_AUTH"]), "USER_PASSWORD_AUTH"), true);
 * assert.equal(isFlowEnabled(client(["ALLOW_USER_PASSWORD_AUTH"]), "REFRESH_TOKEN_AUTH"), false);
 * assert.equal(isFlowEnabled(client(["ADMIN_NO_SRP_AUTH"]), "ADMIN_USER_PASSWORD_AUTH"), true);
 * assert.equal(isFlowEnabled(client(["ADMIN_NO_SRP_AUTH"]), "REFRESH_TOKEN_AUTH"), true);
 * assert.equal(isFlowEnabled(client(), "USER_PASSWORD_AUTH"), false);
 * ```
 */
export function isFlowEnabled(client: AppClient, authFlow: string): boolean {
  const listed = client.config.ExplicitAuthFlows ?? [];
  const flows: readonly string[] = listed.length === 0 ? DEFAULT_FLOWS : listed;
  if (flows.some((flow) => LEGACY.has(flow))) {
    if (flows.includes("CUSTOM_AUTH_FLOW_ONLY")) {
      return authFlow === "CUSTOM_AUTH" || authFlow.startsWith("REFRESH_TOKEN");
    }
    switch (authFlow) {
      case "USER_PASSWORD_AUTH":
        return flows.includes("USER_PASSWORD_AUTH");
      case "ADMIN_NO_SRP_AUTH":
      case "ADMIN_USER_PASSWORD_AUTH":
        return flows.includes("ADMIN_NO_SRP_AUTH");
      case "USER_AUTH":
        return false;
      default:
        return true;
    }
  }
  const flag = ALLOW_FLAG.get(authFlow);
  return flag !== undefined && flows.includes(flag);
}

/**
 * Throws `InvalidParameterException` ("USER_PASSWORD_AUTH flow not enabled
 * for this client" / "Auth flow not enabled for this client") unless the
 * client enables the flow.
 */
export function assertFlowEnabled(client: AppClient, authFlow: string): void {
  if (isFlowEnabled(client, authFlow)) return;
  throw cognitoError(
    authFlow === "USER_PASSWORD_AUTH" ? "UserPasswordAuthNotEnabled" : "AuthFlowNotEnabled",
  );
}

/**
 * Checks SECRET_HASH for a client with a secret (no-op otherwise). `username`
 * is the name the hash must cover (§7.7: as typed for InitiateAuth, the
 * internal username for REFRESH_TOKEN_AUTH).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertSecretHash } from "./client_auth.ts";
 * import { Secret } from "../state/secret.ts";
 * const client = { id: "1example23456789", secret: new Secret("clientsecret123") } as never;
 * await assertSecretHash(client, "alice", "id3/IJlevsGIl7XeP8N2rmEcQeU/Ukw/V56fPyNQtmo=");
 * await assert.rejects(assertSecretHash(client, "alice", undefined), {
 *   message: "Client 1example23456789 is configured for secret but secret was not received",
 * });
 * ```
 */
export async function assertSecretHash(
  client: AppClient,
  username: string,
  provided: string | undefined,
): Promise<void> {
  if (client.secret === undefined) return;
  if (provided === undefined) throw cognitoError("SecretHashMissing", { clientId: client.id });
  const expected = await computeSecretHash(client.secret.reveal(), username, client.id);
  if (expected !== provided) throw cognitoError("SecretHashMismatch", { clientId: client.id });
}

/**
 * Checks the raw ClientSecret of GetTokensFromRefreshToken and RevokeToken
 * for a client with a secret (no-op otherwise).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertClientSecret } from "./client_auth.ts";
 * import { Secret } from "../state/secret.ts";
 * const client = { id: "c", secret: new Secret("s3cret") } as never;
 * assertClientSecret(client, "s3cret");
 * assert.throws(() => assertClientSecret(client, "wrong"), { name: "NotAuthorizedException" });
 * ```
 */
export function assertClientSecret(client: AppClient, provided: string | undefined): void {
  if (client.secret === undefined) return;
  if (provided === undefined) throw cognitoError("ClientSecretMissing", { clientId: client.id });
  if (!client.secret.equals(provided)) {
    throw cognitoError("ClientSecretMismatch", { clientId: client.id });
  }
}
