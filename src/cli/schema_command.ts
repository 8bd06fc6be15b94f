/**
 * `schema`: prints the JSON Schema of scenario files, for editors
 * (`# yaml-language-server: $schema=…`) and other tools.
 *
 * ```
 * deno task cli schema > schema/scenario.schema.json
 * ```
 *
 * @module
 */

import { type Command, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { scenarioJsonSchema } from "../scenario/json_schema.ts";

const USAGE = `Usage: deno task cli schema

Prints the JSON Schema (draft 2020-12) of scenario files on standard output.
The repository keeps a copy in schema/scenario.schema.json; point an editor at it
with a first line such as:

  # yaml-language-server: $schema=../schema/scenario.schema.json
`;

/**
 * The `schema` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { schemaCommand } from "./schema_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * assert.equal(await schemaCommand.run([], io), 0);
 * assert.equal(JSON.parse(io.out).title, "cognito-conformance scenario");
 * ```
 */
export const schemaCommand: Command = {
  name: "schema",
  summary: "Print the JSON Schema of scenario files",
  run(args: string[], io: CliIo): Promise<ExitCode> {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(USAGE);
      return Promise.resolve(ExitCode.Ok);
    }
    if (args.length > 0) {
      throw new UsageError(`Cannot run "schema": unexpected argument "${args[0]}" (see --help)`);
    }
    io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return Promise.resolve(ExitCode.Ok);
  },
};
