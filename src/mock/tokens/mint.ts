/**
 * Mints Cognito-shaped tokens (§8): RS256 access and ID tokens with
 * Cognito's claims, and opaque JWE-shaped refresh tokens that only the
 * mock's state can resolve.
 *
 * @module
 */

import type { MockServices } from "../context.ts";
import type { IdGenerator } from "../state/random.ts";
import type {
  AppClient,
  AuthOrigin,
  SchemaAttribute,
  TimeUnit,
  User,
  UserPool,
} from "../state/types.ts";
import { signJwt } from "./jwt.ts";

/** The scope of tokens from the user-pool API (SDK/API sign-ins). */
export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";

const UNIT_SECONDS: Record<TimeUnit, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
};

/**
 * A token's validity in seconds from the client settings: the value in its
 * `TokenValidityUnits` (default hours for access/ID, days for refresh), or
 * the defaults 1 hour (access/ID) and 30 days (refresh).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validitySeconds } from "./mint.ts";
 * const client = (config: object) => ({ config: { RefreshTokenValidity: 30, ...config } }) as never;
 * assert.equal(validitySeconds(client({}), "AccessToken"), 3600);
 * assert.equal(validitySeconds(client({ AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: "minutes" } }), "AccessToken"), 300);
 * assert.equal(validitySeconds(client({}), "RefreshToken"), 30 * 86400);
 * ```
 */
export function validitySeconds(
  client: AppClient,
  token: "AccessToken" | "IdToken" | "RefreshToken",
): number {
  const config = client.config;
  const value = token === "AccessToken"
    ? config.AccessTokenValidity
    : token === "IdToken"
    ? config.IdTokenValidity
    : config.RefreshTokenValidity;
  const unit = config.TokenValidityUnits?.[token] ?? (token === "RefreshToken" ? "days" : "hours");
  if (value === undefined) return token === "RefreshToken" ? 30 * 86400 : 3600;
  return value * UNIT_SECONDS[unit];
}

/** What a minted pair of access and ID tokens describes. */
export interface TokenSubject {
  readonly pool: UserPool;
  readonly client: AppClient;
  readonly user: User;
  readonly origin: AuthOrigin;
  /** Epoch ms (the pool's clock). */
  readonly now: number;
}

/**
 * The access token: `sub, device_key?, iss, client_id, origin_jti, event_id,
 * token_use, scope, auth_time, exp, iat, jti, username`.
 */
export async function mintAccessToken(
  services: MockServices,
  subject: TokenSubject,
): Promise<string> {
  const iat = Math.floor(subject.now / 1000);
  const claims: Record<string, unknown> = { sub: subject.user.sub };
  if (subject.origin.deviceKey !== undefined) claims.device_key = subject.origin.deviceKey;
  Object.assign(claims, {
    iss: services.issuer(subject.pool.id),
    client_id: subject.client.id,
    origin_jti: subject.origin.originJti,
    event_id: subject.origin.eventId,
    token_use: "access",
    scope: ADMIN_SCOPE,
    auth_time: subject.origin.authTime,
    exp: iat + validitySeconds(subject.client, "AccessToken"),
    iat,
    jti: services.ids.uuid(),
    username: subject.user.username,
  });
  const keys = await services.keys.forPool(subject.pool.id);
  return signJwt(claims, keys.access);
}

// The data type of each attribute, by name, once per schema (a pool's schema
// array is replaced, not edited, when the schema changes).
const schemaTypes = new WeakMap<readonly SchemaAttribute[], ReadonlyMap<string, string>>();

function attributeTypes(schema: readonly SchemaAttribute[]): ReadonlyMap<string, string> {
  let types = schemaTypes.get(schema);
  if (types === undefined) {
    types = new Map(schema.map((attribute) => [attribute.Name, attribute.AttributeDataType]));
    schemaTypes.set(schema, types);
  }
  return types;
}

/**
 * The ID token: `sub, email_verified?, iss, cognito:username, origin_jti,
 * aud, event_id, token_use, auth_time`, the user's other attributes, then
 * `exp, iat, jti`. Boolean and number attributes become JSON booleans and
 * numbers.
 */
export async function mintIdToken(services: MockServices, subject: TokenSubject): Promise<string> {
  const iat = Math.floor(subject.now / 1000);
  const { user, pool } = subject;
  const claims: Record<string, unknown> = { sub: user.sub };
  const types = attributeTypes(pool.config.SchemaAttributes);
  const typed = (name: string, value: string): unknown => {
    const type = types.get(name);
    if (type === "Boolean") return value === "true";
    if (type === "Number" && value !== "" && Number.isFinite(Number(value))) return Number(value);
    return value;
  };
  // Cognito states email_verified whenever the user has an email (false until verified).
  if (user.attributes.has("email")) {
    claims.email_verified = user.attributes.get("email_verified") === "true";
  }
  Object.assign(claims, {
    iss: services.issuer(pool.id),
    "cognito:username": user.username,
    origin_jti: subject.origin.originJti,
    aud: subject.client.id,
    event_id: subject.origin.eventId,
    token_use: "id",
    auth_time: subject.origin.authTime,
  });
  for (const [name, value] of user.attributes) {
    if (!(name in claims)) claims[name] = typed(name, value);
  }
  if (user.attributes.has("phone_number") && !user.attributes.has("phone_number_verified")) {
    claims.phone_number_verified = false;
  }
  Object.assign(claims, {
    exp: iat + validitySeconds(subject.client, "IdToken"),
    iat,
    jti: services.ids.uuid(),
  });
  const keys = await services.keys.forPool(pool.id);
  return signJwt(claims, keys.id);
}

// {"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}, as live refresh tokens start (§2).
const JWE_HEADER = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ";

/**
 * A new refresh token string: JWE-shaped (5 segments, Cognito's header) with
 * random segments. It carries no information; the mock maps it to a
 * `RefreshTokenRecord`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newRefreshToken } from "./mint.ts";
 * import { idGenerator, seededRandom } from "../state/random.ts";
 * const token = newRefreshToken(idGenerator(seededRandom(1)));
 * assert.equal(token.split(".").length, 5);
 * assert.match(token, /^eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ\.[A-Za-z0-9_.-]+$/);
 * ```
 */
export function newRefreshToken(ids: IdGenerator): string {
  return [JWE_HEADER, ids.base64url(256), ids.base64url(12), ids.base64url(384), ids.base64url(16)]
    .join(".");
}
