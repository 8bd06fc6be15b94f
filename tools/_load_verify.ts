/**
 * After the load: the mock's state, read through the admin API, against the
 * ledger of what each client was told (tools/_load_lifecycle.ts).
 *
 * - AdminListDevices lists exactly the user's confirmed, not forgotten
 *   devices — none missing, none extra, none twice — each with the remembered
 *   status, `device_name` and `dev:device_owner` the client set (§6.6; the
 *   mock's default `adminListDevices: "all"`, docs/mock-choices.md §6).
 * - AdminGetDevice returns each of them the same way, and "Device does not
 *   exist." for a forgotten or never-confirmed one, and for the user's
 *   device asked for under the next user's name.
 * - No device key belongs to two users.
 * - The first sign-in's refresh token with its device: refused with
 *   "Refresh Token has been revoked" after GlobalSignOut (§5.3), still
 *   working otherwise, with `device_key` in the new access token (§6.8).
 *
 * Each finding is a secret-free line naming the user and what differed.
 *
 * @module
 */

import { decodeJwt } from "jose";
import type { ApiBody, CallRecorder } from "./_load_calls.ts";
import type { DeviceEntry, UserLedger } from "./_load_lifecycle.ts";
import type { LoadPool } from "./_load_srp.ts";

type Body = ApiBody;

function attribute(device: Body, name: string): string | undefined {
  const found = (device.DeviceAttributes as Body[] | undefined)?.find((entry) =>
    entry.Name === name
  );
  return found?.Value;
}

function present(entry: DeviceEntry): boolean {
  return !entry.forgotten && entry.status !== "unconfirmed";
}

/** How a listed or fetched device differs from the ledger entry; empty when it matches. */
function deviceDifferences(pool: LoadPool, ledger: UserLedger, entry: DeviceEntry, device: Body) {
  const found: string[] = [];
  const status = attribute(device, "dev:device_remembered_status");
  if (status !== entry.status) found.push(`status ${status}, told ${entry.status}`);
  if (attribute(device, "device_name") !== entry.name) found.push("another device_name");
  if (attribute(device, "dev:device_owner") !== `${ledger.user.username}.${pool.poolId}`) {
    found.push("another dev:device_owner");
  }
  return found;
}

async function listAll(recorder: CallRecorder, pool: LoadPool, username: string) {
  const devices: Body[] = [];
  let token: string | undefined;
  do {
    const page = await recorder.call(username, "AdminListDevices", "AdminListDevices", {
      UserPoolId: pool.poolId,
      Username: username,
      Limit: 60,
      ...(token === undefined ? {} : { PaginationToken: token }),
    });
    devices.push(...(page.Devices ?? []));
    token = page.PaginationToken;
  } while (token !== undefined);
  return devices;
}

async function verifyUser(
  recorder: CallRecorder,
  pool: LoadPool,
  ledger: UserLedger,
  next: UserLedger | undefined,
  issues: string[],
): Promise<void> {
  const name = ledger.user.username;
  const listed = await listAll(recorder, pool, name);
  const expected = ledger.devices.filter(present);
  const keys = listed.map((device) => device.DeviceKey as string);
  const duplicates = keys.filter((key, at) => keys.indexOf(key) !== at).length;
  if (duplicates > 0) issues.push(`${name}: AdminListDevices lists ${duplicates} device(s) twice`);
  const missing = expected.filter((entry) => !keys.includes(entry.deviceKey)).length;
  if (missing > 0) issues.push(`${name}: AdminListDevices lacks ${missing} confirmed device(s)`);
  const extra = keys.filter((key) => !expected.some((entry) => entry.deviceKey === key)).length;
  if (extra > 0) {
    issues.push(`${name}: AdminListDevices lists ${extra} device(s) the client has not confirmed`);
  }
  for (const device of listed) {
    const entry = expected.find((candidate) => candidate.deviceKey === device.DeviceKey);
    if (entry === undefined) continue;
    for (const found of deviceDifferences(pool, ledger, entry, device)) {
      issues.push(`${name}: AdminListDevices ${entry.name}: ${found}`);
    }
  }
  for (const entry of ledger.devices) {
    const request = { UserPoolId: pool.poolId, Username: name, DeviceKey: entry.deviceKey };
    if (!present(entry)) {
      await recorder.call(name, "AdminGetDevice", "AdminGetDevice", request, "DeviceDoesNotExist");
      continue;
    }
    const fetched = await recorder.call(name, "AdminGetDevice", "AdminGetDevice", request);
    for (const found of deviceDifferences(pool, ledger, entry, fetched.Device)) {
      issues.push(`${name}: AdminGetDevice ${entry.name}: ${found}`);
    }
  }
  const own = ledger.devices[0];
  if (next !== undefined && next !== ledger && own !== undefined) {
    await recorder.call(name, "AdminGetDevice", "AdminGetDevice", {
      UserPoolId: pool.poolId,
      Username: next.user.username,
      DeviceKey: own.deviceKey,
    }, "DeviceDoesNotExist");
  }
  if (ledger.refresh !== undefined) {
    const answer = await recorder.call(name, "InitiateAuth REFRESH_TOKEN_AUTH", "InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: pool.clientId,
      AuthParameters: { REFRESH_TOKEN: ledger.refresh.token, DEVICE_KEY: ledger.refresh.deviceKey },
    }, ledger.signedOut ? "RefreshTokenRevoked" : "ok");
    const access = answer.AuthenticationResult?.AccessToken;
    if (!ledger.signedOut && decodeJwt(access).device_key !== ledger.refresh.deviceKey) {
      issues.push(`${name}: a refresh-issued access token names another device`);
    }
  }
}

/** Options of {@linkcode verifyLedgers}. */
export interface VerifyOptions {
  /** Users checked at once. @default 8 */
  concurrency?: number;
}

/**
 * Checks every ledger against the mock; returns the findings (empty when
 * the mock's state is exactly what the clients were told). An answer that
 * differs from the expectation is also in the recorder's tally.
 */
export async function verifyLedgers(
  recorder: CallRecorder,
  pool: LoadPool,
  ledgers: UserLedger[],
  options: VerifyOptions = {},
): Promise<string[]> {
  const issues: string[] = [];
  const owners = new Map<string, string>();
  for (const ledger of ledgers) {
    for (const entry of ledger.devices) {
      const owner = owners.get(entry.deviceKey);
      if (owner !== undefined) {
        issues.push(`${ledger.user.username}: a device key also issued to ${owner}`);
      }
      owners.set(entry.deviceKey, ledger.user.username);
    }
  }
  let cursor = 0;
  const worker = async () => {
    while (cursor < ledgers.length) {
      const at = cursor++;
      const ledger = ledgers[at]!;
      try {
        await verifyUser(recorder, pool, ledger, ledgers[(at + 1) % ledgers.length], issues);
      } catch (error) {
        issues.push(
          `${ledger.user.username}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, ledgers.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return issues;
}
