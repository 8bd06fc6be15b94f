/**
 * What a scenario runs against: a pool, a client and users created for it
 * through the ordinary admin API (and deleted afterwards), or an existing
 * pool whose `pool`/`client`/`users` blocks are preconditions (see
 * `existing.ts`).
 *
 * @module
 */

import type { Scenario, UserSpec } from "../scenario/mod.ts";
import type { RandomSource } from "../srp/mod.ts";
import { adminCall, attributeValue, objectAt } from "./_call.ts";
import { checkExistingPool } from "./existing.ts";
import type { Target } from "./target.ts";
import { usesPool } from "./_roots.ts";

/** The `pool`, `client` and `users` roots templates read. */
export interface ScenarioRoots {
  pool?: { id: string; name: string; region: string };
  client?: { id: string; secret?: string };
  users: Record<string, UserValues>;
}

/** `users.<name>` in templates. */
export interface UserValues {
  username: string;
  password: string;
  attributes: Record<string, unknown>;
  sub?: string;
}

/** What a scenario can run against, or why it cannot. */
export type Setup =
  | { kind: "ready"; roots: ScenarioRoots; cleanup(): Promise<string | undefined> }
  | { kind: "skip"; reason: string }
  | { kind: "error"; message: string };

/** What setting a scenario up needs from the run. */
export interface SetupContext {
  target: Target;
  /** Renders a template tree with `vars` and `env` in scope (throws RenderError). */
  render(tree: unknown): Promise<unknown>;
  /** Remembers a secret value (passwords, client secrets). */
  addSecret(value: string, label: string): void;
  /** Random bytes for pool names. */
  randomBytes: RandomSource;
  /** Timeout of each admin call, in ms. */
  timeoutMs: number;
}

/**
 * Prepares the pool, client and users of a scenario on its target:
 * provisioning when the target can, the existing pool when one is given, or
 * nothing for scenarios that need no pool.
 */
export async function setUpScenario(scenario: Scenario, context: SetupContext): Promise<Setup> {
  const { target } = context;
  if (target.existingPool !== undefined) return await checkExistingPool(scenario, context);
  if (target.capabilities.has("provisioning")) return await provision(scenario, context);
  if (usesPool(scenario)) {
    return {
      kind: "skip",
      reason: "the target has no user pool for this scenario " +
        "(pass --provision, or --pool-id and --client-id)",
    };
  }
  return { kind: "ready", roots: { users: {} }, cleanup: () => Promise.resolve(undefined) };
}

async function provision(scenario: Scenario, context: SetupContext): Promise<Setup> {
  const client = context.target.client();
  const call = (operation: string, body: Record<string, unknown>) =>
    adminCall(client, operation, body, context.timeoutMs);
  let poolSpec: Record<string, unknown>;
  let clientSpec: Record<string, unknown>;
  let users: RenderedUser[];
  try {
    poolSpec = await context.render(scenario.pool ?? {}) as Record<string, unknown>;
    clientSpec = await context.render(scenario.client ?? {}) as Record<string, unknown>;
    users = await renderUsers(scenario.users, context);
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  const poolName = `cognito-conformance-${context.randomBytes(6).toHex()}`;
  const created = await call("CreateUserPool", { PoolName: poolName, ...poolSpec });
  if (!created.ok) {
    return { kind: "error", message: `Cannot provision user pool: ${created.message}` };
  }
  const pool = objectAt(created.body, "UserPool");
  const poolId = typeof pool?.Id === "string" ? pool.Id : undefined;
  if (poolId === undefined) {
    return { kind: "error", message: "Cannot provision user pool: CreateUserPool answered no Id" };
  }
  const cleanup = async () => {
    const deleted = await call("DeleteUserPool", { UserPoolId: poolId });
    return deleted.ok
      ? undefined
      : `Cannot delete user pool "${poolId}": ${deleted.message}; the pool is left behind`;
  };
  const fail = async (message: string): Promise<Setup> => {
    const problem = await cleanup();
    return { kind: "error", message: problem === undefined ? message : `${message}; ${problem}` };
  };

  const madeClient = await call("CreateUserPoolClient", {
    UserPoolId: poolId,
    ClientName: "cognito-conformance",
    ...clientSpec,
  });
  if (!madeClient.ok) return await fail(`Cannot provision app client: ${madeClient.message}`);
  const appClient = objectAt(madeClient.body, "UserPoolClient");
  const clientId = appClient?.ClientId;
  if (typeof clientId !== "string") {
    return await fail("Cannot provision app client: CreateUserPoolClient answered no ClientId");
  }
  const roots: ScenarioRoots = {
    pool: { id: poolId, name: poolId.slice(poolId.indexOf("_") + 1), region: regionOf(poolId) },
    client: { id: clientId },
    users: {},
  };
  if (typeof appClient?.ClientSecret === "string") {
    context.addSecret(appClient.ClientSecret, "ClientSecret");
    roots.client!.secret = appClient.ClientSecret;
  }
  for (const user of users) {
    const problem = await provisionUser(user, poolId, call);
    if (typeof problem === "string") {
      return await fail(`Cannot provision user "${user.name}": ${problem}`);
    }
    roots.users[user.name] = problem;
  }
  return { kind: "ready", roots, cleanup };
}

interface RenderedUser {
  name: string;
  spec: UserSpec;
  username: string;
  password: string;
  attributes: Record<string, unknown>;
}

async function renderUsers(specs: readonly UserSpec[], context: SetupContext) {
  const users: RenderedUser[] = [];
  for (const spec of specs) {
    const password = String(await context.render(spec.password));
    if (password !== "") context.addSecret(password, "password");
    users.push({
      name: spec.name,
      spec,
      username: spec.username === undefined
        ? spec.name
        : String(await context.render(spec.username)),
      password,
      attributes: await context.render(spec.attributes) as Record<string, unknown>,
    });
  }
  return users;
}

/** Creates one user; returns its template values, or what went wrong. */
async function provisionUser(
  user: RenderedUser,
  poolId: string,
  call: (operation: string, body: Record<string, unknown>) => ReturnType<typeof adminCall>,
): Promise<UserValues | string> {
  const created = await call("AdminCreateUser", {
    UserPoolId: poolId,
    Username: user.username,
    MessageAction: "SUPPRESS",
    ...(user.password === "" ? {} : { TemporaryPassword: user.password }),
    UserAttributes: Object.entries(user.attributes).map(([Name, value]) => ({
      Name,
      Value: typeof value === "string" ? value : JSON.stringify(value),
    })),
  });
  if (!created.ok) return created.message;
  const identity = { UserPoolId: poolId, Username: user.username };
  if (user.spec.status === "CONFIRMED") {
    const set = await call("AdminSetUserPassword", {
      ...identity,
      Password: user.password,
      Permanent: true,
    });
    if (!set.ok) return set.message;
  }
  if (!user.spec.enabled) {
    const disabled = await call("AdminDisableUser", identity);
    if (!disabled.ok) return disabled.message;
  }
  const values: UserValues = {
    username: user.username,
    password: user.password,
    attributes: user.attributes,
  };
  const sub = attributeValue(objectAt(created.body, "User")?.Attributes, "sub");
  if (sub !== undefined) values.sub = sub;
  return values;
}

function regionOf(poolId: string): string {
  return poolId.slice(0, Math.max(0, poolId.indexOf("_")));
}
