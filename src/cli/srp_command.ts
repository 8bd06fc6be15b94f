/**
 * `srp`: Cognito SRP values from the command line, for curl users and
 * debugging. Each subcommand prints one JSON object on one line.
 *
 * ```
 * srp start [--a-hex HEX]
 * srp device-verifier --device-group-key G --device-key K [--random-password P] [--salt-hex S]
 * srp password-claim --pool-id ID --user-id-for-srp U --password P --srp-b HEX --salt HEX
 *                    --secret-block B64 [--a-hex HEX] [--timestamp T]
 * srp device-claim --device-group-key G --device-key K --device-password P --srp-b HEX
 *                  --salt HEX --secret-block B64 [--a-hex HEX] [--timestamp T]
 * ```
 *
 * @module
 */

import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import {
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  parseHexInteger,
  passwordClaim,
  SrpInputError,
} from "../srp/mod.ts";

const USAGE = `Usage: deno task cli srp <subcommand> [options]

Computes Cognito SRP values (protocol reference §7). Prints one JSON object.

Subcommands:
  start            A client ephemeral: the SRP_A to send with USER_SRP_AUTH (or
                   DEVICE_SRP_AUTH) and its secret exponent, to pass back as --a-hex
      [--a-hex HEX]  (prints {"SRP_A","aHex"}; deterministic with --a-hex)
  device-verifier  ConfirmDevice's DeviceSecretVerifierConfig and the device password
      --device-group-key G --device-key K [--random-password P] [--salt-hex S]
      (deterministic when both --random-password and --salt-hex are given;
      --salt-hex is the raw "random" salt bytes, 16 in Cognito clients)
  password-claim   The PASSWORD_VERIFIER answer
      --pool-id ID --user-id-for-srp U --password P --srp-b HEX --salt HEX
      --secret-block B64 [--a-hex HEX] [--timestamp T]
  device-claim     The DEVICE_PASSWORD_VERIFIER answer
      --device-group-key G --device-key K --device-password P --srp-b HEX --salt HEX
      --secret-block B64 [--a-hex HEX] [--timestamp T]

--a-hex is the client's secret exponent a (the one whose SRP_A was sent, from
"srp start"); without it a random a is drawn, which only helps for testing. --timestamp is signed verbatim; without it
the current time is used. Run "srp <subcommand> --help" for one subcommand.
`;

/** Parsed flag values by flag name (without the dashes). */
export type Flags = Record<string, string | undefined>;

/**
 * Parses `--name value` (or `--name=value`) flags strictly: unknown flags and
 * positionals are usage errors, required flags must be present. Returns
 * `undefined` when `--help` was asked for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFlags } from "./srp_command.ts";
 * import { UsageError } from "./command.ts";
 * assert.equal(parseFlags("demo", ["--key", "-g1"], ["key"])?.key, "-g1");
 * assert.equal(parseFlags("demo", ["--help"], ["key"]), undefined);
 * assert.throws(() => parseFlags("demo", [], ["key"]), UsageError);
 * ```
 */
export function parseFlags(
  context: string,
  args: string[],
  required: readonly string[],
  optional: readonly string[] = [],
): Flags | undefined {
  const options: Record<string, { type: "string" } | { type: "boolean"; short: "h" }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const name of [...required, ...optional]) options[name] = { type: "string" };
  // "--flag value" becomes "--flag=value" so values may start with "-": every
  // device group key does (e.g. "-wt2ha1Zd"), which parseArgs calls ambiguous.
  const named = new Set([...required, ...optional].map((name) => `--${name}`));
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    joined.push(named.has(arg) && i + 1 < args.length ? `${arg}=${args[++i]}` : arg);
  }
  const values: Record<string, string | boolean | undefined> = parseCommandArgs(
    `the arguments of ${context}`,
    { args: joined, options, allowPositionals: false },
  ).values;
  if (values.help === true) return undefined;
  const missing = required.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    const list = missing.map((name) => `--${name}`).join(", ");
    throw new UsageError(`Cannot run ${context}: missing ${list} (see --help)`);
  }
  return values as Flags;
}

/** Turns input errors of the SRP library (already "Cannot …: …") into usage errors. */
function asUsage<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof SrpInputError || error instanceof RangeError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function hexBytes(flag: string, text: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) {
    throw new UsageError(`Cannot parse --${flag}: expected an even number of hex digits`);
  }
  return Uint8Array.fromHex(text);
}

function ephemeralOf(flags: Flags) {
  const aHex = flags["a-hex"];
  return aHex === undefined
    ? createClientEphemeral()
    : createClientEphemeral({ a: parseHexInteger(aHex, "--a-hex") });
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => void> = {
  start: (args, io) => {
    const flags = parseFlags("srp start", args, [], ["a-hex"]);
    if (flags === undefined) return io.stdout(USAGE);
    const ephemeral = asUsage(() => ephemeralOf(flags));
    io.stdout(`${JSON.stringify({ SRP_A: ephemeral.srpA, aHex: ephemeral.a.toString(16) })}\n`);
  },
  "device-verifier": (args, io) => {
    const context = "srp device-verifier";
    const flags = parseFlags(context, args, ["device-group-key", "device-key"], [
      "random-password",
      "salt-hex",
    ]);
    if (flags === undefined) return io.stdout(USAGE);
    const salt = flags["salt-hex"];
    const password = flags["random-password"];
    const secret = asUsage(() =>
      createDeviceVerifier(flags["device-group-key"]!, flags["device-key"]!, {
        ...(password === undefined ? {} : { devicePassword: password }),
        ...(salt === undefined ? {} : { saltBytes: hexBytes("salt-hex", salt) }),
      })
    );
    io.stdout(`${JSON.stringify(secret)}\n`);
  },
  "password-claim": (args, io) => {
    const context = "srp password-claim";
    const flags = parseFlags(
      context,
      args,
      ["pool-id", "user-id-for-srp", "password", "srp-b", "salt", "secret-block"],
      ["a-hex", "timestamp"],
    );
    if (flags === undefined) return io.stdout(USAGE);
    const claim = asUsage(() =>
      passwordClaim({
        ephemeral: ephemeralOf(flags),
        userPoolId: flags["pool-id"]!,
        userIdForSrp: flags["user-id-for-srp"]!,
        password: flags.password!,
        srpB: flags["srp-b"]!,
        salt: flags.salt!,
        secretBlock: flags["secret-block"]!,
      }, flags.timestamp === undefined ? {} : { timestamp: flags.timestamp })
    );
    io.stdout(`${JSON.stringify(claim)}\n`);
  },
  "device-claim": (args, io) => {
    const context = "srp device-claim";
    const flags = parseFlags(
      context,
      args,
      ["device-group-key", "device-key", "device-password", "srp-b", "salt", "secret-block"],
      ["a-hex", "timestamp"],
    );
    if (flags === undefined) return io.stdout(USAGE);
    const claim = asUsage(() =>
      deviceClaim({
        ephemeral: ephemeralOf(flags),
        deviceGroupKey: flags["device-group-key"]!,
        deviceKey: flags["device-key"]!,
        devicePassword: flags["device-password"]!,
        srpB: flags["srp-b"]!,
        salt: flags.salt!,
        secretBlock: flags["secret-block"]!,
      }, flags.timestamp === undefined ? {} : { timestamp: flags.timestamp })
    );
    io.stdout(`${JSON.stringify(claim)}\n`);
  },
};

/**
 * The `srp` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { srpCommand } from "./srp_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * const code = await srpCommand.run([
 *   "device-verifier",
 *   "--device-group-key", "-wt2ha1Zd",
 *   "--device-key", "us-east-1_fec070d2-fa88-424a-8ec8-b26d7198eb23",
 *   "--random-password", "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==",
 *   "--salt-hex", "8a".repeat(16),
 * ], io);
 * assert.equal(code, 0);
 * assert.equal(JSON.parse(io.out).Salt, "AIqKioqKioqKioqKioqKioo=");
 * ```
 */
export const srpCommand: Command = {
  name: "srp",
  summary: "Compute SRP values: device verifier, password claim, device claim",
  run(args: string[], io: CliIo): Promise<ExitCode> {
    const [name, ...rest] = args;
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout(USAGE);
      return Promise.resolve(ExitCode.Ok);
    }
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
    if (subcommand === undefined) {
      const known = Object.keys(SUBCOMMANDS).join(", ");
      const what = name === undefined ? "missing subcommand" : `unknown subcommand "${name}"`;
      throw new UsageError(`Cannot run srp: ${what} (one of ${known}; see srp --help)`);
    }
    subcommand(rest, io);
    return Promise.resolve(ExitCode.Ok);
  },
};
