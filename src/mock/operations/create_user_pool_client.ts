/**
 * CreateUserPoolClient: a 26-character client id, an optional ~51-character
 * secret (`GenerateSecret`, or a given `ClientSecret`), token validities,
 * ExplicitAuthFlows (legacy values included, not mixed with `ALLOW_` ones),
 * revocation, rotation and PreventUserExistenceErrors.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { JsonObject, MockServices, OperationDefinition } from "../context.ts";
import { Secret } from "../state/secret.ts";
import type { AppClient } from "../state/types.ts";
import { clientConfig, describeClient } from "./_client.ts";

/** Options of {@linkcode createUserPoolClient} beyond the API input. */
export interface CreateUserPoolClientOptions {
  /** A fixed client id (seed files); must be unused. @default a new random id */
  id?: string;
}

/** Creates a client from a validated CreateUserPoolClient input. */
export function createUserPoolClient(
  services: MockServices,
  input: JsonObject,
  options: CreateUserPoolClientOptions = {},
): AppClient {
  const pool = services.store.pool(input.UserPoolId as string);
  const config = clientConfig(input);
  const id = options.id ?? services.ids.clientId();
  if (services.store.hasClient(id)) throw cognitoError("InternalError");
  const given = input.ClientSecret as string | undefined;
  const secret = given ?? (input.GenerateSecret === true ? services.ids.clientSecret() : undefined);
  const now = services.clock.now(pool.id);
  const client: AppClient = {
    id,
    poolId: pool.id,
    secret: secret === undefined ? undefined : new Secret(secret),
    createdAt: now,
    lastModifiedAt: now,
    config,
  };
  services.store.addClient(pool, client);
  return client;
}

/** The CreateUserPoolClient operation. */
export const operation: OperationDefinition = {
  name: "CreateUserPoolClient",
  handle: (input, context) => ({
    UserPoolClient: describeClient(createUserPoolClient(context, input)),
  }),
};
