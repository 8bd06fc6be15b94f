/**
 * Turning `AttributeListType` input into a user's attribute map: every name
 * must be in the pool's schema; `sub` is the server's and cannot be set.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { assertAttributesInSchema } from "./schema.ts";
import type { PoolConfig } from "./types.ts";

/** One `AttributeType` as received (Value may be absent). */
export interface AttributeInput {
  readonly Name: string;
  readonly Value?: string;
}

/**
 * Validates attribute names against the schema and returns them as a map
 * (later duplicates win). `sub` is refused as AWS refuses changing an
 * immutable attribute; an absent value is the empty string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { attributeMap } from "./attributes.ts";
 * import { buildSchema } from "./schema.ts";
 * const config = { SchemaAttributes: buildSchema() } as never;
 * assert.deepEqual(attributeMap(config, [{ Name: "email", Value: "a@b.c" }]), new Map([["email", "a@b.c"]]));
 * assert.throws(() => attributeMap(config, [{ Name: "nope", Value: "x" }]), { name: "InvalidParameterException" });
 * ```
 */
export function attributeMap(
  config: PoolConfig,
  list: readonly AttributeInput[] = [],
): Map<string, string> {
  assertAttributesInSchema(config.SchemaAttributes, list.map((attribute) => attribute.Name));
  if (list.some((attribute) => attribute.Name === "sub")) {
    throw cognitoError("AttributeNotInSchema");
  }
  return new Map(list.map((attribute) => [attribute.Name, attribute.Value ?? ""]));
}
