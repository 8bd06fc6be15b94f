import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";
import { totp } from "../srp/mod.ts";

async function run(args: string[]) {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

const SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // RFC 6238's key "12345678901234567890"

Deno.test("cli totp: the RFC 6238 SHA-1 vectors, as 6 digits", async () => {
  // RFC 6238 appendix B (8 digits there; Cognito's codes are the last 6).
  const vectors: Array<[number, string]> = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
  ];
  for (const [at, code] of vectors) {
    const result = await run(["totp", "--secret-code", SECRET, "--epoch-seconds", String(at)]);
    assert.equal(result.code, ExitCode.Ok, result.err);
    assert.equal(result.out, `${code.slice(2)}\n`, String(at));
  }
});

Deno.test("cli totp: --offset-seconds moves by whole steps, and now is the default", async () => {
  const at = ["--epoch-seconds", "1111111109"];
  const later = await run(["totp", "--secret-code", SECRET, ...at, "--offset-seconds", "2"]);
  assert.equal(later.out, "050471\n"); // 1111111111 is in the next step
  const earlier = await run([
    "totp",
    "--secret-code",
    SECRET,
    "--epoch-seconds",
    "1111111111",
    "--offset-seconds",
    "-2",
  ]);
  assert.equal(earlier.out, "081804\n");
  const before = totp(SECRET);
  const now = await run(["totp", "--secret-code", SECRET]);
  assert.ok([before, totp(SECRET)].includes(now.out.trim()), now.out);
});

Deno.test("cli totp: bad input is one error line and exit 1, never the secret", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["totp"], /missing --secret-code/],
    [["totp", "--secret-code", "not base32 hunter2!"], /--secret-code: it is not base32/],
    [["totp", "--secret-code", SECRET, "--offset-seconds", "soon"], /--offset-seconds "soon"/],
    [["totp", "--secret-code", SECRET, "--epoch-seconds", "-1"], /--epoch-seconds "-1"/],
    [["totp", "--secret-code", ""], /--secret-code is empty/],
    [["totp", SECRET], /Unexpected argument/],
  ];
  for (const [args, pattern] of cases) {
    const result = await run(args);
    assert.equal(result.code, ExitCode.Usage, args.join(" "));
    assert.match(result.err, /^error: [^\n]+\n$/);
    assert.match(result.err, pattern);
    assert.ok(!result.err.includes("hunter2"), result.err);
    assert.equal(result.out, "");
  }
});

Deno.test("cli totp: --help prints the usage, listed in the top-level help", async () => {
  const help = await run(["totp", "--help"]);
  assert.equal(help.code, ExitCode.Ok);
  assert.match(help.out, /^Usage: deno task cli totp --secret-code S/);
  const top = await run(["--help"]);
  assert.match(top.out, /^ {2}totp +Compute the TOTP code/m);
});
