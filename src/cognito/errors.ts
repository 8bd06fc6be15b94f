/**
 * The one error catalogue of the project: every error the mock answers, with
 * the `__type`, the exact message text, the HTTP status, the source of the
 * text and how sure we are of it. The data lives in
 * `fixtures/cognito-errors.json`; this module gives it types.
 *
 * The mock raises errors only through {@linkcode cognitoError}, so no message
 * text is written anywhere else. The harness uses {@linkcode lookupError} and
 * {@linkcode renderErrorMessage} to assert on the same texts.
 *
 * @module
 */

import catalogue from "../../fixtures/cognito-errors.json" with { type: "json" };

/**
 * The placeholder names of every catalogue entry, by id. Kept in step with the
 * fixture by `errors_test.ts`; it exists so ids and parameters are typed
 * ({@linkcode CognitoErrorId}, {@linkcode CognitoErrorParams}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ERROR_PARAMETERS } from "./errors.ts";
 * assert.deepEqual(ERROR_PARAMETERS.SecretHashMismatch, ["clientId"]);
 * assert.deepEqual(ERROR_PARAMETERS.InvalidRefreshToken, []);
 * ```
 */
export const ERROR_PARAMETERS = {
  UnknownOperation: [],
  SerializationMalformed: [],
  SerializationTypeMismatch: ["javaClass", "targetType"],
  SerializationUnexpectedStructure: [],
  SerializationUnexpectedList: [],
  RequestTooLarge: ["limit"],
  ValidationFailed: ["count", "noun", "violations"],
  MissingAuthenticationToken: [],
  IncompleteSignature: ["parameter"],
  InternalError: [],
  Throttled: [],
  MockOperationNotImplemented: ["operation"],
  MockAuthFlowNotImplemented: ["flow"],
  MockChallengeNotImplemented: ["challenge"],
  MockRouteNotFound: ["method", "path"],
  MockControlBadBody: [],
  MockControlBadClock: [],
  MockControlBadFault: [],
  MockControlMissingQuery: ["name"],
  MockControlUnknownPool: ["poolId"],
  JwksPoolNotFound: ["poolId"],
  UserPoolNotFound: ["poolId"],
  ClientNotFound: ["clientId"],
  UserNotFound: [],
  UserClientNotFound: [],
  UsernameExists: [],
  UsernameExistsSignUp: [],
  AliasExists: ["attribute"],
  UsernameAttributeExists: ["attribute"],
  UsernameShouldBeEmail: [],
  UsernameShouldBePhone: [],
  UsernameShouldBeEmailOrPhone: [],
  UsernameIsEmailWithAlias: [],
  UsernameIsPhoneWithAlias: [],
  AliasAndUsernameAttributes: [],
  AttributeNotInSchema: [],
  RequiredAttributeMissing: ["attribute"],
  DeletionProtectionActive: [],
  ExplicitAuthFlowsMixed: [],
  InvalidPaginationToken: [],
  ListUsersFilterInvalid: [],
  ResendNotPossible: ["username"],
  PasswordTooShort: [],
  PasswordNeedsUppercase: [],
  PasswordNeedsLowercase: [],
  PasswordNeedsNumber: [],
  PasswordNeedsSymbol: [],
  IncorrectCredentials: [],
  UserDisabled: [],
  UserNotConfirmed: [],
  PasswordResetRequired: [],
  TemporaryPasswordExpired: [],
  SecretHashMissing: ["clientId"],
  SecretHashMismatch: ["clientId"],
  ClientSecretMissing: ["clientId"],
  ClientSecretMismatch: ["clientId"],
  AuthFlowNotEnabled: [],
  UserPasswordAuthNotEnabled: [],
  InitiateAuthMethodNotSupported: [],
  MissingAuthParameter: ["name"],
  SessionInvalid: [],
  SessionExpired: [],
  InvalidRefreshToken: [],
  RefreshTokenRevoked: [],
  RefreshTokenExpired: [],
  RefreshTokenReused: [],
  AccessTokenInvalid: [],
  AccessTokenExpired: [],
  AccessTokenRevoked: [],
  AccessTokenScope: [],
  TokenRevocationDisabled: [],
  UnsupportedTokenType: [],
  TokenNotIssuedToClient: [],
  SignUpNotPermitted: [],
  CodeMismatch: [],
  CodeExpired: [],
  CannotConfirmStatus: ["status"],
  SecretHashMismatchVariant: ["clientId"],
  SecretHashMissingVariant: ["clientId"],
  PasswordAttemptsExceeded: [],
  DeviceDoesNotExist: [],
  InvalidDeviceKey: [],
  DeviceKeyExists: [],
  TimestampFormat: [],
  TooManyRequests: [],
  AttemptLimitExceeded: [],
  UnrecognizedClient: [],
  SignatureMismatch: [],
  SignatureExpired: ["signed", "earliest", "now"],
  SignatureNotYetCurrent: ["signed", "latest", "now"],
  SignatureMissingDate: [],
  SignatureWrongRegion: ["region"],
  SignatureWrongService: [],
  SrpAInvalid: [],
  MfaCodeMismatch: [],
  SoftwareTokenCodeMismatch: [],
  SoftwareTokenCodeReused: [],
  SoftwareTokenMfaNotFound: [],
  SoftwareTokenNotSetUp: [],
  SoftwareTokenNoDeliveryConfig: [],
  DeviceTrackingOff: [],
  MockFeatureNotImplemented: ["feature"],
  MockControlBadBehaviour: ["problem"],
  DeviceVerifierInvalid: [],
} as const;

/** The id of a catalogue entry, e.g. `"InvalidRefreshToken"`. */
export type CognitoErrorId = keyof typeof ERROR_PARAMETERS;

/** The placeholder values an entry needs, e.g. `{ clientId: "abc" }`. */
export type CognitoErrorParams<Id extends CognitoErrorId> = {
  readonly [Name in (typeof ERROR_PARAMETERS)[Id][number]]: string | number;
};

/**
 * The arguments that follow an id: none when the entry has no placeholders,
 * else its {@linkcode CognitoErrorParams}.
 */
export type CognitoErrorArgs<Id extends CognitoErrorId> = (typeof ERROR_PARAMETERS)[Id] extends
  readonly [] ? []
  : [params: CognitoErrorParams<Id>];

/** One entry of the catalogue. */
export interface CatalogueEntry {
  /** Stable id, e.g. `"SecretHashMismatch"`. */
  readonly id: CognitoErrorId;
  /** The `__type` the service sends, e.g. `"NotAuthorizedException"`. */
  readonly type: string;
  /** The message, with `{name}` placeholders; `null` when AWS sends no message. */
  readonly message: string | null;
  /** The HTTP status. */
  readonly status: number;
  /** Where the text comes from. */
  readonly source: string;
  /** O observed, D documented, L implied by clients, I inferred or chosen. */
  readonly confidence: "O" | "D" | "L" | "I";
  /** When the error is answered, if the id does not say it. */
  readonly when?: string;
}

const entries = new Map<string, CatalogueEntry>(
  (catalogue.errors as unknown as CatalogueEntry[]).map((entry) => [entry.id, entry]),
);

/**
 * Every catalogue entry, in the fixture's order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ERROR_CATALOGUE } from "./errors.ts";
 * const entry = ERROR_CATALOGUE.find((candidate) => candidate.id === "IncorrectCredentials");
 * assert.equal(entry?.type, "NotAuthorizedException");
 * assert.equal(entry?.message, "Incorrect username or password.");
 * ```
 */
export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [...entries.values()];

/**
 * Looks up a catalogue entry by id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lookupError } from "./errors.ts";
 * const entry = lookupError("InvalidRefreshToken");
 * assert.equal(entry.type, "NotAuthorizedException");
 * assert.equal(entry.message, "Invalid Refresh Token.");
 * assert.equal(entry.status, 400);
 * ```
 */
export function lookupError(id: CognitoErrorId): CatalogueEntry {
  const entry = entries.get(id);
  if (entry === undefined) {
    throw new RangeError(`Cannot find error "${id}": it is not in the catalogue`);
  }
  return entry;
}

/**
 * The message of an entry with its placeholders filled, or `undefined` when
 * AWS sends no message for it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderErrorMessage } from "./errors.ts";
 * assert.equal(
 *   renderErrorMessage("SecretHashMismatch", { clientId: "abc" }),
 *   "Unable to verify secret hash for client abc",
 * );
 * ```
 */
export function renderErrorMessage<Id extends CognitoErrorId>(
  id: Id,
  ...params: CognitoErrorArgs<Id>
): string | undefined {
  const template = lookupError(id).message;
  if (template === null) return undefined;
  const values = (params[0] ?? {}) as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * An error as Cognito answers it: a `__type`, a message (possibly absent) and
 * an HTTP status. Thrown by the mock's operations and turned into the AWS JSON
 * error response at the edge.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CognitoError } from "./errors.ts";
 * const error = new CognitoError("NotAuthorizedException", "Invalid Refresh Token.", 400);
 * assert.ok(error instanceof Error);
 * assert.equal(error.name, "NotAuthorizedException");
 * ```
 */
export class CognitoError extends Error {
  /** The `__type`, e.g. `"NotAuthorizedException"`. */
  readonly type: string;
  /** The HTTP status. */
  readonly status: number;
  /** The catalogue id, when raised through {@linkcode cognitoError}. */
  readonly id: CognitoErrorId | undefined;
  /** Whether AWS sends a message for this error. */
  readonly hasMessage: boolean;

  /**
   * `type` is the `__type`; `message` is `undefined` when AWS sends none; `id`
   * is the catalogue entry (use {@linkcode cognitoError} to raise one).
   */
  constructor(type: string, message: string | undefined, status: number, id?: CognitoErrorId) {
    super(message ?? "");
    this.name = type;
    this.type = type;
    this.status = status;
    this.id = id;
    this.hasMessage = message !== undefined;
  }
}

/**
 * Creates the {@linkcode CognitoError} of a catalogue entry, filling its
 * placeholders. The mock throws what this returns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cognitoError } from "./errors.ts";
 * const error = cognitoError("SecretHashMismatch", { clientId: "26charsclientid" });
 * assert.equal(error.type, "NotAuthorizedException");
 * assert.equal(error.message, "Unable to verify secret hash for client 26charsclientid");
 * assert.equal(cognitoError("InvalidRefreshToken").id, "InvalidRefreshToken");
 * ```
 */
export function cognitoError<Id extends CognitoErrorId>(
  id: Id,
  ...params: CognitoErrorArgs<Id>
): CognitoError {
  const entry = lookupError(id);
  return new CognitoError(entry.type, renderErrorMessage(id, ...params), entry.status, id);
}
