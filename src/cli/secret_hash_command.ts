/**
 * `secret-hash`: the SECRET_HASH of a username for an app client with a
 * secret (protocol reference §7.7). Prints the bare base64 value.
 *
 * ```
 * secret-hash --username U --client-id C --client-secret S
 * ```
 *
 * @module
 */

import type { Command } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { parseFlags } from "./srp_command.ts";
import { secretHash } from "../srp/mod.ts";

const USAGE = `Usage: deno task cli secret-hash --username U --client-id C --client-secret S

Prints SECRET_HASH = base64(HMAC-SHA256(client secret, username + client ID)).
Use the name the request carries: what the user typed for InitiateAuth,
USER_ID_FOR_SRP in challenge answers, the internal username for refresh.
`;

/**
 * The `secret-hash` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { secretHashCommand } from "./secret_hash_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * const args = ["--username", "alice", "--client-id", "1example23456789", "--client-secret", "clientsecret123"];
 * assert.equal(await secretHashCommand.run(args, io), 0);
 * assert.equal(io.out, "id3/IJlevsGIl7XeP8N2rmEcQeU/Ukw/V56fPyNQtmo=\n");
 * ```
 */
export const secretHashCommand: Command = {
  name: "secret-hash",
  summary: "Compute the SECRET_HASH of a username for an app client",
  run(args: string[], io: CliIo): Promise<ExitCode> {
    const flags = parseFlags("secret-hash", args, ["username", "client-id", "client-secret"]);
    if (flags === undefined) {
      io.stdout(USAGE);
      return Promise.resolve(ExitCode.Ok);
    }
    const hash = secretHash({
      username: flags.username!,
      clientId: flags["client-id"]!,
      clientSecret: flags["client-secret"]!,
    });
    io.stdout(`${hash}\n`);
    return Promise.resolve(ExitCode.Ok);
  },
};
