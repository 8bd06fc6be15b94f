/**
 * Positions in a YAML source: from a path of keys and indexes to the node's
 * line and column, and from an offset inside a string scalar to the file
 * position of that character (when the scalar is written so that the mapping
 * is exact).
 */

import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import type { Locator, SourcePosition } from "../template/mod.ts";

/** A path into the parsed YAML value. */
export type YamlPath = readonly (string | number)[];

/** A parsed YAML document with position queries. */
export class YamlSource {
  readonly text: string;
  readonly document: Document.Parsed;
  readonly #lines: LineCounter;

  constructor(text: string) {
    this.text = text;
    this.#lines = new LineCounter();
    this.document = parseDocument(text, {
      lineCounter: this.#lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
  }

  /** 1-based position of a 0-based offset. */
  positionAt(offset: number): SourcePosition {
    const { line, col } = this.#lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  /** The node at `path`, if it exists. */
  node(path: YamlPath): Node | undefined {
    if (path.length === 0) return (this.document.contents ?? undefined) as Node | undefined;
    const node = this.document.getIn(path, true);
    return isScalar(node) || isMap(node) || isSeq(node) ? node as Node : undefined;
  }

  /** The key node of the last segment of `path` (a map entry), if it exists. */
  keyNode(path: YamlPath): Node | undefined {
    const parent = this.node(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const last = path[path.length - 1];
    for (const pair of parent.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === last) return pair.key as Node;
    }
    return undefined;
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
