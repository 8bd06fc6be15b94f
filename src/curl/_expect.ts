/**
 * A step's `expect` from what the script says about the answer: a sample
 * (`# → {…}`, values left out as `…`), a status, `expect_status`,
 * `expect_error`, and `# expect:` lines, which win (they are written in the
 * scenario's own terms).
 *
 * @module
 */

import type { ExpectSource } from "./_model.ts";

/** Members whose sample values are made fresh by every run: only their type is expected. */
const GENERATED = new Set([
  "AccessToken",
  "IdToken",
  "RefreshToken",
  "Session",
  "DeviceKey",
  "DeviceGroupKey",
  "SRP_B",
  "SALT",
  "SECRET_BLOCK",
  "SecretCode",
  "UserSub",
  "sub",
  "USER_ID_FOR_SRP",
  "PasswordVerifier",
  "Salt",
  "DevicePassword",
  "PaginationToken",
  "NextToken",
  "DeviceName",
  "CodeDeliveryDetails",
]);

/**
 * The `expect` block, or `undefined` when the script says nothing about the
 * answer. `rewrite` turns a sample's literal text into scenario text
 * (usernames to `${users.…}`, `${` escaped).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectOf } from "./_expect.ts";
 * const same = (text: string) => text;
 * assert.deepEqual(
 *   expectOf({ status: 400, sample: { __type: "NotAuthorizedException", message: "Invalid Refresh Token." } }, same),
 *   { error: { type: "NotAuthorizedException", message: "Invalid Refresh Token." } },
 * );
 * assert.deepEqual(
 *   expectOf({ sample: { AuthenticationResult: { AccessToken: "…", ExpiresIn: 3600 } } }, same),
 *   { body: { AuthenticationResult: { AccessToken: { $type: "string" }, ExpiresIn: 3600 } } },
 * );
 * assert.equal(expectOf({}, same), undefined);
 * ```
 */
export function expectOf(
  source: ExpectSource,
  rewrite: (text: string, key: string | undefined) => string,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const sample = source.sample;
  const sampleError = isObject(sample) && typeof sample.__type === "string"
    ? {
      type: sample.__type,
      ...(typeof sample.message === "string" && !/…|\.\.\./.test(sample.message)
        ? { message: rewrite(sample.message, "message") }
        : {}),
    }
    : undefined;
  const error = source.error ?? sampleError;
  if (error !== undefined) out.error = error;
  // The status an error implies is not written, whichever line names the error.
  const written = source.written?.error;
  const implied = isObject(written) ? written : error;
  const defaultStatus = implied === undefined
    ? 200
    : implied.type === "InternalErrorException"
    ? 500
    : 400;
  if (source.status !== undefined && source.status !== defaultStatus) out.status = source.status;
  if (error === undefined && isObject(sample) && (source.status ?? 200) < 300) {
    out.body = sampleExpectation(sample, undefined, rewrite);
  }
  const merged = { ...out, ...(source.written ?? {}) };
  return Object.keys(merged).length === 0 ? undefined : merged;
}

function sampleExpectation(
  value: unknown,
  key: string | undefined,
  rewrite: (text: string, key: string | undefined) => string,
): unknown {
  if (typeof value === "string") {
    if (/…|\.\.\./.test(value) || (key !== undefined && GENERATED.has(key))) {
      return { $type: "string" };
    }
    return rewrite(value, key);
  }
  if (typeof value === "number") {
    return key !== undefined && /Date$/.test(key) ? { $type: "number" } : value;
  }
  if (Array.isArray(value)) {
    if (value.includes("…")) return { $type: "array" };
    return value.map((item) => sampleExpectation(item, key, rewrite));
  }
  if (isObject(value)) {
    if (key !== undefined && GENERATED.has(key)) return { $type: "object" };
    const out: Record<string, unknown> = {};
    for (const [member, item] of Object.entries(value)) {
      out[member] = sampleExpectation(item, member, rewrite);
    }
    return out;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
