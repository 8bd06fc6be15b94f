/**
 * Creating users (AdminCreateUser, SignUp) with Cognito's username rules,
 * signing a user out everywhere, and the `UserType` output.
 *
 * Username rules: in a pool with `UsernameAttributes` the name given must be
 * an email / phone number, becomes that attribute, and the internal username
 * is a UUID (the `sub`); in a pool with email/phone aliases the username must
 * not look like one; usernames and unique aliases must be free.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { epochSeconds, type JsonObject, type MockServices } from "../context.ts";
import { Secret } from "../state/secret.ts";
import type { StoredPool } from "../state/store.ts";
import type { User, UserStatus } from "../state/types.ts";
import {
  assertNoAliasConflict,
  attributeList,
  looksLikeEmail,
  looksLikePhone,
} from "../state/users.ts";

/** A user to create. */
export interface NewUser {
  /** The `Username` of the request. */
  readonly username: string;
  readonly attributes: Map<string, string>;
  readonly password?: string;
  readonly status: UserStatus;
  /** SignUp and AdminCreateUser word "already exists" differently. */
  readonly via: "AdminCreateUser" | "SignUp";
}

function signInAttribute(pool: StoredPool, username: string): "email" | "phone_number" {
  const allowed = pool.config.UsernameAttributes ?? [];
  if (allowed.includes("email") && looksLikeEmail(username)) return "email";
  if (allowed.includes("phone_number") && looksLikePhone(username)) return "phone_number";
  if (allowed.length === 2) throw cognitoError("UsernameShouldBeEmailOrPhone");
  throw cognitoError(allowed.includes("email") ? "UsernameShouldBeEmail" : "UsernameShouldBePhone");
}

/** Creates a user in `pool` (the caller validated attributes against the schema). */
export function createUser(services: MockServices, pool: StoredPool, init: NewUser): User {
  const sub = services.ids.uuid();
  const attributes = new Map(init.attributes);
  let username = init.username;
  if ((pool.config.UsernameAttributes ?? []).length > 0) {
    attributes.set(signInAttribute(pool, init.username), init.username);
    username = sub;
  } else {
    const aliases = pool.config.AliasAttributes ?? [];
    if (aliases.includes("email") && looksLikeEmail(username)) {
      throw cognitoError("UsernameIsEmailWithAlias");
    }
    if (aliases.includes("phone_number") && looksLikePhone(username)) {
      throw cognitoError("UsernameIsPhoneWithAlias");
    }
    if (pool.users.byUsername(username) !== undefined) {
      throw cognitoError(init.via === "SignUp" ? "UsernameExistsSignUp" : "UsernameExists");
    }
  }
  assertNoAliasConflict(pool.users, pool.config, attributes);
  const now = services.clock.now(pool.id);
  const user: User = {
    username,
    sub,
    attributes: new Map([["sub", sub], ...[...attributes].filter(([name]) => name !== "sub")]),
    password: init.password === undefined ? undefined : new Secret(init.password),
    status: init.status,
    enabled: true,
    createdAt: now,
    lastModifiedAt: now,
    mfa: { enabled: [] },
    devices: new Map(),
  };
  if (init.status === "FORCE_CHANGE_PASSWORD") user.temporaryPasswordSetAt = now;
  pool.users.add(user);
  return user;
}

/**
 * Revokes every sign-in of the user (GlobalSignOut, AdminUserGlobalSignOut,
 * AdminDisableUser): their refresh tokens answer "Refresh Token has been
 * revoked" and their access tokens "Access Token has been revoked".
 */
export function signOutEverywhere(pool: StoredPool, user: User, now: number): void {
  user.globalSignOutAt = now;
  for (const origin of pool.origins.values()) {
    if (origin.userSub === user.sub) origin.revoked = true;
  }
}

/** `UserType` (AdminCreateUser, ListUsers), attributes optionally limited to `names`. */
export function userType(user: User, names?: readonly string[]): JsonObject {
  return {
    Username: user.username,
    Attributes: attributeList(user, names),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.lastModifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** The MFA members of AdminGetUser / GetUser, present only when the user has MFA settings. */
export function mfaMembers(user: User): JsonObject {
  const out: JsonObject = {};
  if (user.mfa.preferred !== undefined) out.PreferredMfaSetting = user.mfa.preferred;
  if (user.mfa.enabled.length > 0) out.UserMFASettingList = [...user.mfa.enabled];
  return out;
}

/**
 * Masks a delivery destination the way Cognito shows it:
 * `a***@e***` for emails, `+*******0100` for phone numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maskDestination } from "./_user.ts";
 * assert.equal(maskDestination("alice@example.com"), "a***@e***");
 * assert.equal(maskDestination("+15555550100"), "+*******0100");
 * ```
 */
export function maskDestination(destination: string): string {
  const at = destination.indexOf("@");
  if (at > 0) return `${destination[0]}***@${destination[at + 1] ?? ""}***`;
  return `+${"*".repeat(Math.max(0, destination.length - 5))}${destination.slice(-4)}`;
}
