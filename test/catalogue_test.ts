/**
 * `scenarios/CATALOGUE.md` is generated: exactly the `list --format markdown`
 * output for `scenarios/` (which is already formatted as `deno fmt` wants it,
 * so the file is a plain redirect of the command).
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { captureIo } from "../src/cli/io.ts";
import { CATALOGUE_COMMAND, listCommand } from "../src/cli/list_command.ts";

const SUITE = fileURLToPath(new URL("../scenarios/", import.meta.url));
const CATALOGUE = fileURLToPath(new URL("../scenarios/CATALOGUE.md", import.meta.url));

Deno.test("scenarios/CATALOGUE.md is up to date with the scenarios", async () => {
  const io = captureIo();
  const code = await listCommand.run([SUITE, "--format", "markdown"], io);
  assert.equal(code, 0, `list failed:\n${io.err}`);
  let committed = "";
  try {
    committed = await Deno.readTextFile(CATALOGUE);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  assert.ok(
    committed === io.out,
    `scenarios/CATALOGUE.md is out of date with scenarios/; regenerate it with\n  ${CATALOGUE_COMMAND}`,
  );
});
