import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { ALL_FLOWS_CLIENT, ALWAYS_REMEMBER, TestMock } from "../_testing.ts";
import { secretHashOf } from "../_testing_client.ts";
import { KeyStore } from "../tokens/keys.ts";
import { stateRows } from "./snapshot.ts";
import { SqliteState, STATE_FILE, STATE_SCHEMA_VERSION, StateStoreError } from "./sqlite_store.ts";

/** A mock on `dir`'s state (its own keys: the tests' shared store must not be restored into). */
async function mockOn(dir: string): Promise<{ mock: TestMock; state: SqliteState }> {
  const state = SqliteState.open(dir);
  const mock = new TestMock({ persistence: state, keyStore: new KeyStore("per-pool") });
  await state.load(mock.handler.services);
  return { mock, state };
}

/** A mock with some of every kind of row: pool, client, users, devices, tokens, sessions, codes. */
async function populate(mock: TestMock) {
  const setup = await mock.provision(ALWAYS_REMEMBER, {
    ...ALL_FLOWS_CLIENT,
    GenerateSecret: true,
  });
  await mock.user(setup.poolId, "alice");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  await mock.srpStart(setup, "alice").then(({ call }) => mock.ok(call.operation, call.body));
  await mock.fails("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "wrong", SECRET_HASH: "x" },
  });
  await mock.ok("AssociateSoftwareToken", { AccessToken: tokens.AccessToken });
  await mock.ok("SignUp", {
    ClientId: setup.clientId,
    Username: "bob",
    Password: "Passw0rd!",
    SecretHash: (await secretHashOf(setup, "bob")).SECRET_HASH,
    UserAttributes: [{ Name: "email", Value: "bob@example.com" }],
  });
  return { setup, tokens, device };
}

Deno.test("sqlite state: every kind of row comes back exactly as it was written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await mockOn(dir);
    await populate(first.mock);
    const before = stateRows(first.mock.handler.services);
    const kinds = new Set([...before.keys()].map((key) => key.split("/")[0]));
    for (
      const kind of [
        "mock",
        "keys",
        "pool",
        "client",
        "user",
        "refresh",
        "origin",
        "session",
        "codes",
      ]
    ) {
      assert.ok(kinds.has(kind), `no ${kind} row to check`);
    }
    first.state.close();
    const second = await mockOn(dir);
    try {
      assert.equal(second.state.created, false);
      assert.deepEqual(stateRows(second.mock.handler.services), before);
      // Nothing changed, nothing written.
      assert.equal(second.state.commit(second.mock.handler.services), 0);
    } finally {
      second.state.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite state: a commit writes only the rows that changed, and deletes what went", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { mock, state } = await mockOn(dir);
    const setup = await mock.provision();
    await mock.user(setup.poolId, "carol");
    await mock.user(setup.poolId, "dave");
    assert.equal(state.commit(mock.handler.services), 0);
    await mock.ok("AdminDisableUser", { UserPoolId: setup.poolId, Username: "carol" });
    await mock.ok("AdminDeleteUser", { UserPoolId: setup.poolId, Username: "dave" });
    state.close();
    const db = new DatabaseSync(join(dir, STATE_FILE));
    const users = db.prepare("SELECT value FROM row WHERE kind = 'user'").all();
    db.close();
    assert.equal(users.length, 1);
    assert.match(String(users[0]!.value), /"enabled":false/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function expectLoadError(dir: string, pattern: RegExp): Promise<void> {
  const file = join(dir, STATE_FILE);
  let error: unknown;
  try {
    const { state } = await mockOn(dir);
    state.close();
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof StateStoreError, `expected a StateStoreError, got ${error}`);
  assert.equal(error.file, file);
  assert.ok(error.message.startsWith(`Cannot load mock state "${file}": `), error.message);
  assert.match(error.message, pattern);
  assert.ok(!error.message.includes("\n"));
}

async function withDamagedState(
  damage: (file: string) => void | Promise<void>,
  pattern: RegExp,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    const { mock, state } = await mockOn(dir);
    const setup = await mock.provision();
    for (let i = 0; i < 40; i++) await mock.user(setup.poolId, `user-${i}`);
    state.close();
    await damage(join(dir, STATE_FILE));
    await expectLoadError(dir, pattern);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("sqlite state: garbage bytes are an error naming the file", async () => {
  await withDamagedState(async (file) => {
    const bytes = await Deno.readFile(file);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
    await Deno.writeFile(file, bytes);
  }, /not a database|malformed|damaged/);
});

Deno.test("sqlite state: a truncated file is an error, not an empty mock", async () => {
  await withDamagedState(async (file) => {
    const { size } = await Deno.stat(file);
    await Deno.truncate(file, Math.floor(size / 2));
  }, /malformed|damaged/);
});

Deno.test("sqlite state: an empty file is an error, not a new mock", async () => {
  await withDamagedState((file) => Deno.truncate(file, 0), /holds no mock state/);
});

Deno.test("sqlite state: a damaged row is an error naming the row", async () => {
  await withDamagedState((file) => {
    const db = new DatabaseSync(file);
    db.exec(
      "UPDATE row SET value = '{\"username\":' WHERE kind = 'user' AND rowid = (SELECT max(rowid) FROM row)",
    );
    db.close();
  }, /Cannot restore row "user\/us-east-1_\w+\/[0-9a-f-]+": /);
});

Deno.test("sqlite state: another schema version or a foreign database is refused", async () => {
  await withDamagedState((file) => {
    const db = new DatabaseSync(file);
    db.exec("UPDATE meta SET value = '99' WHERE key = 'schemaVersion'");
    db.close();
  }, new RegExp(`schema version is "99", this mock reads version ${STATE_SCHEMA_VERSION}`));
  await withDamagedState(async (file) => {
    await Deno.remove(file);
    const db = new DatabaseSync(file);
    db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
    db.close();
  }, /holds no mock state/);
});

Deno.test("sqlite state: a second mock on the same directory is refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { state } = await mockOn(dir);
    try {
      await expectLoadError(dir, /in use by another process/);
    } finally {
      state.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite state: keys made per pool are refused by a mock with shared keys", async () => {
  const dir = await Deno.makeTempDir();
  try {
    (await mockOn(dir)).state.close();
    const state = SqliteState.open(dir);
    try {
      const mock = new TestMock({ persistence: state, keyStore: new KeyStore("shared") });
      await assert.rejects(() => state.load(mock.handler.services), {
        name: "StateStoreError",
        message: /signing keys are per-pool, this mock's are shared/,
      });
    } finally {
      state.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite state: the file is readable by its owner only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    (await mockOn(dir)).state.close();
    assert.equal((await Deno.stat(join(dir, STATE_FILE))).mode! & 0o077, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
