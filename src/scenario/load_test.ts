import assert from "node:assert/strict";
import { loadScenarios } from "./load.ts";

const valid = "name: x\nsteps:\n  - call: GetUser\n";

async function suite(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [path, text] of Object.entries(files)) {
    const file = `${dir}/${path}`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(file, text);
  }
  return dir;
}

Deno.test("loadScenarios: recursive, sorted, *.yaml and *.yml only, ids relative to the directory", async () => {
  const dir = await suite({
    "z.yaml": valid,
    "device-on/b.yml": valid,
    "device-on/a.yaml": valid,
    "device-off/c.yaml": valid,
    "README.md": "# not a scenario",
    "data.json": "{}",
  });
  try {
    const { scenarios, errors } = await loadScenarios([dir]);
    assert.deepEqual(errors, []);
    assert.deepEqual(scenarios.map((s) => s.id), [
      "device-off/c.yaml",
      "device-on/a.yaml",
      "device-on/b.yml",
      "z.yaml",
    ]);
    assert.equal(scenarios[0]!.file, `${dir}/device-off/c.yaml`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadScenarios: a root makes ids stable whatever path is given; duplicates load once", async () => {
  const dir = await suite({ "device-on/a.yaml": valid, "device-on/b.yaml": valid });
  try {
    const { scenarios } = await loadScenarios(
      [`${dir}/device-on/b.yaml`, `${dir}/device-on`, `${dir}/device-on/a.yaml`],
      { root: dir },
    );
    assert.deepEqual(scenarios.map((s) => s.id), ["device-on/b.yaml", "device-on/a.yaml"]);
    const withoutRoot = await loadScenarios([`${dir}/device-on/b.yaml`]);
    assert.equal(withoutRoot.scenarios[0]!.id, `${dir}/device-on/b.yaml`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadScenarios: every error of every file, valid files still load", async () => {
  const dir = await suite({
    "a.yaml": "name: a\nsteps:\n  - call: GetUsr\n    requst: {}\n",
    "b.yaml": valid,
    "c.yaml": "steps: []\n",
  });
  try {
    const { scenarios, errors } = await loadScenarios([dir], { root: dir });
    assert.deepEqual(scenarios.map((s) => s.id), ["b.yaml"]);
    assert.deepEqual(errors.map((e) => `${e.toString().slice(dir.length + 1)}`), [
      'a.yaml:3:11: Cannot call "GetUsr": not a Cognito operation (did you mean "GetUser"?)',
      'a.yaml:4:5: Cannot read "steps[0]": unknown key "requst" (did you mean "request"?)',
      'c.yaml:1:1: Cannot read the scenario: missing required key "name"',
      'c.yaml:1:8: Cannot read "steps": expected at least one step, got an empty list',
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadScenarios: a path that does not exist throws NotFound", async () => {
  await assert.rejects(loadScenarios(["/nonexistent/scenarios"]), Deno.errors.NotFound);
});

Deno.test("loadScenarios: parse options reach every file", async () => {
  const dir = await suite({
    "a.yaml": "name: a\nsteps:\n  - call: GetUser\n    request: { Token: x }\n",
  });
  try {
    const { errors } = await loadScenarios([dir], { knownRequestMembers: () => ["AccessToken"] });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /^Cannot send "Token" in GetUser/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
