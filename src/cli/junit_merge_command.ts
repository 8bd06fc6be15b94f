/**
 * `junit-merge`: combines the JUnit reports of a sharded run
 * (`run --shard i/n --reporter junit:…`) into one document, for CI systems
 * that want a single file.
 *
 * ```
 * deno task cli junit-merge reports/junit-*.xml --output reports/junit.xml
 * ```
 *
 * @module
 */

import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { ExitCode } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { mergeJUnit } from "../reporters/junit_merge.ts";

const USAGE = `Usage: deno task cli junit-merge FILE… [--output FILE] [--name NAME]

Merges JUnit reports written by shards of one run into a single document:
suites with the same name are combined and their counts summed; a testcase that
appears in two reports is an error. Writes to standard output unless --output.

Options:
  --output FILE   write the merged report here
  --name NAME     name of the merged <testsuites> (default: the first report's)
  -h, --help      this help
`;

/**
 * The `junit-merge` command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { junitMergeCommand } from "./junit_merge_command.ts";
 * import { captureIo } from "./io.ts";
 * const io = captureIo();
 * assert.equal(await junitMergeCommand.run(["--help"], io), 0);
 * assert.match(io.out, /^Usage: deno task cli junit-merge/);
 * ```
 */
export const junitMergeCommand: Command = {
  name: "junit-merge",
  summary: "Merge the JUnit reports of sharded runs into one",
  async run(args: string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseFlags(args);
    if (values.help) {
      io.stdout(USAGE);
      return ExitCode.Ok;
    }
    if (positionals.length === 0) {
      throw new UsageError("Cannot merge JUnit reports: no input files given (see --help)");
    }
    const texts = await Promise.all(positionals.map(readReport));
    let merged: string;
    try {
      merged = mergeJUnit(texts, values.name === undefined ? {} : { name: values.name });
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof RangeError) {
        throw new UsageError(`Cannot merge JUnit reports: ${error.message}`);
      }
      throw error;
    }
    if (values.output === undefined) io.stdout(merged);
    else await Deno.writeTextFile(values.output, merged);
    return ExitCode.Ok;
  },
};

function parseFlags(args: string[]) {
  return parseCommandArgs("junit-merge options", {
    args,
    allowPositionals: true,
    options: {
      output: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function readReport(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read "${path}": ${(error as Error).message.split("\n")[0]}`);
  }
}
