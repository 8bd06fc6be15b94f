/**
 * `scenarios/CATALOGUE.md` is generated: the `list --format markdown` output
 * for `scenarios/`, put through `deno fmt` (which aligns its table, as the
 * formatting gate requires). This test regenerates it and compares.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { captureIo } from "../src/cli/io.ts";
import { listCommand } from "../src/cli/list_command.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SUITE = fileURLToPath(new URL("../scenarios/", import.meta.url));
const CATALOGUE = fileURLToPath(new URL("../scenarios/CATALOGUE.md", import.meta.url));
const REGENERATE =
  "deno task cli list scenarios --format markdown > scenarios/CATALOGUE.md && deno fmt scenarios/CATALOGUE.md";

/** Markdown as `deno fmt` (with the project's configuration) writes it. */
async function formatMarkdown(text: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=md", "-"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  assert.equal(code, 0, `deno fmt failed: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout);
}

Deno.test("scenarios/CATALOGUE.md is up to date with the scenarios", async () => {
  const io = captureIo();
  const code = await listCommand.run([SUITE, "--format", "markdown"], io);
  assert.equal(code, 0, `list failed:\n${io.err}`);
  assert.match(io.out, /^# Scenario catalogue\n/);
  const expected = await formatMarkdown(io.out);
  let committed = "";
  try {
    committed = await Deno.readTextFile(CATALOGUE);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  assert.ok(
    committed === expected,
    `scenarios/CATALOGUE.md is out of date with scenarios/; regenerate it with\n  ${REGENERATE}`,
  );
});
