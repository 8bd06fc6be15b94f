/**
 * Hang guards for tests of hostile input: a scenario load in a worker that
 * is stopped after a generous time, and a CLI run that is killed after one.
 * They guard against hangs; they measure no speed.
 */

import type { BoundedLoad } from "./_bounded_load.ts";
import { cliCommand, type CliOutcome, outcomeOf } from "./_cli.ts";

/** Generous: loading the largest file allowed takes seconds on a busy machine. */
export const HANG_GUARD_MS = 120_000;

/** Loads `paths` in a worker; rejects if it has not finished within `timeoutMs`. */
export async function loadBounded(
  paths: readonly string[],
  timeoutMs = HANG_GUARD_MS,
): Promise<BoundedLoad> {
  const worker = new Worker(new URL("./_bounded_load.ts", import.meta.url), { type: "module" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<BoundedLoad>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`loading ${paths.join(", ")} did not finish in ${timeoutMs} ms`)),
        timeoutMs,
      );
      worker.onmessage = (event: MessageEvent<BoundedLoad>) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`loading ${paths.join(", ")} threw: ${event.message}`));
      };
      worker.postMessage({ paths });
    });
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

/** Runs the CLI with `args`; kills it and rejects if it has not ended within `timeoutMs`. */
export async function cliBounded(
  args: readonly string[],
  timeoutMs = HANG_GUARD_MS,
): Promise<CliOutcome> {
  const child = cliCommand(args).spawn();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  try {
    const output = await child.output();
    if (expired) throw new Error(`cli ${args.join(" ")} did not end in ${timeoutMs} ms`);
    return outcomeOf(output);
  } finally {
    clearTimeout(timer);
  }
}
