/**
 * The registry of CLI subcommands. Each entry loads its module on demand so
 * that `cli srp …` does not pay for the runner and `cli run` does not pay for
 * the bench tooling. Register a command here, once.
 *
 * @module
 */

import type { Command } from "./command.ts";

/** A registered subcommand: its name, summary and a loader for its module. */
export interface CommandEntry {
  /** The word that selects it, e.g. `run`. */
  name: string;
  /** One line for the top-level `--help` (the command's own, without loading it). */
  summary: string;
  /** Imports the command's module and returns the command. */
  load(): Promise<Command>;
}

/**
 * All subcommands, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commands } from "./commands.ts";
 * const schema = commands.find((entry) => entry.name === "schema");
 * assert.equal((await schema?.load())?.name, "schema");
 * ```
 */
export const commands: readonly CommandEntry[] = [
  {
    name: "run",
    summary: "Run scenarios against the embedded mock or an endpoint (default: scenarios/)",
    load: () => import("./run_command.ts").then((module) => module.runCommand),
  },
  {
    name: "diff",
    summary: "Run scenarios against two targets and report where their answers differ",
    load: () => import("./diff_command.ts").then((module) => module.diffCommand),
  },
  {
    name: "list",
    summary: "List scenarios as text, JSON or a Markdown catalogue",
    load: () => import("./list_command.ts").then((module) => module.listCommand),
  },
  {
    name: "junit-merge",
    summary: "Merge the JUnit reports of sharded runs into one",
    load: () => import("./junit_merge_command.ts").then((module) => module.junitMergeCommand),
  },
  {
    name: "from-curl",
    summary: "Turn a bash script of curl calls to Cognito into a scenario",
    load: () => import("./from_curl_command.ts").then((module) => module.fromCurlCommand),
  },
  {
    name: "to-curl",
    summary: "Write a scenario as a runnable bash script of curl calls",
    load: () => import("./to_curl_command.ts").then((module) => module.toCurlCommand),
  },
  {
    name: "srp",
    summary: "Compute SRP values: device verifier, password claim, device claim, TIMESTAMP",
    load: () => import("./srp_command.ts").then((module) => module.srpCommand),
  },
  {
    name: "secret-hash",
    summary: "Compute the SECRET_HASH of a username for an app client",
    load: () => import("./secret_hash_command.ts").then((module) => module.secretHashCommand),
  },
  {
    name: "totp",
    summary: "Compute the TOTP code of a software token's SecretCode",
    load: () => import("./totp_command.ts").then((module) => module.totpCommand),
  },
  {
    name: "schema",
    summary: "Print the JSON Schema of scenario files",
    load: () => import("./schema_command.ts").then((module) => module.schemaCommand),
  },
  {
    name: "mock",
    summary: "Run the mock Cognito server (ENDPOINT printed on start)",
    load: () => import("./mock_command.ts").then((module) => module.mockCommand),
  },
];
