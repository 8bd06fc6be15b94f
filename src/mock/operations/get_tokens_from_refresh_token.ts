/**
 * GetTokensFromRefreshToken: the raw `ClientSecret` for clients with a
 * secret, then the central refresh. With `RefreshTokenRotation` enabled the
 * answer carries a new refresh token and the old one works only during
 * `RetryGracePeriodSeconds`; afterwards `RefreshTokenReuseException`.
 *
 * @module
 */

import { assertClientSecret } from "../auth/client_auth.ts";
import { refreshTokens } from "../auth/refresh.ts";
import type { OperationDefinition } from "../context.ts";

/** The GetTokensFromRefreshToken operation. */
export const operation: OperationDefinition = {
  name: "GetTokensFromRefreshToken",
  handle: async (input, context) => {
    const { pool, client } = context.store.client(input.ClientId as string);
    assertClientSecret(client, input.ClientSecret as string | undefined);
    const deviceKey = input.DeviceKey as string | undefined;
    const result = await refreshTokens({
      context,
      pool,
      client,
      token: input.RefreshToken as string,
      via: "GetTokensFromRefreshToken",
      ...(deviceKey === undefined ? {} : { deviceKey }),
    });
    return { AuthenticationResult: result };
  },
};
