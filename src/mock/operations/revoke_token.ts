/**
 * RevokeToken (§5.2): revokes a refresh token and every access token of the
 * same sign-in (same `origin_jti`). Refused when the client has revocation
 * off (UnsupportedOperationException), for access/ID tokens
 * (UnsupportedTokenTypeException) and for another client's token
 * (UnauthorizedException). An unknown refresh token is accepted silently, as
 * RFC 7009 asks of revocation endpoints.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { assertClientSecret } from "../auth/client_auth.ts";
import type { OperationDefinition } from "../context.ts";
import { parseJwt } from "../tokens/jwt.ts";

/** The RevokeToken operation. */
export const operation: OperationDefinition = {
  name: "RevokeToken",
  handle: (input, context) => {
    const { pool, client } = context.store.client(input.ClientId as string);
    if (!client.config.EnableTokenRevocation) throw cognitoError("TokenRevocationDisabled");
    assertClientSecret(client, input.ClientSecret as string | undefined);
    const token = input.Token as string;
    if (parseJwt(token) !== undefined) throw cognitoError("UnsupportedTokenType");
    const record = pool.refreshTokens.get(token);
    if (record === undefined) return {};
    if (record.clientId !== client.id) throw cognitoError("TokenNotIssuedToClient");
    record.revoked = true;
    const origin = pool.origins.get(record.originJti);
    if (origin !== undefined) origin.revoked = true;
    return {};
  },
};
