/**
 * Shared parts of the MFA operations: applying SetUserMFAPreference /
 * AdminSetUserMFAPreference settings, and the pool's MFA configuration as
 * SetUserPoolMfaConfig and GetUserPoolMfaConfig report it.
 *
 * Only TOTP is simulated: enabling SMS, email or WebAuthn MFA answers the
 * mock's "not implemented" error instead of pretending.
 *
 * @module
 */

import { cognitoError, type CognitoErrorId } from "../../cognito/errors.ts";
import { hasVerifiedTotp, softwareTokenEnabled } from "../auth/mfa.ts";
import type { JsonObject } from "../context.ts";
import type { User, UserPool } from "../state/types.ts";

interface FactorSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

const UNSIMULATED: ReadonlyArray<readonly [string, string]> = [
  ["SMSMfaSettings", "SMS MFA"],
  ["EmailMfaSettings", "email MFA"],
  ["WebAuthnMfaSettings", "WebAuthn MFA"],
];

const TOTP = "SOFTWARE_TOKEN_MFA";

/**
 * Applies MFA preferences to a user. Turning TOTP on (or preferring it)
 * needs a verified software token, else the error `notSetUp` (the two
 * operations word it differently, §10).
 */
export function applyMfaPreference(user: User, input: JsonObject, notSetUp: CognitoErrorId): void {
  for (const [member, feature] of UNSIMULATED) {
    const settings = input[member] as FactorSettings | undefined;
    if (settings?.Enabled === true || settings?.PreferredMfa === true) {
      throw cognitoError("MockFeatureNotImplemented", { feature });
    }
  }
  const totp = input.SoftwareTokenMfaSettings as FactorSettings | undefined;
  if (totp === undefined) return;
  const mfa = user.mfa;
  if (totp.Enabled === true || totp.PreferredMfa === true) {
    if (!hasVerifiedTotp(user)) throw cognitoError(notSetUp as "SoftwareTokenNotSetUp");
    if (!mfa.enabled.includes(TOTP)) mfa.enabled.push(TOTP);
    if (totp.PreferredMfa === true) mfa.preferred = TOTP;
  }
  if (totp.Enabled === false) {
    mfa.enabled.splice(0, mfa.enabled.length, ...mfa.enabled.filter((name) => name !== TOTP));
    if (mfa.preferred === TOTP) delete mfa.preferred;
  }
  if (totp.PreferredMfa === false && mfa.preferred === TOTP) delete mfa.preferred;
}

/** The pool's MFA configuration (`GetUserPoolMfaConfigResponse`). */
export function poolMfaConfig(pool: UserPool): JsonObject {
  const settings = pool.mfaSettings ?? {};
  return {
    ...(settings.SmsMfaConfiguration === undefined
      ? {}
      : { SmsMfaConfiguration: structuredClone(settings.SmsMfaConfiguration) }),
    SoftwareTokenMfaConfiguration: { Enabled: softwareTokenEnabled(pool) },
    ...(settings.EmailMfaConfiguration === undefined
      ? {}
      : { EmailMfaConfiguration: structuredClone(settings.EmailMfaConfiguration) }),
    MfaConfiguration: pool.config.MfaConfiguration,
    ...(settings.WebAuthnConfiguration === undefined
      ? {}
      : { WebAuthnConfiguration: structuredClone(settings.WebAuthnConfiguration) }),
  };
}
