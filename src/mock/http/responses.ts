/**
 * HTTP responses as the Cognito endpoint sends them (§1.3, §1.4): AWS JSON
 * 1.1 bodies, `x-amzn-RequestId`, errors as `{"__type","message"}` with
 * `x-amzn-ErrorType: <Name>:` and `x-amzn-ErrorMessage`, and the CORS headers
 * browsers need.
 *
 * @module
 */

import { CognitoError } from "../../cognito/errors.ts";

/** The content type of every API answer. */
export const AMZ_JSON = "application/x-amz-json-1.1";

/** Request headers a browser may send (preflight `Access-Control-Allow-Headers`). */
export const CORS_ALLOW_HEADERS = [
  "x-amz-target",
  "x-amz-user-agent",
  "authorization",
  "content-type",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-content-sha256",
  "cache-control",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
].join(",");

/** Response headers a browser may read (as the live service exposes them). */
export const CORS_EXPOSE_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

/** The CORS headers added to every response. */
export function corsHeaders(request: Request): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": request.headers.get("origin") ?? "*",
    "Access-Control-Expose-Headers": CORS_EXPOSE_HEADERS,
    "Vary": "Origin",
  };
}

/** The answer to a CORS preflight (`OPTIONS`). */
export function preflightResponse(request: Request): Response {
  return new Response(null, {
    status: 200,
    headers: {
      ...corsHeaders(request),
      "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
      "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
      "Access-Control-Max-Age": "86400",
    },
  });
}

/** Common headers of an API answer. */
function baseHeaders(requestId: string, now: number, contentType: string): Headers {
  return new Headers({
    "Content-Type": contentType,
    "x-amzn-RequestId": requestId,
    "Date": new Date(now).toUTCString(),
  });
}

/** A 200 (or other status) JSON answer. */
export function jsonResponse(
  body: unknown,
  init: { requestId: string; now: number; status?: number; contentType?: string },
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: baseHeaders(init.requestId, init.now, init.contentType ?? AMZ_JSON),
  });
}

// Header values must be visible ASCII, and clients cap header sizes (Node: 16 KiB
// in total), so the header copy of a message is made safe and kept short; the
// body always has the full text.
const HEADER_MESSAGE_LIMIT = 1024;

function headerSafe(message: string): string {
  const ascii = message.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length > HEADER_MESSAGE_LIMIT
    ? `${ascii.slice(0, HEADER_MESSAGE_LIMIT - 3)}...`
    : ascii;
}

/**
 * The error answer for a {@linkcode CognitoError}: its status, a body with
 * `__type` and (if AWS sends one) `message`, and the `x-amzn-ErrorType` /
 * `x-amzn-ErrorMessage` headers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cognitoError } from "../../cognito/errors.ts";
 * import { errorResponse } from "./responses.ts";
 * const response = errorResponse(cognitoError("InvalidRefreshToken"), { requestId: "r", now: 0 });
 * assert.equal(response.status, 400);
 * assert.equal(response.headers.get("x-amzn-errortype"), "NotAuthorizedException:");
 * assert.deepEqual(await response.json(), { __type: "NotAuthorizedException", message: "Invalid Refresh Token." });
 * ```
 */
export function errorResponse(
  error: CognitoError,
  init: { requestId: string; now: number; contentType?: string },
): Response {
  const headers = baseHeaders(init.requestId, init.now, init.contentType ?? AMZ_JSON);
  headers.set("x-amzn-ErrorType", `${error.type}:`);
  const body: Record<string, string> = { __type: error.type };
  if (error.hasMessage) {
    body.message = error.message;
    headers.set("x-amzn-ErrorMessage", headerSafe(error.message));
  }
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** Adds the CORS headers to a response. */
export function withCors(request: Request, response: Response): Response {
  for (const [name, value] of Object.entries(corsHeaders(request))) {
    response.headers.set(name, value);
  }
  return response;
}
