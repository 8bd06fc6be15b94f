/**
 * The JSON Schema of scenario files, generated from the zod schemas (plus the
 * matcher catalogue for expectations). Committed as
 * `schema/scenario.schema.json` for editors:
 * `# yaml-language-server: $schema=../schema/scenario.schema.json`.
 *
 * @module
 */

import { z } from "zod";
import { expectationJsonSchema } from "../assert/mod.ts";
import { scenarioSchema } from "./schema.ts";

/**
 * The JSON Schema (draft 2020-12) of a scenario file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scenarioJsonSchema } from "./json_schema.ts";
 * const schema = scenarioJsonSchema();
 * assert.deepEqual(schema.required, ["name", "steps"]);
 * assert.ok("Expectation" in (schema.$defs as object));
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, {
    target: "draft-2020-12",
    io: "input",
  }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: "cognito-conformance scenario",
    description:
      "One Amazon Cognito user-pool flow as a sequence of steps; strings may contain ${…} templates.",
    ...rest,
    $defs: {
      ...(rest.$defs as Record<string, unknown> | undefined),
      Expectation: expectationJsonSchema("#/$defs/Expectation"),
    },
  };
}
