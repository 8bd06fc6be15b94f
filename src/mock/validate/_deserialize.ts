/**
 * Pass 1 of request validation (see `validate.ts`): JSON types against the
 * model, as Coral deserialises them. The first mismatch is a
 * `SerializationException` naming the Java class and target type.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { type Shape, shapeNamed } from "./shapes.ts";

type JsonObject = Record<string, unknown>;

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
export function deserialize(shapeName: string, value: unknown): unknown {
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
