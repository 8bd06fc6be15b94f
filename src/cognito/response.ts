/**
 * Reading an HTTP response into a {@linkcode ReceivedResponse}, within
 * bounds: at most {@linkcode MAX_RESPONSE_BYTES} of body, JSON nested at most
 * {@linkcode MAX_RESPONSE_DEPTH} deep; what is cut, broken off or too deep is
 * said in `bodyNote`, never thrown.
 *
 * @module
 */

import { describeError } from "./_describe_error.ts";

/**
 * The longest response body a client reads by default: 8 MiB. Cognito's
 * largest answers (60 users of `ListUsers` with every attribute) stay well
 * below; a target that streams without end is cut here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_RESPONSE_BYTES } from "./response.ts";
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
 * import { MAX_RESPONSE_DEPTH } from "./response.ts";
 * assert.equal(MAX_RESPONSE_DEPTH, 64);
 * ```
 */
export const MAX_RESPONSE_DEPTH = 64;

/** How much of an unusable body is kept (for the report), in bytes. */
const PREVIEW_BYTES = 4096;

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
 * import { EMPTY_BODY, receive } from "./response.ts";
 * const received = await receive(new Response(null, { status: 200 }));
 * assert.deepEqual([received.body, received.bodyNote], [{}, EMPTY_BODY]);
 * ```
 */
export const EMPTY_BODY = "empty body";

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
 * import { receive } from "./response.ts";
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
  // The common case first, without a wrapper promise: a declared length within bounds is read
  // in one go (hyper holds the body to its declared length).
  const declared = received.headers["content-length"];
  let text: string;
  let note: string | undefined;
  if (declared !== undefined && Number(declared) <= maxBytes) {
    try {
      text = await response.text();
    } catch (error) {
      text = "";
      note = `broke off before its ${declared} bytes: ${describeError(error)}`;
    }
  } else ({ text, note } = await readBody(response, maxBytes, declared ?? null));
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
 * The body's text, read no further than `maxBytes`, chunk by chunk, so that
 * what arrived before a break or past the bound is still there to report
 * (`declared` is the content length, when there is one and it is past the
 * bound: then no need to read up to it to know).
 */
async function readBody(
  response: Response,
  maxBytes: number,
  declared: string | null,
): Promise<{ text: string; note?: string }> {
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
