/**
 * Hang guards for tests of hostile input: a scenario load in a process of
 * its own (which also measures its peak memory) and a CLI run, each killed
 * after a generous time. They guard against hangs; they measure no speed.
 */

import type { BoundedLoad } from "./_bounded_load.ts";
import { cliCommand, type CliOutcome, outcomeOf } from "./_cli.ts";

/** Generous: loading the largest file allowed takes seconds on a busy machine. */
export const HANG_GUARD_MS = 120_000;

/** Loads `paths` in a process of its own; rejects if it has not ended within `timeoutMs`. */
export async function loadBounded(
  paths: readonly string[],
  timeoutMs = HANG_GUARD_MS,
): Promise<BoundedLoad> {
  const script = new URL("./_bounded_load.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", script, ...paths],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = await killedAfter(child, timeoutMs, `loading ${paths.join(", ")}`);
  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  if (output.code !== 0) throw new Error(`loading ${paths.join(", ")} failed: ${stderr}`);
  return JSON.parse(stdout) as BoundedLoad;
}

/** The child's output; kills it and rejects if it has not ended within `timeoutMs`. */
async function killedAfter(
  child: Deno.ChildProcess,
  timeoutMs: number,
  what: string,
): Promise<Deno.CommandOutput> {
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  try {
    const output = await child.output();
    if (expired) throw new Error(`${what} did not end in ${timeoutMs} ms`);
    return output;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the CLI with `args`; kills it and rejects if it has not ended within `timeoutMs`. */
export async function cliBounded(
  args: readonly string[],
  timeoutMs = HANG_GUARD_MS,
): Promise<CliOutcome> {
  const child = cliCommand(args).spawn();
  return outcomeOf(await killedAfter(child, timeoutMs, `cli ${args.join(" ")}`));
}
