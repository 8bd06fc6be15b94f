import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";

type Strings = Record<string, string>;
const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../../fixtures/srp-vectors.json", import.meta.url)),
) as { secretHash: { vectors: Array<{ id: string; inputs: Strings; outputs: Strings }> } };

Deno.test("cli secret-hash: prints the bare value of every fixture vector", async () => {
  for (const { id, inputs, outputs } of fixture.secretHash.vectors) {
    const io = captureIo();
    const code = await main([
      "secret-hash",
      "--username",
      inputs.username!,
      "--client-id",
      inputs.clientId!,
      "--client-secret",
      inputs.clientSecret!,
    ], io);
    assert.equal(code, ExitCode.Ok, id);
    assert.equal(io.out, `${outputs.SECRET_HASH}\n`, id);
    assert.equal(io.err, "");
  }
});

Deno.test("cli secret-hash: missing or unknown flags are one error line and exit 1", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["secret-hash"], /missing --username, --client-id, --client-secret/],
    [["secret-hash", "--username", "u", "--client-id", "c"], /missing --client-secret/],
    [
      ["secret-hash", "--username", "u", "--client-id", "c", "--client-secret", "s", "--x"],
      /Unknown option '--x'/,
    ],
    [["secret-hash", "alice"], /Unexpected argument 'alice'/],
    [
      ["secret-hash", "--username", "", "--client-id", "c", "--client-secret", "s"],
      /^error: Cannot run secret-hash: --username is empty\n$/,
    ],
    [
      ["secret-hash", "--username", "u", "--client-id=", "--client-secret", ""],
      /^error: Cannot run secret-hash: --client-id, --client-secret are empty\n$/,
    ],
  ];
  for (const [args, pattern] of cases) {
    const io = captureIo();
    assert.equal(await main(args, io), ExitCode.Usage, args.join(" "));
    assert.match(io.err, /^error: [^\n]+\n$/);
    assert.match(io.err, pattern);
    assert.equal(io.out, "");
  }
});

Deno.test("cli secret-hash: --help prints the usage and exits 0", async () => {
  const io = captureIo();
  assert.equal(await main(["secret-hash", "--help"], io), ExitCode.Ok);
  assert.match(
    io.out,
    /^Usage: deno task cli secret-hash --username U --client-id C --client-secret S/,
  );
});
