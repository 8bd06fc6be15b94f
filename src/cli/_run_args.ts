/**
 * The command line of `run` (and the part `diff` shares with it), parsed and
 * checked: every problem is a {@linkcode UsageError} on one line.
 */

import { parseShard, SelectionError, selectScenarios } from "../runner/mod.ts";
import { DURATION_PATTERN, NAME_PATTERN } from "../scenario/mod.ts";
import type { parseArgs } from "node:util";
import { parseCommandArgs, UsageError } from "./command.ts";

/**
 * The flags `run` and `diff` share: credentials and signing region, values,
 * selection and execution. A command adds its own (`run` its target and
 * reporters, `diff` its two targets and formats).
 */
export const SHARED_RUN_OPTIONS = {
  region: { type: "string" },
  provision: { type: "boolean" },
  profile: { type: "string" },
  var: { type: "string", multiple: true },
  "env-file": { type: "string" },
  filter: { type: "string" },
  tag: { type: "string", multiple: true },
  shard: { type: "string" },
  "pass-with-none": { type: "boolean" },
  jobs: { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  "show-secrets": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The parsed values of {@linkcode SHARED_RUN_OPTIONS}. */
type SharedFlags = ReturnType<
  typeof parseArgs<{ options: typeof SHARED_RUN_OPTIONS; strict: true; allowPositionals: true }>
>["values"];

/** The flags `run` and `diff` share, as typed. */
export interface SharedRunArgs {
  paths: string[];
  region?: string;
  provision: boolean;
  profile?: string;
  vars: Record<string, string>;
  /** `--var users.<name>.username|password=…`, by user name. */
  users: Record<string, { username?: string; password?: string }>;
  envFile?: string;
  filter?: string;
  tags: string[];
  shard?: { index: number; total: number };
  /** `--pass-with-none`: exit 0 when the paths, --filter and --tag select no scenario. */
  passWithNone: boolean;
  jobs?: number;
  timeoutMs?: number;
  retries?: number;
  showSecrets: boolean;
  help: boolean;
}

/** The flags of `run`, as typed. */
export interface RunArgs extends SharedRunArgs {
  endpoint?: string;
  poolId?: string;
  clientId?: string;
  clientSecret?: string;
  bail: boolean;
  reporters: string[];
  reporterOutputs: string[];
  showExchanges: boolean;
}

/** Parses the arguments after `run`. */
export function parseRunArgs(args: string[]): RunArgs {
  const parsed = parseCommandArgs("run options", {
    args,
    allowPositionals: true,
    options: {
      ...SHARED_RUN_OPTIONS,
      endpoint: { type: "string" },
      "pool-id": { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      bail: { type: "boolean" },
      reporter: { type: "string", multiple: true },
      "reporter-output": { type: "string", multiple: true },
      "show-exchanges": { type: "boolean" },
    },
  });
  const { values: flags, positionals } = parsed;
  const out: RunArgs = {
    ...sharedRunArgs(flags, positionals),
    bail: flags.bail === true,
    reporters: flags.reporter ?? [],
    reporterOutputs: flags["reporter-output"] ?? [],
    showExchanges: flags["show-exchanges"] === true,
  };
  const optional = {
    endpoint: flags.endpoint,
    poolId: flags["pool-id"],
    clientId: flags["client-id"],
    clientSecret: flags["client-secret"],
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  checkTargetFlags(out);
  return out;
}

/**
 * Checks and converts the shared flags (see {@linkcode SHARED_RUN_OPTIONS}):
 * every problem is a {@linkcode UsageError} on one line.
 */
export function sharedRunArgs(flags: SharedFlags, positionals: string[]): SharedRunArgs {
  const out: SharedRunArgs = {
    paths: positionals,
    provision: flags.provision === true,
    vars: {},
    users: {},
    tags: flags.tag ?? [],
    passWithNone: flags["pass-with-none"] === true,
    showSecrets: flags["show-secrets"] === true,
    help: flags.help === true,
  };
  const optional = {
    region: flags.region,
    profile: flags.profile,
    envFile: flags["env-file"],
    filter: flags.filter,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  for (const entry of flags.var ?? []) addVar(out, entry);
  for (const tag of out.tags) {
    if (tag === "" || tag === "!") throw new UsageError(`Cannot use --tag "${tag}": it is empty`);
  }
  try {
    if (flags.shard !== undefined) out.shard = parseShard(flags.shard);
    if (out.filter !== undefined) selectScenarios([], { filter: out.filter });
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message);
    throw error;
  }
  if (flags.jobs !== undefined) out.jobs = positiveInteger("--jobs", flags.jobs, 1);
  if (flags.retries !== undefined) out.retries = positiveInteger("--retries", flags.retries, 0);
  if (flags.timeout !== undefined) out.timeoutMs = duration("--timeout", flags.timeout);
  return out;
}

function addVar(out: SharedRunArgs, entry: string): void {
  const equals = entry.indexOf("=");
  if (equals <= 0) throw new UsageError(`Cannot use --var "${entry}": expected NAME=VALUE`);
  const name = entry.slice(0, equals);
  const value = entry.slice(equals + 1);
  const user = /^users\.([^.]+)\.(username|password)$/.exec(name);
  if (user !== null) {
    const fields = out.users[user[1]!] ??= {};
    fields[user[2] as "username" | "password"] = value;
    return;
  }
  const bare = name.startsWith("vars.") ? name.slice("vars.".length) : name;
  if (!NAME_PATTERN.test(bare)) {
    throw new UsageError(
      `Cannot use --var "${name}": expected a name of letters, digits, _ and - ` +
        "(or users.<name>.username / users.<name>.password)",
    );
  }
  out.vars[bare] = value;
}

function checkTargetFlags(out: RunArgs): void {
  if ((out.poolId === undefined) !== (out.clientId === undefined)) {
    throw new UsageError("Cannot test an existing pool: give both --pool-id and --client-id");
  }
  if (out.poolId !== undefined && out.provision) {
    throw new UsageError("Cannot use --provision with --pool-id: choose one");
  }
  if (out.clientSecret !== undefined && out.poolId === undefined) {
    throw new UsageError("Cannot use --client-secret without --pool-id and --client-id");
  }
  if (Object.keys(out.users).length > 0 && out.poolId === undefined) {
    throw new UsageError(
      "Cannot use --var users.…: user sign-in details are for an existing pool (--pool-id)",
    );
  }
}

function positiveInteger(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min) {
    throw new UsageError(`Cannot use ${flag} "${text}": expected an integer of at least ${min}`);
  }
  return value;
}

/** `10s`, `500ms`, `2m`, or a bare number of seconds. */
function duration(flag: string, text: string): number {
  if (/^\d+(?:\.\d+)?$/.test(text) && Number(text) > 0) return Number(text) * 1000;
  const match = DURATION_PATTERN.exec(text);
  if (match === null || Number(match[1]) <= 0) {
    throw new UsageError(`Cannot use ${flag} "${text}": expected a duration such as 10s or 500ms`);
  }
  const unit = match[2] === "ms" ? 1 : match[2] === "s" ? 1000 : 60_000;
  return Number(match[1]) * unit;
}
