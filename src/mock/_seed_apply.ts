/**
 * Creating a seed (see `seed.ts`) in a mock: every pool, client and user
 * through the same functions as the API operations, each value checked on
 * the way, problems reported through a `fail` callback with the path of the
 * offending value.
 *
 * @module
 */

import { CognitoError } from "../cognito/errors.ts";
import type { JsonObject, MockServices } from "./context.ts";
import { createUserPool } from "./operations/create_user_pool.ts";
import { createUserPoolClient } from "./operations/create_user_pool_client.ts";
import { createUser } from "./operations/_user.ts";
import type { MockSeed } from "./seed.ts";
import { attributeMap } from "./state/attributes.ts";
import { parseBehaviour } from "./state/behaviour.ts";
import { assertPasswordMeetsPolicy } from "./state/password_policy.ts";
import type { StoredPool } from "./state/store.ts";
import type { UserStatus } from "./state/types.ts";
import { shapeNamed } from "./validate/shapes.ts";
import { validateShape } from "./validate/validate.ts";

/** Where a value sits in the seed document: keys and list indexes. */
export type SeedPath = readonly (string | number)[];
/** Reports a problem at a path of the seed; never returns. */
export type SeedFail = (path: SeedPath, problem: string) => never;

const POOL_EXTRA = new Set(["Id", "clients", "users", "MockBehaviour"]);
const CLIENT_EXTRA = new Set(["ClientId"]);
const USER_KEYS = new Set(["Username", "Password", "Attributes", "Status", "Enabled"]);
const STATUSES = new Set(["CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED"]);

function isMap(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(
  value: unknown,
  path: SeedPath,
  allowed: (key: string) => boolean,
  fail: SeedFail,
): JsonObject {
  if (!isMap(value)) fail(path, "expected a mapping");
  for (const key of Object.keys(value)) {
    if (!allowed(key)) fail([...path, key], `unknown key "${key}"`);
  }
  return value;
}

const memberSets = new Map<string, ReadonlySet<string>>();

/** Whether `key` is a member of the model's shape (member sets built once per shape). */
function isMember(shape: string, key: string): boolean {
  let names = memberSets.get(shape);
  if (names === undefined) {
    names = new Set(Object.keys(shapeNamed(shape).members ?? {}));
    memberSets.set(shape, names);
  }
  return names.has(key);
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function listAt(value: unknown, path: SeedPath, noun: string, fail: SeedFail): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected a list of ${noun}`);
  return value;
}

/**
 * Creates the seed's pools, clients and users in `services`, through the same
 * functions as the API operations. Problems are reported through `fail`.
 */
export async function createSeed(
  services: MockServices,
  seed: MockSeed,
  fail: SeedFail,
): Promise<void> {
  const root = checkKeys(seed, [], (key) => key === "userPools", fail);
  const pools = listAt(root.userPools ?? [], ["userPools"], "pools", fail);
  for (const [index, pool] of pools.entries()) {
    await seedPool(services, pool, ["userPools", index], fail);
  }
}

async function seedPool(
  services: MockServices,
  raw: unknown,
  path: SeedPath,
  fail: SeedFail,
): Promise<void> {
  const pool = checkKeys(
    raw,
    path,
    (key) => POOL_EXTRA.has(key) || isMember("CreateUserPoolRequest", key),
    fail,
  );
  const { Id, clients = [], users = [], MockBehaviour: behaviour, ...input } = pool;
  if (
    Id !== undefined &&
    (typeof Id !== "string" || !/^[\w-]+_[0-9a-zA-Z]+$/.test(Id) || Id.length > 55)
  ) {
    fail([...path, "Id"], `"${stringify(Id)}" is not a user pool id (<region>_<alphanumerics>)`);
  }
  if (typeof Id === "string" && services.store.pools.has(Id)) {
    fail([...path, "Id"], `pool "${Id}" already exists`);
  }
  const created = await guard(path, fail, () =>
    createUserPool(
      services,
      validateShape("CreateUserPoolRequest", input),
      typeof Id === "string" ? { id: Id } : {},
    ));
  if (behaviour !== undefined) {
    created.behaviour = await guard(
      [...path, "MockBehaviour"],
      fail,
      () => parseBehaviour(behaviour),
    );
  }
  for (const [index, client] of listAt(clients, [...path, "clients"], "clients", fail).entries()) {
    await seedClient(services, created, client, [...path, "clients", index], fail);
  }
  for (const [index, user] of listAt(users, [...path, "users"], "users", fail).entries()) {
    await seedUser(services, created, user, [...path, "users", index], fail);
  }
}

async function seedClient(
  services: MockServices,
  pool: StoredPool,
  raw: unknown,
  path: SeedPath,
  fail: SeedFail,
): Promise<void> {
  const client = checkKeys(
    raw,
    path,
    (key) =>
      CLIENT_EXTRA.has(key) ||
      (key !== "UserPoolId" && isMember("CreateUserPoolClientRequest", key)),
    fail,
  );
  const { ClientId, ...input } = client;
  if (
    ClientId !== undefined && (typeof ClientId !== "string" || !/^[\w+]{1,128}$/.test(ClientId))
  ) {
    fail([...path, "ClientId"], `"${stringify(ClientId)}" is not a client id`);
  }
  if (typeof ClientId === "string" && services.store.hasClient(ClientId)) {
    fail([...path, "ClientId"], `client "${ClientId}" already exists`);
  }
  await guard(path, fail, () =>
    createUserPoolClient(
      services,
      validateShape("CreateUserPoolClientRequest", { ...input, UserPoolId: pool.id }),
      typeof ClientId === "string" ? { id: ClientId } : {},
    ));
}

async function seedUser(
  services: MockServices,
  pool: StoredPool,
  raw: unknown,
  path: SeedPath,
  fail: SeedFail,
): Promise<void> {
  const user = checkKeys(raw, path, (key) => USER_KEYS.has(key), fail);
  const status = user.Status ?? "CONFIRMED";
  if (typeof status !== "string" || !STATUSES.has(status)) {
    fail(
      [...path, "Status"],
      `"${stringify(status)}" is not CONFIRMED, FORCE_CHANGE_PASSWORD or UNCONFIRMED`,
    );
  }
  if (user.Enabled !== undefined && typeof user.Enabled !== "boolean") {
    fail([...path, "Enabled"], "expected true or false");
  }
  const attributes = user.Attributes ?? {};
  if (!isMap(attributes)) {
    fail([...path, "Attributes"], "expected a mapping of attribute names to values");
  }
  await guard(path, fail, () => {
    const request = validateShape("AdminCreateUserRequest", {
      UserPoolId: pool.id,
      Username: user.Username,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({
        Name,
        Value: String(Value),
      })),
      ...(user.Password === undefined ? {} : { TemporaryPassword: user.Password }),
    });
    const password = request.TemporaryPassword as string | undefined;
    if (password !== undefined) {
      assertPasswordMeetsPolicy(pool.config.Policies.PasswordPolicy, password);
    }
    const record = createUser(services, pool, {
      username: request.Username as string,
      attributes: attributeMap(
        pool.config,
        request.UserAttributes as { Name: string; Value?: string }[],
      ),
      ...(password === undefined ? {} : { password }),
      status: status as UserStatus,
      via: "AdminCreateUser",
    });
    record.enabled = user.Enabled !== false;
  });
}

async function guard<T>(path: SeedPath, fail: SeedFail, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof CognitoError) fail(path, `${error.type}: ${error.message}`);
    throw error;
  }
}
