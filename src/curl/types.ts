/**
 * What `to-curl` knows of a value before the script runs: its JSON kind,
 * from the Cognito service model (the shapes fixture the mock validates
 * against) for what responses hold, and from the function catalogue for
 * what templates compute. A value known to be a string is held raw in its
 * shell variable (`jq -r`) and spliced inside JSON quotes; anything else is
 * held as JSON text (`jq -c`) and spliced as it is, which is right for any
 * value.
 *
 * @module
 */

import fixture from "../../fixtures/cognito-idp-shapes.json" with { type: "json" };

/** The JSON kind of a value, or `unknown`. */
export type Kind = "string" | "number" | "boolean" | "object" | "array" | "null" | "unknown";

/** A value's static type: its kind, and how to type its members. */
export interface StaticType {
  /** The JSON kind. */
  kind: Kind;
  /** The Cognito model shape it has, when known (members are typed from it). */
  shape?: string;
  /** The types of its members, when it is a record the catalogue describes (an SRP claim). */
  members?: Readonly<Record<string, StaticType>>;
}

interface Shape {
  type: string;
  members?: Record<string, string>;
  member?: string;
  value?: string;
  document?: boolean;
}

const SHAPES = fixture.shapes as unknown as Readonly<Record<string, Shape>>;
const OPERATIONS = fixture.operations as unknown as Readonly<
  Record<string, { input?: string; output?: string }>
>;

/** A value of unknown type. */
export const UNKNOWN: StaticType = { kind: "unknown" };
/** A string. */
export const STRING: StaticType = { kind: "string" };
/** A number. */
export const NUMBER: StaticType = { kind: "number" };

/**
 * A record whose listed members are strings (SRP claims, device verifiers).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memberType, stringRecord } from "./types.ts";
 * const claim = stringRecord(["TIMESTAMP"]);
 * assert.equal(memberType(claim, "TIMESTAMP").kind, "string");
 * assert.equal(memberType(claim, "OTHER").kind, "unknown");
 * ```
 */
export function stringRecord(names: readonly string[]): StaticType {
  return { kind: "object", members: Object.fromEntries(names.map((name) => [name, STRING])) };
}

/**
 * The type of a model shape.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shapeType } from "./types.ts";
 * assert.equal(shapeType("TokenModelType").kind, "string");
 * assert.equal(shapeType("AuthenticationResultType").kind, "object");
 * assert.equal(shapeType("NoSuchShape").kind, "unknown");
 * ```
 */
export function shapeType(name: string): StaticType {
  const shape = Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
  if (shape === undefined || shape.document === true) return UNKNOWN;
  switch (shape.type) {
    case "string":
    case "blob": // base64 text in JSON
      return { kind: "string", shape: name };
    case "integer":
    case "long":
    case "double":
    case "float":
    case "timestamp": // epoch seconds in AWS JSON 1.1
      return { kind: "number", shape: name };
    case "boolean":
      return { kind: "boolean", shape: name };
    case "structure":
    case "map":
      return { kind: "object", shape: name };
    case "list":
      return { kind: "array", shape: name };
    default:
      return UNKNOWN;
  }
}

/**
 * The type of an operation's response body.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memberType, responseType } from "./types.ts";
 * const answer = responseType("InitiateAuth");
 * assert.equal(memberType(answer, "Session").kind, "string");
 * assert.equal(responseType("NoSuchOperation").kind, "unknown");
 * ```
 */
export function responseType(operation: string): StaticType {
  const output = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation]?.output : undefined;
  return output === undefined ? UNKNOWN : shapeType(output);
}

/**
 * The type of a member (a name) or an item (an index) of a value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memberType, responseType } from "./types.ts";
 * const devices = memberType(responseType("ListDevices"), "Devices");
 * assert.equal(devices.kind, "array");
 * assert.equal(memberType(memberType(devices, 0), "DeviceKey").kind, "string");
 * const challenge = memberType(responseType("InitiateAuth"), "ChallengeParameters");
 * assert.equal(memberType(challenge, "USER_ID_FOR_SRP").kind, "string");
 * ```
 */
export function memberType(type: StaticType, key: string | number): StaticType {
  if (type.members !== undefined) {
    return typeof key === "string" && Object.hasOwn(type.members, key)
      ? type.members[key]!
      : UNKNOWN;
  }
  const shape = type.shape === undefined ? undefined : SHAPES[type.shape];
  if (shape === undefined) return UNKNOWN;
  if (shape.type === "structure" && typeof key === "string") {
    const member = shape.members?.[key];
    return member === undefined ? UNKNOWN : shapeType(member);
  }
  if (shape.type === "map" && typeof key === "string" && shape.value !== undefined) {
    return shapeType(shape.value);
  }
  if (shape.type === "list" && typeof key === "number" && shape.member !== undefined) {
    return shapeType(shape.member);
  }
  return UNKNOWN;
}

/**
 * The type at a path of members and items.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pathType, responseType } from "./types.ts";
 * const answer = responseType("RespondToAuthChallenge");
 * assert.equal(pathType(answer, ["AuthenticationResult", "NewDeviceMetadata", "DeviceKey"]).kind, "string");
 * ```
 */
export function pathType(type: StaticType, path: readonly (string | number)[]): StaticType {
  let current = type;
  for (const key of path) current = memberType(current, key);
  return current;
}

/**
 * The static type of a literal JSON value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueType } from "./types.ts";
 * assert.equal(valueType("x").kind, "string");
 * assert.equal(valueType([1]).kind, "array");
 * assert.equal(valueType(null).kind, "null");
 * ```
 */
export function valueType(value: unknown): StaticType {
  if (value === null) return { kind: "null" };
  if (Array.isArray(value)) return { kind: "array" };
  switch (typeof value) {
    case "string":
      return STRING;
    case "number":
      return NUMBER;
    case "boolean":
      return { kind: "boolean" };
    case "object":
      return { kind: "object" };
    default:
      return UNKNOWN;
  }
}
