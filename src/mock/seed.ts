/**
 * Seed files: YAML that pre-creates pools, clients and users with fixed ids,
 * so an application under test can be configured once. Pools and clients take
 * the members of CreateUserPool / CreateUserPoolClient (validated against the
 * same model), plus `Id` / `ClientId` (and optionally a fixed `ClientSecret`):
 *
 * ```yaml
 * userPools:
 *   - Id: us-east-1_Example01
 *     PoolName: example
 *     DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false }
 *     MockBehaviour: { deviceSrpAuth: with-mfa }   # optional: this pool's §11 choices (docs/mock-choices.md)
 *     clients:
 *       - ClientId: 5example0client0id00000000
 *         ClientName: web
 *         ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
 *     users:
 *       - Username: alice
 *         Password: Passw0rd!
 *         Attributes: { email: alice@example.com, email_verified: "true" }
 *         # Status: CONFIRMED (default) | FORCE_CHANGE_PASSWORD | UNCONFIRMED; Enabled: true (default)
 * ```
 *
 * Loading checks everything by creating the seed in a scratch mock, so every
 * error (unknown key, model violation, password policy, duplicate id) is
 * reported as `file:line:col: message`.
 *
 * @module
 */

import { CognitoError } from "../cognito/errors.ts";
import type { JsonObject, MockServices } from "./context.ts";
import { createUserPool } from "./operations/create_user_pool.ts";
import { createUserPoolClient } from "./operations/create_user_pool_client.ts";
import { createUser } from "./operations/_user.ts";
import { attributeMap } from "./state/attributes.ts";
import { DEFAULT_BEHAVIOUR, type MockBehaviour, parseBehaviour } from "./state/behaviour.ts";
import { MockClock } from "./state/clock.ts";
import { assertPasswordMeetsPolicy } from "./state/password_policy.ts";
import { cryptoRandom, idGenerator } from "./state/random.ts";
import { MockStore } from "./state/store.ts";
import type { UserStatus } from "./state/types.ts";
import { KeyStore } from "./tokens/keys.ts";
import { shapeNamed } from "./validate/shapes.ts";
import { validateShape } from "./validate/validate.ts";

/** A user of a seeded pool. */
export interface SeedUser {
  Username: string;
  /** Permanent password (or the temporary one with FORCE_CHANGE_PASSWORD). */
  Password?: string;
  Attributes?: Record<string, string>;
  /** @default "CONFIRMED" */
  Status?: "CONFIRMED" | "FORCE_CHANGE_PASSWORD" | "UNCONFIRMED";
  /** @default true */
  Enabled?: boolean;
}

/** A client of a seeded pool: CreateUserPoolClient members plus `ClientId`. */
export interface SeedClient {
  ClientId?: string;
  ClientName: string;
  [member: string]: unknown;
}

/** A seeded pool: CreateUserPool members plus `Id`, `clients`, `users` and `MockBehaviour`. */
export interface SeedPool {
  Id?: string;
  PoolName: string;
  /** This pool's behaviour choices (see `MockBehaviour`). */
  MockBehaviour?: Partial<MockBehaviour>;
  clients?: SeedClient[];
  users?: SeedUser[];
  [member: string]: unknown;
}

/** A seed document. */
export interface MockSeed {
  userPools: SeedPool[];
}

/** A seed file that cannot be loaded, with the position of the problem. */
export class SeedError extends SyntaxError {
  override name = "SeedError";
  /** The file (or label) of the seed. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;

  constructor(file: string, line: number, column: number, problem: string) {
    super(`Cannot load seed: ${file}:${line}:${column}: ${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

type Path = readonly (string | number)[];
/** Maps a path in the seed to a thrown SeedError. */
type Fail = (path: Path, problem: string) => never;

const POOL_EXTRA = new Set(["Id", "clients", "users", "MockBehaviour"]);
const CLIENT_EXTRA = new Set(["ClientId"]);
const USER_KEYS = new Set(["Username", "Password", "Attributes", "Status", "Enabled"]);
const STATUSES = new Set(["CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED"]);

function isMap(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(
  value: unknown,
  path: Path,
  allowed: (key: string) => boolean,
  fail: Fail,
): JsonObject {
  if (!isMap(value)) fail(path, "expected a mapping");
  for (const key of Object.keys(value)) {
    if (!allowed(key)) fail([...path, key], `unknown key "${key}"`);
  }
  return value;
}

function members(shape: string): (key: string) => boolean {
  const names = new Set(Object.keys(shapeNamed(shape).members ?? {}));
  return (key) => names.has(key);
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Creates the seed's pools, clients and users in `services`, through the same
 * functions as the API operations. Problems are reported through `fail`.
 */
export async function applySeed(
  services: MockServices,
  seed: MockSeed,
  fail: Fail = defaultFail,
): Promise<void> {
  const root = checkKeys(seed, [], (key) => key === "userPools", fail);
  const pools = root.userPools ?? [];
  if (!Array.isArray(pools)) fail(["userPools"], "expected a list of pools");
  for (const [p, rawPool] of pools.entries()) {
    const path = ["userPools", p];
    const pool = checkKeys(
      rawPool,
      path,
      (key) => POOL_EXTRA.has(key) || members("CreateUserPoolRequest")(key),
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
    if (!Array.isArray(clients)) fail([...path, "clients"], "expected a list of clients");
    for (const [c, rawClient] of clients.entries()) {
      const clientPath = [...path, "clients", c];
      const client = checkKeys(
        rawClient,
        clientPath,
        (key) =>
          CLIENT_EXTRA.has(key) ||
          (key !== "UserPoolId" && members("CreateUserPoolClientRequest")(key)),
        fail,
      );
      const { ClientId, ...clientInput } = client;
      if (
        ClientId !== undefined && (typeof ClientId !== "string" || !/^[\w+]{1,128}$/.test(ClientId))
      ) {
        fail([...clientPath, "ClientId"], `"${stringify(ClientId)}" is not a client id`);
      }
      if (typeof ClientId === "string" && services.store.hasClient(ClientId)) {
        fail([...clientPath, "ClientId"], `client "${ClientId}" already exists`);
      }
      await guard(clientPath, fail, () =>
        createUserPoolClient(
          services,
          validateShape("CreateUserPoolClientRequest", { ...clientInput, UserPoolId: created.id }),
          typeof ClientId === "string" ? { id: ClientId } : {},
        ));
    }
    if (!Array.isArray(users)) fail([...path, "users"], "expected a list of users");
    for (const [u, rawUser] of users.entries()) {
      const userPath = [...path, "users", u];
      const user = checkKeys(rawUser, userPath, (key) => USER_KEYS.has(key), fail);
      const status = user.Status ?? "CONFIRMED";
      if (typeof status !== "string" || !STATUSES.has(status)) {
        fail(
          [...userPath, "Status"],
          `"${stringify(status)}" is not CONFIRMED, FORCE_CHANGE_PASSWORD or UNCONFIRMED`,
        );
      }
      if (user.Enabled !== undefined && typeof user.Enabled !== "boolean") {
        fail([...userPath, "Enabled"], "expected true or false");
      }
      const attributes = user.Attributes ?? {};
      if (!isMap(attributes)) {
        fail([...userPath, "Attributes"], "expected a mapping of attribute names to values");
      }
      await guard(userPath, fail, () => {
        const request = validateShape("AdminCreateUserRequest", {
          UserPoolId: created.id,
          Username: user.Username,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({
            Name,
            Value: String(Value),
          })),
          ...(user.Password === undefined ? {} : { TemporaryPassword: user.Password }),
        });
        const password = request.TemporaryPassword as string | undefined;
        if (password !== undefined) {
          assertPasswordMeetsPolicy(created.config.Policies.PasswordPolicy, password);
        }
        const record = createUser(services, created, {
          username: request.Username as string,
          attributes: attributeMap(
            created.config,
            request.UserAttributes as { Name: string; Value?: string }[],
          ),
          ...(password === undefined ? {} : { password }),
          status: status as UserStatus,
          via: "AdminCreateUser",
        });
        record.enabled = user.Enabled !== false;
      });
    }
  }
}

async function guard<T>(path: Path, fail: Fail, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof CognitoError) fail(path, `${error.type}: ${error.message}`);
    throw error;
  }
}

function defaultFail(path: Path, problem: string): never {
  throw new SeedError("seed", 0, 0, `${path.join(".")}: ${problem}`);
}

/**
 * Parses and checks a seed document (YAML or JSON text). `file` names it in
 * error messages.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSeed, SeedError } from "./seed.ts";
 * const seed = await parseSeed("userPools:\n  - Id: us-east-1_Seed0001\n    PoolName: demo\n", "demo.yaml");
 * assert.equal(seed.userPools[0]?.Id, "us-east-1_Seed0001");
 * await assert.rejects(
 *   parseSeed("userPools:\n  - PoolName: demo\n    Colour: blue\n", "bad.yaml"),
 *   (error: SeedError) => error.message === 'Cannot load seed: bad.yaml:3:5: unknown key "Colour"',
 * );
 * ```
 */
export async function parseSeed(text: string, file: string): Promise<MockSeed> {
  const { LineCounter, parseDocument } = await import("yaml");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax !== undefined) {
    const at = lineCounter.linePos(syntax.pos[0]);
    throw new SeedError(file, at.line, at.col, syntax.message.split("\n")[0]!);
  }
  const fail: Fail = (path, problem) => {
    let node: unknown;
    for (let depth = path.length; depth >= 0 && node === undefined; depth--) {
      node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      // A key's position is more useful than its value's for "unknown key".
      if (depth === path.length && problem.startsWith("unknown key")) {
        node = keyNode(document, path) ?? node;
      }
    }
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
    const at = lineCounter.linePos(offset);
    throw new SeedError(file, at.line, at.col, problem);
  };
  const seed = (document.toJS() ?? { userPools: [] }) as MockSeed;
  const scratch: MockServices = {
    store: new MockStore(),
    clock: new MockClock(Date.now),
    ids: idGenerator(cryptoRandom),
    keys: new KeyStore("shared"),
    region: "us-east-1",
    accountId: "123456789012",
    issuer: (poolId) => poolId,
    behaviour: DEFAULT_BEHAVIOUR,
    blockKey: new Uint8Array(32),
  };
  await applySeed(scratch, seed, fail);
  return seed;
}

function keyNode(document: { getIn(path: Path, keepNode: true): unknown }, path: Path): unknown {
  const parent = document.getIn(path.slice(0, -1), true) as {
    items?: { key?: { value?: unknown } }[];
  } | undefined;
  return parent?.items?.find((pair) => pair.key?.value === path.at(-1))?.key;
}

/**
 * Reads and checks a seed file.
 *
 * @example
 * ```ts ignore
 * import { loadSeedFile } from "./seed.ts";
 * const seed = await loadSeedFile("fixtures/mock-seed.example.yaml");
 * ```
 */
export async function loadSeedFile(path: string): Promise<MockSeed> {
  return parseSeed(await Deno.readTextFile(path), path);
}
