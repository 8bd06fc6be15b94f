/**
 * SetUserPoolMfaConfig: the pool's `MfaConfiguration` (OFF / ON / OPTIONAL,
 * also reported by DescribeUserPool) and `SoftwareTokenMfaConfiguration`
 * (whether TOTP is offered); SMS, email and WebAuthn settings are stored and
 * echoed. Members left out keep their value. Answers the configuration as
 * GetUserPoolMfaConfig does.
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import type { MfaConfiguration, PoolMfaSettings } from "../state/types.ts";
import { poolMfaConfig } from "./_mfa.ts";

const STORED = [
  "SmsMfaConfiguration",
  "SoftwareTokenMfaConfiguration",
  "EmailMfaConfiguration",
  "WebAuthnConfiguration",
] as const;

/** The SetUserPoolMfaConfig operation. */
export const operation: OperationDefinition = {
  name: "SetUserPoolMfaConfig",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const settings: PoolMfaSettings = { ...pool.mfaSettings };
    for (const member of STORED) {
      if (input[member] !== undefined) {
        (settings as Record<string, unknown>)[member] = structuredClone(input[member]);
      }
    }
    pool.mfaSettings = settings;
    if (input.MfaConfiguration !== undefined) {
      pool.config.MfaConfiguration = input.MfaConfiguration as MfaConfiguration;
    }
    pool.lastModifiedAt = context.clock.now(pool.id);
    return poolMfaConfig(pool);
  },
};
