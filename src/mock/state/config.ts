/**
 * Pool and client configuration as the mock keeps it: in the API's own shape
 * (PascalCase members, as CreateUserPool / CreateUserPoolClient take them),
 * so Describe* echoes what was set; the members the mock acts on are typed,
 * the rest is stored and echoed as given.
 *
 * @module
 */

/** `DeviceConfigurationType`; absent on a pool means device tracking is off. */
export interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice?: boolean;
  DeviceOnlyRememberedOnUserPrompt?: boolean;
}

/** `PasswordPolicyType`, with the defaults of an API-created pool filled in. */
export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
  PasswordHistorySize?: number;
}

/** `SchemaAttributeType` as DescribeUserPool returns it. */
export interface SchemaAttribute {
  Name: string;
  AttributeDataType: "String" | "Number" | "DateTime" | "Boolean";
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

/** `UserPoolMfaType`. */
export type MfaConfiguration = "OFF" | "ON" | "OPTIONAL";

/**
 * A pool's configuration in the shape of `UserPoolType` (without Id, Name,
 * Arn, dates and counts). Unlisted members (LambdaConfig, EmailConfiguration,
 * tags, …) are stored and echoed as given.
 */
export interface PoolConfig {
  Policies: { PasswordPolicy: PasswordPolicy; [other: string]: unknown };
  DeletionProtection: "ACTIVE" | "INACTIVE";
  MfaConfiguration: MfaConfiguration;
  DeviceConfiguration?: DeviceConfiguration;
  UsernameAttributes?: string[];
  AliasAttributes?: string[];
  AutoVerifiedAttributes?: string[];
  SchemaAttributes: SchemaAttribute[];
  UsernameConfiguration?: { CaseSensitive: boolean };
  AdminCreateUserConfig: {
    AllowAdminCreateUserOnly: boolean;
    UnusedAccountValidityDays?: number;
    [other: string]: unknown;
  };
  [other: string]: unknown;
}

/** What SetUserPoolMfaConfig stores besides `MfaConfiguration` (kept in the pool config). */
export interface PoolMfaSettings {
  /** `SoftwareTokenMfaConfiguration`; absent means TOTP follows `MfaConfiguration` (see docs/mock-choices.md). */
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
  SmsMfaConfiguration?: Record<string, unknown>;
  EmailMfaConfiguration?: Record<string, unknown>;
  WebAuthnConfiguration?: Record<string, unknown>;
}

/** `TokenValidityUnitsType`. */
export type TimeUnit = "seconds" | "minutes" | "hours" | "days";

/** `ExplicitAuthFlowsType`. */
export type ExplicitAuthFlow =
  | "ADMIN_NO_SRP_AUTH"
  | "CUSTOM_AUTH_FLOW_ONLY"
  | "USER_PASSWORD_AUTH"
  | "ALLOW_ADMIN_USER_PASSWORD_AUTH"
  | "ALLOW_CUSTOM_AUTH"
  | "ALLOW_USER_PASSWORD_AUTH"
  | "ALLOW_USER_SRP_AUTH"
  | "ALLOW_REFRESH_TOKEN_AUTH"
  | "ALLOW_USER_AUTH";

/**
 * A client's configuration in the shape of `UserPoolClientType` (without
 * ids, secret and dates). Unlisted members are stored and echoed.
 */
export interface ClientConfig {
  ClientName: string;
  RefreshTokenValidity: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: { AccessToken?: TimeUnit; IdToken?: TimeUnit; RefreshToken?: TimeUnit };
  ExplicitAuthFlows?: ExplicitAuthFlow[];
  PreventUserExistenceErrors?: "LEGACY" | "ENABLED";
  EnableTokenRevocation: boolean;
  AuthSessionValidity: number;
  RefreshTokenRotation?: { Feature: "ENABLED" | "DISABLED"; RetryGracePeriodSeconds?: number };
  [other: string]: unknown;
}
