/**
 * `diff` of the embedded mock against itself over the whole suite: with
 * one behaviour choice flipped, the one known difference is found and
 * nothing else (so the normaliser makes no false differences); with the
 * same settings, nothing differs. And no secret reaches any format.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { type DiffReport, formatDiff } from "../src/diff/mod.ts";
import { diffCommand } from "../src/cli/diff_command.ts";
import { captureIo } from "../src/cli/io.ts";

const SCENARIOS = fileURLToPath(new URL("../scenarios", import.meta.url));

async function scenarioCount(): Promise<number> {
  let count = 0;
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(`${dir}/${entry.name}`);
      else if (entry.name.endsWith(".yaml")) count++;
    }
  };
  await walk(SCENARIOS);
  return count;
}

/** Every `password:` value written in the suite's scenario files. */
async function suitePasswords(): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(".yaml")) {
        for (const match of (await Deno.readTextFile(path)).matchAll(/password: (\S+)/gi)) {
          const value = match[1]!.replace(/^['"]|['"]$/g, "");
          if (!value.includes("${") && value.length >= 8) found.add(value);
        }
      }
    }
  };
  await walk(SCENARIOS);
  return [...found];
}

async function diffJson(args: string[]): Promise<{ code: number; report: DiffReport }> {
  const io = captureIo();
  const code = await diffCommand.run([...args, "--format", "json"], io);
  assert.equal(io.err, "", io.err);
  return { code, report: JSON.parse(io.out) as DiffReport };
}

Deno.test("diff embedded vs embedded: reconfirmDevice flipped — the known difference and nothing else", async () => {
  const { code, report } = await diffJson([
    "--target",
    "embedded",
    "--target",
    "embedded:reconfirmDevice=idempotent",
    SCENARIOS,
  ]);
  const total = await scenarioCount();
  assert.ok(total >= 50, `the whole suite runs (${total} scenarios)`);
  assert.equal(code, 1);
  assert.deepEqual(report.summary, {
    scenarios: total,
    same: total - 1,
    different: 1,
    notCompared: 0,
    notRun: 0,
    differences: 5,
  });
  const different = report.scenarios.filter((scenario) => scenario.status !== "same");
  assert.deepEqual(different.map((scenario) => scenario.id), [
    "03-device-lifecycle/confirm-device-refusals.yaml",
  ]);
  // docs/mock-choices.md §11.4: a second ConfirmDevice is DeviceKeyExistsException by default,
  // a confirmation like the first under reconfirmDevice: idempotent.
  assert.deepEqual(different[0]!.outcome, { a: "passed", b: "failed" });
  assert.deepEqual(
    different[0]!.differences.map((d) => [d.step, d.call, d.kind, d.path ?? "", d.a, d.b]),
    [
      [5, "ConfirmDevice", "outcome", "", "passed", "failed"],
      [5, "ConfirmDevice", "status", "", 400, 200],
      [5, "ConfirmDevice", "error-type", "", "DeviceKeyExistsException", "absent"],
      [5, "ConfirmDevice", "header", "x-amzn-errortype", "DeviceKeyExistsException", null],
      [5, "ConfirmDevice", "presence", "$.UserConfirmationNecessary", "absent", "boolean"],
    ],
  );
  assert.equal(report.targets.b.label, "embedded:reconfirmDevice=idempotent");

  // No secret in any format: no password of the suite, no token, no mask left unapplied.
  const passwords = await suitePasswords();
  assert.ok(passwords.includes("Passw0rd!Passw0rd"));
  for (const format of ["text", "json", "markdown"] as const) {
    const text = formatDiff(report, format);
    for (const password of passwords) assert.ok(!text.includes(password), `${format}: ${password}`);
    assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}/, format);
  }
});

Deno.test("diff embedded vs embedded: the same settings agree on every scenario (exit 0)", async () => {
  const { code, report } = await diffJson([
    "--target",
    "embedded",
    "--target",
    "embedded",
    SCENARIOS,
  ]);
  const total = await scenarioCount();
  assert.equal(code, 0);
  assert.deepEqual(report.summary, {
    scenarios: total,
    same: total,
    different: 0,
    notCompared: 0,
    notRun: 0,
    differences: 0,
  });
});

Deno.test("diff: values the normaliser is told to keep are masked when they are secrets", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // Without token decoding, the access tokens differ by value: the report holds them.
    await Deno.writeTextFile(`${dir}/rules.yaml`, "tokens: false\n");
    const args = [
      "--target",
      "embedded",
      "--target",
      "embedded",
      `${SCENARIOS}/01-seed/device-off-refresh.yaml`,
      "--normalise",
      `${dir}/rules.yaml`,
    ];
    const masked = captureIo();
    assert.equal(await diffCommand.run(args, masked), 1, masked.err);
    assert.match(masked.out, /- \$\.AuthenticationResult\.AccessToken: "«secret:AccessToken#\d+»"/);
    assert.doesNotMatch(masked.out, /eyJ/);
    assert.ok(!masked.out.includes("Passw0rd!Passw0rd"));
    const shown = captureIo();
    assert.equal(await diffCommand.run([...args, "--show-secrets"], shown), 1);
    assert.match(shown.out, /- \$\.AuthenticationResult\.AccessToken: "eyJ/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
