/**
 * The mock's state on disk (`mock --data-dir DIR`): one SQLite database,
 * `DIR/mock-state.sqlite`, through the runtime's built-in `node:sqlite`
 * (no npm package, no native build). Rows are the ones of `snapshot.ts`.
 *
 * - **Acknowledged means committed.** The handler calls
 *   {@linkcode SqliteState.commit} after every request and before its
 *   response leaves; the commit writes, in one transaction, every row that
 *   changed since the last commit (whichever request changed it: async
 *   handlers interleave, and a commit covers what they did so far). WAL
 *   journal with `synchronous=FULL`: a committed transaction survives a
 *   `kill -9` and a power cut; an interrupted one leaves the previous state.
 * - **A new database is made whole, then renamed into place**, so the file
 *   exists only with its schema and version in it; an empty, torn or foreign
 *   file is an error ({@linkcode StateStoreError}, naming the file), never an
 *   empty mock. `PRAGMA quick_check` runs at every start.
 * - **One mock per directory**: the database is held with an exclusive lock;
 *   a second mock on the same directory is refused.
 * - **Schema version** {@linkcode STATE_SCHEMA_VERSION} in the `meta` table;
 *   another version is refused with a clear error rather than misread.
 *
 * The file holds secrets in the clear (passwords, client secrets, TOTP
 * secrets, refresh tokens, private signing keys): it is created mode 0600.
 *
 * @module
 */

import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { MockServices } from "../context.ts";
import { restoreRows, type StateRows, stateRows } from "./snapshot.ts";

/** The version of the stored format; a database of another version is refused. */
export const STATE_SCHEMA_VERSION = 1;

/** The database's file name inside the data directory. */
export const STATE_FILE = "mock-state.sqlite";

const FORMAT = "cognito-conformance-mock-state";

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE row (
    kind TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, id)
  );
`;

/**
 * The data directory or its database cannot be used; the message is one line
 * and names the file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StateStoreError } from "./sqlite_store.ts";
 * const error = new StateStoreError("/tmp/d/mock-state.sqlite", "file is not a database");
 * assert.equal(error.message, 'Cannot load mock state "/tmp/d/mock-state.sqlite": file is not a database');
 * ```
 */
export class StateStoreError extends Error {
  override name = "StateStoreError";
  /** The file (or directory) concerned. */
  readonly file: string;

  /** `file` could not be used, because of `reason`. */
  constructor(file: string, reason: string) {
    super(`Cannot load mock state "${file}": ${oneLine(reason)}`);
    this.file = file;
  }
}

function oneLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/database is locked|database table is locked/i.test(message)) {
    return "it is in use by another process (one mock per --data-dir)";
  }
  return message;
}

/** Pragmas of every connection: WAL, full sync, held exclusively. */
function configure(db: DatabaseSync): void {
  db.exec("PRAGMA locking_mode = EXCLUSIVE");
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
}

/** Makes a new database at a temporary name, complete, then renames it to `file`. */
function createDatabase(file: string): void {
  const draft = `${file}.new`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    rmSync(`${draft}${suffix}`, { force: true });
  }
  // 0600: the file holds the users' passwords and the signing keys.
  Deno.writeFileSync(draft, new Uint8Array(), { mode: 0o600 });
  const db = new DatabaseSync(draft);
  try {
    configure(db);
    db.exec("BEGIN");
    db.exec(SCHEMA);
    const meta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    meta.run("format", FORMAT);
    meta.run("schemaVersion", String(STATE_SCHEMA_VERSION));
    db.exec("COMMIT");
  } finally {
    db.close(); // checkpoints the WAL into the file and removes it
  }
  renameSync(draft, file);
}

function readMeta(db: DatabaseSync): Map<string, string> {
  const tables = db.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'row')",
  ).all();
  if (tables.length !== 2) {
    throw new Error("it holds no mock state (empty, or not written by the mock)");
  }
  const meta = new Map<string, string>();
  for (const entry of db.prepare("SELECT key, value FROM meta").all()) {
    meta.set(String(entry.key), String(entry.value));
  }
  if (meta.get("format") !== FORMAT) {
    throw new Error("it holds no mock state (not written by the mock)");
  }
  const version = meta.get("schemaVersion");
  if (version !== String(STATE_SCHEMA_VERSION)) {
    throw new Error(
      `its schema version is ${JSON.stringify(version)}, this mock reads version ` +
        `${STATE_SCHEMA_VERSION} (use another --data-dir, or the mock that wrote it)`,
    );
  }
  return meta;
}

/**
 * The mock's state in `DIR/mock-state.sqlite`: {@linkcode SqliteState.open}
 * it, {@linkcode SqliteState.load} it into a new mock before any request,
 * then the handler commits after each request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockHandler } from "../handler.ts";
 * import { SqliteState } from "./sqlite_store.ts";
 * const dir = await Deno.makeTempDir();
 * const first = SqliteState.open(dir);
 * assert.equal(first.created, true);
 * const mock = createMockHandler({ persistence: first });
 * await first.load(mock.services);
 * mock.services.clock.advance(30);
 * first.commit(mock.services);
 * first.close();
 * const again = SqliteState.open(dir);
 * const restarted = createMockHandler({ persistence: again });
 * await again.load(restarted.services);
 * assert.equal(again.created, false);
 * assert.equal(restarted.services.clock.offsetSeconds(), 30);
 * again.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class SqliteState {
  /** The database file. */
  readonly file: string;
  /** Whether this start created the database (a new data directory). */
  readonly created: boolean;
  #db: DatabaseSync;
  #meta: Map<string, string>;
  /** The rows as last committed, to write only what changed. */
  #written: StateRows = new Map();
  #upsert;
  #delete;

  private constructor(file: string, created: boolean, db: DatabaseSync, meta: Map<string, string>) {
    this.file = file;
    this.created = created;
    this.#db = db;
    this.#meta = meta;
    this.#upsert = db.prepare(
      "INSERT INTO row (kind, id, value) VALUES (?, ?, ?) " +
        "ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value",
    );
    this.#delete = db.prepare("DELETE FROM row WHERE kind = ? AND id = ?");
  }

  /**
   * Opens (or, in a new or empty directory, creates) the database of
   * `dir`, checks it and locks it; any problem is a
   * {@linkcode StateStoreError} naming the file.
   */
  static open(dir: string): SqliteState {
    const file = join(dir, STATE_FILE);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new StateStoreError(dir, `cannot create the directory (${reasonOf(error)})`);
    }
    let created = false;
    if (!existsSync(file)) {
      try {
        createDatabase(file);
      } catch (error) {
        throw new StateStoreError(file, `cannot create it (${reasonOf(error)})`);
      }
      created = true;
    }
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(file);
      configure(db);
      // Take the exclusive lock now, so a second mock on the directory is refused at start.
      db.exec("BEGIN EXCLUSIVE");
      db.exec("COMMIT");
      const check = db.prepare("PRAGMA quick_check").all().map((entry) =>
        String(entry.quick_check)
      );
      if (check.length !== 1 || check[0] !== "ok") {
        throw new Error(`the database is damaged (quick_check: ${check[0]})`);
      }
      const meta = readMeta(db);
      return new SqliteState(file, created, db, meta);
    } catch (error) {
      db?.close();
      if (error instanceof StateStoreError) throw error;
      throw new StateStoreError(file, reasonOf(error));
    }
  }

  /**
   * Puts the stored state into `services` (a mock that has answered nothing
   * yet). The key strategy is recorded on first load: a database whose keys
   * were made per pool is refused by a mock with shared keys, and the
   * reverse, since old tokens would stop verifying.
   */
  async load(services: MockServices): Promise<void> {
    const strategy = services.keys.strategy;
    const recorded = this.#meta.get("keyStrategy");
    if (recorded === undefined) {
      this.#db.prepare("INSERT INTO meta (key, value) VALUES ('keyStrategy', ?)").run(strategy);
      this.#meta.set("keyStrategy", strategy);
    } else if (recorded !== strategy) {
      throw new StateStoreError(
        this.file,
        `its signing keys are ${recorded}, this mock's are ${strategy} (--key-strategy ${recorded})`,
      );
    }
    const rows: StateRows = new Map();
    try {
      for (
        const entry of this.#db.prepare("SELECT kind, id, value FROM row ORDER BY rowid").all()
      ) {
        rows.set(`${entry.kind}/${entry.id}`, String(entry.value));
      }
      await restoreRows(services, rows);
    } catch (error) {
      throw new StateStoreError(this.file, reasonOf(error));
    }
    this.#written = rows;
  }

  /**
   * Writes every row that changed since the last commit, in one
   * transaction; returns how many rows it wrote or deleted. Throws when the
   * transaction fails (the handler then answers 500: nothing is acknowledged
   * that is not on disk).
   */
  commit(services: MockServices): number {
    const rows = stateRows(services);
    const written = this.#written;
    const changed: [string, string][] = [];
    for (const [key, value] of rows) if (written.get(key) !== value) changed.push([key, value]);
    const gone: string[] = [];
    for (const key of written.keys()) if (!rows.has(key)) gone.push(key);
    if (changed.length === 0 && gone.length === 0) return 0;
    const split = (key: string) => {
      const slash = key.indexOf("/");
      return [key.slice(0, slash), key.slice(slash + 1)] as const;
    };
    this.#db.exec("BEGIN");
    try {
      for (const [key, value] of changed) this.#upsert.run(...split(key), value);
      for (const key of gone) this.#delete.run(...split(key));
      this.#db.exec("COMMIT");
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw error;
    }
    this.#written = rows;
    return changed.length + gone.length;
  }

  /** Closes the database (checkpointing its WAL) and releases the lock. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
