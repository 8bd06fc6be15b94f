import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo } from "./io.ts";
import { ExitCode } from "./exit_codes.ts";
import { SRP_N } from "../srp/mod.ts";

type Strings = Record<string, string>;
interface Vector {
  id: string;
  inputs: Strings;
  outputs: Strings;
}
const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../../fixtures/srp-vectors.json", import.meta.url)),
) as Record<string, { vectors: Vector[] }>;
const vectors = (section: string) => fixture[section]!.vectors;

async function run(args: string[]) {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** The password-claim flags of a USER_SRP_AUTH vector, but `--a-hex` and `--timestamp`. */
function vectorClaimFlags(inputs: Strings): string[] {
  return [
    "--pool-id",
    inputs.userPoolId!,
    "--user-id-for-srp",
    inputs.userIdForSrp!,
    "--password",
    inputs.password!,
    "--srp-b",
    inputs.SRP_B!,
    "--salt",
    inputs.SALT!,
    "--secret-block",
    inputs.SECRET_BLOCK!,
  ];
}

const SUBCOMMANDS = ["start", "device-verifier", "password-claim", "device-claim", "timestamp"];

async function helpOf(name: string): Promise<string> {
  return (await run(["srp", name, "--help"])).out;
}

/**
 * The arguments after `deno task cli srp` of a help text's example: its
 * `\`-continued lines joined, split on spaces, double quotes grouping words.
 */
function exampleArgs(help: string): string[] {
  const example = help.split("\nExample:\n")[1]!.replaceAll(" \\\n", " ").trim();
  const words = [...example.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  assert.deepEqual(words.slice(0, 4), ["deno", "task", "cli", "srp"]);
  return words.slice(4);
}

/** The error output is exactly one `error: …` line. */
function assertOneLineError(err: string, pattern: RegExp): void {
  assert.match(err, /^error: [^\n]+\n$/);
  assert.match(err, pattern);
}

Deno.test("cli srp device-verifier: deterministic output equals every fixture vector", async () => {
  for (const { id, inputs, outputs } of vectors("deviceVerifier")) {
    const result = await run([
      "srp",
      "device-verifier",
      "--device-group-key",
      inputs.deviceGroupKey!,
      "--device-key",
      inputs.deviceKey!,
      "--random-password",
      inputs.randomPassword!,
      "--salt-hex",
      inputs.saltRandomBytesHex!,
    ]);
    assert.equal(result.code, ExitCode.Ok, id);
    assert.equal(
      result.out,
      `${
        JSON.stringify({
          PasswordVerifier: outputs.PasswordVerifier,
          Salt: outputs.Salt,
          DevicePassword: inputs.randomPassword,
        })
      }\n`,
      id,
    );
    assert.equal(result.err, "");
  }
});

Deno.test("cli srp device-verifier: random by default, one JSON line", async () => {
  const result = await run([
    "srp",
    "device-verifier",
    "--device-group-key",
    "-g",
    "--device-key",
    "k",
  ]);
  assert.equal(result.code, ExitCode.Ok);
  assert.match(result.out, /^\{[^\n]+\}\n$/);
  const secret = JSON.parse(result.out);
  assert.deepEqual(Object.keys(secret), ["PasswordVerifier", "Salt", "DevicePassword"]);
  assert.equal(secret.DevicePassword.length, 56);
});

Deno.test("cli srp password-claim: equals every USER_SRP_AUTH vector", async () => {
  for (const { id, inputs, outputs } of vectors("userSrpAuth")) {
    const result = await run([
      "srp",
      "password-claim",
      ...vectorClaimFlags(inputs),
      "--a-hex",
      inputs.aHex!,
      "--timestamp",
      inputs.TIMESTAMP!,
    ]);
    assert.equal(result.code, ExitCode.Ok, id);
    const expected = {
      SRP_A: outputs.SRP_A,
      USERNAME: inputs.userIdForSrp,
      PASSWORD_CLAIM_SECRET_BLOCK: inputs.SECRET_BLOCK,
      TIMESTAMP: inputs.TIMESTAMP,
      PASSWORD_CLAIM_SIGNATURE: outputs.PASSWORD_CLAIM_SIGNATURE,
    };
    assert.equal(result.out, `${JSON.stringify(expected)}\n`, id);
  }
});

Deno.test("cli srp device-claim: equals every device SRP vector", async () => {
  for (const { id, inputs, outputs } of vectors("deviceSrpAuth")) {
    const result = await run([
      "srp",
      "device-claim",
      "--device-group-key",
      inputs.deviceGroupKey!,
      "--device-key",
      inputs.deviceKey!,
      "--device-password",
      inputs.randomPassword!,
      "--srp-b",
      inputs.SRP_B!,
      "--salt",
      inputs.SALT!,
      "--secret-block",
      inputs.SECRET_BLOCK!,
      "--a-hex",
      inputs.aHex!,
      "--timestamp",
      inputs.TIMESTAMP!,
    ]);
    assert.equal(result.code, ExitCode.Ok, id);
    assert.equal(
      JSON.parse(result.out).PASSWORD_CLAIM_SIGNATURE,
      outputs.PASSWORD_CLAIM_SIGNATURE,
      id,
    );
    assert.equal(JSON.parse(result.out).SRP_A, outputs.SRP_A, id);
  }
});

Deno.test("cli srp password-claim: without --timestamp the current time is signed", async () => {
  const result = await run([
    "srp",
    "password-claim",
    "--pool-id=us-east-1_P",
    "--user-id-for-srp=u",
    "--password=p",
    "--srp-b=abc",
    "--salt=12",
    "--secret-block=AAAA",
  ]);
  assert.equal(result.code, ExitCode.Ok);
  assert.match(
    JSON.parse(result.out).TIMESTAMP,
    /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/,
  );
});

const CLAIM = [
  "--pool-id",
  "us-east-1_P",
  "--user-id-for-srp",
  "u",
  "--password",
  "hunter2-secret",
  "--srp-b",
  "abc",
  "--salt",
  "12",
  "--secret-block",
  "AAAA",
];

const DEVICE_CLAIM = [
  "--device-group-key",
  "-g",
  "--device-key",
  "k",
  "--device-password",
  "hunter2-device",
  "--srp-b",
  "abc",
  "--salt",
  "12",
  "--secret-block",
  "AAAA",
];

Deno.test("cli srp: bad input is one error line and exit 1, never the password", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["srp"], /missing subcommand/],
    [["srp", "frob"], /unknown subcommand "frob"/],
    [["srp", "password-claim"], /missing --pool-id, --user-id-for-srp, --password, --srp-b/],
    [["srp", "password-claim", ...CLAIM, "--bogus", "1"], /Unknown option '--bogus'/],
    [["srp", "password-claim", ...CLAIM, "extra"], /Unexpected argument 'extra'/],
    [
      ["srp", "password-claim", ...CLAIM, "--srp-b", "xyz"],
      /^error: Cannot parse SRP_B: "xyz" is not hexadecimal\n$/,
    ],
    [["srp", "password-claim", ...CLAIM, "--srp-b", "0"], /SRP_B: the value is 0 mod N/],
    [["srp", "password-claim", ...CLAIM, "--secret-block", "!!"], /Cannot decode SECRET_BLOCK/],
    [["srp", "password-claim", ...CLAIM, "--secret-block", "="], /Cannot decode SECRET_BLOCK/],
    [["srp", "password-claim", ...CLAIM, "--secret-block", "AA AA"], /Cannot decode SECRET_BLOCK/],
    [["srp", "password-claim", ...CLAIM, "--salt", "0x12"], /Cannot parse SALT: "0x12"/],
    [["srp", "device-claim", ...DEVICE_CLAIM, "--srp-b", "g"], /Cannot parse SRP_B: "g"/],
    [["srp", "start", "--a-hex", "-1"], /Cannot parse --a-hex: "-1" is not hexadecimal/],
    [["srp", "password-claim", ...CLAIM, "--pool-id", "nounderscore"], /has no "_"/],
    [["srp", "password-claim", ...CLAIM, "--a-hex", "0xzz"], /Cannot parse --a-hex/],
    [["srp", "password-claim", ...CLAIM, "--salt"], /argument missing/],
    [[
      "srp",
      "device-verifier",
      "--device-group-key",
      "g",
      "--device-key",
      "k",
      "--salt-hex",
      "abc",
    ], /--salt-hex/],
    [["srp", "device-claim", "--device-key", "k"], /missing --device-group-key, --device-password/],
  ];
  for (const [args, pattern] of cases) {
    const result = await run(args);
    assert.equal(result.code, ExitCode.Usage, args.join(" "));
    assert.equal(result.out, "", args.join(" "));
    assertOneLineError(result.err, pattern);
    assert.ok(!result.err.includes("hunter2"), result.err);
  }
});

Deno.test("cli srp: an empty value for any flag is one error line naming it, exit 1", async () => {
  const cases = SUBCOMMANDS.map(async (name) => [name, exampleArgs(await helpOf(name))] as const);
  for (const [name, args] of await Promise.all(cases)) {
    const flags = args.filter((arg) => arg.startsWith("--"));
    assert.ok(flags.length > 0, name);
    for (const flag of flags) {
      for (const form of ["spaced", "joined"]) {
        const emptied = args.flatMap((arg, i) =>
          arg === flag
            ? (form === "spaced" ? [flag, ""] : [`${flag}=`])
            : args[i - 1] === flag
            ? []
            : [arg]
        );
        const result = await run(["srp", ...emptied]);
        assert.equal(result.code, ExitCode.Usage, `${name} ${flag} (${form})`);
        assert.equal(result.out, "");
        assert.equal(result.err, `error: Cannot run srp ${name}: ${flag} is empty\n`);
      }
    }
  }
  const verifier = ["srp", "device-verifier", "--device-group-key", "g", "--device-key", "k"];
  for (const flag of ["--random-password", "--salt-hex"]) {
    const result = await run([...verifier, flag, ""]);
    assert.equal(result.code, ExitCode.Usage, flag);
    assert.equal(result.err, `error: Cannot run srp device-verifier: ${flag} is empty\n`);
  }
  const both = await run(["srp", "device-verifier", "--device-group-key=", "--device-key="]);
  assert.equal(
    both.err,
    "error: Cannot run srp device-verifier: --device-group-key, --device-key are empty\n",
  );
});

Deno.test("cli srp: an --a-hex whose SRP_A would be 1 is refused, in every command that takes it", async () => {
  const order = ((SRP_N - 1n) / 2n).toString(16);
  for (const name of ["start", "password-claim", "device-claim"]) {
    const args = exampleArgs(await helpOf(name));
    for (const aHex of ["00", "0", order]) {
      const withA = args.map((arg, i) => args[i - 1] === "--a-hex" ? aHex : arg);
      assert.ok(withA.includes(aHex), name);
      const result = await run(["srp", ...withA]);
      assert.equal(result.code, ExitCode.Usage, `${name} --a-hex ${aHex.slice(0, 8)}`);
      assert.equal(result.out, "");
      assertOneLineError(result.err, /^error: Cannot use a: SRP_A would be 1 \(a is 0 or/);
    }
  }
  const one = await run(["srp", "start", "--a-hex", "01"]);
  assert.equal(one.code, ExitCode.Ok);
  assert.equal(JSON.parse(one.out).SRP_A, "2");
});

Deno.test("cli srp: option values may start with a dash, as device group keys do", async () => {
  const spaced = await run([
    "srp",
    "device-verifier",
    "--device-group-key",
    "-wt2ha1Zd",
    "--device-key",
    "k",
    "--random-password",
    "-p",
    "--salt-hex",
    "01",
  ]);
  const joined = await run([
    "srp",
    "device-verifier",
    "--device-group-key=-wt2ha1Zd",
    "--device-key=k",
    "--random-password=-p",
    "--salt-hex=01",
  ]);
  assert.equal(spaced.code, ExitCode.Ok, spaced.err);
  assert.equal(spaced.out, joined.out);
  assert.equal(JSON.parse(spaced.out).DevicePassword, "-p");
});

Deno.test("cli srp: --help prints the command's usage and exits 0", async () => {
  for (const args of [["srp", "--help"], ["srp", "-h"], ["srp", "help"]]) {
    const result = await run(args);
    assert.equal(result.code, ExitCode.Ok, args.join(" "));
    assert.match(result.out, /^Usage: deno task cli srp <subcommand>/);
    for (const name of SUBCOMMANDS) assert.match(result.out, new RegExp(`^  ${name} `, "m"));
    assert.match(result.out, /Run "srp <subcommand> --help" for one subcommand/);
    assert.equal(result.err, "");
  }
});

/** The width of the longest line of the general usage, which every help text keeps to. */
const HELP_WIDTH = 84;

Deno.test("cli srp <subcommand> --help: that subcommand's own flags, output and example", async () => {
  const general = (await run(["srp", "--help"])).out;
  for (const name of SUBCOMMANDS) {
    for (const flag of ["--help", "-h"]) {
      const result = await run(["srp", name, flag]);
      assert.equal(result.code, ExitCode.Ok, `${name} ${flag}`);
      assert.equal(result.err, "");
      assert.match(result.out, new RegExp(`^Usage: deno task cli srp ${name} `));
      assert.notEqual(result.out, general);
      assert.match(result.out, /\nOptions:\n/);
      assert.match(result.out, /\nPrints \{"/);
      assert.match(result.out, /\nExample:\n {2}deno task cli srp /);
      // The usage paragraph names this subcommand only.
      const usage = result.out.split("\n\n")[0]!;
      for (const other of SUBCOMMANDS.filter((o) => o !== name)) {
        assert.doesNotMatch(usage, new RegExp(`srp ${other}\\b`));
      }
      // Options explains exactly the flags of the usage line.
      const options = result.out.split("\nOptions:\n")[1]!.split("\n\n")[0]!;
      const explained = [...options.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
      assert.deepEqual(explained, [...usage.matchAll(/--[a-z-]+/g)].map((m) => m[0]), name);
    }
  }
  for (const text of [general, ...await Promise.all(SUBCOMMANDS.map(helpOf))]) {
    for (const line of text.split("\n")) assert.ok(line.length <= HELP_WIDTH, line);
  }
});

Deno.test("cli srp <subcommand> --help: each example runs and prints one JSON line", async () => {
  for (const name of SUBCOMMANDS) {
    const args = exampleArgs(await helpOf(name));
    assert.equal(args[0], name);
    const result = await run(["srp", ...args]);
    assert.equal(result.code, ExitCode.Ok, `${name}: ${result.err}`);
    assert.match(result.out, /^\{[^\n]+\}\n$/, name);
    assert.equal(result.err, "");
  }
});

Deno.test("cli srp: a real process exits 1 with one error line and no stack trace", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./main.ts", import.meta.url).pathname,
      "srp",
      "password-claim",
      ...CLAIM,
      "--srp-b",
      "zz",
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const err = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, ExitCode.Usage);
  assert.equal(err, 'error: Cannot parse SRP_B: "zz" is not hexadecimal\n');
  assert.doesNotMatch(err, /\bat \S+:\d+:\d+/);
  assert.equal(new TextDecoder().decode(output.stdout), "");
});

Deno.test("cli srp start: SRP_A of a given a equals every USER_SRP_AUTH vector", async () => {
  for (const { id, inputs, outputs } of vectors("userSrpAuth")) {
    const result = await run(["srp", "start", "--a-hex", inputs.aHex!]);
    assert.equal(result.code, ExitCode.Ok, id);
    const printed = JSON.parse(result.out) as { SRP_A: string; aHex: string };
    assert.equal(printed.SRP_A, outputs.SRP_A, id);
    assert.equal(BigInt(`0x${printed.aHex}`), BigInt(`0x${inputs.aHex}`), id);
  }
});

Deno.test("cli srp start: a random a whose SRP_A a later password-claim reproduces", async () => {
  const started = await run(["srp", "start"]);
  assert.equal(started.code, ExitCode.Ok);
  const { SRP_A, aHex } = JSON.parse(started.out) as { SRP_A: string; aHex: string };
  assert.ok(BigInt(`0x${aHex}`) >= 1n << 200n, "a has at least 200 random bits");
  const { inputs } = vectors("userSrpAuth")[0]!;
  const claim = await run(["srp", "password-claim", ...vectorClaimFlags(inputs), "--a-hex", aHex]);
  assert.equal(claim.code, ExitCode.Ok);
  assert.equal((JSON.parse(claim.out) as { SRP_A: string }).SRP_A, SRP_A);
});

Deno.test("cli srp password-claim --challenge: the ChallengeParameters JSON in place of its flags", async () => {
  for (const { id, inputs } of vectors("userSrpAuth")) {
    const explicit = await run([
      "srp",
      "password-claim",
      ...vectorClaimFlags(inputs),
      "--a-hex",
      inputs.aHex!,
      "--timestamp",
      inputs.TIMESTAMP!,
    ]);
    const challenge = JSON.stringify({
      CHALLENGE_NAME: "PASSWORD_VERIFIER",
      SALT: inputs.SALT,
      SECRET_BLOCK: inputs.SECRET_BLOCK,
      SRP_B: inputs.SRP_B,
      USERNAME: "the-alias-typed",
      USER_ID_FOR_SRP: inputs.userIdForSrp,
    });
    const fromChallenge = await run([
      "srp",
      "password-claim",
      "--pool-id",
      inputs.userPoolId!,
      "--password",
      inputs.password!,
      "--challenge",
      challenge,
      "--a-hex",
      inputs.aHex!,
      "--timestamp",
      inputs.TIMESTAMP!,
    ]);
    assert.equal(fromChallenge.code, ExitCode.Ok, `${id}: ${fromChallenge.err}`);
    assert.equal(fromChallenge.out, explicit.out, id);
  }
});

Deno.test("cli srp password-claim --challenge: an explicit flag wins over the challenge", async () => {
  const { inputs } = vectors("userSrpAuth")[0]!;
  const challenge = JSON.stringify({
    SALT: inputs.SALT,
    SECRET_BLOCK: "AAAA",
    SRP_B: inputs.SRP_B,
  });
  const result = await run([
    "srp",
    "password-claim",
    "--pool-id",
    inputs.userPoolId!,
    "--password",
    inputs.password!,
    "--user-id-for-srp",
    "bob",
    "--secret-block",
    inputs.SECRET_BLOCK!,
    "--challenge",
    challenge,
    "--a-hex",
    inputs.aHex!,
  ]);
  assert.equal(result.code, ExitCode.Ok, result.err);
  const answer = JSON.parse(result.out);
  assert.equal(answer.USERNAME, "bob");
  assert.equal(answer.PASSWORD_CLAIM_SECRET_BLOCK, inputs.SECRET_BLOCK);
});

Deno.test("cli srp device-claim --challenge: the DEVICE_PASSWORD_VERIFIER answer to send", async () => {
  for (const { id, inputs, outputs } of vectors("deviceSrpAuth")) {
    const challenge = JSON.stringify({
      SRP_B: inputs.SRP_B,
      SALT: inputs.SALT,
      SECRET_BLOCK: inputs.SECRET_BLOCK,
      USERNAME: "internal-username",
      DEVICE_KEY: inputs.deviceKey,
    });
    const result = await run([
      "srp",
      "device-claim",
      "--device-group-key",
      inputs.deviceGroupKey!,
      "--device-password",
      inputs.randomPassword!,
      "--challenge",
      challenge,
      "--a-hex",
      inputs.aHex!,
      "--timestamp",
      inputs.TIMESTAMP!,
    ]);
    assert.equal(result.code, ExitCode.Ok, `${id}: ${result.err}`);
    assert.deepEqual(JSON.parse(result.out), {
      SRP_A: outputs.SRP_A,
      USERNAME: "internal-username",
      DEVICE_KEY: inputs.deviceKey,
      PASSWORD_CLAIM_SECRET_BLOCK: inputs.SECRET_BLOCK,
      TIMESTAMP: inputs.TIMESTAMP,
      PASSWORD_CLAIM_SIGNATURE: outputs.PASSWORD_CLAIM_SIGNATURE,
    }, id);
  }
});

Deno.test("cli srp --challenge: bad or short challenges are one error line, exit 1", async () => {
  const base = ["srp", "password-claim", "--pool-id", "us-east-1_P", "--password", "hunter2-x"];
  const cases: Array<[string[], RegExp]> = [
    [[...base], /missing --user-id-for-srp, --srp-b, --salt, --secret-block \(or --challenge\)/],
    [[...base, "--challenge", "[1]"], /Cannot parse --challenge: expected the ChallengeParameters/],
    [[...base, "--challenge", "{nope"], /Cannot parse --challenge/],
    [
      [...base, "--challenge", '{"SRP_B": "abc"}'],
      /missing --user-id-for-srp, --salt, --secret-block \(see/,
    ],
    [[...base, "--challenge", ""], /--challenge is empty/],
  ];
  for (const [args, pattern] of cases) {
    const result = await run(args);
    assert.equal(result.code, ExitCode.Usage, args.join(" "));
    assertOneLineError(result.err, pattern);
    assert.ok(!result.err.includes("hunter2"), result.err);
  }
});

Deno.test("cli srp timestamp: each style at a given time, and now by default", async () => {
  const at = String(Date.UTC(2026, 10, 4, 9, 5, 7) / 1000);
  const expected: Record<string, string> = {
    canonical: "Wed Nov 4 09:05:07 UTC 2026",
    "padded-day": "Wed Nov 04 09:05:07 UTC 2026",
    "wrong-weekday": "Thu Nov 4 09:05:07 UTC 2026",
    "numeric-zone": "Wed Nov 4 09:05:07 +00:00 2026",
  };
  for (const [style, text] of Object.entries(expected)) {
    const result = await run(["srp", "timestamp", "--style", style, "--epoch-seconds", at]);
    assert.equal(result.code, ExitCode.Ok, result.err);
    assert.equal(result.out, `${JSON.stringify({ TIMESTAMP: text })}\n`, style);
  }
  const now = await run(["srp", "timestamp"]);
  const year = new Date().getUTCFullYear();
  assert.match(
    JSON.parse(now.out).TIMESTAMP,
    new RegExp(
      `^[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{1,2} \\d\\d:\\d\\d:\\d\\d UTC (${year}|${year + 1})$`,
    ),
  );
  for (
    const [args, pattern] of [
      [["--style", "iso"], /Cannot use --style "iso": not one of canonical, padded-day/],
      [["--epoch-seconds", "yesterday"], /Cannot use --epoch-seconds "yesterday"/],
    ] as const
  ) {
    const result = await run(["srp", "timestamp", ...args]);
    assert.equal(result.code, ExitCode.Usage);
    assertOneLineError(result.err, pattern);
  }
});
