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
import { constrain, type Violation } from "./_constraints.ts";
import { deserialize } from "./_deserialize.ts";
import { shapeNamed } from "./shapes.ts";

/** A JSON object as decoded from a request body. */
export type JsonObject = Record<string, unknown>;

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
