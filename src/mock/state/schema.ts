/**
 * User pool attribute schemas: the standard attributes every pool has (as
 * DescribeUserPool lists them) and the custom attributes CreateUserPool adds.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { SchemaAttribute } from "./types.ts";

const text = (
  Name: string,
  Required = false,
  MinLength = "0",
  Mutable = true,
): SchemaAttribute => ({
  Name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable,
  Required,
  StringAttributeConstraints: { MinLength, MaxLength: "2048" },
});

const flag = (Name: string): SchemaAttribute => ({
  Name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** The standard attributes of every user pool, in DescribeUserPool's order. */
export function standardSchema(): SchemaAttribute[] {
  return [
    text("sub", true, "1", false),
    text("name"),
    text("given_name"),
    text("family_name"),
    text("middle_name"),
    text("nickname"),
    text("preferred_username"),
    text("profile"),
    text("picture"),
    text("website"),
    text("email"),
    flag("email_verified"),
    text("gender"),
    { ...text("birthdate"), StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } },
    text("zoneinfo"),
    text("locale"),
    text("phone_number"),
    flag("phone_number_verified"),
    text("address"),
    {
      Name: "updated_at",
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: "0" },
    },
  ];
}

/** A `SchemaAttributeType` as CreateUserPool receives it. */
export interface SchemaInput {
  Name?: string;
  AttributeDataType?: string;
  DeveloperOnlyAttribute?: boolean;
  Mutable?: boolean;
  Required?: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

/**
 * The full schema of a new pool: the standard attributes, with `Required` /
 * `Mutable` / constraints overridden where the input names a standard
 * attribute, plus `custom:` attributes for every other name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildSchema } from "./schema.ts";
 * const schema = buildSchema([{ Name: "email", Required: true }, { Name: "tenant", AttributeDataType: "String" }]);
 * assert.equal(schema.find((a) => a.Name === "email")?.Required, true);
 * assert.ok(schema.some((a) => a.Name === "custom:tenant"));
 * ```
 */
export function buildSchema(input: readonly SchemaInput[] = []): SchemaAttribute[] {
  const schema = standardSchema();
  for (const entry of input) {
    const name = entry.Name ?? "";
    const standard = schema.find((attribute) => attribute.Name === name);
    if (standard !== undefined) {
      if (entry.Required !== undefined) standard.Required = entry.Required;
      if (entry.Mutable !== undefined) standard.Mutable = entry.Mutable;
      if (entry.StringAttributeConstraints !== undefined) {
        standard.StringAttributeConstraints = {
          ...standard.StringAttributeConstraints,
          ...entry.StringAttributeConstraints,
        };
      }
      continue;
    }
    const custom: SchemaAttribute = {
      Name: name.startsWith("custom:") ? name : `custom:${name}`,
      AttributeDataType:
        (entry.AttributeDataType ?? "String") as SchemaAttribute["AttributeDataType"],
      DeveloperOnlyAttribute: entry.DeveloperOnlyAttribute ?? false,
      Mutable: entry.Mutable ?? true,
      Required: false,
    };
    if (custom.AttributeDataType === "String") {
      custom.StringAttributeConstraints = entry.StringAttributeConstraints ?? {};
    }
    if (custom.AttributeDataType === "Number") {
      custom.NumberAttributeConstraints = entry.NumberAttributeConstraints ?? {};
    }
    schema.push(custom);
  }
  return schema;
}

/**
 * Throws `InvalidParameterException` "Attribute does not exist in the schema."
 * unless every name is in the pool's schema.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertAttributesInSchema, standardSchema } from "./schema.ts";
 * assertAttributesInSchema(standardSchema(), ["email"]);
 * assert.throws(() => assertAttributesInSchema(standardSchema(), ["shoe_size"]));
 * ```
 */
export function assertAttributesInSchema(
  schema: readonly SchemaAttribute[],
  names: Iterable<string>,
): void {
  for (const name of names) {
    if (!schema.some((attribute) => attribute.Name === name)) {
      throw cognitoError("AttributeNotInSchema");
    }
  }
}
