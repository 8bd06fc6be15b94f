/**
 * Hostile requests to the mock over real sockets (createMockServer, loopback
 * only), for what only HTTP shows: slow bodies, missing and wrong headers,
 * invalid UTF-8 bytes, huge bodies, connections dropped mid-body, and bytes
 * that are not HTTP at all. Every answer the mock gives is AWS-shaped and no
 * fault is reported; the server keeps answering legitimate calls.
 *
 * What is refused below the mock: bytes that are not an HTTP request (a
 * request line Deno's HTTP server cannot parse, a non-numeric
 * Content-Length) get that server's bare `400 Bad Request` and a closed
 * connection — the mock never sees them.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { createMockServer, type MockServer } from "../src/mock/mod.ts";
import type { RequestLogEntry } from "../src/mock/handler.ts";
import { checkProperty, fuzzRuns, tally } from "./_fuzz_run.ts";
import { assertAwsAnswer, assertError, type Sent } from "./_fuzz_world.ts";
import { callOverHttp, signInOverHttp } from "./_mock_helpers.ts";

const TARGET = "AWSCognitoIdentityProviderService";
const JSON_TYPE = "application/x-amz-json-1.1";
const UNKNOWN_OPERATION =
  "The action or operation requested is invalid. Verify that the action is typed correctly.";
const encoder = new TextEncoder();

/** A mock server whose faults and answered requests are recorded. */
async function hostileServer(): Promise<{
  server: MockServer;
  faults: unknown[];
  log: RequestLogEntry[];
}> {
  const faults: unknown[] = [];
  const log: RequestLogEntry[] = [];
  const server = await createMockServer({
    onFault: (error) => faults.push(error),
    onRequest: (entry) => log.push(entry),
  });
  return { server, faults, log };
}

async function sentOf(response: Response): Promise<Sent> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (a bounded number of turns) until the server logged `count` answered requests. */
async function answered(log: RequestLogEntry[], count: number): Promise<void> {
  for (let turn = 0; turn < 500 && log.length < count; turn++) await pause(10);
  assert.ok(log.length >= count, `the server answered ${log.length} of ${count} requests`);
}

/**
 * Writes raw bytes to the server (in parts, with a pause between), then
 * either half-closes and reads the whole answer, or drops the connection.
 */
async function rawExchange(
  server: MockServer,
  parts: readonly Uint8Array[],
  options: { pauseMs?: number; drop?: boolean } = {},
): Promise<string> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
  try {
    for (const [index, part] of parts.entries()) {
      if (index > 0 && options.pauseMs !== undefined) await pause(options.pauseMs);
      await connection.write(part);
    }
    if (options.drop === true) return "";
    await connection.closeWrite();
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(64 * 1024);
    for (;;) {
      const read = await connection.read(buffer).catch(() => null);
      if (read === null) break;
      chunks.push(buffer.slice(0, read));
    }
    return new TextDecoder().decode(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
  } finally {
    try {
      connection.close();
    } catch {
      // already closed by the server
    }
  }
}

/** The head of a POST to the API with these headers (CRLF-terminated, blank line included). */
function head(headers: Record<string, string | number>): Uint8Array {
  const lines = [
    "POST / HTTP/1.1",
    "Host: 127.0.0.1",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return encoder.encode(`${lines.join("\r\n")}\r\n\r\n`);
}

/** Parses a raw HTTP/1.1 answer (Content-Length bodies, as the mock sends) into a `Sent`. */
function parseRaw(raw: string): Sent {
  const end = raw.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = raw.slice(0, end).split("\r\n");
  const headers = new Headers(lines.map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string];
  }));
  const text = raw.slice(end + 4);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine!.split(" ")[1]), headers, text, json };
}

/** A request of the property: headers, body, and how the body travels. */
interface HostileHttp {
  target: "good" | "missing" | "unknown" | "latin1";
  contentType: "json" | "missing" | "text" | "json-charset";
  body: "valid" | "invalid-utf8" | "truncated" | "huge" | "empty";
  chunks: number;
  pauseMs: number;
  abortAfter?: number | undefined;
}

const hostileHttp: fc.Arbitrary<HostileHttp> = fc.record({
  target: fc.constantFrom("good", "good", "missing", "unknown", "latin1"),
  contentType: fc.constantFrom("json", "json", "missing", "text", "json-charset"),
  body: fc.constantFrom("valid", "valid", "invalid-utf8", "truncated", "huge", "empty"),
  chunks: fc.integer({ min: 1, max: 6 }),
  pauseMs: fc.integer({ min: 0, max: 15 }),
  abortAfter: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
  ),
}, { requiredKeys: ["target", "contentType", "body", "chunks", "pauseMs"] });

function bodyBytes(kind: HostileHttp["body"]): Uint8Array<ArrayBuffer> {
  const valid = encoder.encode('{"MaxResults":5}');
  switch (kind) {
    case "valid":
      return valid;
    case "invalid-utf8":
      return new Uint8Array([...valid.slice(0, 5), 0xff, 0xc0, 0xaf, ...valid.slice(5)]);
    case "truncated":
      return valid.slice(0, 9);
    case "huge":
      return new Uint8Array(1024 * 1024 + 1).fill(0x20);
    case "empty":
      return new Uint8Array();
  }
}

/** The answer the documented check order (`http/api.ts`) gives, if the request is refused. */
function expectedRefusal(request: HostileHttp): [string, string | undefined] | undefined {
  if (request.body === "huge") {
    return ["RequestEntityTooLargeException", "Request must be smaller than 1048576 bytes."];
  }
  if (request.target !== "good") return ["UnknownOperationException", UNKNOWN_OPERATION];
  if (request.contentType === "missing" || request.contentType === "text") {
    return ["SerializationException", undefined];
  }
  if (request.body === "invalid-utf8" || request.body === "truncated") {
    return ["SerializationException", undefined];
  }
  if (request.body === "empty") {
    // An empty body is {} (AWS JSON 1.1), and ListUserPools requires MaxResults.
    return [
      "InvalidParameterException",
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    ];
  }
  return undefined;
}

async function sendHostile(server: MockServer, request: HostileHttp): Promise<Sent | undefined> {
  const headers: Record<string, string> = {};
  if (request.target === "good") headers["x-amz-target"] = `${TARGET}.ListUserPools`;
  if (request.target === "unknown") headers["x-amz-target"] = `${TARGET}.NoSuch`;
  if (request.target === "latin1") headers["x-amz-target"] = `${TARGET}.List\u00ffUserPools`;
  if (request.contentType === "json") headers["content-type"] = JSON_TYPE;
  if (request.contentType === "text") headers["content-type"] = "text/plain";
  if (request.contentType === "json-charset") {
    headers["content-type"] = `${JSON_TYPE}; charset=utf-8`;
  }
  const bytes = bodyBytes(request.body);
  const controller = new AbortController();
  const size = Math.ceil(bytes.length / request.chunks);
  const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async start(stream) {
      for (let index = 0; index < request.chunks; index++) {
        if (request.abortAfter === index) {
          controller.abort();
          return;
        }
        if (index > 0) await pause(request.pauseMs);
        stream.enqueue(bytes.slice(index * size, (index + 1) * size));
      }
      stream.close();
    },
  });
  try {
    const response = await fetch(server.url, {
      method: "POST",
      headers,
      body: request.chunks === 1 && request.abortAfter === undefined ? bytes : body,
      signal: controller.signal,
    });
    return await sentOf(response);
  } catch (error) {
    // Our own abort, or the server closing on an oversized body it will not read.
    if (request.abortAfter !== undefined || request.body === "huge") return undefined;
    throw error;
  }
}

Deno.test({
  name:
    "fuzz over HTTP: slow, chunked, aborted, huge and mis-headed requests; the server keeps serving",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { server, faults } = await hostileServer();
    try {
      await checkProperty(
        "hostile HTTP",
        fc.asyncProperty(hostileHttp, async (request) => {
          const aborted = request.abortAfter !== undefined && request.abortAfter < request.chunks;
          tally(`http:${request.body}${aborted ? ":aborted" : ""}`);
          const sent = await sendHostile(server, request);
          if (sent !== undefined) {
            const refusal = expectedRefusal(request);
            const context = JSON.stringify(request);
            if (refusal === undefined) {
              assertAwsAnswer(sent, [], context);
              assert.equal(sent.status, 200, `${context}: ${sent.text}`);
            } else {
              assertAwsAnswer(sent, [], context);
              assert.deepEqual([sent.json.__type, sent.json.message], refusal, context);
              assert.equal(
                sent.status,
                refusal[0] === "RequestEntityTooLargeException" ? 413 : 400,
              );
            }
          }
          // Whatever happened to that connection, the next caller is served.
          assert.ok(
            Array.isArray(
              (await callOverHttp(server.url, "ListUserPools", { MaxResults: 1 })).UserPools,
            ),
          );
          assert.deepEqual(faults.map(String), []);
        }) as never,
        fuzzRuns(30, 0.02),
      );
    } finally {
      await server.close();
    }
    assert.deepEqual(faults.map(String), []);
  },
});

Deno.test("HTTP: a slow body holds only its own request; others are answered meanwhile", async () => {
  const { server, faults } = await hostileServer();
  try {
    const { accessToken } = await signInOverHttp(server.url);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const body = JSON.stringify({ AccessToken: accessToken });
    const slow = fetch(server.url, {
      method: "POST",
      headers: { "content-type": JSON_TYPE, "x-amz-target": `${TARGET}.GetUser` },
      body: new ReadableStream<Uint8Array>({
        async start(stream) {
          const step = Math.ceil(body.length / 10);
          for (let at = 0; at < body.length - 1; at += step) {
            stream.enqueue(encoder.encode(body.slice(at, Math.min(at + step, body.length - 1))));
            await pause(5);
          }
          await released; // the last byte only once the fast request was answered
          stream.enqueue(encoder.encode(body.slice(-1)));
          stream.close();
        },
      }),
    });
    const fast = await callOverHttp(server.url, "GetUser", { AccessToken: accessToken });
    assert.equal(fast.Username, "u");
    release();
    const answer = await sentOf(await slow);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.Username, "u");
    assert.deepEqual(faults, []);
  } finally {
    await server.close();
  }
});

// Regression (found by this file): a connection that ended before its declared body was a
// 500 InternalErrorException and an onFault report ("mock: fault in request: BadResource …").
Deno.test("HTTP: a body cut short by the connection is the caller's SerializationException, not a fault", async () => {
  const { server, faults, log } = await hostileServer();
  try {
    const headers = {
      "Content-Type": JSON_TYPE,
      "X-Amz-Target": `${TARGET}.ListUserPools`,
      "Content-Length": 1000,
    };
    const halfClosed = parseRaw(
      await rawExchange(server, [head(headers), encoder.encode('{"MaxResults":')]),
    );
    assertError(halfClosed, "SerializationException", undefined);
    await rawExchange(server, [head(headers), encoder.encode('{"Max')], { drop: true });
    await answered(log, 2);
    assert.deepEqual(log.map((entry) => [entry.status, entry.errorType]), [
      [400, "SerializationException"],
      [400, "SerializationException"],
    ]);
    assert.deepEqual(faults, []);
    assert.ok((await callOverHttp(server.url, "ListUserPools", { MaxResults: 1 })).UserPools);
  } finally {
    await server.close();
  }
});

Deno.test("HTTP: invalid UTF-8 in the body and in a header value, huge bodies declared or streamed", async () => {
  const { server, faults } = await hostileServer();
  try {
    const api = { "Content-Type": JSON_TYPE, "X-Amz-Target": `${TARGET}.ListUserPools` };
    const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    assertError(
      parseRaw(await rawExchange(server, [head({ ...api, "Content-Length": body.length }), body])),
      "SerializationException",
      undefined,
    );
    const target = new Uint8Array([
      ...encoder.encode(
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_TYPE}\r\nX-Amz-Target: ${TARGET}.List`,
      ),
      0xff,
      ...encoder.encode("UserPools\r\nContent-Length: 2\r\n\r\n{}"),
    ]);
    assertError(
      parseRaw(await rawExchange(server, [target])),
      "UnknownOperationException",
      UNKNOWN_OPERATION,
    );
    const tooLarge = [
      "RequestEntityTooLargeException",
      "Request must be smaller than 1048576 bytes.",
    ] as const;
    // Declared: refused from the header, before any byte of the body is read.
    const declared = parseRaw(
      await rawExchange(server, [
        head({ ...api, "Content-Length": 10 ** 12 }),
        encoder.encode("{}"),
      ]),
    );
    assertAwsAnswer(declared);
    assert.deepEqual([declared.status, declared.json.__type, declared.json.message], [
      413,
      ...tooLarge,
    ]);
    // Streamed without a length (chunked): refused once the limit is passed.
    const streamed = await sentOf(
      await fetch(server.url, {
        method: "POST",
        headers: { "content-type": JSON_TYPE, "x-amz-target": `${TARGET}.ListUserPools` },
        body: new ReadableStream({
          start(stream) {
            for (let i = 0; i < 40; i++) stream.enqueue(new Uint8Array(64 * 1024).fill(0x20));
            stream.close();
          },
        }),
      }),
    );
    assertAwsAnswer(streamed);
    assert.deepEqual([streamed.status, streamed.json.__type], [413, tooLarge[0]]);
    assert.deepEqual(faults, []);
  } finally {
    await server.close();
  }
});

Deno.test("HTTP: bytes that are not HTTP get the HTTP layer's bare 400; many stalled connections starve no one", async () => {
  const { server, faults } = await hostileServer();
  try {
    for (
      const garbage of [
        "GARBAGE\r\n\r\n",
        "\u0000\u0001\u0002\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n{}",
      ]
    ) {
      const raw = await rawExchange(server, [encoder.encode(garbage)]);
      assert.match(raw, /^HTTP\/1\.1 400 Bad Request\r\n/);
    }
    // Connections that send half a head, or a head and half a body, and then stall.
    const stalled = await Promise.all(Array.from({ length: 24 }, async (_, index) => {
      const connection = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
      await connection.write(
        index % 2 === 0
          ? encoder.encode("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar")
          : new Uint8Array([
            ...head({
              "Content-Type": JSON_TYPE,
              "X-Amz-Target": `${TARGET}.ListUserPools`,
              "Content-Length": 100,
            }),
            0x7b,
          ]),
      );
      return connection;
    }));
    for (let i = 0; i < 5; i++) {
      assert.ok((await callOverHttp(server.url, "ListUserPools", { MaxResults: 1 })).UserPools);
    }
    for (const connection of stalled) connection.close();
    await pause(50);
    assert.deepEqual(faults, []);
    assert.ok((await callOverHttp(server.url, "ListUserPools", { MaxResults: 1 })).UserPools);
  } finally {
    await server.close();
  }
});
