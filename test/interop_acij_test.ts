/**
 * amazon-cognito-identity-js 6.3.21 (the AWS reference SRP client) against
 * the mock over HTTP: its own code paths, not ours. SRP sign-in of a new
 * device (ACIJ confirms it itself), `setDeviceStatusRemembered`,
 * `listDevices`, a second sign-in through DEVICE_SRP_AUTH and
 * DEVICE_PASSWORD_VERIFIER, `refreshSession` with the device key,
 * `forgetDevice`, the retry ACIJ makes on "Device does not exist.", and TOTP
 * pools where a remembered device skips MFA.
 *
 * A wrapper around `fetch` records what ACIJ sends, so the tests can assert
 * the wire flow. Refresh failures are not driven through ACIJ (it retries
 * them for about six seconds, §9); interop_sdk_devices_test.ts covers them.
 */
import assert from "node:assert/strict";
import {
  AuthenticationDetails,
  type CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import { createMockServer, KeyStore, type MockServer } from "../src/mock/mod.ts";
import { totp } from "../src/srp/mod.ts";
import { callOverHttp } from "./_mock_helpers.ts";

const keyStore = new KeyStore("shared");

/** The in-memory `Storage` ACIJ keeps its tokens and device secrets in. */
class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

/** One recorded request: operation, challenge name, and the map ACIJ sent. */
interface Sent {
  readonly operation: string;
  readonly challenge?: string;
  readonly parameters: Record<string, unknown>;
}

/** Records ACIJ's requests to `url` while the test runs. */
function recordFetch(url: string): { sent: Sent[]; restore: () => void } {
  const sent: Sent[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const target = new Headers(init?.headers).get("x-amz-target") ?? "";
    if (String(input).startsWith(url) && typeof init?.body === "string") {
      const body = JSON.parse(init.body);
      sent.push({
        operation: target.split(".")[1] ?? "",
        ...(body.ChallengeName === undefined ? {} : { challenge: body.ChallengeName }),
        parameters: body.ChallengeResponses ?? body.AuthParameters ?? {},
      });
    }
    return original(input, init);
  };
  return { sent, restore: () => (globalThis.fetch = original) };
}

const api = (server: MockServer, operation: string, body: unknown) =>
  callOverHttp(server.url, operation, body);

interface Fixture {
  server: MockServer;
  poolId: string;
  clientId: string;
  sent: Sent[];
  pool(storage: MemoryStorage): CognitoUserPool;
}

async function withPool(
  poolConfig: Record<string, unknown>,
  test: (fixture: Fixture) => Promise<void>,
): Promise<void> {
  const server = await createMockServer({ keyStore });
  const recorder = recordFetch(server.url);
  try {
    const { UserPool } = await api(server, "CreateUserPool", { PoolName: "acij", ...poolConfig });
    const { UserPoolClient } = await api(server, "CreateUserPoolClient", {
      UserPoolId: UserPool.Id,
      ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
    await api(server, "AdminCreateUser", {
      UserPoolId: UserPool.Id,
      Username: "alice",
      MessageAction: "SUPPRESS",
    });
    await api(server, "AdminSetUserPassword", {
      UserPoolId: UserPool.Id,
      Username: "alice",
      Password: "Passw0rd!",
      Permanent: true,
    });
    recorder.sent.length = 0;
    await test({
      server,
      poolId: UserPool.Id,
      clientId: UserPoolClient.ClientId,
      sent: recorder.sent,
      pool: (storage) =>
        new CognitoUserPool({
          UserPoolId: UserPool.Id,
          ClientId: UserPoolClient.ClientId,
          endpoint: server.url,
          Storage: storage,
        }),
    });
  } finally {
    recorder.restore();
    await server.close();
  }
}

/** What `authenticateUser` ended in. */
type Outcome =
  | { kind: "success"; session: CognitoUserSession; userConfirmationNecessary?: boolean }
  | { kind: "totp" | "mfaSetup"; user: CognitoUser };

function signIn(pool: CognitoUserPool, storage: MemoryStorage): Promise<Outcome> {
  const user = new CognitoUser({ Username: "alice", Pool: pool, Storage: storage });
  const details = new AuthenticationDetails({ Username: "alice", Password: "Passw0rd!" });
  return new Promise((resolve, reject) =>
    user.authenticateUser(details, {
      onSuccess: (session, userConfirmationNecessary) =>
        resolve({
          kind: "success",
          session,
          ...(userConfirmationNecessary === undefined ? {} : { userConfirmationNecessary }),
        }),
      onFailure: reject,
      totpRequired: () => resolve({ kind: "totp", user }),
      mfaSetup: () => resolve({ kind: "mfaSetup", user }),
    })
  );
}

function succeeded(outcome: Outcome): CognitoUserSession {
  assert.equal(outcome.kind, "success");
  return (outcome as { session: CognitoUserSession }).session;
}

/** The user object of the last sign-in, rebuilt from storage (ACIJ's getCurrentUser). */
function currentUser(pool: CognitoUserPool): CognitoUser {
  const user = pool.getCurrentUser();
  assert.ok(user, "ACIJ stored no current user");
  return user;
}

function promised<T>(
  call: (callback: { onSuccess: (value: T) => void; onFailure: (error: Error) => void }) => void,
): Promise<T> {
  return new Promise((resolve, reject) => call({ onSuccess: resolve, onFailure: reject }));
}

function nodeStyle<T>(
  call: (callback: (error?: Error | null, value?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) =>
    call((error, value) => (error ? reject(error) : resolve(value as T)))
  );
}

/** Restores a signed-in CognitoUser from storage, with its session and device key. */
async function restored(pool: CognitoUserPool): Promise<CognitoUser> {
  const user = currentUser(pool);
  await nodeStyle<CognitoUserSession>((callback) => user.getSession(callback));
  (user as unknown as { getCachedDeviceKeyAndPassword(): void }).getCachedDeviceKeyAndPassword();
  return user;
}

function deviceKeyOf(session: CognitoUserSession): string {
  return session.getAccessToken().decodePayload().device_key as string;
}

function flow(sent: Sent[]): string[] {
  return sent.map((s) => s.challenge === undefined ? s.operation : `${s.operation}:${s.challenge}`);
}

const ALWAYS = {
  DeviceConfiguration: {
    ChallengeRequiredOnNewDevice: true,
    DeviceOnlyRememberedOnUserPrompt: false,
  },
};

Deno.test("acij: new device confirmed by ACIJ, remembered, listed; second sign-in via DEVICE_SRP_AUTH; refresh with the key", async () => {
  await withPool(ALWAYS, async ({ pool, sent, server, poolId }) => {
    const storage = new MemoryStorage();
    const first = succeeded(await signIn(pool(storage), storage));
    assert.deepEqual(flow(sent), [
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "ConfirmDevice",
    ]);
    const key = deviceKeyOf(first);
    assert.match(key, /^us-east-1_[0-9a-f-]{36}$/);
    assert.ok([...storage.items.keys()].some((k) => k.endsWith(".deviceKey")));
    const { Device } = await api(server, "AdminGetDevice", {
      UserPoolId: poolId,
      Username: "alice",
      DeviceKey: key,
    });
    const attribute = (name: string) =>
      Device.DeviceAttributes.find((a: { Name: string }) => a.Name === name)?.Value;
    assert.equal(attribute("dev:device_remembered_status"), "remembered");
    assert.equal(attribute("device_name"), navigator.userAgent);
    assert.equal(attribute("last_ip_used"), "127.0.0.1");

    const user = await restored(pool(storage));
    assert.equal(await promised<string>((cb) => user.setDeviceStatusRemembered(cb)), "SUCCESS");
    const listed = await promised<{ Devices: { DeviceKey: string }[] }>((cb) =>
      user.listDevices(10, null, cb)
    );
    assert.deepEqual(listed.Devices.map((d) => d.DeviceKey), [key]);
    // ACIJ's typings say string; the value is the GetDevice answer.
    const got = await promised<unknown>((cb) => user.getDevice(cb)) as {
      Device: { DeviceKey: string };
    };
    assert.equal(got.Device.DeviceKey, key);

    sent.length = 0;
    const second = succeeded(await signIn(pool(storage), storage));
    assert.deepEqual(flow(sent), [
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:DEVICE_SRP_AUTH",
      "RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER",
    ]);
    assert.equal(sent[1]!.parameters.DEVICE_KEY, key);
    assert.equal(deviceKeyOf(second), key);

    sent.length = 0;
    const refreshing = currentUser(pool(storage));
    const refreshed = await nodeStyle<CognitoUserSession>((callback) =>
      refreshing.refreshSession(second.getRefreshToken() as CognitoRefreshToken, callback)
    );
    assert.deepEqual(flow(sent), ["InitiateAuth"]);
    assert.equal(sent[0]!.parameters.DEVICE_KEY, key);
    assert.equal(deviceKeyOf(refreshed), key);
    assert.equal(refreshed.getRefreshToken().getToken(), second.getRefreshToken().getToken());
  });
});

Deno.test("acij: forgetDevice, then a new device; a device forgotten behind ACIJ's back is retried without the key", async () => {
  await withPool(ALWAYS, async ({ pool, sent, server, poolId }) => {
    const storage = new MemoryStorage();
    const first = deviceKeyOf(succeeded(await signIn(pool(storage), storage)));
    const user = await restored(pool(storage));
    assert.equal(await promised<string>((cb) => user.forgetDevice(cb)), "SUCCESS");
    assert.ok(![...storage.items.keys()].some((k) => k.endsWith(".deviceKey")));

    sent.length = 0;
    const second = deviceKeyOf(succeeded(await signIn(pool(storage), storage)));
    assert.notEqual(second, first);
    assert.equal(sent[1]!.parameters.DEVICE_KEY, undefined);

    // The server forgets the device; ACIJ still holds its key.
    await api(server, "AdminForgetDevice", {
      UserPoolId: poolId,
      Username: "alice",
      DeviceKey: second,
    });
    sent.length = 0;
    const third = deviceKeyOf(succeeded(await signIn(pool(storage), storage)));
    assert.deepEqual(flow(sent), [
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "ConfirmDevice",
    ]);
    assert.equal(sent[1]!.parameters.DEVICE_KEY, second);
    assert.equal(sent[2]!.parameters.DEVICE_KEY, null);
    assert.equal(
      sent[2]!.parameters.PASSWORD_CLAIM_SIGNATURE,
      sent[1]!.parameters.PASSWORD_CLAIM_SIGNATURE,
    );
    assert.ok(third !== second && third !== first);
  });
});

Deno.test("acij: TOTP pool — enrol, a remembered device skips MFA, a new device answers TOTP and is confirmed", async () => {
  await withPool({ ...ALWAYS, MfaConfiguration: "OPTIONAL" }, async ({ pool, sent }) => {
    const storage = new MemoryStorage();
    succeeded(await signIn(pool(storage), storage));
    const user = await restored(pool(storage));
    const secret = await new Promise<string>((resolve, reject) =>
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject })
    );
    await promised((cb) => user.verifySoftwareToken(totp(secret), "phone", cb));
    await nodeStyle((cb) =>
      user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb)
    );

    sent.length = 0;
    const remembered = await signIn(pool(storage), storage);
    assert.equal(remembered.kind, "success", "the remembered device must not be asked for TOTP");
    assert.deepEqual(flow(sent).slice(1), [
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:DEVICE_SRP_AUTH",
      "RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER",
    ]);

    const elsewhere = new MemoryStorage();
    sent.length = 0;
    const challenged = await signIn(pool(elsewhere), elsewhere);
    assert.equal(challenged.kind, "totp");
    const mfaUser = (challenged as { user: CognitoUser }).user;
    // The next step's code: verifySoftwareToken used this step's up (no code works twice).
    const next = totp(secret, { now: () => new Date(Date.now() + 30_000) });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      mfaUser.sendMFACode(
        next,
        { onSuccess: resolve, onFailure: reject },
        "SOFTWARE_TOKEN_MFA",
      )
    );
    assert.deepEqual(flow(sent).slice(-2), [
      "RespondToAuthChallenge:SOFTWARE_TOKEN_MFA",
      "ConfirmDevice",
    ]);
    const newKey = deviceKeyOf(session);
    assert.notEqual(newKey, deviceKeyOf(succeededSession(remembered)));
    assert.ok(
      [...elsewhere.items.entries()].some(([k, v]) => k.endsWith(".deviceKey") && v === newKey),
    );
  });
});

Deno.test("acij: MFA ON — mfaSetup through associateSoftwareToken and verifySoftwareToken with Sessions", async () => {
  await withPool({ MfaConfiguration: "ON" }, async ({ pool, sent }) => {
    const storage = new MemoryStorage();
    const outcome = await signIn(pool(storage), storage);
    assert.equal(outcome.kind, "mfaSetup");
    const user = (outcome as { user: CognitoUser }).user;
    const secret = await new Promise<string>((resolve, reject) =>
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject })
    );
    const session = await promised<CognitoUserSession>((cb) =>
      user.verifySoftwareToken(totp(secret), "phone", cb)
    );
    assert.ok(session.isValid());
    assert.deepEqual(flow(sent).slice(-3), [
      "AssociateSoftwareToken",
      "VerifySoftwareToken",
      "RespondToAuthChallenge:MFA_SETUP",
    ]);
    sent.length = 0;
    assert.equal((await signIn(pool(storage), storage)).kind, "totp");
  });
});

function succeededSession(outcome: Outcome): CognitoUserSession {
  return succeeded(outcome);
}
