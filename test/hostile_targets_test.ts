/**
 * The runner against hostile targets, tiny servers on 127.0.0.1:
 *
 * - one that takes the connection and never answers, and one that never
 *   takes it (a listener nobody accepts from): each step hits its timeout,
 *   with the step, the timeout and what was sent; `run` exits 3 and the
 *   other scenarios still run;
 * - one that answers garbage (an HTML page, truncated JSON, a 200 with an
 *   empty body, a JSON list, the wrong content type, an endless body, JSON
 *   100 000 levels deep, a value a backtracking pattern would never finish)
 *   and one that drops the connection mid-body (chunked, or short of its
 *   declared length): a failed step that says what came back, never a
 *   crash; the healthy scenario beside them passes.
 *
 * Every server stops by itself at the end of its test; nothing leaves the
 * loopback interface.
 */

import assert from "node:assert/strict";
import { loadScenarios, type Scenario } from "../src/scenario/mod.ts";
import { runScenario, type ScenarioResult } from "../src/runner/mod.ts";
import { cliBounded } from "./_bounded.ts";

const TARGETS = "fixtures/hostile/targets";
const JSON_TYPE = { "content-type": "application/x-amz-json-1.1" };
const encoder = new TextEncoder();

/** The answer of the garbage server to `GetUser` with `Kind: kind`. */
function garbage(kind: string): Response {
  switch (kind) {
    case "html":
      return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>\n", {
        status: 502,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    case "truncated_json":
      return new Response('{"Username": "al', { headers: JSON_TYPE });
    case "empty_200":
      return new Response(null, { status: 200 });
    case "non_object":
      return new Response("[1,2,3]", { headers: JSON_TYPE });
    case "wrong_content_type":
      return new Response("OK", { headers: { "content-type": "text/plain" } });
    case "enormous_body": {
      // Without end: the client must stop reading by itself.
      const chunk = encoder.encode("x".repeat(64 * 1024));
      return new Response(new ReadableStream({ pull: (controller) => controller.enqueue(chunk) }), {
        headers: JSON_TYPE,
      });
    }
    case "deep_json":
      return new Response("[".repeat(100_000) + "]".repeat(100_000), { headers: JSON_TYPE });
    case "long_username":
      return new Response(JSON.stringify({ Username: "a".repeat(100_000) + "!" }), {
        headers: JSON_TYPE,
      });
    default:
      return new Response(JSON.stringify({ Username: "alice", UserAttributes: [] }), {
        headers: JSON_TYPE,
      });
  }
}

/** Runs `test` against the garbage server (`GET /_mock` is a plain 404: not a mock). */
async function withGarbageServer(test: (endpoint: string) => Promise<void>): Promise<void> {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      if (request.method === "GET") return new Response("not found", { status: 404 });
      const body = await request.json() as { Kind?: string };
      return garbage(body.Kind ?? "");
    },
  );
  try {
    await test(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

/**
 * Runs `test` against a listener that takes connections and never answers
 * (`accept: true`), or one nobody ever accepts from (the kernel completes
 * the handshake into its backlog, then nothing happens).
 */
async function withSilentServer(
  accept: boolean,
  test: (endpoint: string) => Promise<void>,
): Promise<void> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = accept
    ? (async () => {
      try {
        for await (const conn of listener) held.push(conn);
      } catch {
        // closed at the end of the test
      }
    })()
    : Promise.resolve();
  try {
    await test(`http://127.0.0.1:${listener.addr.port}`);
  } finally {
    listener.close();
    await accepting;
    for (const conn of held) conn.close();
  }
}

async function targetScenarios(): Promise<Map<string, Scenario>> {
  const { scenarios, errors } = await loadScenarios([TARGETS]);
  assert.deepEqual(errors.map(String), []);
  return new Map(scenarios.map((scenario) => [scenario.id.replace(/\.yaml$/, ""), scenario]));
}

/** The one step's failures of `scenario` run against `endpoint`. */
async function runAgainst(
  scenario: Scenario,
  endpoint: string,
  timeoutMs = 10_000,
): Promise<ScenarioResult> {
  return await runScenario(scenario, {
    target: { endpoint, probeTimeoutMs: 500 },
    timeoutMs,
    retries: 0,
  });
}

const failureOf = (result: ScenarioResult) => {
  assert.equal(result.steps.length, 1);
  const [step] = result.steps;
  return { outcome: step!.outcome, failures: step!.failures.map((f) => `${f.kind}: ${f.message}`) };
};

Deno.test("hostile target: an HTML error page is a failed step that quotes it", async () => {
  const scenarios = await targetScenarios();
  await withGarbageServer(async (endpoint) => {
    assert.deepEqual(failureOf(await runAgainst(scenarios.get("html")!, endpoint)), {
      outcome: "failed",
      failures: [
        "assertion: GetUser answered 502 without a JSON object (content-type text/html; " +
        'charset=utf-8, 51 bytes, not JSON): "<html><body><h1>502 Bad Gateway</h1></body></html>\\n"',
      ],
    });
  });
});

/**
 * Runs `test` against a server of raw HTTP/1.1 that sends the status line,
 * `head` (header lines), then `body`, and closes the connection: the body
 * breaks off wherever `head` promised more.
 */
async function withBrokenServer(
  head: string,
  body: string,
  test: (endpoint: string) => Promise<void>,
): Promise<void> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serving = (async () => {
    try {
      for await (const conn of listener) {
        const buffer = new Uint8Array(64 * 1024);
        await conn.read(buffer); // the request (small: one read holds it)
        const text = new TextDecoder().decode(buffer);
        const status = text.startsWith("GET") ? "404 Not Found" : "200 OK";
        const answer = text.startsWith("GET")
          ? "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"
          : `HTTP/1.1 ${status}\r\ncontent-type: application/x-amz-json-1.1\r\n${head}\r\n${body}`;
        await conn.write(encoder.encode(answer));
        conn.close();
      }
    } catch {
      // closed at the end of the test
    }
  })();
  try {
    await test(`http://127.0.0.1:${listener.addr.port}`);
  } finally {
    listener.close();
    await serving;
  }
}

Deno.test("hostile target: garbage answers are failed steps that say what came back", async () => {
  const scenarios = await targetScenarios();
  const json = "content-type application/x-amz-json-1.1";
  const expected: Record<string, string> = {
    truncated_json: `GetUser answered 200 without a JSON object (${json}, 16 bytes, not JSON): ` +
      '"{\\"Username\\": \\"al"',
    non_object: `GetUser answered 200 without a JSON object (${json}, JSON list): "[1,2,3]"`,
    wrong_content_type:
      'GetUser answered 200 without a JSON object (content-type text/plain, 2 bytes, not JSON): "OK"',
    deep_json: `GetUser answered 200 without a JSON object (${json}, body: JSON nested deeper ` +
      `than 64 levels): "${"[".repeat(120)}"… (4096 characters)`,
  };
  await withGarbageServer(async (endpoint) => {
    for (const [kind, message] of Object.entries(expected)) {
      assert.deepEqual(failureOf(await runAgainst(scenarios.get(kind)!, endpoint)), {
        outcome: "failed",
        failures: [`assertion: ${message}`],
      }, kind);
    }
  });
});

Deno.test("hostile target: a 200 with an empty body reads as {}, and the exchange says it was empty", async () => {
  const scenarios = await targetScenarios();
  await withGarbageServer(async (endpoint) => {
    const result = await runAgainst(scenarios.get("empty_200")!, endpoint);
    assert.deepEqual(failureOf(result), {
      outcome: "failed",
      failures: ['assertion: expected "alice", but it is missing'],
    });
    assert.equal(result.steps[0]!.exchanges[0]!.response?.bodyNote, "empty body");
  });
});

Deno.test("hostile target: an endless body is cut at 8 MiB, in bounded memory", async () => {
  const scenarios = await targetScenarios();
  await withGarbageServer(async (endpoint) => {
    // This isolate's heap and buffers (the process's resident set is shared with the test
    // modules running beside this one). Without the cut, the body would grow without end.
    const used = () => {
      const { heapUsed, external } = Deno.memoryUsage();
      return heapUsed + external;
    };
    const before = used();
    const result = await runAgainst(scenarios.get("enormous_body")!, endpoint);
    const growth = used() - before;
    assert.deepEqual(failureOf(result), {
      outcome: "failed",
      failures: [
        "assertion: GetUser answered 200 without a JSON object (content-type " +
        "application/x-amz-json-1.1, body: longer than 8 MiB: only the first 4096 bytes were " +
        "kept): 4096 characters, not shown (they start with one unbroken word, which could be " +
        "a secret)",
      ],
    });
    assert.ok(growth < 96 * 1024 * 1024, `the heap grew by ${growth} bytes`);
  });
});

Deno.test("hostile target: a backtracking $match against a 100 000-character value ends", async () => {
  const scenarios = await targetScenarios();
  await withGarbageServer(async (endpoint) => {
    const { outcome, failures } = failureOf(
      await runAgainst(scenarios.get("backtracking_match")!, endpoint),
    );
    assert.equal(outcome, "failed");
    assert.equal(failures.length, 1);
    assert.match(
      failures[0]!,
      /^assertion: expected a string matching \/\^\(a\+\)\+\$\/, got "a{100000}!"$/,
    );
  });
});

Deno.test("hostile target: a connection dropped mid-body keeps what arrived", async () => {
  const scenarios = await targetScenarios();
  const html = scenarios.get("reset_mid_body")!;
  const prefix = "assertion: GetUser answered 200 without a JSON object (content-type " +
    "application/x-amz-json-1.1, body: ";
  const chunked = "transfer-encoding: chunked\r\n";
  await withBrokenServer(chunked, '10\r\n{"Username": "al\r\n', async (endpoint) => {
    const { outcome, failures } = failureOf(await runAgainst(html, endpoint));
    assert.equal(outcome, "failed");
    // Deno's words for the dropped connection (the README quotes this line).
    assert.deepEqual(failures, [
      `${prefix}broke off after 16 bytes: error reading a body from connection): ` +
      '"{\\"Username\\": \\"al"',
    ]);
  });
  await withBrokenServer("content-length: 100\r\n", '{"Username": "al', async (endpoint) => {
    const { outcome, failures } = failureOf(await runAgainst(html, endpoint));
    assert.equal(outcome, "failed");
    assert.deepEqual(failures, [
      `${prefix}broke off before its 100 bytes: error reading a body from connection): nothing`,
    ]);
  });
});

Deno.test("hostile target: a target that never answers, or never accepts, hits the step timeout", async () => {
  const scenarios = await targetScenarios();
  for (const accept of [true, false]) {
    await withSilentServer(accept, async (endpoint) => {
      const result = await runAgainst(scenarios.get("html")!, endpoint, 300);
      assert.equal(result.outcome, "errored");
      assert.deepEqual(failureOf(result), {
        outcome: "errored",
        failures: [
          `timeout: Cannot finish GetUser (step 1, "who am I"): no response within 300 ms to ` +
          `POST ${endpoint}/ with {AccessToken, Kind}`,
        ],
      });
    });
  }
});

Deno.test("hostile target (cli): every garbage scenario fails with what came back, the healthy one passes", async () => {
  await withGarbageServer(async (endpoint) => {
    // All but the one for the raw server that breaks connections (it would pass here).
    const files = [...Deno.readDirSync(TARGETS)].map((entry) => `${TARGETS}/${entry.name}`)
      .filter((file) => !file.endsWith("reset_mid_body.yaml"));
    const outcome = await cliBounded([
      "run",
      ...files,
      "--endpoint",
      endpoint,
      "--reporter",
      "pretty",
    ]);
    assert.equal(outcome.code, 4, outcome.stdout + outcome.stderr);
    assert.doesNotMatch(outcome.stdout + outcome.stderr, /^\s+at /m);
    assert.match(outcome.stdout, /Scenarios +9 · 1 passed · 8 failed · 0 errored/);
    assert.match(outcome.stdout, /✓ \S*healthy\.yaml · /);
    assert.match(
      outcome.stdout,
      /GetUser answered 502 without a JSON object \(content-type text\/html/,
    );
    assert.match(outcome.stdout, /exchange: GetUser → 200 \{\} \(empty body\)/);
  });
});

Deno.test("hostile target (cli): a target that never answers: every scenario times out, exit 3", async () => {
  await withSilentServer(true, async (endpoint) => {
    const outcome = await cliBounded([
      "run",
      `${TARGETS}/html.yaml`,
      `${TARGETS}/healthy.yaml`,
      "--endpoint",
      endpoint,
      "--timeout",
      "500ms",
      "--reporter",
      "pretty",
    ]);
    assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
    assert.match(outcome.stdout, /Scenarios +2 · 0 passed · 0 failed · 2 errored/);
    const timeouts = outcome.stdout.match(
      /timeout: Cannot finish GetUser \(step 1, "who am I"\): no response within 500 ms to POST http:\/\/127\.0\.0\.1:\d+\/ with \{AccessToken, Kind\}/g,
    );
    assert.equal(timeouts?.length, 2, outcome.stdout);
  });
});
