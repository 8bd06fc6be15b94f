/**
 * Translates the Java regular expressions of the AWS service model into
 * JavaScript `u`-flag regular expressions with the same meaning.
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
 * - `Matcher.matches()` anchors both ends; we wrap in `^(?:…)$`.
 *
 * Everything else in the model's patterns means the same in both dialects.
 *
 * @module
 */

const JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";

/** A model pattern translated to JavaScript. */
export interface TranslatedPattern {
  /** The JavaScript source, without anchors. */
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

const compiled = new Map<string, RegExp>();

/**
 * Compiles a Java model pattern to an anchored JavaScript RegExp (cached),
 * so `regex.test(value)` answers what Java's `Matcher.matches()` answers.
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
export function compileJavaPattern(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    const { source, flags } = translateJavaPattern(pattern);
    regex = new RegExp(`^(?:${source})$`, flags);
    compiled.set(pattern, regex);
  }
  return regex;
}
