/**
 * User pool configuration shared by CreateUserPool, UpdateUserPool,
 * DescribeUserPool and ListUserPools: defaults of an API-created pool, the
 * "unset means default" rule of UpdateUserPool, and the `UserPoolType`
 * output.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { epochSeconds, type JsonObject } from "../context.ts";
import { DEFAULT_PASSWORD_POLICY } from "../state/password_policy.ts";
import { buildSchema, type SchemaInput } from "../state/schema.ts";
import type { PasswordPolicy, PoolConfig, SchemaAttribute, UserPool } from "../state/types.ts";

/** Members of CreateUserPool / UpdateUserPool the mock stores and echoes as given. */
const ECHOED = [
  "LambdaConfig",
  "SmsVerificationMessage",
  "EmailVerificationMessage",
  "EmailVerificationSubject",
  "VerificationMessageTemplate",
  "SmsAuthenticationMessage",
  "UserAttributeUpdateSettings",
  "EmailConfiguration",
  "SmsConfiguration",
  "UserPoolTags",
  "UserPoolAddOns",
  "AccountRecoverySetting",
  "UserPoolTier",
  "AutoVerifiedAttributes",
  "DeviceConfiguration",
] as const;

/** Defaults of the members a pool always reports. */
function defaults(): JsonObject {
  return {
    LambdaConfig: {},
    VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
    EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
    UserPoolTier: "ESSENTIALS",
  };
}

function passwordPolicy(input: JsonObject | undefined): PasswordPolicy {
  const given = (input?.Policies as { PasswordPolicy?: Partial<PasswordPolicy> } | undefined)
    ?.PasswordPolicy;
  if (given === undefined) return { ...DEFAULT_PASSWORD_POLICY };
  // A given policy stands on its own: unset requirements are off.
  const policy: PasswordPolicy = {
    MinimumLength: given.MinimumLength ?? DEFAULT_PASSWORD_POLICY.MinimumLength,
    RequireUppercase: given.RequireUppercase ?? false,
    RequireLowercase: given.RequireLowercase ?? false,
    RequireNumbers: given.RequireNumbers ?? false,
    RequireSymbols: given.RequireSymbols ?? false,
    TemporaryPasswordValidityDays: given.TemporaryPasswordValidityDays ??
      DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays,
  };
  if (given.PasswordHistorySize !== undefined) {
    policy.PasswordHistorySize = given.PasswordHistorySize;
  }
  return policy;
}

/** A pool's configuration from a Create/Update input, with the given schema. */
function configFrom(input: JsonObject, schema: SchemaAttribute[]): PoolConfig {
  const config: PoolConfig = {
    ...defaults(),
    SchemaAttributes: schema,
    Policies: { PasswordPolicy: passwordPolicy(input) },
    DeletionProtection:
      (input.DeletionProtection as PoolConfig["DeletionProtection"] | undefined) ?? "INACTIVE",
    MfaConfiguration: (input.MfaConfiguration as PoolConfig["MfaConfiguration"] | undefined) ??
      "OFF",
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
      ...(input.AdminCreateUserConfig as JsonObject | undefined),
    },
  };
  const signInPolicy = (input.Policies as JsonObject | undefined)?.SignInPolicy;
  if (signInPolicy !== undefined) config.Policies.SignInPolicy = structuredClone(signInPolicy);
  for (const name of ECHOED) {
    if (input[name] !== undefined) (config as JsonObject)[name] = structuredClone(input[name]);
  }
  // DeviceConfiguration with no property set is device tracking off (§6.1).
  if (
    config.DeviceConfiguration !== undefined && Object.keys(config.DeviceConfiguration).length === 0
  ) {
    delete config.DeviceConfiguration;
  }
  return config;
}

/**
 * The configuration of a new pool from a CreateUserPool input.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newPoolConfig } from "./_pool.ts";
 * const config = newPoolConfig({ PoolName: "p", UsernameAttributes: ["email"] });
 * assert.equal(config.Policies.PasswordPolicy.MinimumLength, 8);
 * assert.equal(config.DeviceConfiguration, undefined);
 * assert.deepEqual(config.UsernameAttributes, ["email"]);
 * ```
 */
export function newPoolConfig(input: JsonObject): PoolConfig {
  if (input.AliasAttributes !== undefined && input.UsernameAttributes !== undefined) {
    throw cognitoError("AliasAndUsernameAttributes");
  }
  const config = configFrom(input, buildSchema(input.Schema as SchemaInput[] | undefined));
  if (input.AliasAttributes !== undefined) {
    config.AliasAttributes = [...(input.AliasAttributes as string[])];
  }
  if (input.UsernameAttributes !== undefined) {
    config.UsernameAttributes = [...(input.UsernameAttributes as string[])];
  }
  if (input.UsernameConfiguration !== undefined) {
    config.UsernameConfiguration = {
      ...(input.UsernameConfiguration as { CaseSensitive: boolean }),
    };
  }
  return config;
}

/**
 * The configuration after UpdateUserPool: every updatable member not in the
 * input returns to its default ("If you don't provide a value for an
 * attribute, Amazon Cognito sets it to its default value"); the schema and
 * sign-in attributes, which UpdateUserPool cannot change, are kept.
 */
export function updatedPoolConfig(current: PoolConfig, input: JsonObject): PoolConfig {
  const config = configFrom(input, current.SchemaAttributes);
  if (current.AliasAttributes !== undefined) config.AliasAttributes = current.AliasAttributes;
  if (current.UsernameAttributes !== undefined) {
    config.UsernameAttributes = current.UsernameAttributes;
  }
  if (current.UsernameConfiguration !== undefined) {
    config.UsernameConfiguration = current.UsernameConfiguration;
  }
  return config;
}

/** `UserPoolType` as DescribeUserPool and CreateUserPool return it. */
export function describePool(pool: UserPool): JsonObject {
  const { SchemaAttributes, ...rest } = pool.config;
  return {
    Id: pool.id,
    Name: pool.name,
    ...structuredClone(rest),
    LastModifiedDate: epochSeconds(pool.lastModifiedAt),
    CreationDate: epochSeconds(pool.createdAt),
    SchemaAttributes: structuredClone(SchemaAttributes),
    EstimatedNumberOfUsers: pool.users.size,
    Arn: pool.arn,
  };
}

/** `UserPoolDescriptionType` as ListUserPools returns it. */
export function summarizePool(pool: UserPool): JsonObject {
  return {
    Id: pool.id,
    Name: pool.name,
    LambdaConfig: structuredClone(pool.config.LambdaConfig ?? {}),
    LastModifiedDate: epochSeconds(pool.lastModifiedAt),
    CreationDate: epochSeconds(pool.createdAt),
  };
}
