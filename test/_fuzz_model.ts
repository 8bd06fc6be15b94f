/**
 * The service model (fixtures/cognito-idp-shapes.json) as fuzz input: every
 * member site of every implemented operation, JSON values of the wrong kind
 * and the exact SerializationException the model's deserialiser answers for
 * them, bodies that put a value at a member path, and model-shaped requests
 * with known ids mixed in.
 *
 * @module
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { OPERATION_REGISTRY } from "../src/mock/operations/registry.ts";
import { operationShapes, type Shape, shapeNamed } from "../src/mock/validate/shapes.ts";

// ---------------------------------------------------------------------------------------------
// The service model: members, their JSON types, and the answer to a wrong type

/** One modelled member of an operation's input, by its path of member names. */
export interface MemberSite {
  readonly operation: string;
  readonly path: readonly string[];
  /** The member's shape name. */
  readonly shape: string;
}

/** Every member of every implemented operation's input, nested structures included (depth ≤ 3). */
export const MEMBER_SITES: readonly MemberSite[] = [...OPERATION_REGISTRY.keys()].flatMap(
  (operation) => {
    const input = operationShapes(operation)?.input;
    if (input === undefined) return [];
    const sites: MemberSite[] = [];
    const walk = (shapeName: string, path: string[]): void => {
      const shape = shapeNamed(shapeName);
      if (shape.type !== "structure" || shape.document === true || path.length >= 3) return;
      for (const [member, memberShape] of Object.entries(shape.members ?? {})) {
        sites.push({ operation, path: [...path, member], shape: memberShape });
        walk(memberShape, [...path, member]);
      }
    };
    walk(input, []);
    return sites;
  },
);

/** The JSON kinds a value can have on the wire. */
export type JsonKind = "string" | "number" | "boolean" | "object" | "array";

/** The JSON kind a shape takes (`undefined` for a free-form document). */
export function kindOf(shape: Shape): JsonKind | undefined {
  if (shape.document === true) return undefined;
  switch (shape.type) {
    case "structure":
    case "map":
      return "object";
    case "list":
      return "array";
    case "boolean":
      return "boolean";
    case "integer":
    case "long":
    case "timestamp":
      return "number";
    default:
      return "string";
  }
}

// The names Coral's messages use (catalogue entry SerializationTypeMismatch and its source).
const JAVA_CLASS: Record<string, string> = {
  string: "java.lang.String",
  number: "com.amazon.coral.value.json.numbers.TruncatingBigNumber",
  boolean: "java.lang.Boolean",
};
const TARGET_TYPE: Record<string, string> = {
  string: "String",
  blob: "ByteBuffer",
  integer: "Integer",
  long: "Long",
  boolean: "Boolean",
  timestamp: "Date",
  structure: "Structure",
  map: "Map",
  list: "List",
};

/**
 * The SerializationException the model's deserialiser answers for a value
 * of `kind` where `shape` is modelled (catalogue: SerializationTypeMismatch,
 * …UnexpectedStructure, …UnexpectedList).
 */
export function wrongTypeError(shape: Shape, kind: JsonKind): { type: string; message: string } {
  const type = "SerializationException";
  if (kind === "array") return { type, message: "Start of list found where not expected." };
  if (kind === "object") {
    return { type, message: "Start of structure or map found where not expected." };
  }
  return {
    type,
    message: `class ${JAVA_CLASS[kind]} can not be converted to an ${TARGET_TYPE[shape.type]}`,
  };
}

/** A JSON value of `kind` (small; deep and huge values come from other arbitraries). */
export function valueOfKind(kind: JsonKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case "string":
      return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("", "null", "0", "true"));
    case "number":
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "boolean":
      return fc.boolean();
    case "object":
      return fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      });
    case "array":
      return fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 });
  }
}

/** A member of a real operation given a value of the wrong JSON kind, and the exact answer. */
export interface WrongTypeRecipe {
  readonly site: MemberSite;
  readonly kind: JsonKind;
  readonly value: unknown;
}

/** Every member site, each with every JSON kind it does not take. */
export const wrongTypeArbitrary: fc.Arbitrary<WrongTypeRecipe> = fc
  .constantFrom(...MEMBER_SITES.filter((site) => kindOf(shapeNamed(site.shape)) !== undefined))
  .chain((site) => {
    const own = kindOf(shapeNamed(site.shape));
    const kinds = (["string", "number", "boolean", "object", "array"] as const).filter((kind) =>
      kind !== own
    );
    return fc.constantFrom(...kinds).chain((kind) =>
      valueOfKind(kind).map((value) => ({ site, kind, value }))
    );
  });

/** The body `{…path: value}` (each enclosing structure an object of one member). */
export function bodyWith(path: readonly string[], value: unknown): Record<string, unknown> {
  let body: unknown = value;
  for (const member of [...path].reverse()) body = { [member]: body };
  return body as Record<string, unknown>;
}

const HOLE = "\u0000hole\u0000";

/** The JSON text of `{…path: value}` with `json` spliced in as the value. */
export function bodyTextWith(path: readonly string[], json: string): string {
  return JSON.stringify(bodyWith(path, HOLE)).replace(JSON.stringify(HOLE), () => json);
}

// ---------------------------------------------------------------------------------------------
// Model-shaped requests

/** Values to mix into model-shaped requests, by member name and by map key. */
export interface KnownValues {
  readonly members: Readonly<Record<string, readonly string[]>>;
  readonly mapKeys: readonly string[];
  readonly mapValues: Readonly<Record<string, readonly string[]>>;
}

/** A model-shaped value of `shapeName` (random, with known values mixed in), up to depth 3. */
export function modelValue(
  shapeName: string,
  known: KnownValues,
  depth = 0,
): fc.Arbitrary<unknown> {
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case "structure": {
      if (shape.document === true) return fc.jsonValue({ maxDepth: 2 });
      const members = Object.entries(shape.members ?? {}).map(([member, memberShape]) => {
        const values = known.members[member];
        const base = depth > 3 ? fc.constant(undefined) : modelValue(memberShape, known, depth + 1);
        return [
          member,
          values === undefined || values.length === 0
            ? base
            : fc.oneof(fc.constantFrom(...values), base),
        ] as const;
      });
      return fc.record(Object.fromEntries(members), {
        requiredKeys: [...(shape.required ?? [])] as never[],
      });
    }
    case "list":
      return depth > 3
        ? fc.constant([])
        : fc.array(modelValue(shape.member!, known, depth + 1), { maxLength: 3 });
    case "map":
      return fc.array(
        fc.oneof(fc.constantFrom(...known.mapKeys), fc.string({ maxLength: 10 })).chain((key) => {
          const values = known.mapValues[key] ?? [];
          const base = modelValue(shape.value!, known, depth + 1);
          return (values.length === 0 ? base : fc.oneof(fc.constantFrom(...values), base)).map(
            (value) => [key, value] as const,
          );
        }),
        { maxLength: 5 },
      ).map((entries) => Object.fromEntries(entries));
    case "string":
      return shape.enum !== undefined
        ? fc.oneof(fc.constantFrom(...shape.enum), fc.string({ maxLength: 8 }))
        : fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.stringMatching(/^[\w-]{1,12}_[0-9a-zA-Z]{1,12}$/),
          fc.constantFrom("", "__proto__", "us-east-1_abc"),
        );
    case "integer":
    case "long":
      return fc.integer({ min: -5, max: 100 });
    case "boolean":
      return fc.boolean();
    case "timestamp":
      return fc.integer({ min: 0, max: 2_000_000_000 });
    default:
      return fc.string({ maxLength: 20 });
  }
}

assert.ok(MEMBER_SITES.length > 200, "the model yields the member sites");
