/**
 * Scenario value trees (requests, `let` values, pool and client blocks) as
 * JSON text with shell splices, laid out the way a person writes a curl
 * body: short objects on one line, longer ones one member per line.
 */

import { isTemplate } from "../template/mod.ts";
import type { TemplateTree } from "../scenario/mod.ts";
import type { WordPart } from "./bash.ts";
import { jsonParts, type Scope, templateValue } from "./_values.ts";

/** The widest line a body keeps on one line. */
const WIDTH = 76;

function width(parts: readonly WordPart[]): number {
  let total = 0;
  for (const part of parts) total += "text" in part ? part.text.length : part.expansion.length + 6;
  return total;
}

function multiline(parts: readonly WordPart[]): boolean {
  return parts.some((part) => "text" in part && part.text.includes("\n"));
}

/**
 * A value tree as JSON word parts: literal JSON as text, templates as
 * splices (`"'"$X"'"` for strings, `'"$json"'` for anything else).
 */
export function jsonOf(tree: TemplateTree, scope: Scope, indent = ""): WordPart[] {
  if (isTemplate(tree)) return jsonParts(templateValue(tree, scope));
  if (tree === null || typeof tree !== "object") return [{ text: JSON.stringify(tree) }];
  const inner = `${indent}  `;
  const entries: WordPart[][] = Array.isArray(tree)
    ? tree.map((item) => jsonOf(item, scope, inner))
    : Object.entries(tree).map(([key, value]) => [
      { text: `${JSON.stringify(key)}: ` },
      ...jsonOf(value, scope, inner),
    ]);
  const [open, close] = Array.isArray(tree) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return [{ text: `${open}${close}` }];
  const flat: WordPart[] = [{ text: open }];
  entries.forEach((entry, index) => {
    if (index > 0) flat.push({ text: ", " });
    flat.push(...entry);
  });
  flat.push({ text: close });
  if (!entries.some(multiline) && indent.length + width(flat) <= WIDTH) return flat;
  const out: WordPart[] = [{ text: `${open}\n` }];
  entries.forEach((entry, index) => {
    out.push({ text: inner }, ...entry, { text: index < entries.length - 1 ? ",\n" : "\n" });
  });
  out.push({ text: `${indent}${close}` });
  return out;
}

/** A value tree as JSON word parts on one line (for assignments). */
export function compactJsonOf(tree: TemplateTree, scope: Scope): WordPart[] {
  if (isTemplate(tree)) return jsonParts(templateValue(tree, scope));
  if (tree === null || typeof tree !== "object") return [{ text: JSON.stringify(tree) }];
  const entries: WordPart[][] = Array.isArray(tree)
    ? tree.map((item) => compactJsonOf(item, scope))
    : Object.entries(tree).map(([key, value]) => [
      { text: `${JSON.stringify(key)}: ` },
      ...compactJsonOf(value, scope),
    ]);
  const [open, close] = Array.isArray(tree) ? ["[", "]"] : ["{", "}"];
  const out: WordPart[] = [{ text: open }];
  entries.forEach((entry, index) => {
    if (index > 0) out.push({ text: ", " });
    out.push(...entry);
  });
  out.push({ text: close });
  return out;
}
