/**
 * The users of one pool: lookup by username (case-sensitive unless the pool
 * says otherwise), by `sub`, and by the sign-in aliases the pool allows
 * (email or phone as username, or verified email/phone and preferred_username
 * as aliases).
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { PoolConfig, User, UserDirectory } from "./types.ts";

/**
 * The user directory of a pool.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Users } from "./users.ts";
 * const users = new Users(false);
 * users.add({ username: "Alice", sub: "s-1", attributes: new Map([["sub", "s-1"]]) } as never);
 * assert.equal(users.byUsername("alice")?.sub, "s-1");
 * assert.equal(users.bySub("s-1")?.username, "Alice");
 * ```
 */
export class Users implements UserDirectory {
  #byKey = new Map<string, User>();
  #bySub = new Map<string, User>();
  #caseSensitive: boolean;

  /** `caseSensitive`: the pool's `UsernameConfiguration.CaseSensitive` (true when not configured). */
  constructor(caseSensitive: boolean) {
    this.#caseSensitive = caseSensitive;
  }

  #key(username: string): string {
    return this.#caseSensitive ? username : username.toLowerCase();
  }

  /** Adds a user (the caller checked uniqueness). */
  add(user: User): void {
    this.#byKey.set(this.#key(user.username), user);
    this.#bySub.set(user.sub, user);
  }

  /** Removes a user. */
  remove(user: User): void {
    this.#byKey.delete(this.#key(user.username));
    this.#bySub.delete(user.sub);
  }

  /** The user with this username, if any. */
  byUsername(username: string): User | undefined {
    return this.#byKey.get(this.#key(username));
  }

  /** The user with this `sub`, if any. */
  bySub(sub: string): User | undefined {
    return this.#bySub.get(sub);
  }

  /** Every user, in creation order. */
  all(): IterableIterator<User> {
    return this.#byKey.values();
  }

  /** Number of users. */
  get size(): number {
    return this.#byKey.size;
  }
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

/** Whether a string has the shape of an email address. */
export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Whether a string has the shape of an E.164 phone number. */
export function looksLikePhone(value: string): boolean {
  return PHONE.test(value);
}

function findByAttribute(
  users: Users,
  name: string,
  value: string,
  verifiedOnly: boolean,
): User | undefined {
  const wanted = name === "email" ? value.toLowerCase() : value;
  for (const user of users.all()) {
    const own = user.attributes.get(name);
    if (own === undefined || (name === "email" ? own.toLowerCase() : own) !== wanted) continue;
    if (
      verifiedOnly && name !== "preferred_username" &&
      user.attributes.get(`${name}_verified`) !== "true"
    ) continue;
    return user;
  }
  return undefined;
}

/**
 * Finds the user a sign-in or admin call names: the username, then an
 * email/phone username attribute, then a verified alias, then the `sub`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveUser, Users } from "./users.ts";
 * const users = new Users(true);
 * const attributes = new Map([["sub", "s-1"], ["email", "a@example.com"], ["email_verified", "true"]]);
 * users.add({ username: "alice", sub: "s-1", attributes } as never);
 * assert.equal(resolveUser(users, { AliasAttributes: ["email"] } as never, "a@example.com")?.username, "alice");
 * assert.equal(resolveUser(users, {} as never, "a@example.com"), undefined);
 * ```
 */
export function resolveUser(users: Users, config: PoolConfig, name: string): User | undefined {
  const direct = users.byUsername(name);
  if (direct !== undefined) return direct;
  for (const attribute of config.UsernameAttributes ?? []) {
    const found = findByAttribute(users, attribute, name, false);
    if (found !== undefined) return found;
  }
  for (const attribute of config.AliasAttributes ?? []) {
    const found = findByAttribute(users, attribute, name, true);
    if (found !== undefined) return found;
  }
  return users.bySub(name);
}

/**
 * Checks that a new or changed user's email/phone do not collide with
 * another user's where the pool makes them unique: email/phone as username
 * (UsernameExistsException) or as a verified alias (AliasExistsException).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertNoAliasConflict, Users } from "./users.ts";
 * const users = new Users(true);
 * users.add({ username: "u1", sub: "s-1", attributes: new Map([["email", "a@example.com"]]) } as never);
 * assert.throws(
 *   () => assertNoAliasConflict(users, { UsernameAttributes: ["email"] } as never, new Map([["email", "A@example.com"]])),
 *   { message: "An account with the given email already exists." },
 * );
 * ```
 */
export function assertNoAliasConflict(
  users: Users,
  config: PoolConfig,
  attributes: ReadonlyMap<string, string>,
  self?: User,
): void {
  for (const name of config.UsernameAttributes ?? []) {
    const value = attributes.get(name);
    const other = value === undefined ? undefined : findByAttribute(users, name, value, false);
    if (other !== undefined && other !== self) {
      throw cognitoError("UsernameAttributeExists", { attribute: name });
    }
  }
  for (const name of config.AliasAttributes ?? []) {
    const value = attributes.get(name);
    const verified = name === "preferred_username" || attributes.get(`${name}_verified`) === "true";
    const other = value === undefined || !verified
      ? undefined
      : findByAttribute(users, name, value, true);
    if (other !== undefined && other !== self) {
      throw cognitoError("AliasExists", { attribute: name });
    }
  }
}

/**
 * A user's attributes as `AttributeListType`, optionally limited to `names`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { attributeList } from "./users.ts";
 * const user = { attributes: new Map([["sub", "s"], ["email", "e"]]) } as never;
 * assert.deepEqual(attributeList(user, ["email"]), [{ Name: "email", Value: "e" }]);
 * ```
 */
export function attributeList(
  user: User,
  names?: readonly string[],
): Array<{ Name: string; Value: string }> {
  return [...user.attributes]
    .filter(([name]) => names === undefined || names.includes(name))
    .map(([Name, Value]) => ({ Name, Value }));
}
