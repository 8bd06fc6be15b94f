/**
 * "Did you mean …?" suggestions by edit distance, shared by the template,
 * assertion and scenario modules so every misspelling is answered the same way.
 *
 * @module
 */

/**
 * The optimal-string-alignment distance between two strings: insertions,
 * deletions, substitutions and transpositions of neighbours each cost 1, so
 * `nmae` is one step from `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { editDistance } from "./suggest.ts";
 * assert.equal(editDistance("nmae", "name"), 1);
 * assert.equal(editDistance("RefreshTokn", "RefreshToken"), 1);
 * assert.equal(editDistance("", "abc"), 3);
 * ```
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidate closest to `word`, if one is close enough to be a plausible
 * misspelling: a case-insensitive equal wins, otherwise the smallest edit
 * distance within 0 (words up to 2 characters), 1 (up to 4), 2 (up to 7) or
 * 3, ties going to the earlier candidate; failing that, the shortest
 * candidate the word (4+ characters) is a prefix of.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closest } from "./suggest.ts";
 * assert.equal(closest("$mtach", ["$match", "$exists"]), "$match");
 * assert.equal(closest("accesstoken", ["AccessToken", "IdToken"]), "AccessToken");
 * assert.equal(closest("DeviceConfig", ["DeviceConfiguration", "MfaConfiguration"]), "DeviceConfiguration");
 * assert.equal(closest("zzz", ["name", "steps"]), undefined);
 * ```
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 2 ? 0 : word.length <= 4 ? 1 : word.length <= 7 ? 2 : 3;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(word, candidate);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || word.length < 4) return best;
  // A truncated name ("DeviceConfig") is a plausible slip too: the shortest completion wins.
  for (const candidate of candidates) {
    if (
      candidate.toLowerCase().startsWith(lower) &&
      (best === undefined || candidate.length < best.length)
    ) {
      best = candidate;
    }
  }
  return best;
}

/**
 * ` (did you mean "x"?)` when a close candidate exists, otherwise `""`, ready
 * to append to an error message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { didYouMean } from "./suggest.ts";
 * assert.equal(didYouMean("requset", ["request", "expect"]), ' (did you mean "request"?)');
 * assert.equal(didYouMean("qqqqqq", ["request"]), "");
 * ```
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}
