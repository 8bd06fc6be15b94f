/**
 * Pure helpers of the script walk (`_walk.ts`): jq filters over references,
 * placeholders, and the mock's control calls.
 *
 * @module
 */

import { parseJqPath } from "./names.ts";
import type { CurlArg } from "./_curl_options.ts";
import {
  type CurlCall,
  literalOf,
  type Piece,
  type Ref,
  type ShellValue,
  type Source,
} from "./_model.ts";
import type { ShellPosition, WordPart } from "./shell.ts";

/** Commands that print or set up, read without a note. */
export const PLAIN_COMMANDS = new Set([
  "echo",
  "printf",
  "set",
  "trap",
  "sleep",
  "rm",
  "mktemp",
  "true",
  ":",
  "exit",
  "source",
  ".",
  "shopt",
  "unset",
  "return",
  "[",
  "[[",
  "test",
  "expect_jq",
  "jq",
  "cat",
  "cd",
  // to-curl's own helpers (src/curl/_prelude.ts): what they check or keep is said elsewhere.
  "step",
  "run_checks",
  "expect_saved",
  "not_checked",
  "json_safe",
  "remember_device",
  "device_password",
  "device_group_key",
]);

/**
 * What `jq [options] FILTER [FILE]` prints for an input reference: the path a
 * simple filter reads, the input itself for `{a, b}`, or an opaque value.
 */
export function applyJq(
  args: readonly CurlArg[],
  stdin: Piece[] | undefined,
  file: (name: string) => Piece[] | undefined,
): Piece[] | undefined {
  let filter: string | undefined;
  let input = stdin;
  let raw = false;
  for (let k = 0; k < args.length; k++) {
    const text = literalOf(args[k]!.pieces);
    if (text === "--arg" || text === "--argjson") {
      k += 2;
      continue;
    }
    if (text !== undefined && /^-[a-zA-Z]+$/.test(text)) {
      if (text.includes("r") || text.includes("j")) raw = true;
      continue;
    }
    if (text === "--raw-output") raw = true;
    if (text?.startsWith("--")) continue;
    if (filter === undefined) filter = text ?? "";
    else input = text === undefined ? undefined : file(text);
  }
  void raw;
  if (input === undefined || filter === undefined) return undefined;
  const [ref] = input.filter((piece): piece is Ref => typeof piece !== "string");
  if (
    ref === undefined || input.some((piece) => typeof piece === "string" && piece.trim() !== "")
  ) {
    return undefined;
  }
  const main = filter.split(/\s*\/\/\s*/)[0]!;
  const path = parseJqPath(main);
  const via = ref.capture === undefined ? {} : { capture: ref.capture };
  if (path !== undefined) {
    return [{ source: ref.source, path: [...ref.path, ...path], ...via, picked: true }];
  }
  if (/^\{\s*[A-Za-z_][\w\s,]*\}$/.test(main.trim())) {
    // {PasswordVerifier, Salt}: the members it picks, read as the value.
    return [{ source: ref.source, path: ref.path, ...via }];
  }
  return [{
    source: {
      kind: "opaque",
      what: `the jq program "${filter}"`,
      position: args[0]?.position ?? { line: 1, column: 1 },
    },
    path: [],
  }];
}

/** to-curl's helper commands (src/curl/_prelude.ts) by the template function each computes. */
export const HELPER_FUNCTIONS: Readonly<Record<string, string>> = {
  uuid: "uuid",
  now_seconds: "now",
  concat: "concat",
  srp_timestamp: "srp.timestamp",
  jwt_payload: "jwt.payload",
};

export function refValue(source: Source): ShellValue {
  return { kind: "string", pieces: [{ source, path: [] }] };
}

export function opaque(position: ShellPosition): Ref {
  return { source: { kind: "opaque", what: "a shell expansion", position }, path: [] };
}

export function stringPieces(value: ShellValue): Piece[] {
  return value.kind === "string" ? value.pieces : value.items.flatMap(stringPieces);
}

/**
 * `<placeholder>`, `[placeholder]`, `{{placeholder}}` and `YOUR_…` words outside
 * a JSON body (`CLIENT_ID="<your-client-id>"`) as placeholder references.
 */
export function placeholders(pieces: Piece[], parts: readonly WordPart[]): Piece[] {
  if (pieces.length !== 1 || typeof pieces[0] !== "string") return pieces;
  const text = pieces[0];
  if (!isPlaceholder(text)) return pieces;
  return [{ source: { kind: "placeholder", text, position: parts[0]!.position }, path: [] }];
}

/**
 * Whether a whole value is a placeholder for the user to fill in.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPlaceholder } from "./_walk.ts";
 * assert.ok(isPlaceholder("<refresh-token>") && isPlaceholder("[USER_POOL_ID]"));
 * assert.ok(isPlaceholder("{{clientId}}") && isPlaceholder("YOUR_CLIENT_ID"));
 * assert.ok(!isPlaceholder("[1, 2]") && !isPlaceholder("alice"));
 * ```
 */
export function isPlaceholder(text: string): boolean {
  return /^<[^<>\s][^<>]*>$/.test(text) || /^\[[A-Za-z][\w .:-]*\]$/.test(text) ||
    /^\{\{\s*[\w .:-]+\s*\}\}$/.test(text) || /^(?:YOUR|your)[_-][\w-]+$/.test(text) ||
    /^<your [^<>]+>$/i.test(text);
}

export function controlAction(
  control: string,
  body: CurlCall["body"],
): Record<string, unknown> | undefined {
  if (body === undefined) return undefined;
  if (control === "clock") {
    if (typeof body.advanceSeconds === "number") return { advanceClock: body.advanceSeconds };
    if (typeof body.setEpochSeconds === "number") return { setClock: body.setEpochSeconds };
    return undefined;
  }
  const throttle = body.throttle;
  if (
    throttle !== null && typeof throttle === "object" && !Array.isArray(throttle) &&
    !("pieces" in throttle)
  ) {
    const count = throttle.count;
    if (typeof count !== "number") return undefined;
    return Array.isArray(throttle.operations)
      ? { throttle: { count, operations: throttle.operations } }
      : { throttle: { count } };
  }
  return undefined;
}
