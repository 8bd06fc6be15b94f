/**
 * Authenticates the `AccessToken` of token-authorised operations (GetUser,
 * GlobalSignOut, and later ConfirmDevice, ListDevices, …): a token this mock
 * signed for an existing pool, of `token_use` access, not expired, not
 * revoked (RevokeToken or global sign-out), with the
 * `aws.cognito.signin.user.admin` scope, for a user who still exists and is
 * enabled.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import type { AuthOrigin, User } from "../state/types.ts";
import { parseJwt, verifyJwt } from "../tokens/jwt.ts";
import { ADMIN_SCOPE } from "../tokens/mint.ts";
import { isOriginRevoked } from "./refresh.ts";

/** An authenticated access token. */
export interface AccessGrant {
  readonly pool: StoredPool;
  readonly user: User;
  /** The sign-in the token came from. */
  readonly origin: AuthOrigin;
  /** The verified claims. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * Verifies an access token, or throws the matching `NotAuthorizedException`
 * ("Invalid Access Token", "Access Token has expired", "Access Token has been
 * revoked", "Access Token does not have required scopes") or
 * `UserNotFoundException`.
 */
export async function authenticateAccessToken(
  context: OperationContext,
  token: string,
): Promise<AccessGrant> {
  const jwt = parseJwt(token);
  const iss = jwt?.payload.iss;
  const poolId = typeof iss === "string" ? iss.slice(iss.lastIndexOf("/") + 1) : undefined;
  const pool = poolId === undefined ? undefined : context.store.pools.get(poolId);
  if (jwt === undefined || pool === undefined || iss !== context.issuer(pool.id)) {
    throw cognitoError("AccessTokenInvalid");
  }
  const keys = await context.keys.forPool(pool.id);
  if (
    jwt.header.kid !== keys.access.kid || jwt.header.alg !== "RS256" ||
    !(await verifyJwt(jwt, keys.access))
  ) {
    throw cognitoError("AccessTokenInvalid");
  }
  const claims = jwt.payload;
  if (claims.token_use !== "access" || typeof claims.exp !== "number") {
    throw cognitoError("AccessTokenInvalid");
  }
  if (context.clock.now(pool.id) >= claims.exp * 1000) throw cognitoError("AccessTokenExpired");
  const origin = typeof claims.origin_jti === "string"
    ? pool.origins.get(claims.origin_jti)
    : undefined;
  const user = typeof claims.sub === "string" ? pool.users.bySub(claims.sub) : undefined;
  if (origin === undefined) throw cognitoError("AccessTokenInvalid");
  if (user === undefined) throw cognitoError("UserNotFound");
  if (isOriginRevoked(origin, user)) throw cognitoError("AccessTokenRevoked");
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
  if (!scopes.includes(ADMIN_SCOPE)) throw cognitoError("AccessTokenScope");
  if (!user.enabled) throw cognitoError("UserDisabled");
  return { pool, user, origin, claims };
}
