/**
 * Pass 2 of request validation (see `validate.ts`): required members,
 * length, pattern, enum and range, every violation collected with its
 * lower-camel-case path and AWS's "Value … at '…' failed to satisfy
 * constraint: …" text (sensitive values not echoed).
 *
 * @module
 */

import { compileJavaPattern } from "./java_regex.ts";
import { type Shape, shapeNamed } from "./shapes.ts";

type JsonObject = Record<string, unknown>;

/** One broken constraint: where, and the full text of the violation. */
export interface Violation {
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
export function constrain(
  shapeName: string,
  value: unknown,
  path: string,
  out: Violation[],
): void {
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
