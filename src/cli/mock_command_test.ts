import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";
import { parseMockArgs, runMock } from "./mock_command.ts";

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

Deno.test("mock command: --native-crypto and --behaviour are checked, with one-line errors", async () => {
  const cases: [string[], string][] = [
    [["--native-crypto", "on"], 'Cannot use --native-crypto: "on" is not auto or off'],
    [["--behaviour", "deviceSrpAuth"], 'Cannot use --behaviour: "deviceSrpAuth" is not NAME=VALUE'],
    [["--behaviour", "=always"], 'Cannot use --behaviour: "=always" is not NAME=VALUE'],
    [
      ["--behaviour", "reconfirmDevice=maybe"],
      'Cannot use --behaviour "reconfirmDevice=maybe": "reconfirmDevice" must be one of "reject", "idempotent"',
    ],
    [
      ["--behaviour", "timestampSkewSeconds=soon"],
      'Cannot use --behaviour "timestampSkewSeconds=soon": "timestampSkewSeconds" must be a number of seconds >= 0',
    ],
  ];
  for (const [args, message] of cases) {
    const io = captureIo();
    assert.equal(await main(["mock", ...args], io), ExitCode.Usage, args.join(" "));
    assert.equal(io.err, `error: ${message}\n`);
  }
  const unknown = captureIo();
  assert.equal(await main(["mock", "--behaviour", "colour=red"], unknown), ExitCode.Usage);
  assert.match(
    unknown.err,
    /^error: Cannot use --behaviour "colour=red": unknown choice "colour" \(known: deviceSrpAuth, .*\)\n$/,
  );
  const help = captureIo();
  await main(["mock", "--help"], help);
  assert.match(help.out, /--native-crypto MODE/);
  assert.match(help.out, /deviceSrpAuth=always\|with-mfa\n/);
  assert.match(help.out, /timestampSkewSeconds=<seconds> \(default 300\)\n/);
});

Deno.test("mock command: parsed settings (defaults, the last choice of a name wins)", () => {
  const defaults = parseMockArgs([]);
  assert.equal(defaults.nativeCrypto, "auto");
  assert.deepEqual(defaults.behaviour, {});
  assert.equal(defaults.port, 9229);
  assert.equal(defaults.keyStrategy, "per-pool");
  const settings = parseMockArgs([
    "--native-crypto=off",
    "--behaviour=adminListDevices=remembered",
    "--behaviour",
    "adminListDevices=all",
    "--behaviour",
    "timestampSkewSeconds=0",
  ]);
  assert.equal(settings.nativeCrypto, "off");
  assert.deepEqual(settings.behaviour, { adminListDevices: "all", timestampSkewSeconds: 0 });
});

Deno.test("mock command: --behaviour choices apply to every pool of the running server", async () => {
  const io = captureIo();
  const controller = new AbortController();
  const done = runMock(
    ["--port", "0", "--native-crypto", "off", "--behaviour", "reconfirmDevice=idempotent"],
    io,
    { signal: controller.signal },
  );
  try {
    while (!io.out.includes("\n")) await new Promise((resolve) => setTimeout(resolve, 5));
    const url = io.out.trim().replace("ENDPOINT ", "");
    const { behaviour } = await (await fetch(`${url}/_mock/behaviour`)).json();
    assert.equal(behaviour.reconfirmDevice, "idempotent");
    assert.equal(behaviour.deviceSrpAuth, "always");
  } finally {
    controller.abort();
  }
  assert.equal(await done, ExitCode.Ok);
});

Deno.test("mock command: --no-control, --log-requests and --require-signature on a running server", async () => {
  const defaults = parseMockArgs([]);
  assert.deepEqual(
    [defaults.control, defaults.logRequests, defaults.requireSignature, defaults.hostname],
    [true, false, false, "127.0.0.1"],
  );
  const io = captureIo();
  const controller = new AbortController();
  const done = runMock(
    ["--port", "0", "--no-control", "--log-requests", "--require-signature"],
    io,
    { signal: controller.signal },
  );
  try {
    while (!io.out.includes("\n")) await new Promise((resolve) => setTimeout(resolve, 5));
    const url = io.out.trim().replace("ENDPOINT ", "");
    assert.equal((await fetch(`${url}/_mock/behaviour`)).status, 404);
    const unsigned = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools",
      },
      body: '{"MaxResults":1}',
    });
    assert.equal((await unsigned.json()).__type, "MissingAuthenticationTokenException");
    assert.match(io.err, /^mock: GET \/_mock\/behaviour 404 NotFoundException \d+\.\d ms$/m);
    assert.match(io.err, /^mock: POST \/ ListUserPools 400 MissingAuthenticationTokenException /m);
    assert.ok(!io.err.includes("warning"), "loopback is not announced");
  } finally {
    controller.abort();
  }
  assert.equal(await done, ExitCode.Ok);
});
