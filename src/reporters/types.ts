/**
 * What a reporter is and the options every reporter accepts.
 *
 * @module
 */

import type { RunEvent } from "../runner/events.ts";

/**
 * Options shared by every reporter. Each reporter reads the ones that concern
 * it and ignores the rest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ReporterOptions } from "./types.ts";
 * const options: ReporterOptions = { color: false, terminal: false, width: 100 };
 * assert.equal(options.width, 100);
 * ```
 */
export interface ReporterOptions {
  /**
   * Colour the output with ANSI escapes (pretty, dot). The CLI passes
   * `isTerminal && !NO_COLOR` (https://no-color.org), see `colorFromEnv`.
   * @default false
   */
  color?: boolean;
  /**
   * The output is an interactive terminal: pretty keeps a single status line
   * up to date with `\r` and an ANSI erase while scenarios run.
   * @default false
   */
  terminal?: boolean;
  /**
   * Columns available: dot wraps its line of characters at this width and
   * pretty cuts its status line to it. Values below 20 count as 20. The CLI
   * can pass `Deno.consoleSize().columns` on a terminal.
   * @default 80
   */
  width?: number;
  /**
   * Show every HTTP exchange (request and response bodies): pretty prints
   * them under each step, junit adds them to each testcase's `<system-out>`.
   * Failure blocks always summarise the failing step's exchange. The json
   * reporter always contains every exchange.
   * @default false
   */
  showExchanges?: boolean;
  /**
   * Rows of pretty's per-scenario timing table (slowest first); `0` hides
   * the table.
   * @default Infinity
   */
  timingRows?: number;
}

/**
 * A reporter: formats run events as text, chunk by chunk. It never decides
 * pass or fail; it prints what the events say. With `--jobs N` the events of
 * different scenarios interleave; every reporter copes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Reporter } from "./types.ts";
 * const count: Reporter = async function* (events) {
 *   let n = 0;
 *   for await (const event of events) if (event.type === "scenario:end") n++;
 *   yield `${n} scenarios\n`;
 * };
 * const chunks: string[] = [];
 * for await (const chunk of count((async function* () {})())) chunks.push(chunk);
 * assert.deepEqual(chunks, ["0 scenarios\n"]);
 * ```
 */
export type Reporter = (
  events: AsyncIterable<RunEvent>,
  options?: ReporterOptions,
) => AsyncIterable<string>;
