/**
 * The mock as a pure request handler (`Request → Promise<Response>`), so
 * tests can call it without sockets, and the router behind the HTTP server:
 *
 * - `OPTIONS *`: CORS preflight;
 * - `POST /`: the Cognito API (AWS JSON 1.1);
 * - `GET /`: a health line, as AWS endpoints answer it;
 * - `GET /<poolId>/.well-known/jwks.json` and `…/openid-configuration`;
 * - `/_mock…`: the test-control surface (see `http/control.ts`);
 * - anything else: 404.
 *
 * Every response carries CORS headers; nothing ever answers a stack trace.
 *
 * @module
 */

import type { AwsCredentials } from "../cognito/client.ts";
import { MOCK_CREDENTIALS } from "../cognito/credentials.ts";
import { cognitoError } from "../cognito/errors.ts";
import { isOperation } from "../cognito/operations.ts";
import type { MockServices } from "./context.ts";
import { type ApiSettings, handleApi } from "./http/api.ts";
import { handleControl } from "./http/control.ts";
import { errorResponse, preflightResponse, withCors } from "./http/responses.ts";
import { handleWellKnown, isWellKnownPath } from "./http/well_known.ts";
import { DEFAULT_BEHAVIOUR, type MockBehaviour, parseBehaviour } from "./state/behaviour.ts";
import { type Clock, MockClock } from "./state/clock.ts";
import { cryptoRandom, idGenerator, type RandomBytes } from "./state/random.ts";
import { MockStore } from "./state/store.ts";
import { KeyStore, type KeyStrategy } from "./tokens/keys.ts";
import type { NativeCryptoMode } from "./tokens/signer.ts";

/** Options of {@linkcode createMockHandler}. */
export interface MockHandlerOptions {
  /** Region of new pools (the part of a pool id before `_`). @default "us-east-1" */
  region?: string;
  /**
   * Base of the tokens' `iss` (`<issuer>/<poolId>`), e.g.
   * `https://cognito-idp.us-east-1.amazonaws.com`, or a function giving it.
   * @default "http://localhost" (the server passes its real URL)
   */
  issuer?: string | (() => string);
  /** The base clock, epoch milliseconds. @default Date.now */
  clock?: Clock;
  /** Random bytes for identifiers, codes and tokens. @default crypto.getRandomValues */
  random?: RandomBytes;
  /** `"shared"` (one ID and one access key for all pools) or `"per-pool"`. @default "shared" */
  keyStrategy?: KeyStrategy;
  /**
   * Signing keys to use instead of new ones, e.g. one store shared by many
   * handlers in a test suite so RSA keygen runs once. Overrides `keyStrategy`.
   * @default a new store with `keyStrategy`
   */
  keyStore?: KeyStore;
  /**
   * `"auto"`: use the system OpenSSL (`libcrypto` via Deno FFI) when the
   * process has FFI permission and OpenSSL 3 loads — RS256 signatures (about
   * 5× faster than WebCrypto) and SRP exponentiation (about 2× faster than
   * `node:crypto`); `"off"`: never, WebCrypto signs and `node:crypto`
   * exponentiates. Tokens and SRP results are identical either way. A given
   * `keyStore` keeps its own signing setting; SRP always follows this one.
   * @default "auto"
   */
  nativeCrypto?: NativeCryptoMode;
  /** Largest request body accepted, in bytes. @default 1048576 */
  maxBodyBytes?: number;
  /**
   * Verify SigV4 on IAM operations (`Admin*`, pool and client management):
   * unsigned calls get `MissingAuthenticationTokenException`, unknown keys
   * `UnrecognizedClientException`, bad or stale signatures
   * `InvalidSignatureException` (see `http/sigv4.ts`). Off, a present
   * `Authorization` header need only be SigV4-shaped.
   * @default false
   */
  requireSignature?: boolean;
  /**
   * The credentials whose signatures `requireSignature` accepts.
   * @default [MOCK_CREDENTIALS] (the harness's test key)
   */
  credentials?: readonly AwsCredentials[];
  /**
   * Serve the test-control surface under `/_mock` (clock, faults, codes,
   * behaviour, reset). Off, those paths answer 404 like any unknown path,
   * and harnesses see an endpoint without mock control.
   * @default true
   */
  control?: boolean;
  /**
   * Told about every request once it is answered (the `mock --log-requests`
   * access log). The entry holds no body, header or token: nothing secret.
   * @default ignore
   */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Account id in ARNs. @default "123456789012" */
  accountId?: string;
  /** Told about unexpected faults (answered as 500 InternalErrorException). @default ignore */
  onFault?: (error: unknown, operation: string | undefined) => void;
  /**
   * Behaviour choices for the open questions of the protocol reference (§11),
   * for every pool (a pool can override them through `POST /_mock/behaviour`).
   * @default DEFAULT_BEHAVIOUR (see docs/mock-choices.md)
   */
  behaviour?: Partial<MockBehaviour>;
  /**
   * Where the state is kept across restarts (`mock --data-dir`,
   * `SqliteState`): committed after every request, before its response;
   * a commit that fails answers 500 `InternalErrorException` instead.
   * @default none: the state lives in memory only
   * @ignore
   */
  persistence?: StatePersistence;
}

/** Keeps the mock's state: {@linkcode StatePersistence.commit} runs after every request. */
export interface StatePersistence {
  /** Writes what the requests so far changed; throws when it cannot. */
  commit(services: MockServices): unknown;
}

/** The mock as a request handler. */
export interface MockHandler {
  /** Answers one request; `remoteAddr` is the caller's address, if known. Never throws. */
  handle(request: Request, remoteAddr?: string): Promise<Response>;
  /**
   * The services (state, clock, keys) behind the handler: the mock's
   * internals, for its own tests and tools; not a stable API.
   *
   * @ignore
   */
  readonly services: MockServices;
}

/**
 * Creates the mock's request handler.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockHandler } from "./handler.ts";
 * const mock = createMockHandler();
 * const response = await mock.handle(new Request("http://mock/", {
 *   method: "POST",
 *   headers: {
 *     "content-type": "application/x-amz-json-1.1",
 *     "x-amz-target": "AWSCognitoIdentityProviderService.CreateUserPool",
 *   },
 *   body: JSON.stringify({ PoolName: "demo" }),
 * }));
 * assert.equal(response.status, 200);
 * assert.match((await response.json()).UserPool.Id, /^us-east-1_[0-9A-Za-z]{9}$/);
 * ```
 */
export function createMockHandler(options: MockHandlerOptions = {}): MockHandler {
  const issuer = options.issuer ?? "http://localhost";
  const issuerBase = typeof issuer === "function" ? issuer : () => issuer;
  const random = options.random ?? cryptoRandom;
  const nativeCrypto = options.nativeCrypto ?? "auto";
  const services: MockServices = {
    store: new MockStore(),
    clock: new MockClock(options.clock ?? Date.now),
    ids: idGenerator(random),
    keys: options.keyStore ?? new KeyStore(options.keyStrategy ?? "shared", { nativeCrypto }),
    region: options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    issuer: (poolId) => `${issuerBase().replace(/\/+$/, "")}/${poolId}`,
    behaviour: { ...DEFAULT_BEHAVIOUR, ...parseBehaviour(options.behaviour ?? {}) },
    blockKey: random(32),
    srpOptions: nativeCrypto === "off" ? { backend: "native" } : {},
  };
  const settings: ApiSettings = {
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    ...(options.requireSignature === true
      ? {
        signature: {
          credentials: options.credentials ?? [MOCK_CREDENTIALS],
          region: services.region,
          now: () => services.clock.base(),
          cache: new Map(),
        },
      }
      : {}),
    ...(options.onFault === undefined ? {} : { onFault: options.onFault }),
  };
  const control = options.control ?? true;
  const persistence = options.persistence;
  const route = (
    request: Request,
    remoteAddr: string | undefined,
  ): Promise<Response> | Response => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method === "OPTIONS") return preflightResponse(request);
    if (path === "/" && request.method === "POST") {
      return handleApi(request, services, settings, remoteAddr);
    }
    if (path === "/" && request.method === "GET") {
      return new Response(`healthy: cognito-idp.${services.region}.amazonaws.com`, {
        headers: { "Content-Type": "text/plain" },
      });
    }
    if (control && (path === "/_mock" || path.startsWith("/_mock/"))) {
      return handleControl(request, url, services);
    }
    if (request.method === "GET" && isWellKnownPath(path)) return handleWellKnown(path, services);
    return errorResponse(cognitoError("MockRouteNotFound", { method: request.method, path }), {
      requestId: services.ids.uuid(),
      now: services.clock.now(),
      contentType: "application/json",
    });
  };
  return {
    services,
    async handle(request, remoteAddr) {
      const started = performance.now();
      let response: Response;
      try {
        response = await route(request, remoteAddr);
      } catch (error) {
        settings.onFault?.(error, undefined);
        response = errorResponse(cognitoError("InternalError"), {
          requestId: services.ids.uuid(),
          now: services.clock.now(),
        });
      }
      if (persistence !== undefined) {
        // Synchronous, so nothing runs between the commit and the answer: a
        // response is only sent for what is on disk (every request commits:
        // a refused sign-in changes lockout counters too).
        try {
          persistence.commit(services);
        } catch (error) {
          settings.onFault?.(error, undefined);
          response = errorResponse(cognitoError("InternalError"), {
            requestId: services.ids.uuid(),
            now: services.clock.now(),
          });
        }
      }
      if (options.onRequest !== undefined) {
        options.onRequest(logEntry(request, response, performance.now() - started));
      }
      return withCors(request, response);
    },
  };
}

/** One answered request, as the access log shows it: no body, no header value but the operation. */
export interface RequestLogEntry {
  /** `POST`, `GET`, … */
  readonly method: string;
  /** The URL path, without the query (which may name users). */
  readonly path: string;
  /** The Cognito operation of an API call (from `X-Amz-Target`). */
  readonly operation?: string;
  /** The HTTP status answered. */
  readonly status: number;
  /** The error's `__type`, for an error answer. */
  readonly errorType?: string;
  /** Time to answer, in milliseconds. */
  readonly durationMs: number;
}

function logEntry(request: Request, response: Response, durationMs: number): RequestLogEntry {
  // Only names the mock knows reach the log: a hostile header cannot forge log lines.
  const target = request.headers.get("x-amz-target") ?? "";
  const operation = target.slice(target.indexOf(".") + 1);
  const errorType = response.headers.get("x-amzn-errortype")?.split(":")[0];
  const path = new URL(request.url).pathname;
  return {
    method: request.method,
    path: path.length > 200 ? `${path.slice(0, 200)}…` : path,
    ...(isOperation(operation) ? { operation } : {}),
    status: response.status,
    ...(errorType === undefined || errorType === "" ? {} : { errorType }),
    durationMs,
  };
}
