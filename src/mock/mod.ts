/**
 * The mock Cognito user-pool server: an ordinary HTTP server that speaks the
 * wire protocol of `cognito-idp.<region>.amazonaws.com` (AWS JSON 1.1), with
 * request validation driven by the service model, the error catalogue's exact
 * texts, RS256 tokens with Cognito's claims and a JWKS, and a test-control
 * surface under `/_mock` (clock, codes, faults, behaviour, reset).
 *
 * It implements the whole device lifecycle with real SRP: USER_SRP_AUTH and
 * PASSWORD_VERIFIER, `NewDeviceMetadata` per the pool's
 * `DeviceConfiguration`, ConfirmDevice with the device verifier, the device
 * operations, DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER, refresh tokens
 * bound to the device key, and TOTP MFA that a remembered device can skip.
 * Where Cognito's behaviour is unknown, {@linkcode MockBehaviour} names the
 * choice (docs/mock-choices.md) and lets a test flip it.
 *
 * - {@linkcode createMockServer}: listen and answer over HTTP.
 * - {@linkcode createMockHandler}: the same as a pure `Request → Response`
 *   function, for tests without sockets.
 * - {@linkcode parseSeed} / {@linkcode loadSeedFile}: pools, clients and
 *   users with fixed ids, created at startup.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockServer } from "./mod.ts";
 * const server = await createMockServer({ keyStrategy: "shared" });
 * try {
 *   const call = (operation: string, body: unknown) =>
 *     fetch(server.url, {
 *       method: "POST",
 *       headers: {
 *         "content-type": "application/x-amz-json-1.1",
 *         "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
 *       },
 *       body: JSON.stringify(body),
 *     }).then((response) => response.json());
 *   const { UserPool } = await call("CreateUserPool", { PoolName: "demo" });
 *   assert.match(UserPool.Id, /^us-east-1_/);
 * } finally {
 *   await server.close();
 * }
 * ```
 *
 * @module
 */

export { createMockServer, type MockServer, type MockServerOptions } from "./server.ts";
export {
  createMockHandler,
  type MockHandler,
  type MockHandlerOptions,
  type RequestLogEntry,
} from "./handler.ts";
export {
  loadSeedFile,
  type MockSeed,
  parseSeed,
  type SeedClient,
  SeedError,
  type SeedPool,
  type SeedUser,
} from "./seed.ts";
export { CONTROL_INFO } from "./http/control.ts";
export { STATE_FILE, STATE_SCHEMA_VERSION, StateStoreError } from "./state/sqlite_store.ts";
export { DEFAULT_BEHAVIOUR, type MockBehaviour, parseBehaviour } from "./state/behaviour.ts";
export {
  KeyStore,
  type KeyStoreOptions,
  type KeyStrategy,
  type PoolKeys,
  type PublicJwk,
  type SigningKey,
} from "./tokens/keys.ts";
export type { NativeCryptoMode, Rs256Signer, SignerBackend } from "./tokens/signer.ts";
export { type RandomBytes, seededRandom } from "./state/random.ts";
export type { Clock } from "./state/clock.ts";
