import assert from "node:assert/strict";
import { parseShell, ShellSyntaxError, type Word, wordText } from "./shell.ts";

function words(text: string): Word[] {
  return parseShell(text).pipelines[0]!.commands[0]!.words;
}

Deno.test("shell: glued quoting is one word with its parts and positions", () => {
  const [, , data] = words(`curl -d '{"a": "'"$X"'", "b": '$Y'}'`);
  assert.deepEqual(data!.parts.map((part) => part.kind), [
    "text",
    "param",
    "text",
    "param",
    "text",
  ]);
  assert.deepEqual(data!.parts.map((part) => part.position.column), [9, 19, 22, 32, 34]);
  const [, x, , y] = data!.parts;
  assert.equal(x?.kind === "param" && x.quoted, true);
  assert.equal(y?.kind === "param" && y.quoted, false);
});

Deno.test("shell: line continuations, comments and separators", () => {
  const script = parseShell(
    "a=1; b=2 && curl -s \\\n  -XPOST x # trailing\n# alone\ncurl y | jq .",
  );
  assert.equal(script.pipelines.length, 4);
  const curl = script.pipelines[2]!.commands[0]!;
  assert.deepEqual(curl.words.map((word) => wordText(word)), ["curl", "-s", "-XPOST", "x"]);
  assert.equal(curl.endLine, 2);
  assert.deepEqual(script.comments.map((c) => [c.text, c.position.line]), [[" trailing", 2], [
    " alone",
    3,
  ]]);
  assert.equal(script.pipelines[3]!.commands.length, 2);
});

Deno.test('shell: double quotes keep \\$ \\" \\\\ escapes; single quotes keep everything', () => {
  assert.equal(wordText(words(String.raw`echo "a\"b\$c\\d\e"`)[1]!), String.raw`a"b$c\d\e`);
  assert.equal(wordText(words(String.raw`echo 'a\"$b'`)[1]!), String.raw`a\"$b`);
  assert.equal(wordText(words(String.raw`echo $'a\tb\x41\''`)[1]!), "a\tbA'");
});

Deno.test("shell: parameter forms", () => {
  const [, word] = words('echo "${A:-x y}${B:?set B}${C[@]}${#D}$1$@"');
  const params = word!.parts.filter((part) => part.kind === "param");
  assert.deepEqual(params.map((p) => [p.name, p.op, p.index]), [
    ["A", ":-", undefined],
    ["B", ":?", undefined],
    ["C", undefined, "@"],
    ["#D", undefined, undefined],
    ["1", undefined, undefined],
    ["@", undefined, undefined],
  ]);
  const first = params[0]!;
  assert.equal(first.arg && wordText(first.arg), "x y");
});

Deno.test("shell: assignments, export and arrays", () => {
  const script = parseShell("export A=1 B='two'\nH=(-H 'a: b' -H \"c: $D\")\nR=$(curl x)");
  const [exported, array, substitution] = script.pipelines.map((p) => p.commands[0]!);
  assert.deepEqual(exported!.assignments.map((a) => a.name), ["A", "B"]);
  assert.deepEqual(exported!.words, []);
  const items = array!.assignments[0]!.value as Word[];
  assert.deepEqual(items.map((word) => wordText(word)), ["-H", "a: b", "-H", undefined]);
  const value = substitution!.assignments[0]!.value as Word;
  assert.equal(value.parts[0]?.kind, "command");
});

Deno.test("shell: command substitutions nest, backticks too", () => {
  const [, word] = words('echo "$(jq -r .a <<<"$(cat f)")" `date +%s`');
  const outer = word!.parts[0];
  assert.equal(outer?.kind, "command");
  if (outer?.kind !== "command") return;
  const jq = outer.script.pipelines[0]!.commands[0]!;
  assert.deepEqual(jq.words.map((w) => wordText(w)), ["jq", "-r", ".a"]);
  assert.equal(jq.redirects[0]?.op, "<<<");
  assert.equal(jq.redirects[0]?.target.parts[0]?.kind, "command");
  const backtick = words("echo `date +%s`")[1]!.parts[0];
  assert.equal(backtick?.kind, "command");
});

Deno.test("shell: here-documents, expanded or literal, and here-strings", () => {
  const script = parseShell(
    'curl -d @- <<EOF\n{"a": "$X"}\nEOF\ncurl -d @- <<\'EOF\'\n{"b": "$Y"}\nEOF\njq . <<<"$R"',
  );
  const [first, second, third] = script.pipelines.map((p) => p.commands[0]!);
  const body = first!.redirects[0]!.target;
  assert.deepEqual(body.parts.map((part) => part.kind), ["text", "param", "text"]);
  assert.equal(body.position.line, 2);
  assert.equal(wordText(second!.redirects[0]!.target), '{"b": "$Y"}\n');
  assert.equal(third!.redirects[0]!.op, "<<<");
  assert.equal(script.pipelines.length, 3);
});

Deno.test("shell: <placeholder> words are values, not redirections", () => {
  const [, target, file] = words("curl https://cognito-idp.<region>.amazonaws.com/ <in.json");
  assert.equal(wordText(target!), "https://cognito-idp.<region>.amazonaws.com/");
  assert.equal(file, undefined);
  const command = parseShell("X=<your-client-id>").pipelines[0]!.commands[0]!;
  assert.equal(wordText(command.assignments[0]!.value as Word), "<your-client-id>");
});

Deno.test("shell: compound keywords and function definitions", () => {
  const script = parseShell(
    'f() {\n  curl -d "$1"\n}\nif true; then f x; fi\nfunction g { echo; }',
  );
  assert.deepEqual(script.functions.map((fn) => fn.name), ["f", "g"]);
  assert.equal(wordText(script.functions[0]!.body.pipelines[0]!.commands[0]!.words[0]!), "curl");
  const commands = script.pipelines.flatMap((p) => p.commands).map((c) => wordText(c.words[0]!));
  assert.deepEqual(commands, ["true", "f"]);
});

Deno.test("shell: unreadable scripts are positioned errors", () => {
  const cases: Array<[string, number, number, RegExp]> = [
    ["echo 'abc", 1, 6, /unterminated single quote/],
    ['a\necho "abc', 2, 6, /unterminated double quote/],
    ["x=$(curl a", 1, 11, /unterminated "\$\("/],
    ["echo ${A", 1, 6, /unterminated "\$\{"/],
    ["cat <<EOF\nabc\n", 2, 1, /unterminated here-document \(no line "EOF"\)/],
    ["H=(a b", 1, 1, /unterminated array/],
  ];
  for (const [text, line, column, message] of cases) {
    assert.throws(() => parseShell(text), (error: unknown) => {
      assert.ok(error instanceof ShellSyntaxError, text);
      assert.deepEqual([error.position.line, error.position.column], [line, column], text);
      assert.match(error.message, /^Cannot read the script: /);
      assert.match(error.message, message);
      return true;
    });
  }
});
