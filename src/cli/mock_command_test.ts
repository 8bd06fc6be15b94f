import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const EXAMPLE_SEED = new URL("../../fixtures/mock-seed.example.yaml", import.meta.url).pathname;

async function startMock(
  args: string[],
): Promise<{ child: Deno.ChildProcess; url: string; rest: () => Promise<string> }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", MAIN, "mock", "--port", "0", ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  const match = /^ENDPOINT (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out);
  assert.ok(match, `unexpected output ${JSON.stringify(out)}`);
  const rest = async () => {
    let tail = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      tail += chunk.value;
    }
    return tail;
  };
  return { child, url: match[1]!, rest };
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test(`mock command: a subprocess prints ENDPOINT, answers, and stops cleanly on ${signal}`, async () => {
    const { child, url, rest } = await startMock(["--seed", EXAMPLE_SEED]);
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.DescribeUserPool",
      },
      body: JSON.stringify({ UserPoolId: "us-east-1_Example01" }),
    });
    assert.equal((await response.json()).UserPool.Name, "example");
    child.kill(signal);
    const status = await child.status;
    assert.equal(status.code, 0);
    assert.equal(await new Response(child.stderr).text(), "");
    assert.equal(await rest(), "");
  });
}

Deno.test("mock command: --help, bad options and bad seeds are usage errors", async () => {
  const help = captureIo();
  assert.equal(await main(["mock", "--help"], help), ExitCode.Ok);
  assert.match(help.out, /^Usage: deno task cli mock/);
  const port = captureIo();
  assert.equal(await main(["mock", "--port", "http"], port), ExitCode.Usage);
  assert.equal(port.err, 'error: Cannot use --port: "http" is not a port number\n');
  const unknown = captureIo();
  assert.equal(await main(["mock", "--colour"], unknown), ExitCode.Usage);
  const missing = captureIo();
  assert.equal(await main(["mock", "--seed", "/nonexistent/seed.yaml"], missing), ExitCode.Usage);
  assert.equal(missing.err, 'error: Cannot read --seed: "/nonexistent/seed.yaml" does not exist\n');
  const file = await Deno.makeTempFile({ suffix: ".yaml" });
  try {
    await Deno.writeTextFile(file, "userPools:\n  - PoolName: p\n    Flavour: mint\n");
    const bad = captureIo();
    assert.equal(await main(["mock", "--seed", file], bad), ExitCode.Usage);
    assert.equal(bad.err, `error: Cannot load seed: ${file}:3:5: unknown key "Flavour"\n`);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("mock command: a port in use is a usage error", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const io = captureIo();
    const port = (listener.addr as Deno.NetAddr).port;
    assert.equal(await main(["mock", "--port", String(port)], io), ExitCode.Usage);
    assert.equal(io.err, `error: Cannot listen on port ${port}: it is in use\n`);
  } finally {
    listener.close();
  }
});
