/**
 * Hostile inputs of the mock's fuzz tests: huge strings of adversarial
 * fragments, deep nestings and odd values, malformed bodies and invalid
 * UTF-8, header variants, and forgeries of access tokens. Arbitraries
 * produce plain data ("recipes"); the tests turn them into requests against
 * live state, so a shrunk counterexample stays readable.
 *
 * @module
 */

import fc from "fast-check";

// ---------------------------------------------------------------------------------------------
// Hostile strings and bodies

/**
 * Fragments that hostile strings repeat: the e-mail template markers
 * (`{####}`, `{##…##}`: adversarial for backtracking patterns), JSON and
 * JWT punctuation, control, combining, astral and lone-surrogate characters.
 */
const FRAGMENTS = [
  "a",
  "{####}",
  "{##",
  "##}",
  "{##x##}",
  "\\",
  '"',
  ".",
  "=",
  " ",
  "\t\n",
  "\u0000",
  "\u0085",
  "\u2028",
  "e\u0301",
  "😀",
  "\ud800",
  "__proto__",
  "%00",
  "${x}",
];

/** A string of one fragment repeated, up to `maxLength` characters (e.g. 300 000). */
export function hugeString(maxLength: number): fc.Arbitrary<string> {
  return fc.record({
    fragment: fc.constantFrom(...FRAGMENTS),
    length: fc.oneof(
      fc.integer({ min: 1, max: 300 }),
      fc.constantFrom(2048, 20_000, 20_001, 131_072, 131_073),
      fc.integer({ min: 1, max: maxLength }),
    ),
  }).map(({ fragment, length }) =>
    fragment.repeat(Math.max(1, Math.ceil(Math.min(length, maxLength) / fragment.length)))
  );
}

/** A hostile member value, as JSON text (deep nestings are too deep for `JSON.stringify`). */
export interface HostileValue {
  readonly label: string;
  readonly json: string;
}

/** A hostile value for a member: a huge string, a deep nesting, or an odd scalar. */
export function hostileValue(maxLength: number): fc.Arbitrary<HostileValue> {
  return fc.oneof(
    hugeString(maxLength).map((text) => ({ label: "huge string", json: JSON.stringify(text) })),
    fc.record({
      depth: fc.integer({ min: 1, max: 100_000 }),
      kind: fc.constantFrom("array", "object"),
    }).map(({ depth, kind }) => ({
      label: "deep nesting",
      json: kind === "array"
        ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
    })),
    fc.constantFrom(
      "null",
      "-1",
      "9007199254740993",
      "-0",
      "1e308",
      "1e-400",
      '""',
      '"__proto__"',
      '"constructor"',
      '"toString"',
      '"hasOwnProperty"',
      '{"__proto__":{"x":1}}',
    ).map((json) => ({ label: "odd value", json })),
  );
}

/** A malformed body and what the wire answers it (exact where the catalogue says). */
export interface BadBody {
  readonly label: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The exact `[type, message]` expected, or `undefined` for "any AWS-shaped answer". */
  readonly expect?: readonly [string, string | undefined];
}

const encoder = new TextEncoder();
const MALFORMED = ["SerializationException", undefined] as const;

/** Invalid UTF-8 sequences (the decoder is fatal: each must be a SerializationException). */
const BAD_UTF8: readonly number[][] = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf], // overlong "/"
  [0xe0, 0x80, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // an encoded surrogate (CESU-8)
  [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
  [0x80], // a lone continuation byte
  [0xe2, 0x82], // truncated sequence
];

/** Malformed request bodies, given a valid one to cut and corrupt. */
export function badBodyArbitrary(valid: string): fc.Arbitrary<BadBody> {
  const validBytes = encoder.encode(valid);
  return fc.oneof(
    fc.integer({ min: 1, max: validBytes.length - 1 }).map((at) => ({
      label: "truncated JSON",
      bytes: validBytes.slice(0, at),
      expect: MALFORMED,
    })),
    fc.record({
      at: fc.integer({ min: 0, max: validBytes.length }),
      bad: fc.constantFrom(...BAD_UTF8),
    }).map(({ at, bad }) => ({
      label: "invalid UTF-8",
      bytes: new Uint8Array([...validBytes.slice(0, at), ...bad, ...validBytes.slice(at)]),
      expect: MALFORMED,
    })),
    fc.constantFrom("1", '"text"', "null", "true", "-0", "1e999", "NaN", "undefined", "{'a':1}")
      .map((text) => ({ label: "not an object", bytes: encoder.encode(text), expect: MALFORMED })),
    fc.constantFrom("[]", "[{}]", "[1,2]").map((text) => ({
      label: "a list as the body",
      bytes: encoder.encode(text),
      expect: ["SerializationException", "Start of list found where not expected."] as const,
    })),
    fc.integer({ min: 1, max: 400_000 }).map((depth) => ({
      label: "deep nesting",
      bytes: encoder.encode(`${"[".repeat(depth)}${"]".repeat(depth)}`),
      expect: ["SerializationException", "Start of list found where not expected."] as const,
    })),
    fc.integer({ min: 1, max: 100_000 }).map((depth) => ({
      label: "deep nesting",
      bytes: encoder.encode(
        `{"Junk":${'{"a":'.repeat(depth)}1${"}".repeat(depth)},${valid.slice(1)}`,
      ),
    })),
    fc.integer({ min: 1, max: 300_000 }).map((depth) => ({
      label: "unclosed nesting",
      bytes: encoder.encode(`{"Junk":${"[".repeat(depth)}`),
      expect: MALFORMED,
    })),
    fc.constantFrom(
      `{"__proto__":{"polluted":1},${valid.slice(1)}`,
      `${valid.slice(0, -1)},"ClientId":"dup","ClientId":"dup2"}`,
      `\ufeff${valid}`,
      ` \n\t${valid}\n `,
      `${valid}${valid}`,
      `${valid}\u0000`,
    ).map((text) => ({ label: "odd JSON", bytes: encoder.encode(text) })),
  );
}

// ---------------------------------------------------------------------------------------------
// Headers

/** A header variant and the check (of `http/api.ts`'s order) that must refuse it, if any. */
export interface HeaderVariant {
  readonly label: string;
  /** `null`: the header is not sent. */
  readonly target: string | null;
  readonly contentType: string | null;
  /** Which refusal the variant must get; `undefined`: neither header is at fault. */
  readonly refusal?: "target" | "content-type";
}

const PREFIX = "AWSCognitoIdentityProviderService";

/** Missing, wrong or odd `X-Amz-Target` / `Content-Type` for `operation`. */
export function headerArbitrary(operation: string): fc.Arbitrary<HeaderVariant> {
  const good = `${PREFIX}.${operation}`;
  const json = "application/x-amz-json-1.1";
  return fc.oneof(
    fc.constantFrom<[string, string | null]>(
      ["no target", null],
      ["empty target", ""],
      ["bare operation", operation],
      ["another service", `CognitoIdentityService.${operation}`],
      ["lower-case prefix", `${PREFIX.toLowerCase()}.${operation}`],
      ["lower-case operation", `${PREFIX}.${operation.toLowerCase()}`],
      ["unknown operation", `${PREFIX}.${operation}X`],
      ["trailing dot", `${good}.`],
      ["two targets", `${good}, ${good}`],
      ["prototype name", `${PREFIX}.__proto__`],
      ["prototype name", `${PREFIX}.constructor`],
    ).map(([label, target]) => ({ label, target, contentType: json, refusal: "target" as const })),
    fc.constantFrom<[string, string | null]>(
      ["no content type", null],
      ["text/plain", "text/plain"],
      ["form", "application/x-www-form-urlencoded"],
      ["json 1.2", "application/x-amz-json-1.2"],
      ["cbor", "application/x-amz-cbor-1.1"],
      ["empty", ""],
      ["garbage", "\u00ff\u00fe;;="],
    ).map(([label, contentType]) => ({
      label,
      target: good,
      contentType,
      refusal: "content-type" as const,
    })),
    fc.constantFrom<[string, string]>(
      ["json 1.0", "application/x-amz-json-1.0"],
      ["plain json", "application/json"],
      ["charset", "application/x-amz-json-1.1; charset=utf-8"],
      ["upper case", "APPLICATION/X-AMZ-JSON-1.1"],
      // Header values are trimmed (Fetch's normalisation), as any HTTP stack does.
      ["padded", ` ${json}\t`],
    ).map(([label, contentType]) => ({ label, target: good, contentType })),
  );
}

// ---------------------------------------------------------------------------------------------
// Forged access tokens

/** How to forge or damage an access token (see `forgeToken` in the fuzz test). */
export type Forgery =
  | { readonly kind: "alg-none"; readonly alg: string }
  | { readonly kind: "hs256-public-key"; readonly secret: "jwk" | "n" | "pem" | "kid" }
  | { readonly kind: "foreign-key"; readonly kid: "pool" | "other" | "missing" | "traversal" }
  | { readonly kind: "embedded-jwk" }
  | { readonly kind: "edit-claim"; readonly claim: string; readonly value: string | number }
  | { readonly kind: "reencode" }
  | { readonly kind: "flip-signature"; readonly at: number }
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "extra-segment"; readonly segment: string }
  | { readonly kind: "pad"; readonly part: number }
  | { readonly kind: "swap-signature" }
  | { readonly kind: "id-token" }
  | { readonly kind: "refresh-token" }
  | { readonly kind: "other-pool-token"; readonly editIss: boolean }
  | { readonly kind: "other-mock-token" }
  | { readonly kind: "garbage"; readonly text: string };

/** Every forgery the fuzz tries (weights favour the structural ones). */
export const forgeryArbitrary: fc.Arbitrary<Forgery> = fc.oneof(
  fc.constantFrom("none", "None", "NONE", "").map((alg) => ({ kind: "alg-none" as const, alg })),
  fc.constantFrom("jwk", "n", "pem", "kid").map((secret) => ({
    kind: "hs256-public-key" as const,
    secret,
  })),
  fc.constantFrom("pool", "other", "missing", "traversal").map((kid) => ({
    kind: "foreign-key" as const,
    kid,
  })),
  fc.constant({ kind: "embedded-jwk" as const }),
  fc.oneof(
    fc.constantFrom("sub", "username", "client_id", "origin_jti", "iss", "token_use", "scope")
      .chain((claim) =>
        fc.oneof(fc.constantFrom("victim", "id", ""), fc.string({ maxLength: 8 })).map((value) => ({
          claim,
          value,
        }))
      ),
    fc.constantFrom("exp", "iat", "auth_time").map((claim) => ({ claim, value: 4102444800 })),
  ).map(({ claim, value }) => ({ kind: "edit-claim" as const, claim, value })),
  fc.constant({ kind: "reencode" as const }),
  fc.nat().map((at) => ({ kind: "flip-signature" as const, at })),
  fc.nat().map((at) => ({ kind: "truncate" as const, at })),
  fc.constantFrom("", "x", "e30", "AA.AA").map((segment) => ({
    kind: "extra-segment" as const,
    segment,
  })),
  fc.integer({ min: 0, max: 2 }).map((part) => ({ kind: "pad" as const, part })),
  fc.constant({ kind: "swap-signature" as const }),
  fc.constant({ kind: "id-token" as const }),
  fc.constant({ kind: "refresh-token" as const }),
  fc.boolean().map((editIss) => ({ kind: "other-pool-token" as const, editIss })),
  fc.constant({ kind: "other-mock-token" as const }),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom("a.b.c", "..", "e30.e30.", "e30.e30.e30", "ey.ey.ey", "Bearer x"),
  ).map((text) => ({ kind: "garbage" as const, text })),
);

/** The access-token operations and a body for each (the token goes in `AccessToken`). */
export const TOKEN_OPERATIONS: readonly string[] = [
  "GetUser",
  "ListDevices",
  "GetDevice",
  "ConfirmDevice",
  "UpdateDeviceStatus",
  "ForgetDevice",
  "GlobalSignOut",
  "AssociateSoftwareToken",
  "SetUserMFAPreference",
  "VerifySoftwareToken",
];

/** AccessToken's model pattern: a token outside it is refused by validation, before any check. */
export const TOKEN_PATTERN = /^[A-Za-z0-9\-_=.]+$/;

/** The validation message for an AccessToken outside its pattern (a sensitive value: not echoed). */
export const TOKEN_PATTERN_MESSAGE =
  "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: " +
  "Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+";
