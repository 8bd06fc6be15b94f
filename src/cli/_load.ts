/**
 * Loading the scenarios of `run` and `list`: default folder, positioned
 * errors (one per line, nothing sent when any file is broken), and the
 * request-member check of the Cognito model.
 */

import { knownRequestMembers } from "../runner/mod.ts";
import { loadScenarios, type Scenario, type ScenarioSyntaxError } from "../scenario/mod.ts";
import { UsageError } from "./command.ts";
import type { CliIo } from "./io.ts";

/** The folder `run` and `list` read when no path is given. */
export const DEFAULT_SCENARIOS = "scenarios";

/** What loading found: scenarios, or problems already printed. */
export type Loaded =
  | { kind: "scenarios"; scenarios: Scenario[] }
  | { kind: "empty"; where: string; message: string }
  | { kind: "errors"; count: number };

/** Options of {@linkcode loadForCli}. */
export interface LoadForCliOptions {
  /**
   * The command that loads, named in the summary line of load failures:
   * `Cannot run: … nothing was sent`, `Cannot list: …`.
   *
   * @default {"run"}
   */
  command?: "run" | "list" | "diff";
  /**
   * Variable names given on the command line (`--var NAME=…`), which
   * scenarios may use without declaring them.
   *
   * @default {[]}
   */
  externalVars?: readonly string[];
}

/**
 * Loads `paths` (default `scenarios/`). A missing default folder, or paths
 * without YAML files, are "empty" (the command decides whether that is an
 * error); a missing explicit path is a usage error; invalid files print every
 * problem as `file:line:column: message`, then one summary line naming the
 * command.
 */
export async function loadForCli(
  paths: readonly string[],
  io: CliIo,
  options: LoadForCliOptions = {},
): Promise<Loaded> {
  const { command = "run", externalVars = [] } = options;
  const given = paths.length > 0;
  const list = given ? paths : [DEFAULT_SCENARIOS];
  for (const path of list) {
    try {
      await Deno.stat(path);
    } catch {
      if (!given) return empty(`${path}/`);
      throw new UsageError(`Cannot load scenarios: "${path}" does not exist`);
    }
  }
  const { scenarios, errors } = await loadScenarios(list, { knownRequestMembers, externalVars });
  if (errors.length > 0) {
    printProblems(errors, io, command);
    return { kind: "errors", count: errors.length };
  }
  if (scenarios.length === 0) {
    return empty(given ? list.join(", ") : `${list[0]}/`);
  }
  return { kind: "scenarios", scenarios };
}

/**
 * Prints scenario problems as `file:line:column: message`, then one summary
 * line naming the command (and, for `run` and `diff`, that nothing was sent).
 */
export function printProblems(
  problems: readonly ScenarioSyntaxError[],
  io: CliIo,
  command: "run" | "list" | "diff",
): void {
  for (const problem of problems) io.stderr(`${problem.toString()}\n`);
  const files = new Set(problems.map((problem) => problem.file)).size;
  const consequence = command === "list" ? "" : "; nothing was sent";
  io.stderr(
    `error: Cannot ${command}: ${problems.length} ${
      problems.length === 1 ? "problem" : "problems"
    } in ${files} scenario ${files === 1 ? "file" : "files"}${consequence}\n`,
  );
}

function empty(where: string): Loaded {
  const message = `No scenarios in ${where} yet: add *.yaml scenario files there, or pass ` +
    "paths (see --help)\n";
  return { kind: "empty", where, message };
}
