/** One line about an error and its cause chain (re-exported by `client.ts`). */

/**
 * One line about an error and its `cause` chain, outermost first, joined by
 * `": "`: `fetch` rejects with a bare "fetch failed" and keeps the reason
 * ("Connection refused (os error 111)") in its cause. A cause whose message
 * the text already holds is not repeated; only the first line of each
 * message is kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeError } from "./_describe_error.ts";
 * const cause = new Error("error sending request for url (http://x/): tcp connect error: Connection refused (os error 111)");
 * assert.equal(
 *   describeError(new TypeError("fetch failed", { cause })),
 *   "fetch failed: error sending request for url (http://x/): tcp connect error: Connection refused (os error 111)",
 * );
 * assert.equal(describeError(new DOMException("step timeout", "TimeoutError")), "step timeout");
 * assert.equal(describeError("plain"), "plain");
 * ```
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let at: unknown = error; at !== undefined && at !== null && !seen.has(at);) {
    seen.add(at);
    const record = typeof at === "object" ? at as { message?: unknown; cause?: unknown } : {};
    const message = String(record.message ?? at).split("\n")[0]!.trim();
    if (message !== "" && !parts.some((part) => part.includes(message))) parts.push(message);
    at = record.cause;
  }
  return parts.length === 0
    ? (error instanceof Error ? error.name : "unknown error")
    : parts.join(": ");
}
