/**
 * `mock --data-dir`: the state survives a restart (tokens, devices, keys),
 * every write acknowledged before a `kill -9` under concurrent load is there
 * after it, and a damaged database file is a one-line error naming it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createLocalJWKSet, jwtVerify } from "jose";
import { ALL_FLOWS_CLIENT, ALWAYS_REMEMBER, claimsOf, TestMock } from "../src/mock/_testing.ts";
import type { Answer, Json, KnownDevice, Provisioned } from "../src/mock/_testing.ts";
import { SqliteState, STATE_FILE } from "../src/mock/state/sqlite_store.ts";
import { KeyStore } from "../src/mock/tokens/keys.ts";
import { cliCommand } from "./_cli.ts";

/** A mock on `dir` (its own keys, so the restored ones are the only ones). */
async function mockOn(dir: string): Promise<{ mock: TestMock; state: SqliteState }> {
  const state = SqliteState.open(dir);
  const mock = new TestMock({ persistence: state, keyStore: new KeyStore("per-pool") });
  await state.load(mock.handler.services);
  return { mock, state };
}

async function jwksOf(mock: TestMock, poolId: string): Promise<Json> {
  const response = await mock.handler.handle(
    new Request(`http://mock.test/${poolId}/.well-known/jwks.json`),
  );
  assert.equal(response.status, 200);
  return await response.json();
}

Deno.test("persist: after a restart, the old refresh token with its DEVICE_KEY, the keys and the devices still work", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await mockOn(dir);
    const setup = await first.mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
    await first.mock.user(setup.poolId, "alice");
    const signedIn = await first.mock.srpSignIn(setup, "alice");
    const tokens = signedIn.AuthenticationResult;
    const { device } = await first.mock.confirmDevice(tokens.AccessToken, tokens.NewDeviceMetadata);
    const jwks = await jwksOf(first.mock, setup.poolId);
    first.state.close();

    const { mock, state } = await mockOn(dir);
    try {
      assert.deepEqual(await jwksOf(mock, setup.poolId), jwks);
      const keySet = createLocalJWKSet(jwks);
      const { payload } = await jwtVerify(tokens.AccessToken, keySet, {
        currentDate: new Date(mock.now),
      });
      assert.equal(payload.device_key, device.key);
      assert.equal(
        (await mock.ok("GetUser", { AccessToken: tokens.AccessToken })).Username,
        "alice",
      );

      const refreshed = await mock.ok("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: setup.clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, DEVICE_KEY: device.key },
      });
      const access = refreshed.AuthenticationResult.AccessToken;
      assert.equal(claimsOf(access).device_key, device.key);
      assert.equal(claimsOf(access).origin_jti, claimsOf(tokens.AccessToken).origin_jti);
      await jwtVerify(access, keySet, { currentDate: new Date(mock.now) });

      const listed = await mock.ok("ListDevices", { AccessToken: access });
      assert.deepEqual(listed.Devices.map((entry: Json) => entry.DeviceKey), [device.key]);
      const admin = await mock.ok("AdminGetDevice", {
        UserPoolId: setup.poolId,
        Username: "alice",
        DeviceKey: device.key,
      });
      const status = admin.Device.DeviceAttributes.find((entry: Json) =>
        entry.Name === "dev:device_remembered_status"
      );
      assert.equal(status?.Value, "remembered");

      // The device's SRP verifier came back too: a remembered-device sign-in works.
      const challenge = await mock.srpSignIn(setup, "alice", "Passw0rd!", {
        deviceKey: device.key,
      });
      const viaDevice = await mock.deviceSignIn(setup, challenge, "alice", device);
      assert.equal(claimsOf(viaDevice.AuthenticationResult.AccessToken).device_key, device.key);
    } finally {
      state.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("persist: a revocation and a global sign-out survive a restart", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await mockOn(dir);
    const setup = await first.mock.provision({}, ALL_FLOWS_CLIENT);
    await first.mock.user(setup.poolId, "bob");
    const revoked = await first.mock.signIn(setup, "bob");
    const signedOut = await first.mock.signIn(setup, "bob");
    await first.mock.ok("RevokeToken", { ClientId: setup.clientId, Token: revoked.RefreshToken });
    await first.mock.ok("GlobalSignOut", { AccessToken: signedOut.AccessToken });
    first.state.close();
    const { mock, state } = await mockOn(dir);
    try {
      for (const token of [revoked.RefreshToken, signedOut.RefreshToken]) {
        const failure = await mock.fails("InitiateAuth", {
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: setup.clientId,
          AuthParameters: { REFRESH_TOKEN: token },
        });
        assert.equal(failure.type, "NotAuthorizedException");
      }
      const access = await mock.fails("GetUser", { AccessToken: signedOut.AccessToken });
      assert.equal(access.message, "Access Token has been revoked");
    } finally {
      state.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// ---------------------------------------------------------------------------
// The real process: kill -9 under load, and damaged files.

/** A mock process on `dir`; resolves once it prints its endpoint. */
async function startMock(dir: string) {
  const child = cliCommand(["mock", "--port", "0", "--data-dir", dir, "--key-strategy", "shared"])
    .spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) {
      const stderr = await new Response(child.stderr).text();
      throw new Error(`mock ended before its endpoint: ${stderr}`);
    }
    seen += value;
  }
  reader.releaseLock();
  const url = seen.match(/^ENDPOINT (\S+)$/m)![1]!;
  return { child, url };
}

/** The wire client of {@linkcode TestMock} over HTTP to a real process, on the real clock. */
class HttpMock extends TestMock {
  readonly #url: string;
  constructor(url: string) {
    super();
    this.#url = url;
  }
  override get now(): number {
    return Date.now();
  }
  override async call(operation: string, body: unknown): Promise<Answer> {
    const response = await fetch(this.#url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
  }
}

/** What the clients were told succeeded before the kill. */
interface Acknowledged {
  created: string[];
  signedUp: string[];
  devices: Map<string, KnownDevice>;
}

const WORKERS = 6;
const KILL_AFTER = 90;

/**
 * One client's loop: AdminCreateUser + AdminSetUserPassword, a SignUp, a
 * sign-in with ConfirmDevice, round after round, until the process dies.
 */
async function worker(
  client: HttpMock,
  setup: Provisioned,
  index: number,
  acknowledged: Acknowledged,
  onWrite: () => void,
): Promise<void> {
  for (let round = 0;; round++) {
    try {
      const username = `w${index}-r${round}`;
      await client.ok("AdminCreateUser", {
        UserPoolId: setup.poolId,
        Username: username,
        MessageAction: "SUPPRESS",
      });
      acknowledged.created.push(username);
      onWrite();
      await client.ok("AdminSetUserPassword", {
        UserPoolId: setup.poolId,
        Username: username,
        Password: "Passw0rd!",
        Permanent: true,
      });
      await client.ok("SignUp", {
        ClientId: setup.clientId,
        Username: `${username}-self`,
        Password: "Passw0rd!",
      });
      acknowledged.signedUp.push(`${username}-self`);
      onWrite();
      const tokens = await client.signIn(setup, username);
      const { device } = await client.confirmDevice(tokens.AccessToken, tokens.NewDeviceMetadata);
      acknowledged.devices.set(username, device);
      onWrite();
    } catch {
      return; // the process is gone: whatever was not answered was not acknowledged
    }
  }
}

Deno.test("persist: every write acknowledged before kill -9 under concurrent load survives", async () => {
  const dir = await Deno.makeTempDir();
  try {
    let { child, url } = await startMock(dir);
    const admin = new HttpMock(url);
    const setup = await admin.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
    const acknowledged: Acknowledged = { created: [], signedUp: [], devices: new Map() };
    let writes = 0;
    let killed = false;
    const onWrite = () => {
      writes++;
      // Kill while the other clients' requests are in flight.
      if (writes >= KILL_AFTER && !killed) {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    await Promise.all(
      Array.from(
        { length: WORKERS },
        (_, index) => worker(new HttpMock(url), setup, index, acknowledged, onWrite),
      ),
    );
    const status = await child.status;
    assert.equal(status.signal, "SIGKILL");
    await child.stdout.cancel().catch(() => {});
    await child.stderr.cancel();
    const acknowledgedCount = acknowledged.created.length + acknowledged.signedUp.length +
      acknowledged.devices.size;
    assert.ok(acknowledgedCount >= KILL_AFTER, `only ${acknowledgedCount} writes acknowledged`);

    ({ child, url } = await startMock(dir));
    try {
      const after = new HttpMock(url);
      for (const username of [...acknowledged.created, ...acknowledged.signedUp]) {
        const user = await after.ok("AdminGetUser", {
          UserPoolId: setup.poolId,
          Username: username,
        });
        assert.equal(user.Username, username);
      }
      for (const [username, device] of acknowledged.devices) {
        const listed = await after.ok("AdminListDevices", {
          UserPoolId: setup.poolId,
          Username: username,
        });
        assert.deepEqual(listed.Devices.map((entry: Json) => entry.DeviceKey), [device.key]);
      }
      // Usable afterwards: a new user signs in and a surviving device signs in by device SRP.
      await after.user(setup.poolId, "after-restart");
      assert.ok((await after.signIn(setup, "after-restart")).AccessToken);
      const [username, device] = [...acknowledged.devices][0]!;
      const challenge = await after.srpSignIn(setup, username, "Passw0rd!", {
        deviceKey: device.key,
      });
      const viaDevice = await after.deviceSignIn(setup, challenge, username, device);
      assert.equal(claimsOf(viaDevice.AuthenticationResult.AccessToken).device_key, device.key);
    } finally {
      child.kill("SIGTERM");
      assert.equal((await child.status).code, 0);
      await child.stdout.cancel().catch(() => {});
      await child.stderr.cancel();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function expectCliRefusal(dir: string): Promise<string> {
  const output = await cliCommand(["mock", "--port", "0", "--data-dir", dir]).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 1, stderr);
  assert.equal(new TextDecoder().decode(output.stdout), "", "it must not start");
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, stderr);
  assert.ok(!/\bat .*:\d+:\d+/.test(stderr), `a stack trace: ${stderr}`);
  assert.ok(stderr.includes(join(dir, STATE_FILE)), stderr);
  return lines[0]!;
}

Deno.test("persist: the mock refuses a damaged state file with one line naming it (exit 1)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { child, url } = await startMock(dir);
    const client = new HttpMock(url);
    const setup = await client.provision();
    for (let i = 0; i < 30; i++) await client.user(setup.poolId, `user-${i}`);
    child.kill("SIGTERM");
    await child.status;
    await child.stdout.cancel().catch(() => {});
    await child.stderr.cancel();
    const file = join(dir, STATE_FILE);
    const good = await Deno.readFile(file);

    await Deno.writeFile(file, crypto.getRandomValues(new Uint8Array(good.length)));
    assert.match(await expectCliRefusal(dir), /not a database|malformed|damaged/);

    await Deno.writeFile(file, good.subarray(0, Math.floor(good.length / 2)));
    assert.match(await expectCliRefusal(dir), /malformed|damaged|not a database/);

    await Deno.writeFile(file, new Uint8Array());
    assert.match(await expectCliRefusal(dir), /holds no mock state/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
