/**
 * `totp`: the current code of a TOTP authenticator (RFC 6238: SHA-1, 6
 * digits, 30-second steps, as Cognito's software tokens), for the
 * `SecretCode` that AssociateSoftwareToken answered. Prints the bare code.
 *
 * ```
 * totp --secret-code S [--offset-seconds N] [--epoch-seconds T]
 * ```
 *
 * @module
 */

import { type Command, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { parseFlags } from "./srp_command.ts";
import { totp } from "../srp/mod.ts";

const USAGE = `Usage: deno task cli totp --secret-code S [--offset-seconds N] [--epoch-seconds T]

Prints the TOTP code (6 digits, 30-second steps, SHA-1) of the SecretCode that
AssociateSoftwareToken answered, for VerifySoftwareToken's UserCode and the
SOFTWARE_TOKEN_MFA_CODE answer (protocol reference §4.5).

Options:
  --secret-code S         the SecretCode (base32)
  --offset-seconds N      the code of N seconds later (negative: earlier), e.g. 30
                          for the next step's code (default 0)
  --epoch-seconds T       the time, in seconds since 1970 (default: now); a script
                          that moved the mock's clock passes the mock's time
`;

function seconds(flag: string, text: string | undefined, signed: boolean): number | undefined {
  if (text === undefined) return undefined;
  const pattern = signed ? /^-?\d+(?:\.\d+)?$/ : /^\d+(?:\.\d+)?$/;
  if (!pattern.test(text)) {
    throw new UsageError(`Cannot use --${flag} "${text}": expected a number of seconds`);
  }
  return Number(text);
}

/**
 * The `totp` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { totpCommand } from "./totp_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * // RFC 6238 appendix B, T = 59 s, as 6 digits
 * const args = ["--secret-code", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--epoch-seconds", "59"];
 * assert.equal(await totpCommand.run(args, io), 0);
 * assert.equal(io.out, "287082\n");
 * ```
 */
export const totpCommand: Command = {
  name: "totp",
  summary: "Compute the TOTP code of a software token's SecretCode",
  run(args: string[], io: CliIo): Promise<ExitCode> {
    const flags = parseFlags("totp", args, ["secret-code"], ["offset-seconds", "epoch-seconds"]);
    if (flags === undefined) {
      io.stdout(USAGE);
      return Promise.resolve(ExitCode.Ok);
    }
    const offset = seconds("offset-seconds", flags["offset-seconds"], true) ?? 0;
    const at = seconds("epoch-seconds", flags["epoch-seconds"], false);
    const now = (at === undefined ? Date.now() : at * 1000) + offset * 1000;
    let code: string;
    try {
      code = totp(flags["secret-code"]!, { now: () => new Date(now) });
    } catch {
      // The secret is a credential: the message never quotes it.
      throw new UsageError("Cannot use --secret-code: it is not base32 (A–Z, 2–7, optional =)");
    }
    io.stdout(`${code}\n`);
    return Promise.resolve(ExitCode.Ok);
  },
};
