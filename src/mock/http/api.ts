/**
 * The AWS JSON 1.1 endpoint (`POST /`), in the order the checks apply:
 *
 * 1. body size (`RequestEntityTooLargeException`, 413); a body cut short by
 *    the connection ending is the caller's `SerializationException`, not a fault;
 * 2. `X-Amz-Target` = `AWSCognitoIdentityProviderService.<Operation>` of a
 *    known operation (`UnknownOperationException`);
 * 3. `Content-Type` an AWS JSON type (`application/x-amz-json-1.1`, also
 *    `-1.0` and `application/json`), else `SerializationException`;
 * 4. SigV4 on IAM operations: a present `Authorization` must be
 *    syntactically SigV4 (`IncompleteSignatureException`); a missing one is
 *    accepted unless `requireSignature` (`MissingAuthenticationTokenException`),
 *    which also verifies the signature (`sigv4.ts`). No-auth operations
 *    ignore `Authorization`;
 * 5. the body is one JSON object (`SerializationException`); empty is `{}`;
 * 6. injected throttling (`TooManyRequestsException` "Rate exceeded");
 * 7. the operation is implemented (else 501, mock-only);
 * 8. validation against the service model; 9. the operation.
 *
 * Anything unexpected is a 500 `InternalErrorException`, never a stack trace.
 *
 * @module
 */

import { CognitoError, cognitoError } from "../../cognito/errors.ts";
import { isOperation, requiresSigV4, TARGET_PREFIX } from "../../cognito/operations.ts";
import type { JsonObject, MockServices, RequestInfo } from "../context.ts";
import { OPERATION_REGISTRY } from "../operations/registry.ts";
import { parseJwt } from "../tokens/jwt.ts";
import { operationShapes } from "../validate/shapes.ts";
import { validateShape } from "../validate/validate.ts";
import { errorResponse, jsonResponse } from "./responses.ts";
import { parseAuthorization, type SignatureSettings, verifySignature } from "./sigv4.ts";

/** Settings of the API endpoint. */
export interface ApiSettings {
  /** Largest accepted body in bytes. */
  readonly maxBodyBytes: number;
  /**
   * Verify SigV4 on IAM operations against these settings (`requireSignature`);
   * absent: only the form of a present `Authorization` header is checked.
   */
  readonly signature?: SignatureSettings;
  /** Told about every unexpected fault (for logs); never about secrets. */
  readonly onFault?: (error: unknown, operation: string | undefined) => void;
}

const JSON_TYPES = new Set([
  "application/x-amz-json-1.1",
  "application/x-amz-json-1.0",
  "application/json",
]);

async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw cognitoError("RequestTooLarge", { limit });
  if (request.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of request.body) {
      size += chunk.length;
      if (size > limit) throw cognitoError("RequestTooLarge", { limit });
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof CognitoError) throw error;
    // The caller's fault, not ours: the connection ended (or broke) before the body did.
    throw cognitoError("SerializationMalformed");
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

function operationOf(request: Request): string {
  const target = request.headers.get("x-amz-target") ?? "";
  const dot = target.indexOf(".");
  const name = target.slice(dot + 1);
  if (dot < 0 || target.slice(0, dot) !== TARGET_PREFIX || !isOperation(name)) {
    throw cognitoError("UnknownOperation");
  }
  return name;
}

function checkContentType(request: Request): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type)) throw cognitoError("SerializationMalformed");
}

/**
 * SigV4 on IAM operations: a present `Authorization` must be SigV4-shaped; a
 * missing one is refused only under `requireSignature`, which also verifies
 * the signature (once the body is read). No-auth operations ignore it.
 */
async function checkSignature(
  request: Request,
  operation: string,
  bytes: Uint8Array<ArrayBuffer>,
  settings: ApiSettings,
): Promise<void> {
  if (!requiresSigV4(operation)) return;
  const header = request.headers.get("authorization");
  if (header === null) {
    if (settings.signature !== undefined) throw cognitoError("MissingAuthenticationToken");
    return;
  }
  const authorization = parseAuthorization(header);
  if (settings.signature !== undefined) {
    await verifySignature(request, bytes, authorization, settings.signature);
  }
}

function parseBody(bytes: Uint8Array): JsonObject {
  if (bytes.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw cognitoError("SerializationMalformed");
  }
  if (Array.isArray(body)) throw cognitoError("SerializationUnexpectedList");
  if (typeof body !== "object" || body === null) throw cognitoError("SerializationMalformed");
  return body as JsonObject;
}

/** The pool a request concerns, for pool-scoped faults and clocks. */
export function poolOfRequest(services: MockServices, body: JsonObject): string | undefined {
  if (typeof body.UserPoolId === "string") return body.UserPoolId;
  if (typeof body.ClientId === "string") {
    const pool = services.store.poolOfClient(body.ClientId);
    if (pool !== undefined) return pool;
  }
  const iss = typeof body.AccessToken === "string"
    ? parseJwt(body.AccessToken)?.payload.iss
    : undefined;
  return typeof iss === "string" ? iss.slice(iss.lastIndexOf("/") + 1) : undefined;
}

function checkThrottle(services: MockServices, operation: string, body: JsonObject): void {
  const throttles = services.store.throttles;
  if (throttles.length === 0) return;
  const pool = poolOfRequest(services, body);
  const index = throttles.findIndex((fault) =>
    (fault.poolId === undefined || fault.poolId === pool) &&
    (fault.operations === undefined || fault.operations.has(operation))
  );
  if (index < 0) return;
  const fault = throttles[index]!;
  fault.remaining -= 1;
  if (fault.remaining <= 0) throttles.splice(index, 1);
  throw cognitoError("Throttled");
}

/** Answers one API request. Never throws. */
export async function handleApi(
  request: Request,
  services: MockServices,
  settings: ApiSettings,
  sourceIp?: string,
): Promise<Response> {
  const requestId = services.ids.uuid();
  let operation: string | undefined;
  let pool: string | undefined;
  try {
    const bytes = await readBody(request, settings.maxBodyBytes);
    operation = operationOf(request);
    checkContentType(request);
    await checkSignature(request, operation, bytes, settings);
    const body = parseBody(bytes);
    pool = poolOfRequest(services, body);
    checkThrottle(services, operation, body);
    const definition = OPERATION_REGISTRY.get(operation);
    if (definition === undefined) throw cognitoError("MockOperationNotImplemented", { operation });
    const inputShape = operationShapes(operation)?.input;
    const input = inputShape === undefined ? body : validateShape(inputShape, body);
    const info: RequestInfo = {
      operation,
      headers: request.headers,
      ...(sourceIp === undefined ? {} : { sourceIp }),
    };
    const output = await definition.handle(input, { ...services, request: info });
    return jsonResponse(output, { requestId, now: services.clock.now(pool) });
  } catch (error) {
    if (error instanceof CognitoError) {
      return errorResponse(error, { requestId, now: services.clock.now(pool) });
    }
    settings.onFault?.(error, operation);
    return errorResponse(cognitoError("InternalError"), { requestId, now: services.clock.now() });
  }
}
