/**
 * What an operation handler receives: the mock's services (state, clock,
 * randomness, keys, issuer) and the request it answers. Operations are plain
 * functions `(input, context) => output`, registered once in
 * `operations/registry.ts`.
 *
 * @module
 */

import type { ModPowOptions } from "../srp/mod.ts";
import type { MockBehaviour } from "./state/behaviour.ts";
import type { MockClock } from "./state/clock.ts";
import type { IdGenerator } from "./state/random.ts";
import type { MockStore } from "./state/store.ts";
import type { KeyStore } from "./tokens/keys.ts";

/** A decoded JSON object (request or response body). */
export type JsonObject = Record<string, unknown>;

/** The services shared by every request of one mock. */
export interface MockServices {
  /** All pools, clients, users, tokens and sessions. */
  readonly store: MockStore;
  /** Time, with global and per-pool offsets. */
  readonly clock: MockClock;
  /** Identifier generators over the injected randomness. */
  readonly ids: IdGenerator;
  /** RS256 signing keys. */
  readonly keys: KeyStore;
  /** Region for new pools (`us-east-1`). */
  readonly region: string;
  /** Account id used in ARNs. */
  readonly accountId: string;
  /** The `iss` of a pool's tokens. */
  issuer(poolId: string): string;
  /** The behaviour choices for pools without overrides (§11, docs/mock-choices.md). */
  readonly behaviour: Readonly<MockBehaviour>;
  /** 32 random bytes: the AES-GCM key of this mock's SRP `SECRET_BLOCK`s. Never leaves the mock. */
  readonly blockKey: Uint8Array;
  /**
   * How the mock's SRP math exponentiates: `{ backend: "native" }` (no
   * OpenSSL) under `nativeCrypto: "off"`, else `{}` (the engine's default).
   * Every SRP call of the mock passes it.
   */
  readonly srpOptions: Readonly<ModPowOptions>;
}

/** The request being answered. */
export interface RequestInfo {
  /** The operation name (`InitiateAuth`). */
  readonly operation: string;
  /** The request headers. */
  readonly headers: Headers;
  /** The caller's IP address, when known. */
  readonly sourceIp?: string;
}

/** Everything an operation handler may use. */
export interface OperationContext extends MockServices {
  readonly request: RequestInfo;
}

/** An operation: validated input in, output body out; throws `CognitoError`. */
export type OperationHandler = (
  input: JsonObject,
  context: OperationContext,
) => Promise<JsonObject> | JsonObject;

/** A registered operation. */
export interface OperationDefinition {
  /** The operation name, as in `X-Amz-Target`. */
  readonly name: string;
  /** Answers the validated input. */
  readonly handle: OperationHandler;
}

/**
 * Epoch seconds with a fractional part, as Cognito serialises dates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { epochSeconds } from "./context.ts";
 * assert.equal(epochSeconds(1715100742022), 1715100742.022);
 * ```
 */
export function epochSeconds(epochMs: number): number {
  return epochMs / 1000;
}
