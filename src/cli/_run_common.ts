/**
 * What `run` and `diff` share between parsing their flags and running the
 * suite: the environment `${env.X}` reads, the selection (with its
 * "nothing selected" rules), the sign-in details of existing-pool users,
 * opening a target and Ctrl-C.
 */

import { openTarget, type Target, TargetConfigError, type TargetOptions } from "../runner/mod.ts";
import { selectScenarios } from "../runner/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { UsageError } from "./command.ts";
import type { CliIo } from "./io.ts";
import { parseDotenv } from "./_config_files.ts";
import type { SharedRunArgs } from "./_run_args.ts";

/** Which scenarios a command runs: `--filter`, `--tag`, `--shard`. */
export interface Selection {
  filter?: string;
  tags: readonly string[];
  shard?: { index: number; total: number };
}

/** The selection flags of `args`, as the runner takes them. */
export function selectionOf(args: SharedRunArgs): Selection {
  return {
    ...(args.filter === undefined ? {} : { filter: args.filter }),
    tags: args.tags,
    ...(args.shard === undefined ? {} : { shard: args.shard }),
  };
}

/**
 * The scenarios `selection` runs (filters first, then the shard). Filters
 * that select nothing are most likely mistyped: a usage error unless
 * `--pass-with-none`. An empty shard is not: a CI matrix has a fixed size
 * however many scenarios the filters leave, so it runs nothing and passes.
 * `command` names the command in the messages (`Cannot run: …`).
 */
export function selectToRun(
  scenarios: readonly Scenario[],
  selection: Selection,
  passWithNone: boolean,
  io: CliIo,
  command: "run" | "diff" = "run",
): Scenario[] {
  const { shard, ...filters } = selection;
  const filtered = selectScenarios(scenarios, filters);
  if (filtered.length === 0) {
    const what = [
      ...(filters.filter === undefined ? [] : [`--filter ${JSON.stringify(filters.filter)}`]),
      ...filters.tags.map((tag) => `--tag ${JSON.stringify(tag)}`),
    ].join(" ");
    const loaded = `${scenarios.length} ${scenarios.length === 1 ? "scenario" : "scenarios"}`;
    if (!passWithNone) {
      throw new UsageError(
        `Cannot ${command}: no scenario matches ${what} (of ${loaded} loaded; ` +
          "--pass-with-none accepts none)",
      );
    }
    io.stderr(`No scenario matches ${what} (of ${loaded} loaded); nothing to run\n`);
    return filtered;
  }
  if (shard === undefined) return filtered;
  const mine = selectScenarios(filtered, { shard });
  if (mine.length === 0) {
    io.stderr(
      `Shard ${shard.index}/${shard.total} is empty: ${filtered.length} selected ` +
        `${filtered.length === 1 ? "scenario goes" : "scenarios go"} to other shards; ` +
        "nothing to run\n",
    );
  }
  return mine;
}

/**
 * Ctrl-C stops starting scenarios; the running ones finish and delete what
 * they provisioned (on a real pool that matters), the rest are reported as
 * skipped. A second Ctrl-C quits at once.
 */
export function onInterrupt(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const listener = () => {
    if (controller.signal.aborted) Deno.exit(130);
    io.stderr(
      "Stopping: no new scenario starts; running ones finish and clean up (Ctrl-C again to quit)\n",
    );
    controller.abort();
  };
  try {
    Deno.addSignalListener("SIGINT", listener);
  } catch {
    return { signal: controller.signal, dispose: () => {} };
  }
  return {
    signal: controller.signal,
    dispose: () => Deno.removeSignalListener("SIGINT", listener),
  };
}

/** `${env.X}` reads the process environment, then the `--env-file`. */
export async function environment(
  args: Pick<SharedRunArgs, "envFile">,
  io: CliIo,
): Promise<(name: string) => string | undefined> {
  if (args.envFile === undefined) return io.env;
  let text: string;
  try {
    text = await Deno.readTextFile(args.envFile);
  } catch {
    throw new UsageError(`Cannot read --env-file "${args.envFile}": no such readable file`);
  }
  const file = parseDotenv(text, args.envFile);
  return (name) => io.env(name) ?? file[name];
}

/** Sign-in details per scenario user: `--var users.<name>.…`, else `COGNITO_USER_<NAME>_…`. */
export function existingUsers(
  given: SharedRunArgs["users"],
  env: (name: string) => string | undefined,
  scenarios: readonly Scenario[],
): Record<string, { username?: string; password?: string }> {
  const users = structuredClone(given);
  const names = new Set(scenarios.flatMap((scenario) => scenario.users.map((user) => user.name)));
  for (const name of names) {
    const prefix = `COGNITO_USER_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_`;
    const entry = users[name] ??= {};
    const username = env(`${prefix}USERNAME`);
    const password = env(`${prefix}PASSWORD`);
    if (entry.username === undefined && username !== undefined) entry.username = username;
    if (entry.password === undefined && password !== undefined) entry.password = password;
  }
  return users;
}

/** Opens a target; contradictory options are a {@linkcode UsageError}. */
export async function openForCli(options: TargetOptions): Promise<Target> {
  try {
    return await openTarget(options);
  } catch (error) {
    if (error instanceof TargetConfigError) throw new UsageError(error.message);
    throw error;
  }
}
