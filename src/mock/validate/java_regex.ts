/**
 * Translates the Java regular expressions of the AWS service model and
 * compiles them for a linear-time engine (RE2, through `re2js`), so that no
 * request can make validation backtrack: with a backtracking engine (Java's
 * or V8's) the model's e-mail template pattern
 * `[…\s*]*\{##[…\s*]*##\}[…\s*]*` takes cubic time, minutes of CPU for
 * a 20,000-character `EmailVerificationMessageByLink` of `{####}` repeated.
 *
 * The model's patterns are Java (`java.util.regex`) syntax and the service
 * checks them with `Matcher.matches()`, i.e. against the whole value. They use
 * a small subset of Java: character classes, `\p{…}` categories, `\w`, `\s`,
 * `\S`, `\xHH`, escapes of punctuation, groups, a lookbehind and the inline
 * flag `(?s)`. What differs in JavaScript:
 *
 * - `\s` is ASCII whitespace in Java (`[ \t\n\x0B\f\r]`) and Unicode
 *   whitespace in JavaScript, so it is spelled out (and `\S`, `[\S]` negated).
 * - The inline flag `(?s)` does not exist in JavaScript; it becomes the `s` flag.
 * - `.` excludes Java's line terminators (`\n`, `\r`, U+0085, U+2028,
 *   U+2029; RE2 excludes only `\n`, V8 all but U+0085), so it is spelled out.
 * - `Matcher.matches()` anchors both ends, as RE2's `matches()` does.
 *
 * Everything else in the model's patterns means the same in the three
 * dialects. RE2 has no lookaround: the model's one pattern with a lookbehind
 * (a starred class, then `(?<!\.)`, which cannot backtrack more than once
 * per character) runs on V8; any other pattern RE2 refuses is an error, so a
 * new model pattern is never silently left to a backtracking engine.
 *
 * @module
 */

import { RE2JS } from "re2js";

const JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";
// Literal characters, not escapes: RE2 spells U+0085 `\x{85}`, V8 `\u0085`.
const JAVA_ANY = "[^\\n\\r\u0085\u2028\u2029]";

/** A model pattern translated to JavaScript (and RE2) syntax. */
export interface TranslatedPattern {
  /** The source, without anchors. */
  source: string;
  /** The flags to compile it with (`u`, plus `s` for `(?s)`). */
  flags: string;
}

/**
 * Translates one Java pattern to a JavaScript source and flags.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { translateJavaPattern } from "./java_regex.ts";
 * assert.deepEqual(translateJavaPattern("(?s).*"), { source: ".*", flags: "su" });
 * assert.deepEqual(translateJavaPattern("[\\S]+"), { source: "[^\\t\\n\\x0B\\f\\r ]+", flags: "u" });
 * assert.equal(translateJavaPattern("a.b").source, "a[^\\n\\r\u0085\u2028\u2029]b");
 * ```
 */
export function translateJavaPattern(pattern: string): TranslatedPattern {
  let flags = "u";
  let rest = pattern;
  if (rest.startsWith("(?s)")) {
    flags = "su";
    rest = rest.slice(4);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i]!;
    if (char === "\\") {
      const next = rest[i + 1];
      if (next === undefined) {
        throw new SyntaxError(`Cannot translate pattern: "${pattern}" ends with a backslash`);
      }
      i++;
      if (next === "s") {
        out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      } else if (next === "S") {
        // `[\S]` alone is the only in-class use in the model: make the class negated.
        if (inClass && out.endsWith("[") && rest[i + 1] === "]") out = `${out}^${JAVA_SPACE}`;
        else if (inClass) {
          throw new SyntaxError(
            `Cannot translate pattern: "${pattern}" uses \\S inside a larger class`,
          );
        } else out += `[^${JAVA_SPACE}]`;
      } else {
        out += `\\${next}`;
      }
      continue;
    }
    if (char === "." && !inClass && !flags.includes("s")) {
      out += JAVA_ANY;
      continue;
    }
    if (char === "[" && !inClass) inClass = true;
    else if (char === "]" && inClass) inClass = false;
    else if (
      char === "(" && rest.startsWith("(?", i) && !/^\(\?(?::|<!|<=|=|!)/.test(rest.slice(i))
    ) {
      throw new SyntaxError(`Cannot translate pattern: "${pattern}" has an inline flag group`);
    }
    out += char;
  }
  return { source: out, flags };
}

/** A compiled model pattern. */
export interface PatternMatcher {
  /** Whether the whole of `value` matches (Java's `Matcher.matches()`). */
  test(value: string): boolean;
}

/** The model's patterns RE2 cannot run (lookbehind), each checked to be backtracking-safe. */
const V8_PATTERNS: ReadonlySet<string> = new Set(["^[0-9A-Za-z\\.\\-_]*(?<!\\.)$"]);

const compiled = new Map<string, PatternMatcher>();

function compile(pattern: string): PatternMatcher {
  const { source, flags } = translateJavaPattern(pattern);
  if (V8_PATTERNS.has(pattern)) {
    const regex = new RegExp(`^(?:${source})$`, flags);
    return { test: (value) => regex.test(value) };
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source, flags.includes("s") ? RE2JS.DOTALL : 0);
  } catch (error) {
    throw new SyntaxError(
      `Cannot compile pattern: "${pattern}" is not RE2 syntax (${(error as Error).message})`,
    );
  }
  return { test: (value) => regex.matches(value) };
}

/**
 * Compiles a Java model pattern (cached) to a matcher that answers what
 * Java's `Matcher.matches()` answers, in time linear in the value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileJavaPattern } from "./java_regex.ts";
 * const username = compileJavaPattern("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
 * assert.equal(username.test("zoë@example.com"), true);
 * assert.equal(username.test("has space"), false);
 * ```
 */
export function compileJavaPattern(pattern: string): PatternMatcher {
  let matcher = compiled.get(pattern);
  if (matcher === undefined) {
    matcher = compile(pattern);
    compiled.set(pattern, matcher);
  }
  return matcher;
}
