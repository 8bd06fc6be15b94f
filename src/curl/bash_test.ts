import assert from "node:assert/strict";
import { isShellName, shellQuote, shellWord } from "./bash.ts";

/** Strings that have broken shell quoting somewhere. */
const AWKWARD = [
  "",
  "plain",
  "two words",
  "it's",
  "''",
  `"double" quotes`,
  "$HOME and ${HOME} and $(id) and `id`",
  "back\\slash \\' \\\" \\n",
  "line one\nline two\n",
  "tab\there\r\n",
  "\u0001\u001f\u007f control",
  "unicode: é ü ß — ‘curly’ “quotes” 日本語 🙂",
  "glob * ? [a-z] ~ ~root",
  "-leading-dash",
  "!history !! !$",
  "semi; pipe | amp & redirect > < #hash",
  "=equals",
  "Passw0rd!Passw0rd",
  '{"ClientId": "abc", "Nested": {"A": [1, 2]}}',
];

async function bashEcho(script: string): Promise<string[]> {
  const output = await new Deno.Command("bash", {
    args: ["-c", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).split("\u0000").slice(0, -1);
}

Deno.test("shellQuote: every awkward string comes back from bash byte for byte", async () => {
  for (const multiline of [false, true]) {
    const words = AWKWARD.map((text) => shellQuote(text, { multiline }));
    const echoed = await bashEcho(`printf '%s\\0' ${words.join(" ")}`);
    assert.deepEqual(echoed, AWKWARD);
  }
});

Deno.test("shellQuote: one word on one line unless multiline", () => {
  for (const text of AWKWARD) assert.doesNotMatch(shellQuote(text), /\n/);
  assert.equal(shellQuote("a\nb", { multiline: true }), "'a\nb'");
  assert.throws(() => shellQuote("a\u0000b"), /NUL/);
});

Deno.test("shellWord: glued text and expansions expand to text plus the variables' values", async () => {
  const cases = AWKWARD.map((text) =>
    shellWord([{ text }, { expansion: "$X" }, { text: `"${text}` }, { expansion: "${X}" }])
  );
  const value = "va'l\"ue $X\n";
  const echoed = await bashEcho(`X=${shellQuote(value)}; printf '%s\\0' ${cases.join(" ")}`);
  assert.deepEqual(echoed, AWKWARD.map((text) => `${text}${value}"${text}${value}`));
});

Deno.test("shellWord: a JSON body in the curl recipe style", () => {
  const word = shellWord([
    { text: '{"ClientId": "' },
    { expansion: "$CLIENT_ID" },
    { text: '", "AuthFlow": "REFRESH_TOKEN_AUTH"}' },
  ]);
  assert.equal(word, `'{"ClientId": "'"$CLIENT_ID"'", "AuthFlow": "REFRESH_TOKEN_AUTH"}'`);
});

Deno.test("isShellName: letters, digits and _ only, not starting with a digit", () => {
  assert.ok(isShellName("_x1"));
  assert.ok(!isShellName("1x"));
  assert.ok(!isShellName("a-b"));
  assert.ok(!isShellName(""));
});
