/**
 * The mock's whole in-memory state: pools (with their clients, users, tokens
 * and sessions), the client-id index, and the injected fault plan. Lookups
 * that fail throw the catalogue's AWS errors.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { resolveUser, Users } from "./users.ts";
import type { AppClient, PoolConfig, User, UserPool } from "./types.ts";

/** A pending throttling fault (`POST /_mock/faults`). */
export interface ThrottleFault {
  remaining: number;
  poolId?: string;
  operations?: ReadonlySet<string>;
}

/** A pool as stored: its directory is the concrete {@linkcode Users}. */
export interface StoredPool extends UserPool {
  readonly users: Users;
}

/**
 * All pools and the indexes over them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MockStore } from "./store.ts";
 * const store = new MockStore();
 * assert.throws(() => store.pool("us-east-1_nope"), { name: "ResourceNotFoundException" });
 * ```
 */
export class MockStore {
  readonly pools = new Map<string, StoredPool>();
  readonly #clientIndex = new Map<string, string>();
  readonly throttles: ThrottleFault[] = [];

  /** Creates and registers a pool. */
  addPool(init: {
    id: string;
    region: string;
    name: string;
    arn: string;
    now: number;
    config: PoolConfig;
  }): StoredPool {
    const pool: StoredPool = {
      id: init.id,
      region: init.region,
      name: init.name,
      arn: init.arn,
      createdAt: init.now,
      lastModifiedAt: init.now,
      config: init.config,
      clients: new Map(),
      users: new Users(init.config.UsernameConfiguration?.CaseSensitive ?? true),
      refreshTokens: new Map(),
      origins: new Map(),
      sessions: new Map(),
      codes: [],
    };
    this.pools.set(pool.id, pool);
    return pool;
  }

  /** Removes a pool and its clients from the indexes. */
  deletePool(pool: UserPool): void {
    for (const clientId of pool.clients.keys()) this.#clientIndex.delete(clientId);
    this.pools.delete(pool.id);
  }

  /** The pool, or `ResourceNotFoundException` "User pool … does not exist.". */
  pool(poolId: string): StoredPool {
    const pool = this.pools.get(poolId);
    if (pool === undefined) throw cognitoError("UserPoolNotFound", { poolId });
    return pool;
  }

  /** Registers a client in its pool and the index. */
  addClient(pool: UserPool, client: AppClient): void {
    pool.clients.set(client.id, client);
    this.#clientIndex.set(client.id, pool.id);
  }

  /** Removes a client. */
  deleteClient(pool: UserPool, client: AppClient): void {
    pool.clients.delete(client.id);
    this.#clientIndex.delete(client.id);
  }

  /** Whether a client id is taken (seeded ids must be unique). */
  hasClient(clientId: string): boolean {
    return this.#clientIndex.has(clientId);
  }

  /**
   * The client and its pool, or `ResourceNotFoundException` "User pool client
   * … does not exist.". With `poolId` (the Admin and pool-management
   * operations), that pool must exist ("User pool … does not exist.", checked
   * first) and the client must belong to it.
   */
  client(clientId: string, poolId?: string): { pool: StoredPool; client: AppClient } {
    if (poolId !== undefined) this.pool(poolId);
    const owner = this.#clientIndex.get(clientId);
    const pool = owner === undefined ? undefined : this.pools.get(owner);
    const client = pool?.clients.get(clientId);
    if (
      pool === undefined || client === undefined || (poolId !== undefined && pool.id !== poolId)
    ) {
      throw cognitoError("ClientNotFound", { clientId });
    }
    return { pool, client };
  }

  /** The pool id of a client, if the client exists. */
  poolOfClient(clientId: string): string | undefined {
    return this.#clientIndex.get(clientId);
  }

  /** Forgets everything. */
  reset(): void {
    this.pools.clear();
    this.#clientIndex.clear();
    this.throttles.length = 0;
  }
}

/**
 * The user with this username (or alias / sub), or `UserNotFoundException`
 * "User does not exist.".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MockStore, requireUser } from "./store.ts";
 * import { buildSchema } from "./schema.ts";
 * import { DEFAULT_PASSWORD_POLICY } from "./password_policy.ts";
 * const store = new MockStore();
 * const pool = store.addPool({
 *   id: "us-east-1_a", region: "us-east-1", name: "p", arn: "arn", now: 0,
 *   config: { Policies: { PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY } }, DeletionProtection: "INACTIVE",
 *     MfaConfiguration: "OFF", SchemaAttributes: buildSchema(), AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } },
 * });
 * assert.throws(() => requireUser(pool, "ghost"), { message: "User does not exist." });
 * ```
 */
export function requireUser(pool: StoredPool, name: string): User {
  const user = lookupUser(pool, name);
  if (user === undefined) throw cognitoError("UserNotFound");
  return user;
}

/** The user with this username (or alias / sub), if any. */
export function lookupUser(pool: StoredPool, name: string): User | undefined {
  return resolveUser(pool.users, pool.config, name);
}
