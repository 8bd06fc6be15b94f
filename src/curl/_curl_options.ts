/**
 * curl's command line, as far as a Cognito recipe uses it: the URL, the
 * method, headers, data options (joined with `&` as curl does), the output
 * file and `-w`. Everything else known is a flag that changes nothing here;
 * an unknown option is a warning.
 *
 * @module
 */

import { type Diagnostic, literalOf, type Piece } from "./_model.ts";
import type { ShellPosition } from "./shell.ts";

/** An argument of the curl command, evaluated, with where it was written. */
export interface CurlArg {
  /** The argument's pieces. */
  pieces: Piece[];
  /** Where it is. */
  position: ShellPosition;
}

/** A data option's value: inline pieces, a file (`@file`), or standard input (`@-`). */
export type CurlData =
  | { kind: "inline"; pieces: Piece[]; position: ShellPosition }
  | { kind: "file"; path: string; position: ShellPosition }
  | { kind: "stdin"; position: ShellPosition };

/** What a curl command asks for. */
export interface CurlRequest {
  /** The URL (pieces; the target is chosen at run time, so it is only read for `/_mock/`). */
  url?: Piece[];
  /** `-X`. */
  method?: string | undefined;
  /** Headers: name (as written) and value pieces. */
  headers: Array<{ name: string; value: Piece[]; position: ShellPosition }>;
  /** Data options in order. */
  data: CurlData[];
  /** `--json` was used. */
  json: boolean;
  /** `-o FILE`. */
  output?: Piece[];
  /** `-w FORMAT`. */
  writeOut?: string | undefined;
}

const VALUE_LONG = new Set([
  "request",
  "header",
  "data",
  "data-raw",
  "data-binary",
  "data-ascii",
  "data-urlencode",
  "json",
  "url",
  "output",
  "write-out",
  "user",
  "aws-sigv4",
  "user-agent",
  "max-time",
  "connect-timeout",
  "retry",
  "retry-delay",
  "retry-max-time",
  "cacert",
  "capath",
  "cert",
  "key",
  "proxy",
  "referer",
  "cookie",
  "cookie-jar",
  "resolve",
  "connect-to",
  "interface",
  "limit-rate",
  "dump-header",
  "stderr",
  "trace",
  "trace-ascii",
  "config",
  "form",
  "form-string",
  "upload-file",
  "unix-socket",
  "variable",
  "expand-data",
]);

const FLAG_LONG = new Set([
  "silent",
  "show-error",
  "fail",
  "fail-with-body",
  "fail-early",
  "location",
  "insecure",
  "include",
  "verbose",
  "compressed",
  "http1.0",
  "http1.1",
  "http2",
  "http2-prior-knowledge",
  "no-progress-meter",
  "globoff",
  "no-buffer",
  "ipv4",
  "ipv6",
  "progress-bar",
  "raw",
  "tcp-nodelay",
  "no-keepalive",
  "no-sessionid",
  "path-as-is",
  "retry-all-errors",
  "retry-connrefused",
  "disable",
  "styled-output",
  "no-styled-output",
]);

/** Short options with a value, by letter → long name. */
const VALUE_SHORT: Record<string, string> = {
  X: "request",
  H: "header",
  d: "data",
  o: "output",
  w: "write-out",
  u: "user",
  A: "user-agent",
  m: "max-time",
  x: "proxy",
  e: "referer",
  b: "cookie",
  c: "cookie-jar",
  D: "dump-header",
  F: "form",
  T: "upload-file",
  K: "config",
  E: "cert",
};
const FLAG_SHORT = new Set([..."sSiIvkLfgNq0146#"]);

/** Options whose value is a data body. */
const DATA_OPTIONS = new Set(["data", "data-raw", "data-binary", "data-ascii", "json"]);

/**
 * Reads curl's arguments (after the word `curl`). Unknown options and
 * form/upload options are warnings in `diagnostics`.
 */
export function readCurlArgs(args: readonly CurlArg[], diagnostics: Diagnostic[]): CurlRequest {
  const request: CurlRequest = { headers: [], data: [], json: false };
  const warn = (message: string, position: ShellPosition) =>
    diagnostics.push({ level: "warning", message, position });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = literalOf(arg.pieces);
    const take = (name: string, glued: Piece[] | undefined): CurlArg | undefined => {
      if (glued !== undefined && glued.length > 0) return { pieces: glued, position: arg.position };
      const next = args[++i];
      if (next === undefined) warn(`curl option "${name}" has no value`, arg.position);
      return next;
    };
    if (text === "--") continue;
    const first = arg.pieces[0];
    if (typeof first === "string" && first.startsWith("--")) {
      const equals = first.indexOf("=");
      const name = first.slice(2, equals < 0 ? undefined : equals);
      const glued = equals < 0 ? undefined : [first.slice(equals + 1), ...arg.pieces.slice(1)];
      if (VALUE_LONG.has(name)) {
        const value = take(`--${name}`, glued);
        if (value !== undefined) apply(request, name, value, warn);
      } else if (!FLAG_LONG.has(name)) {
        warn(`curl option "--${name}" is not known here; ignored`, arg.position);
      }
      continue;
    }
    if (typeof first === "string" && first.startsWith("-") && first.length > 1) {
      // Short options, possibly combined: -sS, -XPOST, -sSX POST, -H'…'.
      for (let k = 1; k < first.length; k++) {
        const letter = first[k]!;
        const long = VALUE_SHORT[letter];
        if (long !== undefined) {
          const rest = [first.slice(k + 1), ...arg.pieces.slice(1)].filter((p) => p !== "");
          const value = take(`-${letter}`, rest.length > 0 ? rest : undefined);
          if (value !== undefined) apply(request, long, value, warn);
          break;
        }
        if (!FLAG_SHORT.has(letter)) {
          warn(`curl option "-${letter}" is not known here; ignored`, arg.position);
          break;
        }
      }
      continue;
    }
    request.url ??= arg.pieces;
  }
  return request;
}

function apply(
  request: CurlRequest,
  name: string,
  value: CurlArg,
  warn: (message: string, position: ShellPosition) => void,
): void {
  const text = literalOf(value.pieces);
  if (name === "request") request.method = text;
  else if (name === "url") request.url = value.pieces;
  else if (name === "output") request.output = value.pieces;
  else if (name === "write-out") request.writeOut = text;
  else if (name === "header") {
    const constant = literalOf(value.pieces);
    const first = constant ?? value.pieces[0];
    if (constant !== undefined) value = { pieces: [constant], position: value.position };
    const colon = typeof first === "string" ? first.indexOf(":") : -1;
    if (typeof first !== "string" || colon < 0) {
      warn("curl header without a literal name; ignored", value.position);
      return;
    }
    const rest = first.slice(colon + 1).replace(/^\s+/, "");
    request.headers.push({
      name: first.slice(0, colon).trim(),
      value: [...(rest === "" ? [] : [rest]), ...value.pieces.slice(1)],
      position: value.position,
    });
  } else if (DATA_OPTIONS.has(name)) {
    if (name === "json") request.json = true;
    const first = value.pieces[0];
    if (name !== "data-raw" && typeof first === "string" && first.startsWith("@")) {
      const path = literalOf([first.slice(1), ...value.pieces.slice(1)]);
      if (path === "-") request.data.push({ kind: "stdin", position: value.position });
      else if (path !== undefined && path !== "") {
        request.data.push({ kind: "file", path, position: value.position });
      } else warn("curl body file name is not a constant; ignored", value.position);
      return;
    }
    request.data.push({ kind: "inline", pieces: value.pieces, position: value.position });
  } else if (name === "data-urlencode" || name === "form" || name === "upload-file") {
    warn(`curl option "--${name}" does not send a JSON body; ignored`, value.position);
  }
}
