/**
 * The syntax tree of `${…}` templates. Offsets are 0-based positions in the
 * template's source string; a {@linkcode Template} can turn them into file
 * positions when it was parsed from a scenario file.
 *
 * @module
 */

/** A 1-based position in a source file. */
export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
}

/** Start (inclusive) and end (exclusive) offsets in the template source. */
export interface Span {
  /** 0-based offset of the first character. */
  start: number;
  /** 0-based offset just past the last character. */
  end: number;
}

/** One step of a path: a name (`.name`, `["x-y"]`) or an index (`[0]`, `[-1]`). */
export interface PathSegment extends Span {
  /** The name, or the index (negative indexes count from the end). */
  key: string | number;
}

/** `a.b[0]`: the first segment is the root name (`tokens`, `users`, `env`, a capture…). */
export interface PathExpression extends Span {
  /** Discriminant. */
  type: "path";
  /** The root name, then each member or index read from it. */
  segments: readonly [PathSegment, ...PathSegment[]];
}

/** A string, number, boolean or null literal. */
export interface LiteralExpression extends Span {
  /** Discriminant. */
  type: "literal";
  /** The literal's value (strings with escapes resolved). */
  value: string | number | boolean | null;
}

/** `srp.deviceVerifier(device)`: a call to a function of the fixed registry. */
export interface CallExpression extends Span {
  /** Discriminant. */
  type: "call";
  /** Dotted function name, e.g. `srp.deviceVerifier`. */
  name: string;
  /** Span of the name alone. */
  nameSpan: Span;
  /** Positional arguments, in order. */
  args: readonly Expression[];
}

/** Any expression inside `${…}`. */
export type Expression = PathExpression | LiteralExpression | CallExpression;

/** Literal text between expressions (escapes already resolved). */
export interface TextPart extends Span {
  /** Discriminant. */
  type: "text";
  /** The text, `$${` already turned into `${`. */
  text: string;
}

/** One `${…}` occurrence. */
export interface ExpressionPart extends Span {
  /** Discriminant. */
  type: "expression";
  /** The parsed content of the `${…}`. */
  expression: Expression;
  /** The occurrence as written, `${` and `}` included, for messages. */
  source: string;
}

/** A piece of a template. */
export type TemplatePart = TextPart | ExpressionPart;

/** Maps an offset in a template's source to a file position, when known. */
export type Locator = (offset: number) => SourcePosition | undefined;

/**
 * A parsed string containing at least one `${…}` expression. A string that is
 * exactly one expression (`"${tokens}"`) is *whole*: it renders to the raw
 * value (object, number…); otherwise expressions are interpolated into text.
 *
 * Templates sit in scenario value trees next to plain JSON values; they are
 * recognised with `instanceof Template` (see {@linkcode isTemplate}) and
 * serialise back to their source text with `JSON.stringify`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTemplate, Template } from "./mod.ts";
 * const template = parseTemplate("${tokens.AccessToken}");
 * assert.ok(template instanceof Template);
 * assert.equal(template.whole, true);
 * assert.equal(JSON.stringify({ a: template }), '{"a":"${tokens.AccessToken}"}');
 * ```
 */
export class Template {
  /** The string as written in the scenario (after YAML unescaping). */
  readonly source: string;
  /** Text and expression parts, in order. */
  readonly parts: readonly TemplatePart[];
  #locate: Locator | undefined;

  /** Use {@linkcode parseTemplate}; this constructor trusts its input. */
  constructor(source: string, parts: readonly TemplatePart[], locate?: Locator) {
    this.source = source;
    this.parts = parts;
    this.#locate = locate;
  }

  /** True when the source is exactly one `${…}` with no surrounding text. */
  get whole(): boolean {
    return this.parts.length === 1 && this.parts[0]!.type === "expression";
  }

  /** The expression parts. */
  get expressions(): ExpressionPart[] {
    return this.parts.filter((part): part is ExpressionPart => part.type === "expression");
  }

  /** File position of the template's first character, when known. */
  get position(): SourcePosition | undefined {
    return this.#locate?.(0);
  }

  /** File position of an offset in {@linkcode source}, when known. */
  positionAt(offset: number): SourcePosition | undefined {
    return this.#locate?.(offset);
  }

  /** The source text. */
  toString(): string {
    return this.source;
  }

  /** The source text, so value trees holding templates serialise readably. */
  toJSON(): string {
    return this.source;
  }
}

/**
 * Whether `value` is a {@linkcode Template}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isTemplate, parseTemplate } from "./mod.ts";
 * assert.equal(isTemplate(parseTemplate("${a}")), true);
 * assert.equal(isTemplate("${a}"), false);
 * ```
 */
export function isTemplate(value: unknown): value is Template {
  return value instanceof Template;
}

/**
 * A path as text, e.g. `users.alice`, `a[0]`, `a["custom:tenant"]`, up to (excluding)
 * segment `end`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPath } from "./ast.ts";
 * const at = { start: 0, end: 0 };
 * assert.equal(formatPath([{ key: "a", ...at }, { key: 0, ...at }, { key: "custom:tenant", ...at }]), 'a[0]["custom:tenant"]');
 * ```
 */
export function formatPath(segments: readonly PathSegment[], end = segments.length): string {
  let text = "";
  for (const [index, segment] of segments.slice(0, end).entries()) {
    if (typeof segment.key === "number") text += `[${segment.key}]`;
    else if (index === 0) text += segment.key;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment.key)) text += `.${segment.key}`;
    else text += `[${JSON.stringify(segment.key)}]`;
  }
  return text;
}

/**
 * An expression as canonical text (the inverse of parsing, up to spacing and
 * quotes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatExpression } from "./ast.ts";
 * import { parseExpression } from "./parser.ts";
 * assert.equal(formatExpression(parseExpression("secretHash( users.alice.username )")), "secretHash(users.alice.username)");
 * assert.equal(formatExpression(parseExpression("concat('a', 1, null)")), 'concat("a", 1, null)');
 * ```
 */
export function formatExpression(expression: Expression): string {
  switch (expression.type) {
    case "literal":
      return JSON.stringify(expression.value);
    case "path":
      return formatPath(expression.segments);
    case "call":
      return `${expression.name}(${expression.args.map(formatExpression).join(", ")})`;
  }
}

/**
 * The expression and every expression nested in it (call arguments), depth
 * first, outer first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expressionNodes } from "./ast.ts";
 * import { parseExpression } from "./parser.ts";
 * const nodes = expressionNodes(parseExpression("srp.deviceClaim(challenge, device)"));
 * assert.deepEqual(nodes.map((node) => node.type), ["call", "path", "path"]);
 * ```
 */
export function expressionNodes(expression: Expression): Expression[] {
  const nodes: Expression[] = [expression];
  if (expression.type === "call") {
    for (const arg of expression.args) nodes.push(...expressionNodes(arg));
  }
  return nodes;
}
