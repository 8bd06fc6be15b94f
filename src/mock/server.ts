/**
 * The mock Cognito server over HTTP: {@linkcode createMockServer} listens
 * (127.0.0.1, a free port by default), derives the tokens' issuer from the
 * real listen address unless told otherwise, applies a seed, and answers
 * with the handler of `handler.ts`.
 *
 * @module
 */

import { createMockHandler, type MockHandler, type MockHandlerOptions } from "./handler.ts";
import { applySeed, type MockSeed } from "./seed.ts";
import { SqliteState } from "./state/sqlite_store.ts";

/** Options of {@linkcode createMockServer}. */
export interface MockServerOptions extends Omit<MockHandlerOptions, "issuer" | "persistence"> {
  /** Interface to listen on. @default "127.0.0.1" */
  hostname?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Base of the tokens' `iss` (`<issuer>/<poolId>`), e.g.
   * `https://cognito-idp.us-east-1.amazonaws.com`.
   * @default the server's own URL, so `<url>/<poolId>/.well-known/jwks.json` verifies its tokens
   */
  issuer?: string;
  /**
   * Pools, clients and users to create before the first request (see
   * `seed.ts`); with `dataDir`, only when the directory holds no state yet.
   * @default none
   */
  seed?: MockSeed;
  /**
   * Keep the state (pools, clients, users, devices, tokens, sessions,
   * codes, signing keys, clock offsets) in `<dataDir>/mock-state.sqlite`
   * across restarts; each request is committed before it is answered. A
   * damaged or foreign file throws `StateStoreError` naming it.
   * @default none: in memory only
   */
  dataDir?: string;
  /** Stops the server when aborted. @default none */
  signal?: AbortSignal;
}

/** A running mock server. */
export interface MockServer {
  /** The base URL, e.g. `http://127.0.0.1:54321` (the endpoint to give clients). */
  readonly url: string;
  /** The port actually listened on. */
  readonly port: number;
  /** The request handler (state, clock, keys). */
  readonly handler: MockHandler;
  /**
   * With `dataDir`: the database file, and whether it held state from an
   * earlier run (then `seed` was not applied).
   */
  readonly state?: { readonly file: string; readonly restored: boolean };
  /** Stops listening and waits for open requests to finish. */
  close(): Promise<void>;
}

function urlOf(hostname: string, port: number): string {
  const host = hostname === "0.0.0.0" ? "127.0.0.1" : hostname === "::" ? "::1" : hostname;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * Starts the mock Cognito server.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockServer } from "./server.ts";
 * const server = await createMockServer();
 * try {
 *   const response = await fetch(`${server.url}/_mock`);
 *   assert.equal((await response.json()).name, "cognito-conformance-mock");
 * } finally {
 *   await server.close();
 * }
 * ```
 */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { hostname = "127.0.0.1", port = 0, seed, signal, issuer, dataDir, ...handlerOptions } =
    options;
  let url = "";
  const state = dataDir === undefined ? undefined : SqliteState.open(dataDir);
  const handler = createMockHandler({
    ...handlerOptions,
    issuer: () => issuer ?? url,
    ...(state === undefined ? {} : { persistence: state }),
  });
  let server;
  try {
    if (state !== undefined) await state.load(handler.services);
    if (seed !== undefined && state?.created !== false) await applySeed(handler.services, seed);
    state?.commit(handler.services);
    server = serve(handler, hostname, port, signal);
  } catch (error) {
    state?.close();
    throw error;
  }
  const address = server.addr as Deno.NetAddr;
  url = urlOf(hostname, address.port);
  let closed: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    handler,
    ...(state === undefined ? {} : { state: { file: state.file, restored: !state.created } }),
    close() {
      closed ??= server.shutdown().finally(() => state?.close());
      return closed;
    },
  };
}

function serve(
  handler: MockHandler,
  hostname: string,
  port: number,
  signal: AbortSignal | undefined,
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname, port, onListen: () => {}, ...(signal === undefined ? {} : { signal }) },
    (request, info) => {
      const address = info.remoteAddr;
      return handler.handle(request, address.transport === "tcp" ? address.hostname : undefined);
    },
  );
}
