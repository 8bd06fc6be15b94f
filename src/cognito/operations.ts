/**
 * The operation names of the Amazon Cognito user pools API (`cognito-idp`,
 * API version 2016-04-18) and which of them need SigV4.
 *
 * Source: the command list of `@aws-sdk/client-cognito-identity-provider@3.1169.0`
 * (generated from the official Smithy model) and its auth-scheme switch, as
 * summarised in the protocol reference §1.5.
 *
 * @module
 */

/**
 * The `X-Amz-Target` prefix of every operation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TARGET_PREFIX } from "./operations.ts";
 * assert.equal(`${TARGET_PREFIX}.InitiateAuth`, "AWSCognitoIdentityProviderService.InitiateAuth");
 * ```
 */
export const TARGET_PREFIX = "AWSCognitoIdentityProviderService";

/**
 * Every operation of the API, sorted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OPERATIONS } from "./operations.ts";
 * assert.ok(OPERATIONS.includes("ConfirmDevice"));
 * assert.deepEqual([...OPERATIONS].sort(), OPERATIONS);
 * ```
 */
export const OPERATIONS: readonly string[] = [
  "AddCustomAttributes",
  "AddUserPoolClientSecret",
  "AdminAddUserToGroup",
  "AdminConfirmSignUp",
  "AdminCreateUser",
  "AdminDeleteSoftwareToken",
  "AdminDeleteUser",
  "AdminDeleteUserAttributes",
  "AdminDisableProviderForUser",
  "AdminDisableUser",
  "AdminEnableUser",
  "AdminForgetDevice",
  "AdminGetDevice",
  "AdminGetUser",
  "AdminGetUserAuthFactors",
  "AdminInitiateAuth",
  "AdminLinkProviderForUser",
  "AdminListDevices",
  "AdminListGroupsForUser",
  "AdminListUserAuthEvents",
  "AdminListUserSessions",
  "AdminRemoveUserFromGroup",
  "AdminResetUserPassword",
  "AdminRespondToAuthChallenge",
  "AdminRevokeUserSession",
  "AdminSetUserMFAPreference",
  "AdminSetUserPassword",
  "AdminSetUserSettings",
  "AdminUpdateAuthEventFeedback",
  "AdminUpdateDeviceStatus",
  "AdminUpdateUserAttributes",
  "AdminUserGlobalSignOut",
  "AssociateSoftwareToken",
  "ChangePassword",
  "CompleteWebAuthnRegistration",
  "ConfirmDevice",
  "ConfirmForgotPassword",
  "ConfirmSignUp",
  "CreateGroup",
  "CreateIdentityProvider",
  "CreateManagedLoginBranding",
  "CreateResourceServer",
  "CreateTerms",
  "CreateUserImportJob",
  "CreateUserPool",
  "CreateUserPoolClient",
  "CreateUserPoolDomain",
  "CreateUserPoolReplica",
  "DeleteGroup",
  "DeleteIdentityProvider",
  "DeleteManagedLoginBranding",
  "DeleteResourceServer",
  "DeleteTerms",
  "DeleteUser",
  "DeleteUserAttributes",
  "DeleteUserPool",
  "DeleteUserPoolClient",
  "DeleteUserPoolClientSecret",
  "DeleteUserPoolDomain",
  "DeleteUserPoolReplica",
  "DeleteWebAuthnCredential",
  "DescribeIdentityProvider",
  "DescribeManagedLoginBranding",
  "DescribeManagedLoginBrandingByClient",
  "DescribeResourceServer",
  "DescribeRiskConfiguration",
  "DescribeTerms",
  "DescribeTermsByClient",
  "DescribeUserImportJob",
  "DescribeUserPool",
  "DescribeUserPoolClient",
  "DescribeUserPoolDomain",
  "ForgetDevice",
  "ForgotPassword",
  "GetCSVHeader",
  "GetClientToken",
  "GetDevice",
  "GetGroup",
  "GetIdentityProviderByIdentifier",
  "GetLogDeliveryConfiguration",
  "GetProvisionedLimit",
  "GetSigningCertificate",
  "GetTokensFromRefreshToken",
  "GetUICustomization",
  "GetUser",
  "GetUserAttributeVerificationCode",
  "GetUserAuthFactors",
  "GetUserPoolClientSessionConfiguration",
  "GetUserPoolMfaConfig",
  "GetUserPoolSessionConfiguration",
  "GlobalSignOut",
  "InitiateAuth",
  "ListDevices",
  "ListGroups",
  "ListIdentityProviders",
  "ListResourceServers",
  "ListTagsForResource",
  "ListTerms",
  "ListUserImportJobs",
  "ListUserPoolClientSecrets",
  "ListUserPoolClients",
  "ListUserPoolReplicas",
  "ListUserPools",
  "ListUserSessions",
  "ListUsers",
  "ListUsersInGroup",
  "ListWebAuthnCredentials",
  "ResendConfirmationCode",
  "RespondToAuthChallenge",
  "RevokeToken",
  "RevokeUserSession",
  "SetLogDeliveryConfiguration",
  "SetRiskConfiguration",
  "SetUICustomization",
  "SetUserMFAPreference",
  "SetUserPoolClientSessionConfiguration",
  "SetUserPoolMfaConfig",
  "SetUserPoolSessionConfiguration",
  "SetUserSettings",
  "SignUp",
  "StartUserImportJob",
  "StartWebAuthnRegistration",
  "StopUserImportJob",
  "TagResource",
  "UntagResource",
  "UpdateAuthEventFeedback",
  "UpdateDeviceStatus",
  "UpdateGroup",
  "UpdateIdentityProvider",
  "UpdateManagedLoginBranding",
  "UpdateProvisionedLimit",
  "UpdateResourceServer",
  "UpdateTerms",
  "UpdateUserAttributes",
  "UpdateUserPool",
  "UpdateUserPoolClient",
  "UpdateUserPoolDomain",
  "UpdateUserPoolReplica",
  "VerifySoftwareToken",
  "VerifyUserAttribute",
];

/**
 * Operations that carry no SigV4 (`smithy.api#noAuth`): they are authorised by
 * `ClientId` (plus a secret) or by an `AccessToken`. Every other operation
 * needs IAM credentials.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NO_AUTH_OPERATIONS } from "./operations.ts";
 * assert.ok(NO_AUTH_OPERATIONS.has("InitiateAuth"));
 * assert.ok(!NO_AUTH_OPERATIONS.has("AdminInitiateAuth"));
 * ```
 */
export const NO_AUTH_OPERATIONS: ReadonlySet<string> = new Set([
  "AssociateSoftwareToken",
  "ChangePassword",
  "CompleteWebAuthnRegistration",
  "ConfirmDevice",
  "ConfirmForgotPassword",
  "ConfirmSignUp",
  "DeleteUser",
  "DeleteUserAttributes",
  "DeleteWebAuthnCredential",
  "ForgetDevice",
  "ForgotPassword",
  "GetDevice",
  "GetTokensFromRefreshToken",
  "GetUser",
  "GetUserAttributeVerificationCode",
  "GetUserAuthFactors",
  "GlobalSignOut",
  "InitiateAuth",
  "ListDevices",
  "ListUserSessions",
  "ListWebAuthnCredentials",
  "ResendConfirmationCode",
  "RespondToAuthChallenge",
  "RevokeToken",
  "RevokeUserSession",
  "SetUserMFAPreference",
  "SetUserSettings",
  "SignUp",
  "StartWebAuthnRegistration",
  "UpdateAuthEventFeedback",
  "UpdateDeviceStatus",
  "UpdateUserAttributes",
  "VerifySoftwareToken",
  "VerifyUserAttribute",
]);

const operationSet: ReadonlySet<string> = new Set(OPERATIONS);

/**
 * Whether `name` is an operation of the Cognito user pools API.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isOperation } from "./operations.ts";
 * assert.equal(isOperation("InitiateAuth"), true);
 * assert.equal(isOperation("InitiateAuthh"), false);
 * ```
 */
export function isOperation(name: string): boolean {
  return operationSet.has(name);
}

/**
 * Whether calling `operation` requires a SigV4 signature (IAM credentials).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { requiresSigV4 } from "./operations.ts";
 * assert.equal(requiresSigV4("AdminGetDevice"), true);
 * assert.equal(requiresSigV4("ConfirmDevice"), false);
 * ```
 */
export function requiresSigV4(operation: string): boolean {
  return !NO_AUTH_OPERATIONS.has(operation);
}
