/**
 * A small fetch-based client for the Cognito user pools API (AWS JSON 1.1),
 * built for a test harness rather than an application: it never throws for an
 * error response, and it hands back the whole HTTP exchange (request as sent,
 * response as received, timing) so the runner can record and report it.
 *
 * Operations that need IAM (every `Admin*` call, pool and client management)
 * are signed with SigV4 through `aws4fetch` when credentials are given; the
 * no-auth operations (InitiateAuth, ConfirmDevice, …) are sent unsigned, as
 * the official clients send them.
 *
 * @module
 */

import { AwsClient } from "aws4fetch";
import { requiresSigV4, TARGET_PREFIX } from "./operations.ts";
import { describeError } from "./_describe_error.ts";
import { MAX_RESPONSE_BYTES, receive, type ReceivedResponse } from "./response.ts";

export { describeError } from "./_describe_error.ts";
export {
  EMPTY_BODY,
  MAX_RESPONSE_BYTES,
  MAX_RESPONSE_DEPTH,
  receive,
  type ReceivedResponse,
} from "./response.ts";

/** AWS credentials for SigV4 signing. */
export interface AwsCredentials {
  /** The access key id (`AKIA…`, or `ASIA…` for temporary credentials). */
  accessKeyId: string;
  /** The secret access key. */
  secretAccessKey: string;
  /** Session token of temporary credentials. */
  sessionToken?: string;
}

/** Options of {@linkcode CognitoClient}. */
export interface CognitoClientOptions {
  /** AWS region, used for signing. @default {"us-east-1"} */
  region?: string;
  /** Credentials for IAM operations; without them every call is sent unsigned. */
  credentials?: AwsCredentials;
  /** The fetch implementation, replaceable in tests. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** Value of the `X-Amz-User-Agent` header. @default {"cognito-conformance"} */
  userAgent?: string;
  /**
   * Longest response body read, in bytes; a longer one is cut (see
   * {@linkcode ReceivedResponse.bodyNote}).
   * @default {MAX_RESPONSE_BYTES}
   */
  maxResponseBytes?: number;
}

/** An HTTP request as the client sent it. */
export interface SentRequest {
  /** Always `POST`. */
  method: "POST";
  /** The endpoint URL. */
  url: string;
  /** The headers as sent (SigV4 headers included when signed). */
  headers: Record<string, string>;
  /** The JSON body as sent. */
  body: unknown;
}

/** One round trip made by {@linkcode CognitoClient.send}. */
export interface CognitoExchange {
  /** The operation called, e.g. `InitiateAuth`. */
  operation: string;
  /** The request as sent. */
  request: SentRequest;
  /** Absent when the request failed before a response arrived. */
  response?: ReceivedResponse;
  /**
   * Why no response arrived, on one line with the error's whole `cause`
   * chain (`fetch failed: error sending request for url (…): client error
   * (Connect): tcp connect error: Connection refused (os error 111)`); see
   * {@linkcode describeError}.
   */
  transportError?: string;
  /** Wall time of the round trip in milliseconds. */
  durationMs: number;
}

/** Options of one {@linkcode CognitoClient.send} call. */
export interface SendOptions {
  /** Aborts the request, e.g. on a step timeout. */
  signal?: AbortSignal;
  /** Extra headers, sent after the protocol headers (they win on conflict). */
  headers?: Record<string, string>;
}

/**
 * Sends Cognito user-pool API calls to one endpoint.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CognitoClient } from "./client.ts";
 *
 * const fakeFetch = (_input: RequestInfo | URL, init?: RequestInit) =>
 *   Promise.resolve(
 *     new Response(JSON.stringify({ __type: "NotAuthorizedException", message: "no" }), {
 *       status: 400,
 *       headers: { "content-type": "application/x-amz-json-1.1" },
 *     }),
 *   );
 * const client = new CognitoClient("http://127.0.0.1:9229", { fetch: fakeFetch });
 * const exchange = await client.send("InitiateAuth", { ClientId: "abc" });
 * assert.equal(exchange.request.headers["x-amz-target"], "AWSCognitoIdentityProviderService.InitiateAuth");
 * assert.equal(exchange.response?.status, 400);
 * ```
 */
export class CognitoClient {
  #url: string;
  #fetch: typeof fetch;
  #signer: AwsClient | undefined;
  #userAgent: string;
  #maxResponseBytes: number;

  /** Creates a client for the endpoint at `endpoint` (e.g. `https://cognito-idp.eu-west-1.amazonaws.com`). */
  constructor(endpoint: string, options: CognitoClientOptions = {}) {
    this.#url = new URL("/", endpoint).href;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#userAgent = options.userAgent ?? "cognito-conformance";
    this.#maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    const credentials = options.credentials;
    this.#signer = credentials === undefined ? undefined : new AwsClient({
      ...credentials,
      service: "cognito-idp",
      region: options.region ?? "us-east-1",
    });
  }

  /** The URL requests are sent to. */
  get url(): string {
    return this.#url;
  }

  /**
   * Calls `operation` with `input` as its JSON body. Never throws for an HTTP
   * error or a network failure: both are part of the returned exchange.
   */
  async send(
    operation: string,
    input: unknown,
    options: SendOptions = {},
  ): Promise<CognitoExchange> {
    const text = JSON.stringify(input ?? {});
    let headers: Record<string, string> = {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `${TARGET_PREFIX}.${operation}`,
      "x-amz-user-agent": this.#userAgent,
    };
    if (options.headers !== undefined) Object.assign(headers, options.headers);
    if (this.#signer !== undefined && requiresSigV4(operation)) {
      const signed = await this.#signer.sign(this.#url, { method: "POST", headers, body: text });
      headers = Object.fromEntries(signed.headers);
    }
    const request: SentRequest = { method: "POST", url: this.#url, headers, body: input ?? {} };
    const started = performance.now();
    try {
      const init: RequestInit = { method: "POST", headers, body: text };
      if (options.signal !== undefined) init.signal = options.signal;
      const response = await this.#fetch(this.#url, init);
      const received = await receive(response, this.#maxResponseBytes);
      return { operation, request, response: received, durationMs: performance.now() - started };
    } catch (error) {
      const transportError = describeError(error);
      return { operation, request, transportError, durationMs: performance.now() - started };
    }
  }
}

/**
 * The error type of a response the way the AWS SDK for JavaScript v3 reads it:
 * body `__type`, then body `code`, then the `x-amzn-ErrorType` header; the
 * value is cut at the first `,` and `:` and only the part after `#` is kept.
 * Returns `undefined` for a success.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorTypeOf } from "./client.ts";
 * assert.equal(
 *   errorTypeOf({ status: 400, headers: { "x-amzn-errortype": "NotAuthorizedException:http://x" }, body: {} }),
 *   "NotAuthorizedException",
 * );
 * assert.equal(errorTypeOf({ status: 400, headers: {}, body: { __type: "a.b#ResourceNotFoundException" } }), "ResourceNotFoundException");
 * assert.equal(errorTypeOf({ status: 200, headers: {}, body: {} }), undefined);
 * ```
 */
export function errorTypeOf(response: ReceivedResponse): string | undefined {
  if (response.status < 300) return undefined;
  const body = typeof response.body === "object" && response.body !== null
    ? response.body as Record<string, unknown>
    : {};
  const header = Object.entries(response.headers)
    .find(([name]) => name.toLowerCase() === "x-amzn-errortype")?.[1];
  const raw = [body.__type, body.code, header].find((value) => typeof value === "string");
  if (typeof raw !== "string") return undefined;
  const cut = raw.split(",")[0]!.split(":")[0]!;
  return cut.slice(cut.lastIndexOf("#") + 1);
}
