/**
 * Paths into a response body, and the patterns the normaliser's rules match
 * them with.
 *
 * A path is a list of member names and array indexes from the body's root.
 * Inside a decoded JWT the claims continue the path by name
 * (`$.AuthenticationResult.AccessToken.device_key`) and the protected header
 * sits under `$header` (`$.AuthenticationResult.AccessToken.$header.kid`).
 *
 * Patterns are a small JSONPath: `$` (the body), `.name`, `["name"]`, `[3]`,
 * `.*` and `[*]` (any one member or index), `..` before any of those (at any
 * depth below), and `*` inside a name (any run of characters:
 * `$..*Date` is every member whose name ends in `Date`).
 *
 * @module
 */

/** One step of a path: a member name or an array index. */
export type PathSegment = string | number;

/** A compiled path pattern. */
export interface PathPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Whether `path` matches the whole pattern. */
  matches(path: readonly PathSegment[]): boolean;
}

/**
 * A pattern that cannot be read; `offset` is where in it the problem is (0-based).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compilePathPattern, PathPatternError } from "./paths.ts";
 * assert.throws(
 *   () => compilePathPattern("$.Devices[x]"),
 *   (error) => error instanceof PathPatternError && error.offset === 10,
 * );
 * ```
 */
export class PathPatternError extends SyntaxError {
  /** Always `"PathPatternError"`. */
  override name = "PathPatternError";
  /** 0-based offset of the problem in the pattern. */
  readonly offset: number;

  /** `message` is the explanation. */
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

interface Step {
  /** `..`: this step may match at any depth below the previous one. */
  descendant: boolean;
  test(segment: PathSegment): boolean;
}

const ANY = () => true;
const NAME = /^[^.[\]\s"']+/;

/**
 * Compiles a path pattern (see the module doc); throws
 * {@linkcode PathPatternError} for anything else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compilePathPattern } from "./paths.ts";
 * const dates = compilePathPattern("$..*Date");
 * assert.ok(dates.matches(["Devices", 0, "DeviceCreateDate"]));
 * assert.ok(!dates.matches(["Devices", 0, "DeviceKey"]));
 * assert.ok(compilePathPattern("$.Devices[*].DeviceKey").matches(["Devices", 2, "DeviceKey"]));
 * assert.ok(compilePathPattern('$["AuthenticationResult"].AccessToken.$header.kid')
 *   .matches(["AuthenticationResult", "AccessToken", "$header", "kid"]));
 * assert.throws(() => compilePathPattern("Devices"), /must start with "\$"/);
 * ```
 */
export function compilePathPattern(source: string): PathPattern {
  if (!source.startsWith("$")) {
    throw new PathPatternError(`Cannot read path "${source}": it must start with "$"`, 0);
  }
  const steps: Step[] = [];
  let at = 1;
  while (at < source.length) {
    let descendant = false;
    if (source.startsWith("..", at)) {
      descendant = true;
      at += 2;
    } else if (source[at] === ".") at += 1;
    else if (source[at] !== "[") {
      throw new PathPatternError(
        `Cannot read path "${source}": expected ".", ".." or "[" at column ${at + 1}`,
        at,
      );
    }
    if (source[at] === "[") {
      const close = bracketEnd(source, at);
      steps.push({ descendant, test: bracketTest(source, at, close) });
      at = close + 1;
      continue;
    }
    const name = NAME.exec(source.slice(at))?.[0];
    if (name === undefined) {
      throw new PathPatternError(
        `Cannot read path "${source}": expected a name, "*" or "[" at column ${at + 1}`,
        at,
      );
    }
    steps.push({ descendant, test: name === "*" ? ANY : nameTest(name) });
    at += name.length;
  }
  return { source, matches: (path) => matchFrom(steps, 0, path, 0) };
}

function bracketEnd(source: string, open: number): number {
  const quote = source[open + 1];
  if (quote === '"' || quote === "'") {
    const end = source.indexOf(quote, open + 2);
    if (end !== -1 && source[end + 1] === "]") return end + 1;
  } else {
    const end = source.indexOf("]", open);
    if (end !== -1) return end;
  }
  throw new PathPatternError(
    `Cannot read path "${source}": "[" at column ${open + 1} is not closed`,
    open,
  );
}

function bracketTest(source: string, open: number, close: number): Step["test"] {
  const inner = source.slice(open + 1, close);
  if (inner === "*") return ANY;
  if (/^\d+$/.test(inner)) {
    const index = Number(inner);
    return (segment) => segment === index;
  }
  if (/^(["']).*\1$/.test(inner)) {
    const name = inner.slice(1, -1);
    return (segment) => segment === name;
  }
  throw new PathPatternError(
    `Cannot read path "${source}": expected *, an index or a quoted name inside "[…]" at column ${
      open + 2
    }`,
    open + 1,
  );
}

function nameTest(name: string): Step["test"] {
  if (!name.includes("*")) return (segment) => segment === name;
  const pattern = new RegExp(
    `^${name.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
    "s",
  );
  return (segment) => typeof segment === "string" && pattern.test(segment);
}

function matchFrom(
  steps: readonly Step[],
  step: number,
  path: readonly PathSegment[],
  at: number,
): boolean {
  if (step === steps.length) return at === path.length;
  const { descendant, test } = steps[step]!;
  if (!descendant) {
    return at < path.length && test(path[at]!) && matchFrom(steps, step + 1, path, at + 1);
  }
  for (let k = at; k < path.length; k++) {
    if (test(path[k]!) && matchFrom(steps, step + 1, path, k + 1)) return true;
  }
  return false;
}

/**
 * A path written the way patterns read it: `$.Devices[0].DeviceKey`, with
 * `["…"]` for names that would not read back as a plain name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPath } from "./paths.ts";
 * assert.equal(formatPath(["Devices", 0, "DeviceKey"]), "$.Devices[0].DeviceKey");
 * assert.equal(formatPath(["AccessToken", "cognito:groups"]), "$.AccessToken.cognito:groups");
 * assert.equal(formatPath(["odd key"]), '$["odd key"]');
 * assert.equal(formatPath([]), "$");
 * ```
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "$";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[^.[\]\s"'*]+$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
