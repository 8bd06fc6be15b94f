import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";
import { scenarioJsonSchema } from "../scenario/json_schema.ts";

Deno.test("cli schema: prints the generated JSON Schema", async () => {
  const io = captureIo();
  assert.equal(await main(["schema"], io), ExitCode.Ok);
  assert.deepEqual(JSON.parse(io.out), scenarioJsonSchema());
  assert.equal(io.err, "");
});

Deno.test("cli schema: --help explains the editor hookup", async () => {
  const io = captureIo();
  assert.equal(await main(["schema", "--help"], io), ExitCode.Ok);
  assert.match(io.out, /^Usage: deno task cli schema\n/);
  assert.match(io.out, /yaml-language-server/);
});

Deno.test("cli schema: an unexpected argument is a usage error", async () => {
  const io = captureIo();
  assert.equal(await main(["schema", "--out"], io), ExitCode.Usage);
  assert.equal(io.err, 'error: Cannot run "schema": unexpected argument "--out" (see --help)\n');
});
