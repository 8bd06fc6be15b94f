/**
 * CreateUserPool: a pool with a `<region>_<9 alphanumerics>` id, the API
 * defaults (password policy, MFA off, device tracking off unless
 * DeviceConfiguration sets a property) and the standard schema plus custom
 * attributes.
 *
 * @module
 */

import type { JsonObject, MockServices, OperationDefinition } from "../context.ts";
import type { StoredPool } from "../state/store.ts";
import { describePool, newPoolConfig } from "./_pool.ts";

/** Options of {@linkcode createUserPool} beyond the API input. */
export interface CreateUserPoolOptions {
  /** A fixed pool id (seed files); must be unused. @default a new random id */
  id?: string;
}

/** Creates a pool from a validated CreateUserPool input. */
export function createUserPool(
  services: MockServices,
  input: JsonObject,
  options: CreateUserPoolOptions = {},
): StoredPool {
  const config = newPoolConfig(input);
  const id = options.id ?? services.ids.poolId(services.region);
  const region = id.slice(0, id.indexOf("_"));
  return services.store.addPool({
    id,
    region,
    name: input.PoolName as string,
    arn: `arn:aws:cognito-idp:${region}:${services.accountId}:userpool/${id}`,
    now: services.clock.now(),
    config,
  });
}

/** The CreateUserPool operation. */
export const operation: OperationDefinition = {
  name: "CreateUserPool",
  handle: (input, context) => ({ UserPool: describePool(createUserPool(context, input)) }),
};
