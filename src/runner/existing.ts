/**
 * Scenarios against an existing pool: nothing is created, the `pool`,
 * `client` and `users` blocks are preconditions. They are checked with
 * DescribeUserPool, DescribeUserPoolClient and AdminGetUser when credentials
 * exist; a scenario whose preconditions do not hold, or cannot be checked,
 * is skipped with the reason.
 *
 * Comparison rules: objects match partially (listed members only), a list of
 * the scenario must be contained in the pool's list (`ExplicitAuthFlows:
 * [ALLOW_USER_SRP_AUTH]` holds when the client allows at least that flow),
 * scalars must be equal. `PoolName` is compared with the pool's `Name`;
 * `Schema` is not compared; `GenerateSecret` means "the client has a secret".
 *
 * @module
 */

import type { Scenario } from "../scenario/mod.ts";
import { type AdminAnswer, adminCall, attributeValue, objectAt } from "./_call.ts";
import type { ScenarioRoots, Setup, SetupContext, UserValues } from "./provision.ts";

/** Checks a scenario's preconditions on the target's existing pool. */
export async function checkExistingPool(
  scenario: Scenario,
  context: SetupContext,
): Promise<Setup> {
  const existing = context.target.existingPool!;
  const hasCredentials = context.target.capabilities.has("credentials");
  const call = (operation: string, body: Record<string, unknown>) =>
    adminCall(context.target.client(), operation, body, context.timeoutMs);
  const roots: ScenarioRoots = {
    pool: {
      id: existing.poolId,
      name: existing.poolId.slice(existing.poolId.indexOf("_") + 1),
      region: existing.poolId.slice(0, Math.max(0, existing.poolId.indexOf("_"))),
    },
    client: { id: existing.clientId },
    users: {},
  };
  if (existing.clientSecret !== undefined) {
    context.addSecret(existing.clientSecret, "ClientSecret");
    roots.client!.secret = existing.clientSecret;
  }
  for (const user of scenario.users) {
    const given = existing.users?.[user.name];
    if (given?.username === undefined || given.password === undefined) {
      return skip(
        `users.${user.name} needs a username and password in the existing pool ` +
          `(--var users.${user.name}.username=… --var users.${user.name}.password=…)`,
      );
    }
    context.addSecret(given.password, "password");
    roots.users[user.name] = {
      username: given.username,
      password: given.password,
      attributes: {},
    } satisfies UserValues;
  }
  const blocks = [scenario.pool && "pool", scenario.client && "client"].filter(Boolean);
  if (blocks.length > 0 && !hasCredentials) {
    return skip(
      `its ${blocks.join(" and ")} preconditions cannot be checked without AWS credentials`,
    );
  }
  try {
    if (scenario.pool !== undefined) {
      const wanted = await context.render(scenario.pool) as Record<string, unknown>;
      const answer = await call("DescribeUserPool", { UserPoolId: existing.poolId });
      const problem = answerProblem(answer, "pool") ??
        poolMismatch(wanted, objectAt(answerBody(answer), "UserPool") ?? {});
      if (problem !== undefined) return problem;
    }
    if (scenario.client !== undefined) {
      const wanted = await context.render(scenario.client) as Record<string, unknown>;
      const answer = await call("DescribeUserPoolClient", {
        UserPoolId: existing.poolId,
        ClientId: existing.clientId,
      });
      const problem = answerProblem(answer, "client") ??
        clientMismatch(wanted, objectAt(answerBody(answer), "UserPoolClient") ?? {}, existing);
      if (problem !== undefined) return problem;
    }
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  if (hasCredentials) {
    for (const user of scenario.users) {
      const values = roots.users[user.name]!;
      const answer = await call("AdminGetUser", {
        UserPoolId: existing.poolId,
        Username: values.username,
      });
      const problem = answerProblem(answer, `users.${user.name}`);
      if (problem !== undefined) return problem;
      const body = answerBody(answer);
      const mismatch = mismatchAt(user.status, body.UserStatus, `users.${user.name}.status`) ??
        mismatchAt(user.enabled, body.Enabled, `users.${user.name}.enabled`);
      if (mismatch !== undefined) return skip(mismatch);
      const sub = attributeValue(body.UserAttributes, "sub");
      if (sub !== undefined) values.sub = sub;
      for (const item of Array.isArray(body.UserAttributes) ? body.UserAttributes : []) {
        const { Name, Value } = item as { Name?: unknown; Value?: unknown };
        if (typeof Name === "string" && typeof Value === "string") values.attributes[Name] = Value;
      }
    }
  }
  return { kind: "ready", roots, cleanup: () => Promise.resolve(undefined) };
}

function skip(reason: string): Setup {
  return { kind: "skip", reason: `precondition: ${reason}` };
}

function answerBody(answer: AdminAnswer): Record<string, unknown> {
  return answer.ok ? answer.body : {};
}

/** A failed describe call: the target broke (error), or the check is impossible (skip). */
function answerProblem(answer: AdminAnswer, what: string): Setup | undefined {
  if (answer.ok) return undefined;
  if (answer.transport) {
    return { kind: "error", message: `Cannot check ${what}: ${answer.message}` };
  }
  return skip(`cannot check ${what}: ${answer.message}`);
}

function poolMismatch(wanted: Record<string, unknown>, pool: Record<string, unknown>) {
  for (const [key, value] of Object.entries(wanted)) {
    if (key === "Schema") continue;
    const actualKey = key === "PoolName" ? "Name" : key;
    const problem = mismatchAt(value, pool[actualKey], `pool.${key}`);
    if (problem !== undefined) return skip(problem);
  }
  return undefined;
}

function clientMismatch(
  wanted: Record<string, unknown>,
  client: Record<string, unknown>,
  existing: { clientSecret?: string },
) {
  for (const [key, value] of Object.entries(wanted)) {
    if (key === "GenerateSecret") {
      const has = typeof client.ClientSecret === "string" && client.ClientSecret !== "";
      if (value === true && !has) return skip("client.GenerateSecret: the client has no secret");
      if (value !== true && has) return skip("client.GenerateSecret: the client has a secret");
      if (value === true && existing.clientSecret === undefined) {
        return skip("client.GenerateSecret: pass the client's secret with --client-secret");
      }
      continue;
    }
    const problem = mismatchAt(value, client[key], `client.${key}`);
    if (problem !== undefined) return skip(problem);
  }
  return undefined;
}

/**
 * Why `actual` does not satisfy `wanted` at `path` (partial objects, lists
 * as subsets, equal scalars), or `undefined` when it does.
 */
export function mismatchAt(wanted: unknown, actual: unknown, path: string): string | undefined {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual)) return `${path} is ${describe(actual)}, the scenario needs a list`;
    const have = new Set(actual.map((item) => JSON.stringify(item)));
    const missing = wanted.filter((item) => !have.has(JSON.stringify(item)));
    return missing.length === 0
      ? undefined
      : `${path} lacks ${missing.map((item) => JSON.stringify(item)).join(", ")}`;
  }
  if (typeof wanted === "object" && wanted !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) {
      return `${path} is ${describe(actual)}, the scenario needs an object`;
    }
    for (const [key, value] of Object.entries(wanted)) {
      const problem = mismatchAt(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return wanted === actual
    ? undefined
    : `${path} is ${describe(actual)}, the scenario needs ${JSON.stringify(wanted)}`;
}

function describe(value: unknown): string {
  return value === undefined ? "not set" : JSON.stringify(value);
}
