/**
 * The command line of `run`, parsed and checked: every problem is a
 * {@linkcode UsageError} (exit code 1) on one line.
 */

import { parseShard, SelectionError, selectScenarios } from "../runner/mod.ts";
import { DURATION_PATTERN, NAME_PATTERN } from "../scenario/mod.ts";
import { parseCommandArgs, UsageError } from "./command.ts";

/** The flags of `run`, as typed. */
export interface RunArgs {
  paths: string[];
  endpoint?: string;
  region?: string;
  provision: boolean;
  profile?: string;
  poolId?: string;
  clientId?: string;
  clientSecret?: string;
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
  bail: boolean;
  timeoutMs?: number;
  retries?: number;
  reporters: string[];
  reporterOutputs: string[];
  showSecrets: boolean;
  showExchanges: boolean;
  help: boolean;
}

/** Parses the arguments after `run`. */
export function parseRunArgs(args: string[]): RunArgs {
  const parsed = parseCommandArgs("run options", {
    args,
    allowPositionals: true,
    options: {
      endpoint: { type: "string" },
      region: { type: "string" },
      provision: { type: "boolean" },
      profile: { type: "string" },
      "pool-id": { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      var: { type: "string", multiple: true },
      "env-file": { type: "string" },
      filter: { type: "string" },
      tag: { type: "string", multiple: true },
      shard: { type: "string" },
      "pass-with-none": { type: "boolean" },
      jobs: { type: "string" },
      bail: { type: "boolean" },
      timeout: { type: "string" },
      retries: { type: "string" },
      reporter: { type: "string", multiple: true },
      "reporter-output": { type: "string", multiple: true },
      "show-secrets": { type: "boolean" },
      "show-exchanges": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const { values: flags, positionals } = parsed;
  const out: RunArgs = {
    paths: positionals,
    provision: flags.provision === true,
    vars: {},
    users: {},
    tags: flags.tag ?? [],
    passWithNone: flags["pass-with-none"] === true,
    bail: flags.bail === true,
    reporters: flags.reporter ?? [],
    reporterOutputs: flags["reporter-output"] ?? [],
    showSecrets: flags["show-secrets"] === true,
    showExchanges: flags["show-exchanges"] === true,
    help: flags.help === true,
  };
  const optional = {
    endpoint: flags.endpoint,
    region: flags.region,
    profile: flags.profile,
    poolId: flags["pool-id"],
    clientId: flags["client-id"],
    clientSecret: flags["client-secret"],
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
  checkTargetFlags(out);
  return out;
}

function addVar(out: RunArgs, entry: string): void {
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
