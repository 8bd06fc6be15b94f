/**
 * The regular expressions of `$match`, on RE2's linear-time engine (the
 * `re2js` port): matching takes time proportional to the pattern times the
 * input, for every pattern, so a pattern such as `(a+)+$` cannot backtrack
 * catastrophically against a long value from the target. The price is RE2's
 * syntax, a subset of JavaScript's without lookarounds and backreferences
 * (and with repeat counts up to 1000); `$match` reports those at load time.
 */

import { RE2JS } from "re2js";

/** Compiled patterns by source: patterns come from scenarios, so there are few. */
const COMPILED = new Map<string, RE2JS>();
/** Past this many, the cache starts over (templates can make patterns without end). */
const MAX_COMPILED = 1000;

/** The compiled pattern, or why `pattern` is not one. */
function compiled(pattern: string): RE2JS | string {
  const known = COMPILED.get(pattern);
  if (known !== undefined) return known;
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error))
      .replace(/^error parsing regexp: /, "");
    return /unsupported Perl syntax|invalid escape sequence: `\\[1-9]/.test(reason)
      ? `${reason} ($match runs in linear time, on RE2 syntax: no lookarounds or backreferences)`
      : reason;
  }
  if (COMPILED.size >= MAX_COMPILED) COMPILED.clear();
  COMPILED.set(pattern, regex);
  return regex;
}

/** Why `pattern` cannot be a `$match` pattern, or `undefined` when it can. */
export function patternProblem(pattern: string): string | undefined {
  const regex = compiled(pattern);
  return typeof regex === "string"
    ? `invalid regular expression: /${pattern}/: ${regex}`
    : undefined;
}

/** Whether `text` contains a match of `pattern` (unanchored, as `RegExp#test`). */
export function matchesPattern(pattern: string, text: string): boolean {
  const regex = compiled(pattern);
  if (typeof regex === "string") throw new SyntaxError(`Cannot match /${pattern}/: ${regex}`);
  return regex.test(text);
}
