/**
 * `from-curl`: a shell script of curl calls to Cognito → a scenario file
 * (docs/curl-format.md).
 *
 * ```
 * deno task cli from-curl FILE|- [--with-pool] [--name N] [--output F]
 * ```
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import { knownRequestMembers } from "../runner/mod.ts";
import { formatDiagnostic, fromCurl, FromCurlError } from "../curl/from_curl.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";

const USAGE = `Usage: deno task cli from-curl FILE|- [--with-pool] [--name N] [--output F]

Turns a bash script of curl calls to Cognito (X-Amz-Target:
AWSCognitoIdentityProviderService.<Operation>) into a scenario file; - reads
the script from standard input. Reads line continuations, quotes, $VAR and
\${VAR}, arrays ("\${H[@]}"), $(…) and | jq, -d/--data/--data-raw/--data-binary/
--json, @file and @- bodies, <placeholder> and [placeholder] values, and
answer comments (# → HTTP 400 {…}, # expect: {…}). See docs/curl-format.md.

- values a later call reuses from an earlier answer become proposed captures
  (save:) of that step, read as templates;
- SRP_A, the ConfirmDevice verifier, PASSWORD_VERIFIER and
  DEVICE_PASSWORD_VERIFIER answers, SECRET_HASH and TOTP codes become the
  project's functions (srp.start, srp.deviceVerifier, srp.passwordClaim,
  srp.deviceClaim, secretHash, totp);
- placeholders and variables the script does not set become vars, each with a
  comment saying how to set it (run --var NAME=VALUE).

Options:
  --with-pool   add pool, client and users blocks inferred from the calls
                (device tracking, auth flows, client secret, one user per
                username), so the scenario runs on the embedded mock
  --name N      the scenario's name (default: the script's first comment)
  --output F    write the scenario to F instead of standard output
  -h, --help    this help

Warnings and notes go to standard error as file:line:column: …; they never
show the script's secret values. A script that cannot be read (a body that is
not JSON even after repair, a missing @file) is a positioned error, exit 2.

Example:
  deno task cli from-curl fixtures/curl/readme-walkthrough.sh --with-pool \\
    --output walkthrough.yaml && deno task cli run walkthrough.yaml
`;

/**
 * The `from-curl` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromCurlCommand } from "./from_curl_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * assert.equal(await fromCurlCommand.run(["--help"], io), 0);
 * assert.match(io.out, /^Usage: deno task cli from-curl FILE\|-/);
 * ```
 */
export const fromCurlCommand: Command = {
  name: "from-curl",
  summary: "Turn a bash script of curl calls to Cognito into a scenario",
  async run(args: string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs("from-curl options", {
      args,
      allowPositionals: true,
      options: {
        "with-pool": { type: "boolean" },
        name: { type: "string" },
        output: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return ExitCode.Ok;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0
          ? "Cannot convert: no script given (a FILE, or - for standard input; see --help)"
          : `Cannot convert: one script at a time, got ${positionals.length} (see --help)`,
      );
    }
    if (values.name === "") throw new UsageError("Cannot use --name: it is empty");
    const path = positionals[0]!;
    const stdin = path === "-";
    const script = stdin ? await new Response(Deno.stdin.readable).text() : await readScript(path);
    const file = stdin ? "standard input" : path;
    const base = stdin ? Deno.cwd() : dirname(resolve(path));
    try {
      const { yaml, diagnostics } = fromCurl(script, {
        file,
        withPool: values["with-pool"] ?? false,
        ...(values.name === undefined ? {} : { name: values.name }),
        readFile: (relative) => readBodyFile(resolve(base, relative)),
        knownRequestMembers,
      });
      for (const diagnostic of diagnostics) io.stderr(`${formatDiagnostic(diagnostic, file)}\n`);
      if (values.output === undefined) io.stdout(yaml);
      else await Deno.writeTextFile(values.output, yaml);
      return ExitCode.Ok;
    } catch (error) {
      if (error instanceof FromCurlError) {
        io.stderr(`${error}\n`);
        return ExitCode.ScenarioError;
      }
      throw error;
    }
  },
};

async function readScript(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read "${path}": ${(error as Error).message.split("\n")[0]}`);
  }
}

function readBodyFile(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}
