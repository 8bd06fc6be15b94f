import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";

const shard = (n: number, failures: number) =>
  `<testsuites tests="1" failures="${failures}" errors="0" skipped="0" time="1.000">` +
  `<testsuite name="srp" tests="1" failures="${failures}" errors="0" skipped="0" time="1.000">` +
  `<testcase classname="srp" name="case ${n}" file="s/srp/${n}.yaml" time="1.000"/>` +
  `</testsuite></testsuites>`;

async function writeShards(): Promise<{ dir: string; files: string[] }> {
  const dir = await Deno.makeTempDir();
  const files = [`${dir}/a.xml`, `${dir}/b.xml`];
  await Deno.writeTextFile(files[0]!, shard(1, 0));
  await Deno.writeTextFile(files[1]!, shard(2, 1));
  return { dir, files };
}

Deno.test("junit-merge: sums the shards' counts onto standard output", async () => {
  const { dir, files } = await writeShards();
  const io = captureIo();
  assert.equal(await main(["junit-merge", ...files], io), ExitCode.Ok);
  assert.match(io.out, /<testsuite name="srp" tests="2" failures="1"/);
  assert.match(io.out, /name="case 1"[\s\S]*name="case 2"/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("junit-merge: --output writes the file and prints nothing", async () => {
  const { dir, files } = await writeShards();
  const io = captureIo();
  assert.equal(await main(["junit-merge", ...files, "--output", `${dir}/all.xml`], io), 0);
  assert.equal(io.out, "");
  assert.match(await Deno.readTextFile(`${dir}/all.xml`), /tests="2"/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("junit-merge: a missing file, no file and the same testcase twice are usage errors", async () => {
  const { dir, files } = await writeShards();
  for (
    const [args, message] of [
      [[`${dir}/missing.xml`], /^error: Cannot read ".*missing\.xml": /],
      [[], /^error: Cannot merge JUnit reports: no input files given/],
      [[files[0]!, files[0]!], /^error: Cannot merge JUnit reports: /],
    ] as const
  ) {
    const io = captureIo();
    assert.equal(await main(["junit-merge", ...args], io), ExitCode.Usage);
    assert.match(io.err, message);
    assert.equal(io.err.trim().split("\n").length, 1);
  }
  await Deno.remove(dir, { recursive: true });
});
