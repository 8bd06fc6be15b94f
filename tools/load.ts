/**
 * Load test of the mock under concurrency: many users at once through the
 * whole device lifecycle against ONE mock process, then an admin-API check
 * that the mock's state is exactly what every client was told.
 *
 * ```sh
 * deno task load [--users 200] [--concurrency N] [--native-crypto auto|off] [--json]
 * ```
 *
 * Starts `src/cli/main.ts mock` on 127.0.0.1 with a free port (loopback
 * only), creates an opt-in device-tracking pool, an SRP client and the users
 * (AdminCreateUser + AdminSetUserPassword permanent, a random password each),
 * runs every user's lifecycle (tools/_load_lifecycle.ts) with at most
 * `--concurrency` at once (default: all), verifies (tools/_load_verify.ts),
 * stops the mock by its pid, and prints the report (tools/_load_report.ts):
 * requests, errors by `__type` (expected / unexpected), 5xx, p50/p99 per
 * operation, the mock's peak RSS. Exit code 0 when everything matched, 1 when
 * anything did not, 2 for a usage error. Passwords, tokens and device secrets
 * stay in memory and never reach the report.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { CallRecorder, emptyTally } from "./_load_calls.ts";
import { publishers, runLifecycle, type UserLedger } from "./_load_lifecycle.ts";
import { type LoadMock, memoryOf, startLoadMock } from "./_load_mock.ts";
import { addCounts, latencyOf, type LoadReport, renderLoadReport } from "./_load_report.ts";
import type { LoadPool, LoadUser } from "./_load_srp.ts";
import { verifyLedgers } from "./_load_verify.ts";

export { planFor } from "./_load_lifecycle.ts";
export type { DeviceEntry, UserLedger, UserPlan } from "./_load_lifecycle.ts";
export { quantile, renderLoadReport } from "./_load_report.ts";
export type { LatencyRow, LoadReport } from "./_load_report.ts";

/** Options of {@linkcode runLoad}. */
export interface LoadOptions {
  /** Users, each through the whole lifecycle. @default 200 */
  users?: number;
  /** Lifecycles running at once (at least 2: users probe each other's devices). @default users */
  concurrency?: number;
  /** Extra `mock` options, e.g. `["--native-crypto", "off"]`. @default [] */
  mockArgs?: string[];
  /**
   * Called with the ledgers just before the admin verification (tests use
   * it to alter one and show that the verification notices).
   */
  beforeVerify?: (ledgers: UserLedger[]) => void;
}

function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `Ld-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}-Aa1!`;
}

async function provision(recorder: CallRecorder, count: number): Promise<{
  pool: LoadPool;
  users: LoadUser[];
}> {
  const admin = (operation: string, input: unknown) =>
    recorder.call("setup", operation, operation, input);
  const created = await admin("CreateUserPool", {
    PoolName: "load",
    // Opt-in: ConfirmDevice answers UserConfirmationNecessary and UpdateDeviceStatus decides (§6.1).
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    },
  });
  const poolId: string = created.UserPool.Id;
  const client = await admin("CreateUserPoolClient", {
    UserPoolId: poolId,
    ClientName: "load",
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  const users: LoadUser[] = Array.from({ length: count }, (_, index) => ({
    index,
    username: `load-${String(index).padStart(4, "0")}`,
    password: randomPassword(),
  }));
  let cursor = 0;
  const worker = async () => {
    while (cursor < users.length) {
      const user = users[cursor++]!;
      await admin("AdminCreateUser", {
        UserPoolId: poolId,
        Username: user.username,
        TemporaryPassword: randomPassword(),
        MessageAction: "SUPPRESS",
      });
      await admin("AdminSetUserPassword", {
        UserPoolId: poolId,
        Username: user.username,
        Password: user.password,
        Permanent: true,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, count) }, worker));
  return { pool: { poolId, clientId: client.UserPoolClient.ClientId }, users };
}

async function runAll(
  recorder: CallRecorder,
  pool: LoadPool,
  users: LoadUser[],
  concurrency: number,
): Promise<UserLedger[]> {
  const context = { recorder, pool, published: publishers(users.length) };
  const ledgers: UserLedger[] = new Array(users.length);
  let cursor = 0;
  // Users start in index order, so the previous user (whose device a user probes) has always started.
  const worker = async () => {
    while (cursor < users.length) {
      const user = users[cursor++]!;
      ledgers[user.index] = await runLifecycle(context, user);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ledgers;
}

function checkCounts(users: number, concurrency: number): void {
  if (!Number.isInteger(users) || users < 2) {
    throw new RangeError(`Cannot run the load: --users must be an integer ≥ 2, got "${users}"`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 2 || concurrency > users) {
    throw new RangeError(
      `Cannot run the load: --concurrency must be an integer from 2 to --users, got "${concurrency}"`,
    );
  }
}

/** Runs the load test against a fresh mock process and returns the report. */
export async function runLoad(options: LoadOptions = {}): Promise<LoadReport> {
  const count = options.users ?? 200;
  const concurrency = options.concurrency ?? count;
  checkCounts(count, concurrency);
  const mock: LoadMock = await startLoadMock({ mockArgs: options.mockArgs ?? [] });
  try {
    const setup = new CallRecorder(mock.endpoint);
    const { pool, users } = await provision(setup, count);
    const idle = memoryOf(mock.pid);
    const load = new CallRecorder(mock.endpoint);
    const started = performance.now();
    const ledgers = await runAll(load, pool, users, concurrency);
    const loadWallMs = performance.now() - started;
    options.beforeVerify?.(ledgers);
    const verify = new CallRecorder(mock.endpoint, emptyTally());
    const issues = await verifyLedgers(verify, pool, ledgers);
    const final = memoryOf(mock.pid);
    const tallies = [setup.tally, load.tally, verify.tally];
    const expectedErrors: Record<string, number> = {};
    const unexpectedErrors: Record<string, number> = {};
    for (const tally of tallies) {
      addCounts(expectedErrors, tally.expectedErrors);
      addCounts(unexpectedErrors, tally.unexpectedErrors);
    }
    const unexpected = tallies.flatMap((tally) => tally.unexpected);
    const serverErrors = tallies.reduce((sum, tally) => sum + tally.serverErrors, 0);
    const devices = ledgers.flatMap((ledger) => ledger.devices);
    const present = devices.filter((entry) => !entry.forgotten && entry.status !== "unconfirmed");
    const stderr = mock.stderr();
    return {
      users: count,
      concurrency,
      completedUsers: ledgers.filter((ledger) => ledger.completed).length,
      requests: {
        setup: setup.tally.requests,
        load: load.tally.requests,
        verify: verify.tally.requests,
        total: tallies.reduce((sum, tally) => sum + tally.requests, 0),
      },
      loadWallMs,
      loadRequestsPerSecond: load.tally.requests / (loadWallMs / 1000),
      expectedErrors,
      unexpectedErrors,
      serverErrors,
      unexpected: unexpected.slice(0, 20),
      unexpectedCount: unexpected.length,
      verificationIssues: issues,
      verified: {
        users: ledgers.length,
        devices: present.length,
        remembered: present.filter((entry) => entry.status === "remembered").length,
        forgotten: devices.filter((entry) => entry.forgotten).length,
        signedOut: ledgers.filter((ledger) => ledger.signedOut).length,
      },
      latency: latencyOf(load.tally),
      ...(idle === undefined || final === undefined
        ? {}
        : { memory: { idleRss: idle.rss, finalRss: final.rss, peakRss: final.peak } }),
      mockStderr: stderr.slice(0, 2000),
      ok: serverErrors === 0 && unexpected.length === 0 && issues.length === 0 &&
        ledgers.every((ledger) => ledger.completed),
    };
  } finally {
    await mock.stop();
  }
}

const USAGE = `Usage: deno task load [options]

Runs many users at once through the whole device lifecycle against one mock
process on 127.0.0.1, then checks the mock's state through the admin API.

Options:
  --users N              users, each through the whole lifecycle (default 200)
  --concurrency N        lifecycles at once, 2..users (default: all users)
  --native-crypto MODE   the mock's --native-crypto: auto (default) or off
  --json                 print the report as JSON instead of text
  -h, --help             this help
`;

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new RangeError(`Cannot run the load: --${name} must be a whole number, got "${value}"`);
  }
  return Number(value);
}

async function main(args: string[]): Promise<number> {
  const write = (text: string, to = Deno.stdout) => to.writeSync(new TextEncoder().encode(text));
  let options: LoadOptions;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        users: { type: "string" },
        concurrency: { type: "string" },
        "native-crypto": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help === true) {
      write(USAGE);
      return 0;
    }
    const crypto = values["native-crypto"];
    if (crypto !== undefined && crypto !== "auto" && crypto !== "off") {
      throw new RangeError(
        `Cannot run the load: --native-crypto must be auto or off, got "${crypto}"`,
      );
    }
    const users = positive("users", values.users) ?? 200;
    options = {
      users,
      concurrency: positive("concurrency", values.concurrency) ?? users,
      mockArgs: crypto === undefined ? [] : ["--native-crypto", crypto],
    };
    checkCounts(options.users!, options.concurrency!);
    json = values.json === true;
  } catch (error) {
    write(`${error instanceof Error ? error.message : String(error)}\n`, Deno.stderr);
    return 2;
  }
  const report = await runLoad(options);
  write(json ? `${JSON.stringify(report, null, 2)}\n` : renderLoadReport(report));
  return report.ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
