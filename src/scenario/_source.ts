/**
 * Positions in a YAML source: from a path of keys and indexes to the node's
 * line and column, and from an offset inside a string scalar to the file
 * position of that character (when the scalar is written so that the mapping
 * is exact).
 */

import {
  Composer,
  type CST,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  type YAMLMap,
  YAMLParseError,
} from "yaml";
import type { Locator, SourcePosition } from "../template/mod.ts";
import { tooDeepAt, type Unclosed, unclosed, valueCounter } from "./_guards.ts";

/** A path into the parsed YAML value. */
export type YamlPath = readonly (string | number)[];

/**
 * A parsed YAML document with position queries. Parsed as `parseDocument`
 * does, in its two stages: the parser (which keeps its own stack, so any
 * nesting is safe), then the composer (which recurses), which only runs
 * once the tokens nest no deeper than `SCENARIO_LIMITS.maxDepth`.
 */
export class YamlSource {
  readonly text: string;
  /** The document; empty when the text nests too deep (see `tooDeepAt`). */
  readonly document: Document.Parsed;
  /**
   * The offset of the value past `SCENARIO_LIMITS.maxValues` (aliases not
   * expanded), if any; then nothing was parsed, and `positionAt` knows no lines.
   */
  readonly tooManyAt: number | undefined;
  /** The offset of the first collection nested past the bound, if any. */
  readonly tooDeepAt: number | undefined;
  readonly #lines: LineCounter;
  readonly #tokens: CST.Token[];
  readonly #keys = new WeakMap<YAMLMap, Map<unknown, Pair>>();

  constructor(text: string) {
    this.text = text;
    this.#lines = new LineCounter();
    // A first pass with the lexer alone (it streams, and keeps nothing): a file with too many
    // values stops before the parser builds a token for each (some 1 KB a value).
    const count = valueCounter();
    for (const lexeme of new Lexer().lex(text)) {
      this.tooManyAt = count(lexeme);
      if (this.tooManyAt !== undefined) break;
    }
    const tokens = this.tooManyAt === undefined
      ? [...new Parser(this.#lines.addNewLine).parse(text)]
      : [];
    this.#tokens = tokens;
    this.tooDeepAt = this.tooManyAt === undefined ? tooDeepAt(tokens) : undefined;
    // Keys are checked for uniqueness by documentProblems: the composer's check compares
    // each key with every earlier one.
    const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
    let document: Document.Parsed | undefined;
    const bounded = this.tooDeepAt === undefined && this.tooManyAt === undefined;
    for (const composed of composer.compose(bounded ? tokens : [], true, text.length)) {
      if (document === undefined) {
        document = composed;
        continue;
      }
      const range = composed.range;
      document.errors.push(
        new YAMLParseError(
          [range[0], range[1]],
          "MULTIPLE_DOCS",
          "the file holds more than one document (a scenario file holds one)",
        ),
      );
      break;
    }
    this.document = document!;
  }

  /** The quoted scalars and flow collections the text leaves open, in document order. */
  unclosed(): Unclosed[] {
    return unclosed(this.#tokens);
  }

  /** The text of the line holding `offset`. */
  lineAt(offset: number): string {
    const start = this.text.lastIndexOf("\n", offset - 1) + 1;
    const end = this.text.indexOf("\n", offset);
    return this.text.slice(start, end === -1 ? undefined : end);
  }

  /** 1-based position of a 0-based offset. */
  positionAt(offset: number): SourcePosition {
    const { line, col } = this.#lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  /** The node at `path`, if it exists. */
  node(path: YamlPath): Node | undefined {
    let at: unknown = this.document.contents;
    for (const key of path) {
      if (isMap(at)) at = this.#pairOf(at, key)?.value;
      else if (isSeq(at) && typeof key === "number") at = at.items[key];
      else return undefined;
    }
    return isScalar(at) || isMap(at) || isSeq(at) ? at as Node : undefined;
  }

  /** The key node of the last segment of `path` (a map entry), if it exists. */
  keyNode(path: YamlPath): Node | undefined {
    const parent = this.node(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const key = this.#pairOf(parent, path[path.length - 1]!)?.key;
    return isScalar(key) ? key as Node : undefined;
  }

  /**
   * The first entry of `map` whose key is `key`, through an index built on
   * first use: positions are asked for every binding and step, and a scan
   * per question made a large mapping quadratic.
   */
  #pairOf(map: YAMLMap, key: string | number): Pair | undefined {
    let index = this.#keys.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key) && !index.has(pair.key.value)) {
          index.set(pair.key.value, pair);
        }
      }
      this.#keys.set(map, index);
    }
    return index.get(key);
  }

  /**
   * Where to report a problem at `path`: the key itself when `atKey`, else the
   * value; falls back to the closest existing ancestor (e.g. for a missing
   * key, the mapping that lacks it).
   */
  position(path: YamlPath, atKey = false): SourcePosition {
    if (atKey) {
      const key = this.keyNode(path);
      if (key?.range) return this.positionAt(key.range[0]);
    }
    for (let length = path.length; length >= 0; length--) {
      const at = path.slice(0, length);
      const node = this.node(at);
      if (
        node?.range && !(isScalar(node) && node.value === null && node.range[0] === node.range[1])
      ) {
        return this.positionAt(node.range[0]);
      }
      const key = length > 0 ? this.keyNode(at) : undefined;
      if (key?.range) return this.positionAt(key.range[0]);
    }
    return { line: 1, column: 1 };
  }

  /**
   * Maps offsets in the string value at `path` (the key's text when `atKey`)
   * to file positions. Exact for single-line plain and quoted scalars without
   * escapes and for literal blocks (`|`); otherwise every offset maps to the
   * scalar's start.
   */
  locator(path: YamlPath, atKey = false): Locator {
    const node = atKey ? this.keyNode(path) : this.node(path);
    if (!isScalar(node) || node.range === undefined || node.range === null) {
      const fallback = this.position(path, atKey);
      return () => fallback;
    }
    const [start, end] = node.range;
    const value = String(node.value);
    const raw = this.text.slice(start, end);
    const startPosition = this.positionAt(start);
    if (node.type === "PLAIN" && raw === value) return (offset) => this.positionAt(start + offset);
    if (
      (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && raw.slice(1, -1) === value
    ) {
      return (offset) => this.positionAt(start + 1 + offset);
    }
    if (node.type === "BLOCK_LITERAL") {
      const lineStarts = blockLineStarts(this.text, start, end, value);
      if (lineStarts !== undefined) {
        return (offset) => {
          const before = value.slice(0, offset);
          const line = before.split("\n").length - 1;
          const column = offset - (before.lastIndexOf("\n") + 1);
          const lineStart = lineStarts[line];
          return lineStart === undefined ? startPosition : this.positionAt(lineStart + column);
        };
      }
    }
    return () => startPosition;
  }
}

/** Offsets where each line of a literal block's value starts in the source. */
function blockLineStarts(
  text: string,
  start: number,
  end: number,
  value: string,
): number[] | undefined {
  const starts: number[] = [];
  let cursor = text.indexOf("\n", start) + 1;
  for (const line of value.split("\n")) {
    if (line === "") {
      starts.push(cursor);
      const next = text.indexOf("\n", cursor);
      cursor = next === -1 || next >= end ? end : next + 1;
      continue;
    }
    const at = text.indexOf(line, cursor);
    if (at === -1 || at >= end) return undefined;
    starts.push(at);
    cursor = at + line.length + 1;
  }
  return starts;
}
