/**
 * The secret-leak check through the command line: `run` with every reporter
 * (pretty with exchanges on stdout, the others to files) over the scenario
 * that handles every kind of secret. Known secrets (the user password, the
 * client secret) must not appear, nor anything shaped like a token or an SRP
 * value; with --show-secrets they do (the check can fail).
 */

import assert from "node:assert/strict";
import { cli } from "./_cli.ts";

const SCENARIOS = "test/fixtures/runner/leak";
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
const SRP_HEX = /[0-9a-f]{64,}/;

async function runAll(extra: string[]): Promise<{ code: number; texts: Record<string, string> }> {
  const dir = await Deno.makeTempDir();
  try {
    const outcome = await cli([
      "run",
      SCENARIOS,
      "--show-exchanges",
      "--reporter",
      "pretty",
      "--reporter",
      `dot:${dir}/dot.txt`,
      "--reporter",
      `tap:${dir}/run.tap`,
      "--reporter",
      `junit:${dir}/junit.xml`,
      "--reporter",
      `json:${dir}/run.json`,
      ...extra,
    ]);
    const texts: Record<string, string> = { pretty: outcome.stdout, stderr: outcome.stderr };
    for (const file of ["dot.txt", "run.tap", "junit.xml", "run.json"]) {
      texts[file] = await Deno.readTextFile(`${dir}/${file}`);
    }
    return { code: outcome.code, texts };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("cli secret leak: no password, client secret, token or SRP value in any report", async () => {
  const { code, texts } = await runAll([]);
  assert.equal(code, 4, texts.stderr);
  for (const [name, text] of Object.entries(texts)) {
    assert.ok(!text.includes("Leak-Test-Passw0rd!2"), `${name} leaks the password`);
    assert.ok(
      !text.includes("ccLeakTestClientSecret0123456789abcdefghij"),
      `${name}: client secret`,
    );
    assert.doesNotMatch(text, JWT, `${name} leaks a token`);
    assert.doesNotMatch(text, SRP_HEX, `${name} leaks an SRP value`);
  }
  assert.match(texts.pretty!, /"SRP_A": "«secret:SRP_A#1»"/);
});

Deno.test("cli secret leak: --show-secrets shows them", async () => {
  const { texts } = await runAll(["--show-secrets"]);
  assert.match(texts["run.json"]!, JWT);
  assert.match(texts["run.json"]!, SRP_HEX);
});
