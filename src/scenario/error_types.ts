/**
 * The error types a scenario may expect (`expect.error.type`, `body.__type`):
 * the error shapes of the Cognito user-pools model and the protocol-level
 * errors of the error catalogue. A misspelt type (`NotAuthorisedException`)
 * would only fail at run time, after earlier steps were sent; checked at load
 * time it is a positioned scenario error with a suggestion.
 *
 * @module
 */

import { ERROR_CATALOGUE } from "../cognito/errors.ts";

/**
 * The error shapes (`"exception": true`) of the `cognito-idp` 2016-04-18
 * service model, botocore 1.43.11 — the model file that
 * `fixtures/cognito-idp-shapes.json` was extracted from (its `provenance`
 * gives the SHA-256), which drops error shapes — plus the two the pinned
 * `@aws-sdk/client-cognito-identity-provider` model adds
 * (`OperationNotEnabledException`, `ServiceQuotaExceededException`).
 * `test/error_types_test.ts` keeps it equal to the SDK's exception classes.
 */
const MODEL_ERROR_TYPES = [
  "AccessDeniedException",
  "AliasExistsException",
  "CodeDeliveryFailureException",
  "CodeMismatchException",
  "ConcurrentModificationException",
  "DeviceKeyExistsException",
  "DuplicateProviderException",
  "EnableSoftwareTokenMFAException",
  "ExpiredCodeException",
  "FeatureUnavailableInTierException",
  "ForbiddenException",
  "GroupExistsException",
  "InternalErrorException",
  "InternalServerException",
  "InvalidEmailRoleAccessPolicyException",
  "InvalidLambdaResponseException",
  "InvalidOAuthFlowException",
  "InvalidParameterException",
  "InvalidPasswordException",
  "InvalidSmsRoleAccessPolicyException",
  "InvalidSmsRoleTrustRelationshipException",
  "InvalidUserPoolConfigurationException",
  "LimitExceededException",
  "MFAMethodNotFoundException",
  "ManagedLoginBrandingExistsException",
  "NotAuthorizedException",
  "OperationNotEnabledException",
  "PasswordHistoryPolicyViolationException",
  "PasswordResetRequiredException",
  "PreconditionNotMetException",
  "RefreshTokenReuseException",
  "ResourceNotFoundException",
  "ScopeDoesNotExistException",
  "ServiceQuotaExceededException",
  "SoftwareTokenMFANotFoundException",
  "TermsExistsException",
  "TierChangeNotAllowedException",
  "TooManyFailedAttemptsException",
  "TooManyRequestsException",
  "UnauthorizedException",
  "UnexpectedLambdaException",
  "UnsupportedIdentityProviderException",
  "UnsupportedOperationException",
  "UnsupportedTokenTypeException",
  "UnsupportedUserStateException",
  "UserImportInProgressException",
  "UserLambdaValidationException",
  "UserNotConfirmedException",
  "UserNotFoundException",
  "UserPoolAddOnNotEnabledException",
  "UserPoolTaggingException",
  "UsernameExistsException",
  "WebAuthnChallengeNotFoundException",
  "WebAuthnClientMismatchException",
  "WebAuthnConfigurationMissingException",
  "WebAuthnCredentialNotSupportedException",
  "WebAuthnNotEnabledException",
  "WebAuthnOriginNotAllowedException",
  "WebAuthnRelyingPartyMismatchException",
] as const;

/**
 * Every Cognito user-pools error type a scenario may expect, sorted: the
 * model's error shapes and the `type`s of the error catalogue
 * (`fixtures/cognito-errors.json`), which adds the protocol-level ones the
 * model does not declare (`UnknownOperationException`,
 * `SerializationException`, `UnrecognizedClientException`,
 * `MissingAuthenticationTokenException`, `IncompleteSignatureException`,
 * `RequestEntityTooLargeException`…).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { COGNITO_ERROR_TYPES } from "./error_types.ts";
 * assert.ok(COGNITO_ERROR_TYPES.includes("NotAuthorizedException"));
 * assert.ok(COGNITO_ERROR_TYPES.includes("UnknownOperationException"));
 * assert.ok(!COGNITO_ERROR_TYPES.includes("NotAuthorisedException"));
 * ```
 */
export const COGNITO_ERROR_TYPES: readonly string[] = [
  ...new Set([...MODEL_ERROR_TYPES, ...ERROR_CATALOGUE.map((entry) => entry.type)]),
].sort();
