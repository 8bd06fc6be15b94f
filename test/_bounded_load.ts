/**
 * Loads the scenario files given as arguments and prints, as one JSON line,
 * what it found and how far the process's peak resident set rose during the
 * load (Linux's `VmHWM`, the high-water mark, so a short spike counts too).
 * Run as its own process by `test/_bounded.ts`, so that the figure is this
 * load's alone and a load that hangs can be killed.
 */

import { loadScenarios } from "../src/scenario/mod.ts";

/** What the process prints. */
export interface BoundedLoad {
  scenarios: number;
  errors: string[];
  /** Rise of the peak resident set during the load in bytes; -1 where the OS does not say. */
  peakGrowth: number;
}

/** The process's peak resident set in bytes (Linux), or `undefined`. */
function peakRss(): number | undefined {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

if (import.meta.main) {
  const before = peakRss();
  const { scenarios, errors } = await loadScenarios(Deno.args);
  const after = peakRss();
  const answer: BoundedLoad = {
    scenarios: scenarios.length,
    errors: errors.map(String),
    peakGrowth: before === undefined || after === undefined ? -1 : after - before,
  };
  await Deno.stdout.write(new TextEncoder().encode(`${JSON.stringify(answer)}\n`));
}
