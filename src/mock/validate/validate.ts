/**
 * Validates a request body against the service model, the way the Coral
 * front end of AWS does, in two passes:
 *
 * 1. **Deserialisation**: every modelled member must have the JSON type of its
 *    shape. The first mismatch is a `SerializationException`. Unknown members
 *    are ignored and `null` means absent, as in AWS JSON 1.1.
 * 2. **Constraints**: required members, length, pattern, enum and range. All
 *    violations are collected into one `InvalidParameterException`:
 *    `N validation errors detected: Value 'x' at 'path' failed to satisfy
 *    constraint: Member must …; …`. Values of sensitive shapes are not echoed
 *    (`Value at 'password' …`); member paths are lower-camel-case, list
 *    elements are `name.1.member`; violations are listed in path order.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { compileJavaPattern } from "./java_regex.ts";
import { type Shape, shapeNamed } from "./shapes.ts";

/** A JSON object as decoded from a request body. */
export type JsonObject = Record<string, unknown>;

const JAVA_CLASS = {
  string: "java.lang.String",
  number: "com.amazon.coral.value.json.numbers.TruncatingBigNumber",
  boolean: "java.lang.Boolean",
} as const;

const TARGET_TYPE: Record<string, string> = {
  string: "String",
  integer: "Integer",
  long: "Long",
  boolean: "Boolean",
  timestamp: "Date",
  blob: "ByteBuffer",
  structure: "Structure",
  map: "Map",
  list: "List",
};

function typeMismatch(value: unknown, shape: Shape): never {
  if (Array.isArray(value)) throw cognitoError("SerializationUnexpectedList");
  if (typeof value === "object" && value !== null) {
    throw cognitoError("SerializationUnexpectedStructure");
  }
  const kind = typeof value as keyof typeof JAVA_CLASS;
  throw cognitoError("SerializationTypeMismatch", {
    javaClass: JAVA_CLASS[kind] ?? JAVA_CLASS.string,
    targetType: TARGET_TYPE[shape.type] ?? "Structure",
  });
}

/**
 * Pass 1: checks JSON types against the shape and returns a cleaned copy
 * (unknown members dropped, `null` members and map values removed, integers
 * truncated as Coral's TruncatingBigNumber does).
 */
function deserialize(shapeName: string, value: unknown): unknown {
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        typeMismatch(value, shape);
      }
      if (shape.document === true) return value;
      const out: JsonObject = {};
      for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
        const member = (value as JsonObject)[name];
        if (member === undefined || member === null) continue;
        out[name] = deserialize(memberShape, member);
      }
      return out;
    }
    case "list": {
      if (!Array.isArray(value)) typeMismatch(value, shape);
      return value.filter((item) => item !== null).map((item) => deserialize(shape.member!, item));
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        typeMismatch(value, shape);
      }
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value as JsonObject)) {
        if (item === null) continue;
        out[key] = deserialize(shape.value!, item);
      }
      return out;
    }
    case "string":
    case "blob":
      if (typeof value !== "string") typeMismatch(value, shape);
      return value;
    case "boolean":
      if (typeof value !== "boolean") typeMismatch(value, shape);
      return value;
    case "integer":
    case "long":
      if (typeof value !== "number" || !Number.isFinite(value)) typeMismatch(value, shape);
      return Math.trunc(value);
    case "timestamp":
      if (typeof value !== "number") typeMismatch(value, shape);
      return value;
    default:
      return value;
  }
}

interface Violation {
  path: string;
  text: string;
}

function javaString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${javaString(v)}`).join(", ")}}`;
  }
  return String(value);
}

function describe(value: unknown, shape: Shape): string {
  if (value === undefined || value === null) return "Value null";
  if (shape.sensitive === true) return "Value";
  return `Value '${javaString(value)}'`;
}

/** The "Member must …" texts a scalar, list or map itself breaks. */
function ownConstraints(value: unknown, shape: Shape): string[] {
  const texts: string[] = [];
  const sized = typeof value === "string"
    ? value.length
    : Array.isArray(value)
    ? value.length
    : typeof value === "object" && value !== null
    ? Object.keys(value).length
    : undefined;
  if (typeof value === "number") {
    if (shape.min !== undefined && value < shape.min) {
      texts.push(`Member must have value greater than or equal to ${shape.min}`);
    }
    if (shape.max !== undefined && value > shape.max) {
      texts.push(`Member must have value less than or equal to ${shape.max}`);
    }
    return texts;
  }
  if (sized !== undefined && shape.type !== "structure") {
    if (shape.min !== undefined && sized < shape.min) {
      texts.push(`Member must have length greater than or equal to ${shape.min}`);
    }
    if (shape.max !== undefined && sized > shape.max) {
      texts.push(`Member must have length less than or equal to ${shape.max}`);
    }
  }
  if (typeof value === "string") {
    if (shape.pattern !== undefined && !compileJavaPattern(shape.pattern).test(value)) {
      texts.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    if (shape.enum !== undefined && !shape.enum.includes(value)) {
      texts.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
    }
  }
  return texts;
}

function isScalar(shape: Shape): boolean {
  return shape.type !== "structure" && shape.type !== "list" && shape.type !== "map";
}

/** Pass 2: collects every constraint violation under `path`. */
function constrain(shapeName: string, value: unknown, path: string, out: Violation[]): void {
  const shape = shapeNamed(shapeName);
  const report = (text: string): void => {
    out.push({
      path,
      text: `${describe(value, shape)} at '${path}' failed to satisfy constraint: ${text}`,
    });
  };
  for (const text of ownConstraints(value, shape)) report(text);
  if (shape.type === "structure" && typeof value === "object" && value !== null) {
    const object = value as JsonObject;
    for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
      const memberPath = path === "" ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
      const member = object[name];
      if (member === undefined) {
        if (shape.required?.includes(name)) {
          out.push({
            path: memberPath,
            text:
              `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
          });
        }
        continue;
      }
      constrain(memberShape, member, memberPath, out);
    }
  } else if (shape.type === "list" && Array.isArray(value)) {
    const element = shapeNamed(shape.member!);
    if (isScalar(element)) {
      const inner = unique(value.flatMap((item) => ownConstraints(item, element)));
      if (inner.length > 0) report(`Member must satisfy constraint: [${inner.join(", ")}]`);
    } else {
      value.forEach((item, index) =>
        constrain(shape.member!, item, `${path}.${index + 1}.member`, out)
      );
    }
  } else if (shape.type === "map" && typeof value === "object" && value !== null) {
    const keyShape = shapeNamed(shape.key!);
    const valueShape = shapeNamed(shape.value!);
    const entries = Object.entries(value as JsonObject);
    const keyTexts = unique(entries.flatMap(([key]) => ownConstraints(key, keyShape)));
    if (keyTexts.length > 0) report(`Map keys must satisfy constraint: [${keyTexts.join(", ")}]`);
    if (isScalar(valueShape)) {
      const valueTexts = unique(entries.flatMap(([, item]) => ownConstraints(item, valueShape)));
      if (valueTexts.length > 0) {
        report(`Map value must satisfy constraint: [${valueTexts.join(", ")}]`);
      }
    } else {
      for (const [key, item] of entries) constrain(shape.value!, item, `${path}.${key}`, out);
    }
  }
}

function unique(texts: string[]): string[] {
  return [...new Set(texts)];
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Validates `body` against the input shape `shapeName` and returns the
 * cleaned input. Throws the catalogue's `SerializationException` or
 * `InvalidParameterException` as AWS would.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateShape } from "./validate.ts";
 * import { CognitoError } from "../../cognito/errors.ts";
 * assert.deepEqual(validateShape("DescribeUserPoolRequest", { UserPoolId: "us-east-1_abc", Extra: 1 }), {
 *   UserPoolId: "us-east-1_abc",
 * });
 * assert.throws(
 *   () => validateShape("DescribeUserPoolRequest", {}),
 *   (error: CognitoError) =>
 *     error.message === "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
 * );
 * ```
 */
export function validateShape(shapeName: string, body: unknown): JsonObject {
  const cleaned = deserialize(shapeName, body) as JsonObject;
  const violations: Violation[] = [];
  constrain(shapeName, cleaned, "", violations);
  if (violations.length > 0) {
    // Stable sort: within one member the checks keep their order (length, then pattern).
    violations.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    throw cognitoError("ValidationFailed", {
      count: violations.length,
      noun: violations.length === 1 ? "error" : "errors",
      violations: violations.map((violation) => violation.text).join("; "),
    });
  }
  return cleaned;
}

/**
 * Checks only the JSON types of `body` against a shape (pass 1), throwing
 * `SerializationException` on a mismatch. For the mock's own outputs: AWS
 * outputs do not always meet the model's input constraints (DescribeUserPool
 * lists `phone_number_verified`, longer than CustomAttributeNameType's 20).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkShapeTypes } from "./validate.ts";
 * checkShapeTypes("DescribeUserPoolRequest", { UserPoolId: "x" });
 * assert.throws(() => checkShapeTypes("DescribeUserPoolRequest", { UserPoolId: 1 }));
 * ```
 */
export function checkShapeTypes(shapeName: string, body: unknown): void {
  deserialize(shapeName, body);
}

/**
 * The paths of members that `value` has but the shape does not model (for
 * checking the mock's own outputs in tests: AWS clients ignore unknown
 * members, so a typo would go unnoticed otherwise).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unmodelledMembers } from "./validate.ts";
 * assert.deepEqual(unmodelledMembers("DescribeUserPoolRequest", { UserPoolId: "a_b", Typo: 1 }), ["Typo"]);
 * ```
 */
export function unmodelledMembers(shapeName: string, value: unknown, path = ""): string[] {
  const shape = shapeNamed(shapeName);
  const join = (name: string) => (path === "" ? name : `${path}.${name}`);
  if (
    shape.type === "structure" && shape.document !== true && typeof value === "object" &&
    value !== null
  ) {
    return Object.entries(value as JsonObject).flatMap(([name, member]) => {
      const memberShape = shape.members?.[name];
      return memberShape === undefined
        ? [join(name)]
        : unmodelledMembers(memberShape, member, join(name));
    });
  }
  if (shape.type === "list" && Array.isArray(value)) {
    return value.flatMap((item, index) =>
      unmodelledMembers(shape.member!, item, join(String(index)))
    );
  }
  if (shape.type === "map" && typeof value === "object" && value !== null) {
    return Object.entries(value as JsonObject).flatMap(([key, item]) =>
      unmodelledMembers(shape.value!, item, join(key))
    );
  }
  return [];
}
