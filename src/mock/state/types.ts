/**
 * The data the mock keeps (protocol reference §6.11): pools, clients, users
 * and the records of their sign-ins. Pool and client configuration, kept in
 * the API's own shape, is typed in `config.ts` (re-exported here).
 *
 * Device tracking and MFA live here too: per-user devices
 * ({@linkcode DeviceRecord}), MFA settings ({@linkcode UserMfaSettings}), the
 * device key bound to a refresh token, and challenge payloads (SRP state).
 *
 * @module
 */

import type { MockBehaviour } from "./behaviour.ts";
import type { ClientConfig, PoolConfig, PoolMfaSettings } from "./config.ts";
import type { Secret } from "./secret.ts";

export type {
  ClientConfig,
  DeviceConfiguration,
  ExplicitAuthFlow,
  MfaConfiguration,
  PasswordPolicy,
  PoolConfig,
  PoolMfaSettings,
  SchemaAttribute,
  TimeUnit,
} from "./config.ts";

/** A user pool. */
export interface UserPool {
  /** `<region>_<id>`. */
  readonly id: string;
  /** The region part of the id. */
  readonly region: string;
  /** `PoolName`. */
  name: string;
  /** `arn:aws:cognito-idp:<region>:<account>:userpool/<id>`. */
  readonly arn: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  lastModifiedAt: number;
  /** Configuration, API-shaped. */
  config: PoolConfig;
  /** App clients by client id. */
  readonly clients: Map<string, AppClient>;
  /** Users of the pool (see `users.ts`). */
  readonly users: UserDirectory;
  /** Refresh tokens by their string. */
  readonly refreshTokens: Map<string, RefreshTokenRecord>;
  /** Sign-in sessions (the `origin_jti` of the tokens they minted). */
  readonly origins: Map<string, AuthOrigin>;
  /** Open challenge sessions by their `Session` string. */
  readonly sessions: Map<string, ChallengeSession>;
  /** Confirmation and verification codes issued, newest last. */
  readonly codes: IssuedCode[];
  /** SetUserPoolMfaConfig's members as last set (GetUserPoolMfaConfig echoes them). */
  mfaSettings?: PoolMfaSettings;
  /** This pool's overrides of the mock's behaviour choices (`POST /_mock/behaviour`). */
  behaviour?: Partial<MockBehaviour>;
}

/** What the user directory offers (implemented by `UserDirectory` in users.ts). */
export interface UserDirectory {
  /** Every user, in creation order. */
  all(): IterableIterator<User>;
  /** Number of users. */
  readonly size: number;
}

/** An app client. */
export interface AppClient {
  readonly id: string;
  readonly poolId: string;
  /** The client secret, if the client has one. */
  secret: Secret | undefined;
  readonly createdAt: number;
  lastModifiedAt: number;
  config: ClientConfig;
}

/** `UserStatusType`. */
export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "FORCE_CHANGE_PASSWORD"
  | "RESET_REQUIRED"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN"
  | "EXTERNAL_PROVIDER";

/**
 * MFA settings of a user, filled by the MFA operations
 * (SetUserMFAPreference, AssociateSoftwareToken, …).
 */
export interface UserMfaSettings {
  /** `PreferredMfaSetting`, e.g. `SOFTWARE_TOKEN_MFA`. */
  preferred?: string;
  /** `UserMFASettingList`. */
  enabled: string[];
  /** The verified TOTP shared secret (base32). */
  totpSecret?: Secret;
  /** Whether VerifySoftwareToken succeeded for `totpSecret`. */
  totpVerified?: boolean;
  /**
   * The time steps of the last codes of `totpSecret` accepted (at most 3: a
   * code only matches within ±1 step of now), which cannot be used again.
   */
  totpUsedSteps?: number[];
  /** The secret AssociateSoftwareToken handed out, until VerifySoftwareToken accepts it. */
  pendingTotpSecret?: Secret;
  /** VerifySoftwareToken's `FriendlyDeviceName`, if given. */
  totpFriendlyName?: string;
}

/**
 * A device of a user (device tracking, §6.2–6.11). Created "issued,
 * unconfirmed" when a sign-in issues `NewDeviceMetadata`; ConfirmDevice fills
 * the verifier and the remembered status; ForgetDevice deletes it.
 */
export interface DeviceRecord {
  /** `<region>_<uuid>`. */
  readonly deviceKey: string;
  /** Opaque group key, e.g. `-wt2ha1Zd`. */
  readonly deviceGroupKey: string;
  /** Whether ConfirmDevice ran. */
  confirmed: boolean;
  /** The decoded verifier and the `SALT` hex of DEVICE_PASSWORD_VERIFIER (decoded once, at ConfirmDevice). */
  srp?: { readonly verifier: bigint; readonly saltHex: string };
  /** `DeviceName` from ConfirmDevice. */
  name?: string;
  /** `dev:device_remembered_status`. */
  rememberedStatus?: "remembered" | "not_remembered";
  readonly createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt: number;
  lastIpUsed?: string;
}

/** A user. */
export interface User {
  /** The internal username (a UUID in email/phone-as-username pools). */
  readonly username: string;
  /** The `sub` UUID. */
  readonly sub: string;
  /** Attributes in insertion order, `sub` first; values are strings as on the wire. */
  readonly attributes: Map<string, string>;
  /** Kept in memory only (to check passwords and derive SRP verifiers); never returned or logged. */
  password: Secret | undefined;
  status: UserStatus;
  enabled: boolean;
  readonly createdAt: number;
  lastModifiedAt: number;
  /** When the current temporary password was set (FORCE_CHANGE_PASSWORD), epoch ms. */
  temporaryPasswordSetAt?: number;
  /** MFA settings. */
  readonly mfa: UserMfaSettings;
  /** Global sign-out epoch (ms): sign-in sessions created before it are revoked. */
  globalSignOutAt?: number;
  /** Devices by device key, in issue order. */
  readonly devices: Map<string, DeviceRecord>;
  /** The user's device group key (one per user, made with the first device). */
  deviceGroupKey?: string;
  /** Failed password sign-ins and the temporary lockout they caused (`auth/lockout.ts`). */
  lockout?: {
    /** Failures since the last success (or 15 quiet minutes). */
    failures: number;
    /** Until when (epoch ms, pool clock) attempts get "Password attempts exceeded"; 0: not locked. */
    lockedUntil: number;
    /** Epoch ms of the last attempt with a password (refused ones too). */
    lastAttemptAt: number;
  };
}

/**
 * One completed sign-in: every token minted from it (and from refreshing it)
 * carries its `origin_jti`, `auth_time` and `event_id`.
 */
export interface AuthOrigin {
  readonly originJti: string;
  readonly clientId: string;
  /** The user's `sub` (stable across renames). */
  readonly userSub: string;
  /** `auth_time`, epoch seconds. */
  readonly authTime: number;
  readonly eventId: string;
  /** The device key of this sign-in, when device tracking issued or used one. */
  deviceKey?: string;
  /** Epoch ms, for comparison with the user's global sign-out epoch. */
  readonly createdAt: number;
  /** Set by RevokeToken and global sign-out. */
  revoked: boolean;
}

/** A refresh token and what it may mint. */
export interface RefreshTokenRecord {
  readonly token: string;
  readonly clientId: string;
  readonly userSub: string;
  readonly originJti: string;
  /** Epoch ms. */
  readonly issuedAt: number;
  /** Epoch ms. */
  readonly expiresAt: number;
  /** The device key the token is bound to (device tracking, §6.8). */
  boundDeviceKey?: string;
  revoked: boolean;
  /** Rotation lineage (GetTokensFromRefreshToken with rotation on). */
  rotation?: {
    /** The token this one replaced. */
    parent?: string;
    /** The token that replaced this one. */
    replacedBy?: string;
    /** Until when (epoch ms) this rotated-out token still works. */
    graceDeadline?: number;
  };
}

/** An open challenge (`Session`) of InitiateAuth / RespondToAuthChallenge. */
export interface ChallengeSession {
  readonly session: string;
  readonly poolId: string;
  readonly clientId: string;
  readonly userSub: string;
  readonly challengeName: string;
  /** Whether it came from the Admin* API (must be answered there). */
  readonly admin: boolean;
  /** Challenge-specific state (e.g. SRP `b`, `B`, device key). */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** A code the mock "sent" (visible through `GET /_mock/codes`). */
export interface IssuedCode {
  readonly username: string;
  readonly kind: "SIGN_UP" | "VERIFY_ATTRIBUTE" | "FORGOT_PASSWORD";
  readonly code: string;
  /** The attribute the code was delivered to, if any. */
  readonly attribute?: string;
  readonly destination?: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  used: boolean;
}
