/**
 * Opaque pagination tokens for the List* operations. A token is standard
 * base64 of `version (1 byte) | offset of the next page (4 bytes) | MAC (16
 * bytes)`, the MAC an HMAC-SHA256 under a key only this mock instance holds
 * (derived from its secret) over the offset and the **listing** it came from
 * (the operation and what it lists: a pool, a user). So a token cannot be
 * forged or edited, and one from another listing — another user's devices,
 * another pool's users, another operation — or another mock is refused with
 * `InvalidParameterException` (docs/mock-choices.md §11.6).
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { MockServices } from "../context.ts";

/** One page of `items` and the token of the next page, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

/** Which page of which listing is asked for. */
export interface PageRequest {
  /** Page size (the operation's `Limit` / `MaxResults`, defaults applied). */
  readonly limit: number;
  /** `PaginationToken` / `NextToken` as received. */
  readonly token: string | undefined;
  /** What is listed, e.g. `devices:<poolId>:<sub>`; a token is valid for its listing only. */
  readonly listing: string;
}

const VERSION = 1;
const MAC_BYTES = 16;
const LABEL = "cognito-conformance pagination v1";
const encoder = new TextEncoder();
const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** The HMAC key of this mock's tokens: HMAC(secret, label), so it never equals the block key. */
function keyOf(services: Pick<MockServices, "blockKey">): Promise<CryptoKey> {
  let key = keys.get(services.blockKey);
  if (key === undefined) {
    key = (async () => {
      const hmac = { name: "HMAC", hash: "SHA-256" };
      const secret = await crypto.subtle.importKey("raw", services.blockKey.slice(), hmac, false, [
        "sign",
      ]);
      const derived = await crypto.subtle.sign("HMAC", secret, encoder.encode(LABEL));
      return crypto.subtle.importKey("raw", derived, hmac, false, ["sign"]);
    })();
    keys.set(services.blockKey, key);
  }
  return key;
}

async function macOf(
  services: Pick<MockServices, "blockKey">,
  listing: string,
  offset: number,
): Promise<Uint8Array> {
  const signed = await crypto.subtle.sign(
    "HMAC",
    await keyOf(services),
    encoder.encode(`${offset}\u0000${listing}`),
  );
  return new Uint8Array(signed, 0, MAC_BYTES);
}

async function encodeToken(
  services: Pick<MockServices, "blockKey">,
  listing: string,
  offset: number,
): Promise<string> {
  const bytes = new Uint8Array(5 + MAC_BYTES);
  bytes[0] = VERSION;
  new DataView(bytes.buffer).setUint32(1, offset);
  bytes.set(await macOf(services, listing, offset), 5);
  return bytes.toBase64();
}

/** The offset a token names, or `undefined` when it is not one of ours for this listing. */
async function decodeToken(
  services: Pick<MockServices, "blockKey">,
  listing: string,
  token: string,
): Promise<number | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.fromBase64(token);
  } catch {
    return undefined;
  }
  if (bytes.length !== 5 + MAC_BYTES || bytes[0] !== VERSION) return undefined;
  const offset = new DataView(bytes.buffer, bytes.byteOffset).getUint32(1);
  const expected = await macOf(services, listing, offset);
  let difference = 0;
  for (let i = 0; i < MAC_BYTES; i++) difference |= expected[i]! ^ bytes[5 + i]!;
  return difference === 0 ? offset : undefined;
}

/**
 * Cuts one page out of `items`. A token of another listing, another mock,
 * an edited or a made-up one is `InvalidParameterException`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paginate } from "./_paging.ts";
 * const services = { blockKey: new Uint8Array(32).fill(7) };
 * const first = await paginate(services, [1, 2, 3], { limit: 2, token: undefined, listing: "x" });
 * assert.deepEqual(first.items, [1, 2]);
 * const rest = await paginate(services, [1, 2, 3], { limit: 2, token: first.next, listing: "x" });
 * assert.deepEqual(rest.items, [3]);
 * await assert.rejects(paginate(services, [1, 2, 3], { limit: 2, token: first.next, listing: "y" }), {
 *   name: "InvalidParameterException",
 * });
 * ```
 */
export async function paginate<T>(
  services: Pick<MockServices, "blockKey">,
  items: readonly T[],
  request: PageRequest,
): Promise<Page<T>> {
  let offset = 0;
  if (request.token !== undefined) {
    const decoded = await decodeToken(services, request.listing, request.token);
    if (decoded === undefined) throw cognitoError("InvalidPaginationToken");
    offset = decoded;
  }
  const end = offset + request.limit;
  const page = items.slice(offset, end);
  if (end >= items.length) return { items: page };
  return { items: page, next: await encodeToken(services, request.listing, end) };
}
