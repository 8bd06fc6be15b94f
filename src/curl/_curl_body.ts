/**
 * A curl call's body: its data options joined as curl joins them (`&`),
 * `@file` and `@-` read, and the text read as JSON with shell values in it.
 *
 * @module
 */

import type { CurlData } from "./_curl_options.ts";
import { BodyError, readJsonBody } from "./json_body.ts";
import { type CurlCall, type Diagnostic, joinPieces, type Piece } from "./_model.ts";
import type { ShellPosition } from "./shell.ts";

/** A positioned problem that stops the conversion (exit 2). */
export class ConversionError extends SyntaxError {
  /** Always `"ConversionError"`. */
  override name = "ConversionError";
  /** Where. */
  readonly position: ShellPosition;
  /** `message` reads `Cannot …: …`. */
  constructor(message: string, position: ShellPosition) {
    super(message);
    this.position = position;
  }
}

/**
 * The body of a call, or `undefined` when it sends none. Throws
 * {@linkcode ConversionError} for a missing file, an `@-` without input, or
 * text that is not a JSON object even after repair.
 */
export function readCurlBody(
  data: readonly CurlData[],
  stdin: Piece[] | undefined,
  where: {
    operation: string;
    position: ShellPosition;
    readFile: (path: string) => string | undefined;
    diagnostics: Diagnostic[];
  },
): CurlCall["body"] {
  const { operation, position } = where;
  if (data.length === 0) return undefined;
  const pieces: Piece[] = [];
  for (const [k, item] of data.entries()) {
    if (k > 0) pieces.push("&");
    if (item.kind === "inline") pieces.push(...item.pieces);
    else if (item.kind === "stdin") {
      if (stdin === undefined) {
        throw new ConversionError(
          `Cannot read the body of the ${operation} call: "@-" reads standard input, and no here-string, here-document or pipe gives it one`,
          item.position,
        );
      }
      pieces.push(...stdin);
    } else {
      const text = where.readFile(item.path);
      if (text === undefined) {
        throw new ConversionError(
          `Cannot read the body of the ${operation} call: file "${item.path}" does not exist (paths are relative to the script)`,
          item.position,
        );
      }
      pieces.push(text);
    }
  }
  try {
    const body = readJsonBody(joinPieces(pieces));
    if (body.repaired) {
      where.diagnostics.push({
        level: "note",
        message: `the body of the ${operation} call is not strict JSON; read as repaired`,
        position,
      });
    }
    return body.value;
  } catch (error) {
    if (error instanceof BodyError) {
      throw new ConversionError(
        `Cannot read the body of the ${operation} call: ${error.message}`,
        position,
      );
    }
    throw error;
  }
}
