/**
 * `srp`: Cognito SRP values from the command line, for curl users and
 * debugging. Each subcommand prints one JSON object on one line.
 *
 * ```
 * srp start [--a-hex HEX]
 * srp device-verifier --device-group-key G --device-key K [--random-password P] [--salt-hex S]
 * srp password-claim --pool-id ID --user-id-for-srp U --password P --srp-b HEX --salt HEX
 *                    --secret-block B64 [--a-hex HEX] [--timestamp T]
 * srp password-claim --pool-id ID --password P --challenge JSON [--a-hex HEX] [--timestamp T]
 * srp device-claim --device-group-key G --device-key K --device-password P --srp-b HEX
 *                  --salt HEX --secret-block B64 [--a-hex HEX] [--timestamp T]
 * srp device-claim --device-group-key G --device-password P --challenge JSON [--a-hex HEX] …
 * srp timestamp [--style S] [--epoch-seconds N]
 * ```
 *
 * `--challenge` takes the ChallengeParameters of the answer as JSON (what a
 * script holds after `jq -c .ChallengeParameters`) in place of the flags it
 * supplies; the claims print the whole ChallengeResponses to send.
 *
 * @module
 */

import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { SRP_SUBCOMMAND_USAGE, SRP_USAGE } from "./_srp_usage.ts";
import {
  type ChallengeValues,
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  parseHexInteger,
  passwordClaim,
  SrpInputError,
} from "../srp/mod.ts";

/** Parsed flag values by flag name (without the dashes). */
export type Flags = Record<string, string | undefined>;

/**
 * Parses `--name value` (or `--name=value`) flags strictly: unknown flags and
 * positionals are usage errors, required flags must be present, and no value
 * may be empty (an unset shell variable, most likely). Returns `undefined`
 * when `--help` was asked for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFlags } from "./srp_command.ts";
 * import { UsageError } from "./command.ts";
 * assert.equal(parseFlags("demo", ["--key", "-g1"], ["key"])?.key, "-g1");
 * assert.equal(parseFlags("demo", ["--help"], ["key"]), undefined);
 * assert.throws(() => parseFlags("demo", [], ["key"]), UsageError);
 * assert.throws(
 *   () => parseFlags("demo", ["--key", ""], ["key"]),
 *   (error: unknown) =>
 *     error instanceof UsageError && error.message === "Cannot run demo: --key is empty",
 * );
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
  const empty = [...required, ...optional].filter((name) => values[name] === "");
  if (empty.length > 0) {
    const list = empty.map((name) => `--${name}`).join(", ");
    throw new UsageError(
      `Cannot run ${context}: ${list} ${empty.length === 1 ? "is" : "are"} empty`,
    );
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

/** A subcommand: its flags, and what it prints from their values. */
interface Subcommand {
  required: readonly string[];
  optional: readonly string[];
  /** Flags `--challenge` can supply, and how (explicit flags win). */
  challenge?: Readonly<Record<string, (challenge: Flags) => string | undefined>>;
  print(flags: Flags, io: CliIo): void | Promise<void>;
}

/** The ChallengeParameters given with `--challenge`: a JSON object of strings. */
function parseChallenge(text: string): Flags {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(
      "Cannot parse --challenge: expected the ChallengeParameters as a JSON object " +
        '(e.g. {"SRP_B": "…", "SALT": "…", "SECRET_BLOCK": "…", "USER_ID_FOR_SRP": "…"})',
    );
  }
  const values: Flags = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

/**
 * The flags of a subcommand: as given, then filled from `--challenge`
 * where it can supply them; then every required flag must be there.
 */
function flagsOf(name: string, subcommand: Subcommand, args: string[]): Flags | undefined {
  const { required, optional, challenge } = subcommand;
  if (challenge === undefined) return parseFlags(`srp ${name}`, args, required, optional);
  const flags = parseFlags(`srp ${name}`, args, [], [...required, ...optional, "challenge"]);
  if (flags === undefined) return undefined;
  if (flags.challenge !== undefined) {
    const given = parseChallenge(flags.challenge);
    for (const [flag, from] of Object.entries(challenge)) flags[flag] ??= from(given);
  }
  const missing = required.filter((flag) => flags[flag] === undefined);
  if (missing.length > 0) {
    const list = missing.map((flag) => `--${flag}`).join(", ");
    const supplied = missing.some((flag) => Object.hasOwn(challenge, flag));
    throw new UsageError(
      `Cannot run srp ${name}: missing ${list}${
        supplied && flags.challenge === undefined ? " (or --challenge)" : ""
      } (see --help)`,
    );
  }
  return flags;
}

/** What `--challenge` supplies to both claims. */
const CHALLENGE_VALUES = {
  "srp-b": (challenge: Flags) => challenge.SRP_B,
  salt: (challenge: Flags) => challenge.SALT,
  "secret-block": (challenge: Flags) => challenge.SECRET_BLOCK,
};

const CLAIM_FLAGS = ["srp-b", "salt", "secret-block"] as const;

/** The challenge a claim answers: the values of CLAIM_FLAGS, and the ephemeral of --a-hex. */
function challengeOf(flags: Flags): ChallengeValues {
  return {
    ephemeral: ephemeralOf(flags),
    srpB: flags["srp-b"]!,
    salt: flags.salt!,
    secretBlock: flags["secret-block"]!,
  };
}

function claimOptions(flags: Flags): { timestamp?: string } {
  return flags.timestamp === undefined ? {} : { timestamp: flags.timestamp };
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  start: {
    required: [],
    optional: ["a-hex"],
    print(flags, io) {
      const ephemeral = asUsage(() => ephemeralOf(flags));
      io.stdout(`${JSON.stringify({ SRP_A: ephemeral.srpA, aHex: ephemeral.a.toString(16) })}\n`);
    },
  },
  "device-verifier": {
    required: ["device-group-key", "device-key"],
    optional: ["random-password", "salt-hex"],
    print(flags, io) {
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
  },
  "password-claim": {
    required: ["pool-id", "user-id-for-srp", "password", ...CLAIM_FLAGS],
    optional: ["a-hex", "timestamp"],
    challenge: {
      ...CHALLENGE_VALUES,
      // The name the claim is signed for: USER_ID_FOR_SRP, not the alias typed.
      "user-id-for-srp": (challenge) => challenge.USER_ID_FOR_SRP ?? challenge.USERNAME,
    },
    print(flags, io) {
      const { SRP_A, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE } = asUsage(() =>
        passwordClaim({
          ...challengeOf(flags),
          userPoolId: flags["pool-id"]!,
          userIdForSrp: flags["user-id-for-srp"]!,
          password: flags.password!,
        }, claimOptions(flags))
      );
      const answer = {
        SRP_A,
        USERNAME: flags["user-id-for-srp"],
        PASSWORD_CLAIM_SECRET_BLOCK: flags["secret-block"],
        TIMESTAMP,
        PASSWORD_CLAIM_SIGNATURE,
      };
      io.stdout(`${JSON.stringify(answer)}\n`);
    },
  },
  "device-claim": {
    required: ["device-group-key", "device-key", "device-password", ...CLAIM_FLAGS],
    optional: ["a-hex", "timestamp"],
    challenge: { ...CHALLENGE_VALUES, "device-key": (challenge) => challenge.DEVICE_KEY },
    print(flags, io) {
      const { SRP_A, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE } = asUsage(() =>
        deviceClaim({
          ...challengeOf(flags),
          deviceGroupKey: flags["device-group-key"]!,
          deviceKey: flags["device-key"]!,
          devicePassword: flags["device-password"]!,
        }, claimOptions(flags))
      );
      const challenge = flags.challenge === undefined ? {} : parseChallenge(flags.challenge);
      const username = challenge.USERNAME ?? challenge.USER_ID_FOR_SRP;
      const answer = {
        SRP_A,
        ...(username === undefined ? {} : { USERNAME: username }),
        DEVICE_KEY: flags["device-key"],
        PASSWORD_CLAIM_SECRET_BLOCK: flags["secret-block"],
        TIMESTAMP,
        PASSWORD_CLAIM_SIGNATURE,
      };
      io.stdout(`${JSON.stringify(answer)}\n`);
    },
  },
  timestamp: {
    required: [],
    optional: ["style", "epoch-seconds"],
    async print(flags, io) {
      // The runner's formatter, loaded only here: the other subcommands do not pay for it.
      const { styledTimestamp, TIMESTAMP_STYLES } = await import("../runner/functions.ts");
      const style = flags.style ?? "canonical";
      if (!(TIMESTAMP_STYLES as readonly string[]).includes(style)) {
        throw new UsageError(
          `Cannot use --style "${style}": not one of ${TIMESTAMP_STYLES.join(", ")}`,
        );
      }
      const seconds = flags["epoch-seconds"];
      if (seconds !== undefined && !/^\d+(?:\.\d+)?$/.test(seconds)) {
        throw new UsageError(
          `Cannot use --epoch-seconds "${seconds}": expected seconds since 1970 (e.g. 1793783107)`,
        );
      }
      const date = new Date(seconds === undefined ? Date.now() : Number(seconds) * 1000);
      io.stdout(`${JSON.stringify({ TIMESTAMP: styledTimestamp(date, style) })}\n`);
    },
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
  summary: "Compute SRP values: device verifier, password claim, device claim, TIMESTAMP",
  async run(args: string[], io: CliIo): Promise<ExitCode> {
    const [name, ...rest] = args;
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout(SRP_USAGE);
      return ExitCode.Ok;
    }
    const subcommand = name !== undefined && Object.hasOwn(SUBCOMMANDS, name)
      ? SUBCOMMANDS[name]
      : undefined;
    if (subcommand === undefined) {
      const known = Object.keys(SUBCOMMANDS).join(", ");
      const what = name === undefined ? "missing subcommand" : `unknown subcommand "${name}"`;
      throw new UsageError(`Cannot run srp: ${what} (one of ${known}; see srp --help)`);
    }
    const flags = flagsOf(name!, subcommand, rest);
    if (flags === undefined) io.stdout(SRP_SUBCOMMAND_USAGE[name!]!);
    else await subcommand.print(flags, io);
    return ExitCode.Ok;
  },
};
