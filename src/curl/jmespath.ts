/**
 * JMESPath (the query language of `save` and `expect.query`) as jq, for the
 * part of the language that has a faithful jq form: paths, indexes, `@`,
 * projections, filters, slices, multi-selects, comparisons, `!`, `&&`,
 * `||`, pipes and the common functions. Anything else has no translation
 * (`undefined`), and the script says what it could not check.
 *
 * Paths stay plain jq paths (`.AuthenticationResult.NewDeviceMetadata`), as
 * a reader expects; JMESPath's null for a missing member is jq's too.
 *
 * @module
 */

import { compile } from "@jmespath-community/jmespath";

type Node = { type: string; [key: string]: unknown };

/** A translation that is not possible. */
class Untranslatable extends Error {}

/**
 * The jq filter equivalent to a JMESPath expression, or `undefined` when it
 * has none (or does not compile).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jmespathToJq } from "./jmespath.ts";
 * assert.equal(jmespathToJq("AuthenticationResult.NewDeviceMetadata"), ".AuthenticationResult.NewDeviceMetadata");
 * assert.equal(jmespathToJq("Devices[0].DeviceKey"), ".Devices[0].DeviceKey");
 * assert.equal(jmespathToJq("@"), ".");
 * assert.equal(jmespathToJq("length(Devices)"), "(.Devices | jp_length)");
 * assert.equal(jmespathToJq("sort_by(Devices, &DeviceKey)"), undefined);
 * ```
 */
export function jmespathToJq(expression: string): string | undefined {
  let ast: Node;
  try {
    ast = compile(expression) as unknown as Node;
  } catch {
    return undefined;
  }
  try {
    return translate(ast);
  } catch (error) {
    if (error instanceof Untranslatable) return undefined;
    throw error;
  }
}

/**
 * The jq definitions translations call (`jp_length`, `jp_truthy`, …), to
 * put before a translated filter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JMESPATH_JQ_DEFS } from "./jmespath.ts";
 * assert.match(JMESPATH_JQ_DEFS, /^def jp_truthy:/m);
 * ```
 */
export const JMESPATH_JQ_DEFS = [
  'def jp_truthy: . != false and . != null and . != "" and . != [] and . != {};',
  'def jp_length: if type == "string" or type == "array" or type == "object" then length ' +
  'else error("length() needs a string, list or object") end;',
  'def jp_contains($x): if type == "array" then any(.[]; . == $x) ' +
  'elif type == "string" then contains($x) else error("contains() needs a list or string") end;',
  'def jp_to_string: if type == "string" then . else tojson end;',
  'def jp_field($k): if type == "object" then .[$k] else null end;',
].join("\n");

function field(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `.[${JSON.stringify(name)}]`;
}

/** Whether a translation is a plain jq path (`.a.b[0]`, `.`), to which `.x` can be appended. */
function isPath(jq: string): boolean {
  return PATH.test(jq);
}

const STEP = String.raw`(?:\.[A-Za-z_][A-Za-z0-9_]*|\.?\["(?:[^"\\]|\\.)*"\]|\.?\[-?\d+\])`;
const PATH = new RegExp(
  String.raw`^(?:\.|\.(?:[A-Za-z_][A-Za-z0-9_]*|\["(?:[^"\\]|\\.)*"\]|\[-?\d+\])${STEP}*)$`,
);

/** `right` applied to the result of `left`. */
function then(left: string, right: string): string {
  if (left === ".") return right;
  if (right === ".") return left;
  if (isPath(left) && isPath(right)) {
    return left + (right.startsWith(".[") ? right.slice(1) : right);
  }
  return `(${left} | ${right})`;
}

/** A projection: `right` on every item of `left`'s list (nulls dropped), else null. */
function project(left: string, right: string, test = 'type == "array"'): string {
  const each = right === "." ? ".[]" : `.[] | ${right}`;
  return `(${left} | if ${test} then [${each} | select(. != null)] else null end)`;
}

function translate(node: Node): string {
  switch (node.type) {
    case "Current":
    case "Identity":
      return ".";
    case "Field":
      return field(String(node.name));
    case "Literal":
      return JSON.stringify(node.value ?? null);
    case "Subexpression":
      return then(translate(node.left as Node), translate(node.right as Node));
    case "IndexExpression":
      return then(translate(node.left as Node), translate(node.right as Node));
    case "Index":
      return `.[${Number(node.value)}]`;
    case "Slice": {
      if (node.step !== null && node.step !== undefined && node.step !== 1) {
        throw new Untranslatable();
      }
      const start = node.start === null || node.start === undefined ? "" : String(node.start);
      const stop = node.stop === null || node.stop === undefined ? "" : String(node.stop);
      return `.[${start}:${stop}]`;
    }
    case "Projection": {
      const left = node.left as Node;
      // `a[1:2]` is a projection over a slice; `a[]` over a flatten.
      return project(translate(left), translate(node.right as Node));
    }
    case "ValueProjection":
      return `(${translate(node.left as Node)} | if type == "object" then [.[] | ${
        translate(node.right as Node)
      } | select(. != null)] else null end)`;
    case "FilterProjection": {
      const condition = translate(node.condition as Node);
      const right = translate(node.right as Node);
      const kept = `select(${condition} | jp_truthy)`;
      return `(${translate(node.left as Node)} | if type == "array" then [.[] | ${kept}${
        right === "." ? "" : ` | ${right}`
      } | select(. != null)] else null end)`;
    }
    case "Flatten":
      return `(${
        translate(node.child as Node)
      } | if type == "array" then [.[] | if type == "array" then .[] else . end] else null end)`;
    case "Pipe":
      return `(${translate(node.left as Node)} | ${translate(node.right as Node)})`;
    case "Comparator":
      return comparator(node);
    case "NotExpression":
      return `(${translate(node.child as Node)} | jp_truthy | not)`;
    case "AndExpression":
      return `(${translate(node.left as Node)} as $l | if ($l | jp_truthy) then ${
        translate(node.right as Node)
      } else $l end)`;
    case "OrExpression":
      return `(${translate(node.left as Node)} as $l | if ($l | jp_truthy) then $l else ${
        translate(node.right as Node)
      } end)`;
    case "MultiSelectList": {
      const items = (node.children as Node[]).map(translate);
      return `(if . == null then null else [${items.join(", ")}] end)`;
    }
    case "MultiSelectHash": {
      const pairs = (node.children as Node[]).map((pair) =>
        `${JSON.stringify(String(pair.name))}: ${translate(pair.value as Node)}`
      );
      return `(if . == null then null else {${pairs.join(", ")}} end)`;
    }
    case "Function":
      return call(String(node.name), node.children as Node[]);
    default:
      throw new Untranslatable();
  }
}

const COMPARATORS: Record<string, string> = {
  EQ: "==",
  NE: "!=",
  LT: "<",
  LTE: "<=",
  GT: ">",
  GTE: ">=",
};

function comparator(node: Node): string {
  const operator = COMPARATORS[String(node.name)];
  if (operator === undefined) throw new Untranslatable();
  const left = translate(node.left as Node);
  const right = translate(node.right as Node);
  if (operator === "==" || operator === "!=") return `(${left} ${operator} ${right})`;
  // Ordering compares numbers only; anything else is null in JMESPath.
  return `(${left} as $l | ${right} as $r | if ($l | type) == "number" and ($r | type) == "number" then $l ${operator} $r else null end)`;
}

/** Functions with a one-argument jq form: `(arg | form)`. */
const UNARY: Record<string, string> = {
  length: "jp_length",
  keys: "keys_unsorted",
  values: "[.[]]",
  type: "type",
  to_string: "jp_to_string",
  to_number: "tonumber",
  sort: "sort",
  reverse: "reverse",
  max: "max",
  min: "min",
  sum: "(add // 0)",
  avg: "(add / length)",
  abs: "fabs",
  ceil: "ceil",
  floor: "floor",
  not_null: ". // null",
};

function call(name: string, args: readonly Node[]): string {
  const unary = UNARY[name];
  if (unary !== undefined && args.length === 1) return `(${translate(args[0]!)} | ${unary})`;
  if (args.length === 2) {
    const [first, second] = args.map(translate) as [string, string];
    switch (name) {
      case "contains":
        return `(${first} | jp_contains(${second}))`;
      case "starts_with":
        return `(${first} | startswith(${second}))`;
      case "ends_with":
        return `(${first} | endswith(${second}))`;
      case "join":
        return `(${second} | join(${first}))`;
    }
  }
  throw new Untranslatable();
}

/**
 * The members and indexes of a JMESPath expression that is a plain path
 * (`a.b[0]`, `@`), or `undefined` for any other expression: what the
 * value's type is read along.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jmespathPath } from "./jmespath.ts";
 * assert.deepEqual(jmespathPath("Devices[0].DeviceKey"), ["Devices", 0, "DeviceKey"]);
 * assert.deepEqual(jmespathPath("@"), []);
 * assert.equal(jmespathPath("Devices[*].DeviceKey"), undefined);
 * ```
 */
export function jmespathPath(expression: string): (string | number)[] | undefined {
  let ast: Node;
  try {
    ast = compile(expression) as unknown as Node;
  } catch {
    return undefined;
  }
  const path: (string | number)[] = [];
  const walk = (node: Node): boolean => {
    switch (node.type) {
      case "Current":
      case "Identity":
        return true;
      case "Field":
        path.push(String(node.name));
        return true;
      case "Index":
        path.push(Number(node.value));
        return true;
      case "Subexpression":
      case "IndexExpression":
        return walk(node.left as Node) && walk(node.right as Node);
      default:
        return false;
    }
  };
  return walk(ast) ? path : undefined;
}
