/**
 * Token verification endpoints per pool (§8.4), under the issuer's path:
 * `GET /<poolId>/.well-known/jwks.json` (the ID-token and access-token public
 * keys) and `GET /<poolId>/.well-known/openid-configuration` (issuer and
 * `jwks_uri` consistent with the tokens' `iss`).
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { MockServices } from "../context.ts";
import { errorResponse, jsonResponse } from "./responses.ts";

const WELL_KNOWN = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/** Whether a path is one of the `.well-known` documents. */
export function isWellKnownPath(path: string): boolean {
  return WELL_KNOWN.test(path);
}

/** Answers a `.well-known` request (404 for an unknown pool). */
export async function handleWellKnown(path: string, services: MockServices): Promise<Response> {
  const [, poolId = "", document] = WELL_KNOWN.exec(path) ?? [];
  const requestId = services.ids.uuid();
  const now = services.clock.now();
  if (!services.store.pools.has(poolId)) {
    return errorResponse(cognitoError("JwksPoolNotFound", { poolId }), {
      requestId,
      now,
      contentType: "application/json",
    });
  }
  if (document === "jwks.json") {
    return jsonResponse(await services.keys.jwks(poolId), {
      requestId,
      now,
      contentType: "application/json",
    });
  }
  const issuer = services.issuer(poolId);
  return jsonResponse({
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ["code", "token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "phone", "profile"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  }, { requestId, now, contentType: "application/json" });
}
