/**
 * A worker that loads scenario files and says what it found and how much
 * the process grew meanwhile: a load that hangs can then be stopped from
 * outside (a loop in the loader would block a test's own timers).
 */

/// <reference lib="deno.worker" />

import { loadScenarios } from "../src/scenario/mod.ts";

/** What the worker answers. */
export interface BoundedLoad {
  scenarios: number;
  errors: string[];
  /** Growth of the process's resident set during the load, in bytes. */
  rssGrowth: number;
}

self.onmessage = async (event: MessageEvent<{ paths: string[] }>) => {
  const before = Deno.memoryUsage().rss;
  const { scenarios, errors } = await loadScenarios(event.data.paths);
  const answer: BoundedLoad = {
    scenarios: scenarios.length,
    errors: errors.map(String),
    rssGrowth: Deno.memoryUsage().rss - before,
  };
  self.postMessage(answer);
};
