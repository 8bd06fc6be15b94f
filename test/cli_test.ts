import assert from "node:assert/strict";
import { main } from "../src/cli/main.ts";
import { captureIo } from "../src/cli/io.ts";
import { ExitCode } from "../src/cli/exit_codes.ts";

Deno.test("cli: an unknown command is a usage error on one line", async () => {
  const io = captureIo();
  assert.equal(await main(["frobnicate"], io), ExitCode.Usage);
  assert.equal(io.err, 'error: Cannot run command: unknown command "frobnicate" (see --help)\n');
  assert.equal(io.out, "");
});

Deno.test("cli: no arguments prints the help and exits 1", async () => {
  const io = captureIo();
  assert.equal(await main([], io), ExitCode.Usage);
  assert.match(io.out, /^Usage: deno task cli <command>/);
});
