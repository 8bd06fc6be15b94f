/**
 * JSON for the mock's stored records (`--data-dir`): the values JSON lacks
 * are written as one-member tagged objects — `{"$bigint": "<hex>"}` (SRP
 * verifiers and ephemerals), `{"$map": [[key, value], …]}` (attributes,
 * devices), `{"$secret": "<value>"}` ({@linkcode Secret}, whose own JSON is
 * redacted) and `{"$bytes": "<base64>"}` — and read back as what they were.
 * A stored object that happens to have one member named like a tag cannot
 * occur: every record's members are the mock's own field names.
 *
 * @module
 */

import { Secret } from "./secret.ts";

/** A value read back that is not what the codec writes: the stored record is damaged. */
export class StateCodecError extends TypeError {
  override name = "StateCodecError";
}

function encodeBytes(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/**
 * A record as stored: JSON with bigints, Maps, Secrets and bytes tagged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeRecord, encodeRecord } from "./codec.ts";
 * import { Secret } from "./secret.ts";
 * const text = encodeRecord({ v: 255n, m: new Map([["a", "b"]]), s: new Secret("pw") });
 * assert.equal(text, '{"v":{"$bigint":"ff"},"m":{"$map":[["a","b"]]},"s":{"$secret":"pw"}}');
 * const back = decodeRecord(text) as { v: bigint; m: Map<string, string>; s: Secret };
 * assert.equal(back.v, 255n);
 * assert.equal(back.m.get("a"), "b");
 * assert.equal(back.s.reveal(), "pw");
 * ```
 */
export function encodeRecord(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, converted) {
    // `this[key]` is the value before its own toJSON (Secret redacts itself there).
    const raw = this[key];
    if (raw instanceof Secret) return { $secret: raw.reveal() };
    if (typeof raw === "bigint") return { $bigint: raw.toString(16) };
    if (raw instanceof Map) return { $map: [...raw] };
    if (raw instanceof Uint8Array) return { $bytes: encodeBytes(raw) };
    return converted;
  });
}

function revive(tagged: Record<string, unknown>): unknown {
  const keys = Object.keys(tagged);
  if (keys.length !== 1 || !keys[0]!.startsWith("$")) return tagged;
  const [tag] = keys as [string];
  const value = tagged[tag];
  if (tag === "$bigint" && typeof value === "string" && /^-?[0-9a-f]+$/.test(value)) {
    return value.startsWith("-") ? -BigInt(`0x${value.slice(1)}`) : BigInt(`0x${value}`);
  }
  if (tag === "$map" && Array.isArray(value)) {
    if (!value.every((entry) => Array.isArray(entry) && entry.length === 2)) {
      throw new StateCodecError("Cannot decode a stored map: an entry is not a [key, value] pair");
    }
    return new Map(value as [unknown, unknown][]);
  }
  if (tag === "$secret" && typeof value === "string") return new Secret(value);
  if (tag === "$bytes" && typeof value === "string") return decodeBytes(value);
  throw new StateCodecError(`Cannot decode a stored value: unknown tag "${tag}"`);
}

/**
 * Reads a record written by {@linkcode encodeRecord}; damaged text is a
 * `SyntaxError` (not JSON) or a {@linkcode StateCodecError} (a bad tag).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeRecord } from "./codec.ts";
 * assert.deepEqual(decodeRecord('{"b":{"$bytes":"AQI="}}'), { b: new Uint8Array([1, 2]) });
 * assert.throws(() => decodeRecord('{"x":{"$nope":1}}'), { name: "StateCodecError" });
 * assert.throws(() => decodeRecord('{"x":'), { name: "SyntaxError" });
 * ```
 */
export function decodeRecord(text: string): unknown {
  return JSON.parse(text, (_key, value) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return revive(value as Record<string, unknown>);
    }
    return value;
  });
}
