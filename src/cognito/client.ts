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

/**
 * The longest response body a client reads by default: 8 MiB. Cognito's
 * largest answers (60 users of `ListUsers` with every attribute) stay well
 * below; a target that streams without end is cut here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_RESPONSE_BYTES } from "./client.ts";
 * assert.equal(MAX_RESPONSE_BYTES, 8 * 1024 * 1024);
 * ```
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * The deepest JSON a response body may nest (objects and lists) to be taken
 * as JSON: the matchers, the redactor and the reporters walk bodies
 * recursively. Cognito's answers nest a few levels.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_RESPONSE_DEPTH } from "./client.ts";
 * assert.equal(MAX_RESPONSE_DEPTH, 64);
 * ```
 */
export const MAX_RESPONSE_DEPTH = 64;

/** How much of an unusable body is kept (for the report), in bytes. */
const PREVIEW_BYTES = 4096;

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

/** An HTTP response as the client received it. */
export interface ReceivedResponse {
  /** The HTTP status. */
  status: number;
  /** The headers, names lower-cased (as `Headers` iterates them). */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /**
   * Set when the body is not simply the JSON text as sent, in words:
   * `empty body` (read as `{}`, as every Cognito client does), `longer than
   * 8 MiB: only the first 4096 bytes were kept`, `broke off after 17 bytes:
   * <reason>`, `JSON nested deeper than 64 levels`. Only an empty body is
   * still usable.
   */
  bodyNote?: string;
}

/**
 * The {@linkcode ReceivedResponse.bodyNote} of an empty body (read as `{}`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EMPTY_BODY, receive } from "./client.ts";
 * const received = await receive(new Response(null, { status: 200 }));
 * assert.deepEqual([received.body, received.bodyNote], [{}, EMPTY_BODY]);
 * ```
 */
export const EMPTY_BODY = "empty body";

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
 * One line about an error and its `cause` chain, outermost first, joined by
 * `": "`: `fetch` rejects with a bare "fetch failed" and keeps the reason
 * ("Connection refused (os error 111)") in its cause. A cause whose message
 * the text already holds is not repeated; only the first line of each
 * message is kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeError } from "./client.ts";
 * const cause = new Error("error sending request for url (http://x/): tcp connect error: Connection refused (os error 111)");
 * assert.equal(
 *   describeError(new TypeError("fetch failed", { cause })),
 *   "fetch failed: error sending request for url (http://x/): tcp connect error: Connection refused (os error 111)",
 * );
 * assert.equal(describeError(new DOMException("step timeout", "TimeoutError")), "step timeout");
 * assert.equal(describeError("plain"), "plain");
 * ```
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let at: unknown = error; at !== undefined && at !== null && !seen.has(at);) {
    seen.add(at);
    const record = typeof at === "object" ? at as { message?: unknown; cause?: unknown } : {};
    const message = String(record.message ?? at).split("\n")[0]!.trim();
    if (message !== "" && !parts.some((part) => part.includes(message))) parts.push(message);
    at = record.cause;
  }
  return parts.length === 0
    ? (error instanceof Error ? error.name : "unknown error")
    : parts.join(": ");
}

/** The response headers as a record (`forEach` is cheaper than iterating `Headers`). */
function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name === "__proto__") {
      Object.defineProperty(out, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[name] = value;
  });
  return out;
}

/**
 * Reads a response as a {@linkcode ReceivedResponse}, within bounds and
 * without throwing: a body longer than `maxBytes` is cut (only its first
 * bytes are kept, as text), one that breaks off keeps what arrived, JSON
 * nested deeper than {@linkcode MAX_RESPONSE_DEPTH} stays text; each says
 * so in `bodyNote`. An empty body reads as `{}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { receive } from "./client.ts";
 * const json = new Response('{"Username":"alice"}', { headers: { "content-type": "application/x-amz-json-1.1" } });
 * assert.deepEqual((await receive(json)).body, { Username: "alice" });
 * const huge = await receive(new Response("x".repeat(100)), 10);
 * assert.equal(huge.bodyNote, "longer than 10 bytes: only the first 10 bytes were kept");
 * assert.equal(huge.body, "xxxxxxxxxx");
 * assert.equal((await receive(new Response(""))).bodyNote, "empty body");
 * const deep = await receive(new Response("[".repeat(100) + "]".repeat(100)));
 * assert.equal(deep.bodyNote, "JSON nested deeper than 64 levels");
 * ```
 */
export async function receive(
  response: Response,
  maxBytes: number = MAX_RESPONSE_BYTES,
): Promise<ReceivedResponse> {
  const received: ReceivedResponse = {
    status: response.status,
    headers: headersOf(response.headers),
    body: {},
  };
  const { text, note } = await readBody(response, maxBytes);
  if (note !== undefined) {
    received.body = text;
    received.bodyNote = note;
  } else if (text === "") received.bodyNote = EMPTY_BODY;
  else {
    try {
      received.body = JSON.parse(text);
      if (nestsDeeper(received.body, MAX_RESPONSE_DEPTH)) {
        received.body = text.slice(0, PREVIEW_BYTES);
        received.bodyNote = `JSON nested deeper than ${MAX_RESPONSE_DEPTH} levels`;
      }
    } catch {
      received.body = text;
    }
  }
  return received;
}

/**
 * The body's text, read no further than `maxBytes`. A declared length within
 * bounds is read in one go (the common case: hyper holds the body to its
 * declared length); otherwise chunk by chunk, so that what arrived before a
 * break or past the bound is still there to report.
 */
async function readBody(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; note?: string }> {
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) <= maxBytes) {
    try {
      return { text: await response.text() };
    } catch (error) {
      return { text: "", note: `broke off before its ${declared} bytes: ${describeError(error)}` };
    }
  }
  if (response.body === null) return { text: "" };
  // A declared length past the bound: no need to read up to it to know.
  const over = declared !== null && Number(declared) > maxBytes;
  const stopAt = over ? Math.min(maxBytes, PREVIEW_BYTES) : maxBytes;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > stopAt) {
        chunks.push(value.subarray(0, stopAt - size));
        await reader.cancel().catch(() => {});
        const kept = Math.min(maxBytes, PREVIEW_BYTES);
        const length = over ? ` (content-length ${declared})` : "";
        return {
          text: decode(chunks, kept),
          note: `longer than ${
            formatBytes(maxBytes)
          }${length}: only the first ${kept} bytes were kept`,
        };
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    return {
      text: decode(chunks, size),
      note: `broke off after ${size} bytes: ${describeError(error)}`,
    };
  }
  return { text: decode(chunks, size) };
}

/** The first `length` bytes of `chunks` as text (a sequence cut at the end is dropped). */
function decode(chunks: readonly Uint8Array[], length: number): string {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    if (at === length) break;
    const part = chunk.subarray(0, length - at);
    bytes.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(bytes, { stream: true });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / 1024 / 1024} MiB`
    : `${bytes} bytes`;
}

/**
 * Whether `value` nests objects or lists deeper than `levels`. Recursion stops
 * at `levels`, so it is safe whatever the depth; it visits only containers.
 */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeper(item, levels - 1)) return true;
    return false;
  }
  for (const key in value) {
    if (nestsDeeper((value as Record<string, unknown>)[key], levels - 1)) return true;
  }
  return false;
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
