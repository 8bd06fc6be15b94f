/**
 * The test-control surface of the mock, beyond the AWS API, under `/_mock`
 * (no collision is possible: the API lives at `/` and the only other paths
 * start with a pool id, which never starts with `_`). JSON in and out.
 *
 * | Request | Effect / answer |
 * |---|---|
 * | `GET /_mock` | `{"name": "cognito-conformance-mock", "capabilities": ["clock", "codes", "faults", "behaviour", "reset"]}` |
 * | `GET /_mock/clock[?poolId=…]` | `{"epochSeconds", "offsetSeconds"[, "poolId"]}`: the time that applies (to that pool) |
 * | `POST /_mock/clock` `{"advanceSeconds": n}` or `{"setEpochSeconds": n}`, optional `"poolId"` | moves the global clock, or only that pool's; answers like GET |
 * | `GET /_mock/codes?poolId=…[&username=…]` | `{"codes": [{username, kind, code, attribute?, destination?, issuedAt, expiresAt, used}]}` (sign-up codes) |
 * | `POST /_mock/faults` `{"throttle": {"count": n, "poolId"?: id, "operations"?: [names]}}` | the next n matching API calls answer `TooManyRequestsException` "Rate exceeded"; answers `{"pendingThrottles": k}` |
 * | `GET /_mock/behaviour[?poolId=…]` | `{"behaviour": {…}[, "poolId"]}`: the §11 choices that apply (to that pool) |
 * | `POST /_mock/behaviour` `{"poolId": id, "behaviour": {…}}` | sets that pool's choices (merged over the mock's; `null` clears them); answers like GET |
 * | `POST /_mock/reset` | forgets all pools, clock offsets and faults; answers `{}` |
 *
 * Errors use the API's error format with mock-only types from the catalogue.
 *
 * @module
 */

import { CognitoError, cognitoError } from "../../cognito/errors.ts";
import type { MockServices } from "../context.ts";
import { effectiveBehaviour, parseBehaviour } from "../state/behaviour.ts";
import { lookupUser } from "../state/store.ts";
import { errorResponse, jsonResponse } from "./responses.ts";

/**
 * What `GET /_mock` reports: the mock's name and the control capabilities.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONTROL_INFO } from "./control.ts";
 * assert.equal(CONTROL_INFO.name, "cognito-conformance-mock");
 * assert.ok(CONTROL_INFO.capabilities.includes("behaviour"));
 * ```
 */
export const CONTROL_INFO = {
  name: "cognito-conformance-mock",
  capabilities: ["clock", "codes", "faults", "behaviour", "reset"],
} as const;

async function readJson(request: Request): Promise<Record<string, unknown>> {
  try {
    const body = await request.json();
    if (typeof body === "object" && body !== null && !Array.isArray(body)) return body;
  } catch {
    // fall through
  }
  throw cognitoError("MockControlBadBody");
}

function requirePool(services: MockServices, poolId: unknown): string | undefined {
  if (poolId === undefined || poolId === null) return undefined;
  if (typeof poolId !== "string" || !services.store.pools.has(poolId)) {
    throw cognitoError("MockControlUnknownPool", { poolId: String(poolId) });
  }
  return poolId;
}

function clockReading(services: MockServices, poolId: string | undefined): Record<string, unknown> {
  return {
    epochSeconds: services.clock.now(poolId) / 1000,
    offsetSeconds: services.clock.offsetSeconds(poolId),
    ...(poolId === undefined ? {} : { poolId }),
  };
}

async function clock(request: Request, url: URL, services: MockServices): Promise<unknown> {
  if (request.method === "GET") {
    return clockReading(
      services,
      requirePool(services, url.searchParams.get("poolId") ?? undefined),
    );
  }
  const body = await readJson(request);
  const poolId = requirePool(services, body.poolId);
  const { advanceSeconds, setEpochSeconds } = body;
  if (
    typeof advanceSeconds === "number" && Number.isFinite(advanceSeconds) &&
    setEpochSeconds === undefined
  ) {
    services.clock.advance(advanceSeconds, poolId);
  } else if (
    typeof setEpochSeconds === "number" && Number.isFinite(setEpochSeconds) &&
    advanceSeconds === undefined
  ) {
    services.clock.set(setEpochSeconds, poolId);
  } else {
    throw cognitoError("MockControlBadClock");
  }
  return clockReading(services, poolId);
}

function codes(url: URL, services: MockServices): unknown {
  const poolId = url.searchParams.get("poolId");
  if (poolId === null) throw cognitoError("MockControlMissingQuery", { name: "poolId" });
  const pool = services.store.pools.get(requirePool(services, poolId)!)!;
  const name = url.searchParams.get("username");
  const username = name === null ? undefined : lookupUser(pool, name)?.username ?? name;
  return {
    codes: pool.codes
      .filter((code) => username === undefined || code.username === username)
      .map((code) => ({
        ...code,
        issuedAt: code.issuedAt / 1000,
        expiresAt: code.expiresAt / 1000,
      })),
  };
}

async function faults(request: Request, services: MockServices): Promise<unknown> {
  const body = await readJson(request);
  const throttle = body.throttle as Record<string, unknown> | undefined;
  const count = throttle?.count;
  const operations = throttle?.operations;
  if (
    typeof throttle !== "object" || throttle === null || typeof count !== "number" ||
    !Number.isInteger(count) ||
    count < 1 ||
    (operations !== undefined &&
      (!Array.isArray(operations) || operations.some((o) => typeof o !== "string")))
  ) {
    throw cognitoError("MockControlBadFault");
  }
  const poolId = requirePool(services, throttle.poolId);
  services.store.throttles.push({
    remaining: count,
    ...(poolId === undefined ? {} : { poolId }),
    ...(operations === undefined ? {} : { operations: new Set(operations as string[]) }),
  });
  return { pendingThrottles: services.store.throttles.length };
}

async function behaviour(request: Request, url: URL, services: MockServices): Promise<unknown> {
  if (request.method === "GET") {
    const poolId = requirePool(services, url.searchParams.get("poolId") ?? undefined);
    if (poolId === undefined) return { behaviour: services.behaviour };
    return {
      poolId,
      behaviour: effectiveBehaviour(services.behaviour, services.store.pool(poolId)),
    };
  }
  const body = await readJson(request);
  const poolId = requirePool(services, body.poolId);
  if (poolId === undefined) {
    throw cognitoError("MockControlBadBehaviour", { problem: '"poolId" is required' });
  }
  const pool = services.store.pool(poolId);
  if (body.behaviour === null) delete pool.behaviour;
  else pool.behaviour = { ...pool.behaviour, ...parseBehaviour(body.behaviour) };
  return { poolId, behaviour: effectiveBehaviour(services.behaviour, pool) };
}

/** Answers a `/_mock…` request. Never throws. */
export async function handleControl(
  request: Request,
  url: URL,
  services: MockServices,
): Promise<Response> {
  const requestId = services.ids.uuid();
  const now = services.clock.now();
  const route = `${request.method} ${url.pathname.replace(/\/+$/, "")}`;
  try {
    let body: unknown;
    if (route === "GET /_mock") body = CONTROL_INFO;
    else if (route === "GET /_mock/clock" || route === "POST /_mock/clock") {
      body = await clock(request, url, services);
    } else if (route === "GET /_mock/codes") body = codes(url, services);
    else if (route === "POST /_mock/faults") body = await faults(request, services);
    else if (route === "GET /_mock/behaviour" || route === "POST /_mock/behaviour") {
      body = await behaviour(request, url, services);
    } else if (route === "POST /_mock/reset") {
      for (const poolId of services.store.pools.keys()) services.keys.forget(poolId);
      services.store.reset();
      services.clock.reset();
      body = {};
    } else throw cognitoError("MockRouteNotFound", { method: request.method, path: url.pathname });
    return jsonResponse(body, { requestId, now, contentType: "application/json" });
  } catch (error) {
    const known = error instanceof CognitoError ? error : cognitoError("InternalError");
    return errorResponse(known, { requestId, now, contentType: "application/json" });
  }
}
