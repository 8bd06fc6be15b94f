/**
 * Opaque pagination tokens for the List* operations: base64url of the offset
 * of the next page, bound to the listing it came from.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";

/** One page of `items` and the token of the next page, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

/**
 * Cuts one page out of `items`. `listing` names what is listed (e.g. the
 * pool id), so a token of another listing is refused.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paginate } from "./_paging.ts";
 * const first = paginate([1, 2, 3], 2, undefined, "x");
 * assert.deepEqual(first.items, [1, 2]);
 * assert.deepEqual(paginate([1, 2, 3], 2, first.next, "x").items, [3]);
 * assert.throws(() => paginate([1, 2, 3], 2, first.next, "y"), { name: "InvalidParameterException" });
 * ```
 */
export function paginate<T>(
  items: readonly T[],
  limit: number,
  token: string | undefined,
  listing: string,
): Page<T> {
  let offset = 0;
  if (token !== undefined) {
    const decoded = decode(token);
    const match = decoded === undefined ? null : /^(\d+):(.*)$/s.exec(decoded);
    if (match === null || match[2] !== listing) throw cognitoError("InvalidPaginationToken");
    offset = Number(match[1]);
  }
  const end = offset + limit;
  const page = items.slice(offset, end);
  return end < items.length ? { items: page, next: encode(`${end}:${listing}`) } : { items: page };
}

function encode(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function decode(token: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(atob(token), (c) => c.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}
