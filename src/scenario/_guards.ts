/**
 * The checks that keep loading bounded (see `limits.ts`): text that is not
 * YAML (control characters), a file too large, nesting too deep (checked on
 * the parser's tokens, before the recursive composer sees them), and aliases
 * (unknown, cyclic, or expanding past the bounds), checked on the document
 * before anything converts it to plain values.
 */

import {
  type CST,
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
} from "yaml";
import { didYouMean } from "../template/mod.ts";
import type { Problem } from "./_issues.ts";
import { SCENARIO_LIMITS } from "./limits.ts";
import type { SourcePosition } from "../template/mod.ts";

/** C0 control characters (but tab, line feed and carriage return) and DEL: not YAML text. */
// deno-lint-ignore no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

/** `1 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The problem of a file of `bytes` bytes (or more, when `atLeast`: it was not read to its end). */
export function sizeProblem(bytes: number, atLeast: boolean): Problem {
  const limit = `the ${formatBytes(SCENARIO_LIMITS.maxBytes)} a scenario file may have`;
  return {
    message: atLeast
      ? `Cannot read the file: it is longer than ${limit}`
      : `Cannot read the file: it is ${bytes} bytes, more than ${limit}`,
    position: { line: 1, column: 1 },
  };
}

/**
 * Size and content of the text itself: at most `maxBytes` in UTF-8, and no
 * control character. `positionAt` turns an offset into a position.
 */
export function textProblem(
  text: string,
  positionAt: (offset: number) => SourcePosition,
): Problem | undefined {
  // UTF-8 takes at least one byte per UTF-16 unit: only a text that might be too large is encoded.
  const max = SCENARIO_LIMITS.maxBytes;
  if (text.length > max) return sizeProblem(text.length, true);
  if (text.length * 3 > max) {
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > max) return sizeProblem(bytes, false);
  }
  const control = CONTROL.exec(text);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return {
      message: `Cannot read the file: it holds binary data (control character U+${code}), ` +
        "not YAML text",
      position: positionAt(control.index),
    };
  }
  return undefined;
}

/**
 * Visits the parser's tokens in document order without recursion, with
 * their nesting level (collections count); stops when `visit` returns true.
 */
function walkTokens(
  tokens: readonly CST.Token[],
  visit: (token: CST.Token, level: number) => boolean | void,
): void {
  const stack: [CST.Token, number][] = tokens.toReversed().map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === "document") {
      if (token.value !== undefined) stack.push([token.value, depth]);
      continue;
    }
    const collection = token.type === "block-map" || token.type === "block-seq" ||
      token.type === "flow-collection";
    const level = collection ? depth + 1 : depth;
    if (visit(token, level) === true) return;
    if (!collection) continue;
    // Reversed, so that the stack pops items (and a key before its value) in document order.
    for (let index = token.items.length - 1; index >= 0; index--) {
      const item = token.items[index]! as CST.CollectionItem;
      if (item.value !== undefined) stack.push([item.value, level]);
      if (item.key !== undefined && item.key !== null) stack.push([item.key, level]);
    }
  }
}

/** The offset of the first collection (in document order) nested deeper than `maxDepth`. */
export function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  let found: number | undefined;
  walkTokens(tokens, (token, level) => {
    if (level <= SCENARIO_LIMITS.maxDepth) return false;
    found = token.offset;
    return true;
  });
  return found;
}

/** Whether `"…"` source text ends with a closing quote (one not escaped by a backslash). */
function closesDoubleQuote(source: string): boolean {
  if (source.length < 2 || !source.endsWith('"')) return false;
  let backslashes = 0;
  for (let at = source.length - 2; at > 0 && source[at] === "\\"; at--) backslashes++;
  return backslashes % 2 === 0;
}

/** A quoted scalar or a flow collection that the file never closes. */
export interface Unclosed {
  kind: "quote" | "flow";
  offset: number;
}

/**
 * The quoted scalars and flow collections left open, in document order: a
 * parser reports them where it gave up (often the end of the file), while
 * the writer needs to see where they begin.
 */
export function unclosed(tokens: readonly CST.Token[]): Unclosed[] {
  const found: Unclosed[] = [];
  walkTokens(tokens, (token) => {
    if (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") {
      const closed = token.type === "double-quoted-scalar"
        ? closesDoubleQuote(token.source)
        : token.source.length > 1 && token.source.endsWith("'");
      if (!closed) found.push({ kind: "quote", offset: token.offset });
    } else if (token.type === "flow-collection") {
      const closes = token.start.source === "[" ? "flow-seq-end" : "flow-map-end";
      if (!token.end.some((end) => end.type === closes)) {
        found.push({ kind: "flow", offset: token.offset });
      }
    }
  });
  return found;
}

/** The lexer's markers: not text (control characters are refused before lexing). */
const MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

/**
 * Counts the values the lexer's tokens start (plain and block scalars, which
 * follow a scalar marker, quoted scalars, aliases, flow collections): fed
 * each lexeme in turn, answers the offset of the one past `maxValues`, so
 * that no parser builds tokens for the rest (they take some 1 KB a value).
 * Block collections start no token of their own, but their entries do.
 */
export function valueCounter(): (lexeme: string) => number | undefined {
  let offset = 0;
  let values = 0;
  let scalar = false;
  return (lexeme) => {
    if (MARKERS.has(lexeme)) {
      scalar = lexeme === "\u001f";
      return undefined;
    }
    const first = lexeme[0];
    if (
      scalar || first === '"' || first === "'" || first === "*" || first === "[" || first === "{"
    ) {
      values += 1;
      if (values > SCENARIO_LIMITS.maxValues) return offset;
    }
    scalar = false;
    offset += lexeme.length;
    return undefined;
  };
}

/** The message of too many values, aliases not expanded. */
export const TOO_MANY =
  `Cannot read the scenario: it holds more than ${SCENARIO_LIMITS.maxValues} values`;

/** The message of a nesting deeper than the bound. */
export const TOO_DEEP =
  `Cannot read the scenario: the values nest deeper than ${SCENARIO_LIMITS.maxDepth} levels`;

interface AliasWalk {
  /** Values counted so far, aliases expanded. */
  values: number;
  /** The node each anchor name stands for at this point of the document. */
  anchors: Map<string, Node>;
  /** Collections being walked (an alias to one of them is a cycle). */
  open: Set<Node>;
  /** Size and height of each anchored node, once walked. */
  measured: Map<Node, { size: number; height: number }>;
  /** Keys written twice in one mapping (the composer's own check is quadratic in the keys). */
  duplicates: { message: string; offset: number }[];
  problem?: { message: string; offset: number };
}

/**
 * Checks a composed document in document order: no key twice in one mapping
 * (each is reported), and aliases (the first problem ends the walk): each
 * names an anchor set before it and outside of it (else the value would
 * contain itself), and the document with every alias expanded keeps
 * `maxValues` and `maxDepth`. Recursion is safe here: the tokens were
 * checked against `maxDepth` before the document was composed.
 */
export function documentProblems(
  document: Document.Parsed,
  positionAt: (offset: number) => SourcePosition,
): Problem[] {
  const walk: AliasWalk = {
    values: 0,
    anchors: new Map(),
    open: new Set(),
    measured: new Map(),
    duplicates: [],
  };
  visit(document.contents, 1, walk);
  const found = walk.problem === undefined ? walk.duplicates : [...walk.duplicates, walk.problem];
  return found.map(({ message, offset }) => ({ message, position: positionAt(offset) }));
}

/** Duplicate keys reported per file, at most. */
const MAX_DUPLICATES = 20;

/** Walks `node` at nesting level `depth`; returns its height (0 for a scalar). */
function visit(node: unknown, depth: number, walk: AliasWalk): number {
  if (walk.problem !== undefined || !isNode(node)) return 0;
  const offset = node.range?.[0] ?? 0;
  const fail = (message: string) => {
    walk.problem = { message, offset };
    return 0;
  };
  if (isAlias(node)) {
    const name = node.source;
    const target = walk.anchors.get(name);
    if (target === undefined) {
      return fail(
        `Cannot resolve alias "*${name}": no anchor "&${name}" is set before it${
          didYouMean(name, [...walk.anchors.keys()])
        }`,
      );
    }
    if (walk.open.has(target)) {
      return fail(`Cannot resolve alias "*${name}": it is inside the value it names (a cycle)`);
    }
    const { size, height } = walk.measured.get(target)!;
    walk.values += size;
    if (walk.values > SCENARIO_LIMITS.maxValues) {
      return fail(
        `Cannot expand alias "*${name}": the scenario would hold more than ${SCENARIO_LIMITS.maxValues} values`,
      );
    }
    if (depth - 1 + height > SCENARIO_LIMITS.maxDepth) {
      return fail(
        `Cannot expand alias "*${name}": the values would nest deeper than ${SCENARIO_LIMITS.maxDepth} levels`,
      );
    }
    return height;
  }
  const before = walk.values;
  walk.values += 1;
  if (walk.values > SCENARIO_LIMITS.maxValues) {
    return fail(TOO_MANY);
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor !== undefined) walk.anchors.set(anchor, node);
  let height = 0;
  if (isMap(node)) checkUniqueKeys(node.items, walk);
  if (isMap(node) || isSeq(node)) {
    walk.open.add(node);
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        height = Math.max(
          height,
          visit(item.key, depth + 1, walk),
          visit(item.value, depth + 1, walk),
        );
      } else height = Math.max(height, visit(item, depth + 1, walk));
    }
    walk.open.delete(node);
    height += 1;
  }
  if (anchor !== undefined) walk.measured.set(node, { size: walk.values - before, height });
  return height;
}

function checkUniqueKeys(pairs: readonly unknown[], walk: AliasWalk): void {
  const seen = new Set<unknown>();
  for (const pair of pairs) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = pair.key.value;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    if (walk.duplicates.length === MAX_DUPLICATES) return;
    walk.duplicates.push({
      message: `Cannot parse YAML: the key ${
        JSON.stringify(String(key))
      } appears twice in one mapping`,
      offset: pair.key.range?.[0] ?? 0,
    });
  }
}
