/**
 * The Markdown catalogue is written the way `deno fmt` writes Markdown
 * tables, so `list --format markdown > scenarios/CATALOGUE.md` passes the
 * formatting gate as it is: checked here against `deno fmt` itself, with
 * names that stress the width count (wide, fullwidth, emoji, combining,
 * escaped pipes, empty cells).
 */

import assert from "node:assert/strict";
import { parseScenario, type Scenario } from "../scenario/mod.ts";
import { catalogueMarkdown } from "./list_command.ts";

const cannotSpawn = Deno.permissions.querySync({ name: "run" }).state !== "granted";

/** Markdown as `deno fmt` (with the project's configuration) writes it. */
async function denoFmt(text: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=md", "-"],
    cwd: new URL("../../", import.meta.url),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return new TextDecoder().decode(stdout);
}

function scenario(id: string, name: string, tags: string[], source: string[]): Scenario {
  const yaml = [
    `name: ${JSON.stringify(name)}`,
    `tags: ${JSON.stringify(tags)}`,
    `source: ${JSON.stringify(source)}`,
    "steps:",
    "  - call: GetUser",
  ].join("\n");
  const { scenario, errors } = parseScenario(yaml, id, { id });
  assert.deepEqual(errors.map(String), []);
  return scenario!;
}

Deno.test({
  name: "list: the Markdown catalogue is already as deno fmt writes it",
  ignore: cannotSpawn,
  async fn() {
    const text = catalogueMarkdown([
      scenario("b/wide.yaml", "漢字 and ｆｕｌｌ width — § ≤ →", ["x"], ["a | b", "c"]),
      scenario("a/emoji.yaml", "emoji ✅ 🎉 ❤️ ✔ and e\u0301 combined", [], []),
      scenario("c/plain.yaml", "p", ["one", "two"], ["cognito-protocol.md §6.8 [D]"]),
    ]);
    assert.match(text, /\| `a\/emoji.yaml` \|/);
    assert.equal(text, await denoFmt(text));
  },
});
