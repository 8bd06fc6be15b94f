/**
 * GetUserPoolMfaConfig: `MfaConfiguration`, the effective
 * `SoftwareTokenMfaConfiguration` and any SMS, email and WebAuthn settings
 * SetUserPoolMfaConfig stored.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { poolMfaConfig } from "./_mfa.ts";

/** The GetUserPoolMfaConfig operation. */
export const operation: OperationDefinition = {
  name: "GetUserPoolMfaConfig",
  handle: (input, context) => poolMfaConfig(context.store.pool(input.UserPoolId as string)),
};
