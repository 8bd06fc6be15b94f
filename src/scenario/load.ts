/**
 * `loadScenarios`: files and directories → validated scenarios with stable
 * ids, plus every problem of every file.
 *
 * @module
 */

import { parseScenario, type ParseScenarioOptions } from "./parse.ts";
import { ScenarioSyntaxError } from "./errors.ts";
import { readScenarioText } from "./_read.ts";
import type { Scenario } from "./types.ts";

/** Options of {@linkcode loadScenarios}: those of `parseScenario` (but `id`) plus the suite root. */
export interface LoadScenariosOptions extends Omit<ParseScenarioOptions, "id"> {
  /**
   * Directory that ids are relative to, for files inside it (e.g.
   * `scenarios`, so that `scenarios/device-on/seed.yaml` is
   * `device-on/seed.yaml` whichever path was given).
   * @default {each directory argument; a file argument keeps its path as given}
   */
  root?: string;
}

/** What {@linkcode loadScenarios} found. */
export interface LoadResult {
  /** Valid scenarios, ordered by argument, then by id within a directory. */
  scenarios: Scenario[];
  /** Every problem of every invalid file, in file order. */
  errors: ScenarioSyntaxError[];
}

/**
 * Loads scenario files: each path is a file, or a directory searched
 * recursively for `*.yaml` and `*.yml`. Ids are `/`-separated paths relative
 * to `options.root` or to the directory argument. A file reached twice is
 * loaded once. Invalid files contribute errors, not scenarios (also a file
 * past `SCENARIO_LIMITS.maxBytes`, which is read no further, or
 * one that is not UTF-8 text); a path that does not exist throws
 * `Deno.errors.NotFound`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadScenarios } from "./load.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/device-on`);
 * const scenario = "name: x\nsteps:\n  - call: GetUser\n    request: { AccessToken: abc }\n";
 * await Deno.writeTextFile(`${dir}/device-on/b.yaml`, scenario);
 * await Deno.writeTextFile(`${dir}/a.yml`, scenario.replace("GetUser", "GetUsr"));
 * await Deno.writeTextFile(`${dir}/notes.txt`, "ignored");
 * const { scenarios, errors } = await loadScenarios([dir]);
 * assert.deepEqual(scenarios.map((s) => s.id), ["device-on/b.yaml"]);
 * assert.equal(errors[0]?.file, `${dir}/a.yml`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function loadScenarios(
  paths: readonly string[],
  options: LoadScenariosOptions = {},
): Promise<LoadResult> {
  const scenarios: Scenario[] = [];
  const errors: ScenarioSyntaxError[] = [];
  const seen = new Set<string>();
  const root = options.root === undefined ? undefined : toPosix(await Deno.realPath(options.root));
  for (const path of paths) {
    const info = await Deno.stat(path);
    const files = info.isDirectory
      ? (await listYaml(path)).map((relative) => ({ file: join(path, relative), id: relative }))
      : [{ file: path, id: toPosix(path) }];
    for (const { file, id } of files) {
      const real = toPosix(await Deno.realPath(file));
      if (seen.has(real)) continue;
      seen.add(real);
      const read = await readScenarioText(file);
      if ("problem" in read) {
        const { message, position } = read.problem;
        errors.push(new ScenarioSyntaxError(message, { file, ...position }));
        continue;
      }
      const result = parseScenario(read.text, file, { ...options, id: idFor(real, id, root) });
      if (result.scenario !== undefined) scenarios.push(result.scenario);
      errors.push(...result.errors);
    }
  }
  return { scenarios, errors };
}

async function listYaml(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(prefix === "" ? dir : join(dir, prefix))) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory) found.push(...await listYaml(dir, relative));
    else if (entry.isFile && /\.ya?ml$/.test(entry.name)) found.push(relative);
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The id relative to the (resolved) root when the (resolved) file is inside it. */
function idFor(real: string, fallback: string, root: string | undefined): string {
  if (root === undefined) return fallback;
  const base = root.replace(/\/+$/, "") + "/";
  return real.startsWith(base) ? real.slice(base.length) : fallback;
}

function join(dir: string, relative: string): string {
  return `${dir.replace(/[\\/]+$/, "")}/${relative}`;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, "/");
}
