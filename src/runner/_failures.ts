/**
 * The failures a step records for problems that are not plain mismatches:
 * templates that cannot be rendered, and `expect` templates that read a
 * field the response lacks.
 */

import type { Mismatch } from "../assert/mod.ts";
import { RenderError } from "../template/mod.ts";
import type { Failure, FailureKind } from "./events.ts";

/** A mismatch as a failure of `kind`. */
export function toFailure(kind: FailureKind, mismatch: Mismatch): Failure {
  const failure: Failure = { kind, message: mismatch.message, path: mismatch.path };
  if ("expected" in mismatch) failure.expected = mismatch.expected;
  if ("actual" in mismatch) failure.actual = mismatch.actual;
  return failure;
}

/** The one-line message of a render problem, with `file:line:column` when known. */
export function renderMessage(error: unknown, file: string | undefined): string {
  if (error instanceof RenderError) {
    const at = error.position;
    return at === undefined || file === undefined
      ? error.message
      : `${file}:${at.line}:${at.column}: ${error.message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Cannot render the step: ${message.split("\n")[0]}`;
}

/**
 * Why part of `expect` could not be rendered. A template that reads a field
 * the response lacks is an assertion failure at that field's JSON path (the
 * response is not what the scenario expects); anything else is a render
 * failure.
 */
export function expectationProblem(error: unknown, file: string | undefined): Failure {
  const missing = error instanceof RenderError ? error.missing : undefined;
  const path = missing === undefined ? undefined : responsePath(missing.path);
  if (path === undefined || missing === undefined || missing.found < 2) {
    return { kind: "render", message: renderMessage(error, file) };
  }
  const at = (error as RenderError).position;
  const where = at === undefined || file === undefined ? "" : ` at ${file}:${at.line}:${at.column}`;
  return {
    kind: "assertion",
    message:
      `expected a value at ${path} (read by "${(error as RenderError).expression}"${where}), ` +
      "but the response has no such field",
    path,
    expected: { $exists: true },
  };
}

/**
 * The place a `response.…` path reads, as the assertions name it:
 * `$.A.B[0]` in the body, `headers.<name>`; otherwise `undefined`.
 */
function responsePath(path: readonly (string | number)[]): string | undefined {
  if (path[0] !== "response") return undefined;
  if (path[1] === "headers" && typeof path[2] === "string" && path.length === 3) {
    return `headers.${path[2].toLowerCase()}`;
  }
  if (path[1] !== "body") return undefined;
  let out = "$";
  for (const key of path.slice(2)) {
    out += typeof key === "number"
      ? `[${key}]`
      : /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)
      ? `.${key}`
      : `[${JSON.stringify(key)}]`;
  }
  return out;
}
