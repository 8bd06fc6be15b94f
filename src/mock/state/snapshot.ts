/**
 * The mock's state as rows keyed by kind and id, each one JSON record (see
 * `codec.ts`), and back: what `--data-dir` stores (`sqlite_store.ts`).
 *
 * | kind | id | record |
 * |---|---|---|
 * | `pool` | pool id | name, ARN, dates, configuration, MFA settings, behaviour overrides |
 * | `client` | pool id `/` client id | the app client, with its secret |
 * | `user` | pool id `/` sub | the user: attributes, password, status, MFA and TOTP secrets, devices, lockout counters, global sign-out |
 * | `refresh` | pool id `/` token | a refresh token: client, user, origin, expiry, bound device, revocation, rotation |
 * | `origin` | pool id `/` origin jti | a sign-in: its device, revocation |
 * | `session` | pool id `/` session | an open challenge with its SRP state |
 * | `codes` | pool id | the codes "sent" |
 * | `keys` | pool id, or `*` for shared keys | the two private signing keys (JWK) |
 * | `mock` | `clock`, `blockKey` | clock offsets; the SECRET_BLOCK key |
 *
 * Rows are small and many, so a request rewrites only the rows it changed.
 * Injected faults (`POST /_mock/faults`) are not state: they do not survive.
 *
 * @module
 */

import type { MockServices } from "../context.ts";
import type { ExportedPoolKeys } from "../tokens/keys.ts";
import { decodeRecord, encodeRecord } from "./codec.ts";
import type {
  AppClient,
  AuthOrigin,
  ChallengeSession,
  IssuedCode,
  PoolConfig,
  PoolMfaSettings,
  RefreshTokenRecord,
  User,
} from "./types.ts";
import type { MockBehaviour } from "./behaviour.ts";

/** Rows by `kind/id` (the kind never contains `/`), each a JSON record. */
export type StateRows = Map<string, string>;

/** The `kind/id` key of a row. */
export function rowKey(kind: string, id: string): string {
  return `${kind}/${id}`;
}

/** What a `pool` row holds (its children are rows of their own). */
interface PoolRecord {
  id: string;
  region: string;
  name: string;
  arn: string;
  createdAt: number;
  lastModifiedAt: number;
  config: PoolConfig;
  mfaSettings?: PoolMfaSettings;
  behaviour?: Partial<MockBehaviour>;
}

/**
 * Every row of the mock's current state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockHandler } from "../handler.ts";
 * import { stateRows } from "./snapshot.ts";
 * const mock = createMockHandler();
 * assert.deepEqual([...stateRows(mock.services).keys()], ["mock/clock", "mock/blockKey"]);
 * ```
 */
export function stateRows(services: MockServices): StateRows {
  const rows: StateRows = new Map();
  const put = (kind: string, id: string, value: unknown) =>
    rows.set(rowKey(kind, id), encodeRecord(value));
  const { globalMs, poolsMs } = services.clock.offsets();
  put("mock", "clock", { globalMs, poolsMs });
  put("mock", "blockKey", services.blockKey);
  for (const [owner, keys] of services.keys.exported()) put("keys", owner, keys);
  for (const pool of services.store.pools.values()) {
    const record: PoolRecord = {
      id: pool.id,
      region: pool.region,
      name: pool.name,
      arn: pool.arn,
      createdAt: pool.createdAt,
      lastModifiedAt: pool.lastModifiedAt,
      config: pool.config,
      ...(pool.mfaSettings === undefined ? {} : { mfaSettings: pool.mfaSettings }),
      ...(pool.behaviour === undefined ? {} : { behaviour: pool.behaviour }),
    };
    put("pool", pool.id, record);
    for (const client of pool.clients.values()) put("client", `${pool.id}/${client.id}`, client);
    for (const user of pool.users.all()) put("user", `${pool.id}/${user.sub}`, user);
    for (const [token, record] of pool.refreshTokens) put("refresh", `${pool.id}/${token}`, record);
    for (const [jti, origin] of pool.origins) put("origin", `${pool.id}/${jti}`, origin);
    for (const [id, session] of pool.sessions) put("session", `${pool.id}/${id}`, session);
    if (pool.codes.length > 0) put("codes", pool.id, pool.codes);
  }
  return rows;
}

/** A row that cannot be taken back: its key and what is wrong. */
export class StateRowError extends Error {
  override name = "StateRowError";
  /** The row's `kind/id`, secrets cut off. */
  readonly row: string;

  /** A damaged row (`row` is its key; the reason is in the message). */
  constructor(row: string, reason: string) {
    super(`Cannot restore row "${row}": ${reason}`);
    this.row = row;
  }
}

function record(key: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = decodeRecord(text);
  } catch (error) {
    throw new StateRowError(key, error instanceof Error ? error.message : String(error));
  }
  if (typeof value !== "object" || value === null) {
    throw new StateRowError(key, "the record is not an object");
  }
  return value as Record<string, unknown>;
}

function splitChild(key: string, id: string): [string, string] {
  const slash = id.indexOf("/");
  if (slash < 0) throw new StateRowError(key, "the id names no pool");
  return [id.slice(0, slash), id.slice(slash + 1)];
}

/** Where a child row's pool is, or a {@linkcode StateRowError}. */
function poolOf(services: MockServices, key: string, poolId: string) {
  const pool = services.store.pools.get(poolId);
  if (pool === undefined) throw new StateRowError(key, `its pool "${poolId}" has no row`);
  return pool;
}

/**
 * Puts `rows` (as {@linkcode stateRows} made them, in any order) into an
 * empty mock: pools first, then what they hold; signing keys are imported
 * (hence async). A damaged row is a {@linkcode StateRowError}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockHandler } from "../handler.ts";
 * import { restoreRows, stateRows } from "./snapshot.ts";
 * const first = createMockHandler();
 * first.services.clock.advance(60);
 * const second = createMockHandler();
 * await restoreRows(second.services, stateRows(first.services));
 * assert.equal(second.services.clock.offsetSeconds(), 60);
 * assert.deepEqual(second.services.blockKey, first.services.blockKey);
 * ```
 */
export async function restoreRows(services: MockServices, rows: StateRows): Promise<void> {
  const byKind = new Map<string, [string, string, string][]>();
  for (const [key, text] of rows) {
    const slash = key.indexOf("/");
    const kind = key.slice(0, slash);
    const list = byKind.get(kind) ?? [];
    list.push([key, key.slice(slash + 1), text]);
    byKind.set(kind, list);
  }
  const known = new Set([
    "mock",
    "keys",
    "pool",
    "client",
    "user",
    "refresh",
    "origin",
    "session",
    "codes",
  ]);
  for (const kind of byKind.keys()) {
    if (!known.has(kind)) throw new StateRowError(`${kind}/…`, `unknown kind "${kind}"`);
  }
  const each = (kind: string) => byKind.get(kind) ?? [];
  for (const [key, id, text] of each("mock")) restoreMock(services, key, id, text);
  for (const [key, id, text] of each("keys")) {
    const keys = record(key, text) as unknown as ExportedPoolKeys;
    try {
      await services.keys.restore(id, keys);
    } catch (error) {
      throw new StateRowError(key, `the keys do not import (${(error as Error).message})`);
    }
  }
  for (const [key, , text] of each("pool")) restorePool(services, key, record(key, text));
  for (const [key, id, text] of each("client")) {
    const [poolId] = splitChild(key, id);
    services.store.addClient(
      poolOf(services, key, poolId),
      record(key, text) as never as AppClient,
    );
  }
  for (const [key, id, text] of each("user")) {
    const [poolId] = splitChild(key, id);
    poolOf(services, key, poolId).users.add(record(key, text) as never as User);
  }
  const children = [
    [
      "refresh",
      (pool, childId, value) =>
        pool.refreshTokens.set(childId, value as never as RefreshTokenRecord),
    ],
    ["origin", (pool, childId, value) => pool.origins.set(childId, value as never as AuthOrigin)],
    [
      "session",
      (pool, childId, value) => pool.sessions.set(childId, value as never as ChallengeSession),
    ],
  ] as const satisfies readonly (readonly [
    string,
    (pool: ReturnType<typeof poolOf>, childId: string, value: Record<string, unknown>) => unknown,
  ])[];
  for (const [kind, add] of children) {
    for (const [key, id, text] of each(kind)) {
      const [poolId, childId] = splitChild(key, id);
      add(poolOf(services, key, poolId), childId, record(key, text));
    }
  }
  for (const [key, id, text] of each("codes")) {
    const codes = decodeList(key, text) as IssuedCode[];
    poolOf(services, key, id).codes.push(...codes);
  }
}

function decodeList(key: string, text: string): unknown[] {
  const value = record(key, text);
  if (!Array.isArray(value)) throw new StateRowError(key, "the record is not a list");
  return value;
}

function restoreMock(services: MockServices, key: string, id: string, text: string): void {
  const value = record(key, text);
  if (id === "clock") {
    const { globalMs, poolsMs } = value as { globalMs: unknown; poolsMs: unknown };
    if (typeof globalMs !== "number" || !(poolsMs instanceof Map)) {
      throw new StateRowError(key, "the clock offsets are not numbers");
    }
    services.clock.restore(globalMs, poolsMs as Map<string, number>);
  } else if (id === "blockKey") {
    if (!(value instanceof Uint8Array) || value.length !== services.blockKey.length) {
      throw new StateRowError(key, `the key is not ${services.blockKey.length} bytes`);
    }
    // The services hold the key by reference: fill it in place.
    services.blockKey.set(value);
  } else {
    throw new StateRowError(key, `unknown mock row "${id}"`);
  }
}

function restorePool(services: MockServices, key: string, value: Record<string, unknown>): void {
  const pool = value as unknown as PoolRecord;
  if (typeof pool.id !== "string" || typeof pool.config !== "object" || pool.config === null) {
    throw new StateRowError(key, "the pool has no id or configuration");
  }
  const stored = services.store.addPool({
    id: pool.id,
    region: pool.region,
    name: pool.name,
    arn: pool.arn,
    now: pool.createdAt,
    config: pool.config,
  });
  stored.lastModifiedAt = pool.lastModifiedAt;
  if (pool.mfaSettings !== undefined) stored.mfaSettings = pool.mfaSettings;
  if (pool.behaviour !== undefined) stored.behaviour = pool.behaviour;
}
