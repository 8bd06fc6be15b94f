/**
 * The inputs of the mock's fuzz tests (test/mock_fuzz_test.ts,
 * test/mock_fuzz_http_test.ts): run settings from the environment, JSON
 * values derived from the service model (fixtures/cognito-idp-shapes.json)
 * and what the model says a wrong one must answer, hostile strings and
 * bodies, header variants, and forgeries of access tokens.
 *
 * Arbitraries produce plain data ("recipes"); the tests turn them into
 * requests against live state, so a shrunk counterexample stays readable.
 *
 * @module
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { ERROR_CATALOGUE } from "../src/cognito/errors.ts";
import { OPERATION_REGISTRY } from "../src/mock/operations/registry.ts";
import { operationShapes, type Shape, shapeNamed } from "../src/mock/validate/shapes.ts";

// ---------------------------------------------------------------------------------------------
// Run settings

function envNumber(name: string): number | undefined {
  const text = Deno.env.get(name);
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Cannot read ${name}: "${text}" is not a non-negative integer`);
  }
  return value;
}

/** The seed of every property: fixed in CI, `FUZZ_SEED` to replay or vary it. */
export const FUZZ_SEED: number = envNumber("FUZZ_SEED") ?? 20261207;

const FUZZ_RUNS = envNumber("FUZZ_RUNS");

/**
 * Runs of one property: `ciRuns` unless `FUZZ_RUNS` is set; then `FUZZ_RUNS`
 * times `share` (the costly stateful properties take a tenth).
 */
export function fuzzRuns(ciRuns: number, share = 1): number {
  return FUZZ_RUNS === undefined ? ciRuns : Math.max(1, Math.round(FUZZ_RUNS * share));
}

/** What one fuzz run counted, for the figures of the README's reliability notes. */
export const FUZZ_TALLY = new Map<string, number>();

/** Counts one input of `kind`. */
export function tally(kind: string): void {
  FUZZ_TALLY.set(kind, (FUZZ_TALLY.get(kind) ?? 0) + 1);
}

/**
 * `fc.assert` with the run's seed; a failure names the seed and path that
 * replay it (`FUZZ_SEED=… deno test …`, fast-check's message has the path).
 */
export async function checkProperty(
  name: string,
  property: fc.IAsyncPropertyWithHooks<never> | fc.IAsyncProperty<never>,
  runs: number,
): Promise<void> {
  try {
    await fc.assert(property as fc.IAsyncProperty<unknown>, { seed: FUZZ_SEED, numRuns: runs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause instanceof Error
      ? `\nCaused by: ${error.cause.message}`
      : "";
    throw new Error(
      `${name}: fuzz failure; replay with FUZZ_SEED=${FUZZ_SEED}\n${message}${cause}`,
      { cause: error },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The error catalogue as the oracle of every refusal

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((part) =>
    part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  );
  return new RegExp(`^${parts.join("[^]*")}$`);
}

const CATALOGUE_PATTERNS = ERROR_CATALOGUE.map((entry) => ({
  ...entry,
  pattern: entry.message === null ? undefined : templatePattern(entry.message),
}));

/** The catalogue ids whose type and message (or absent message) an error answer has. */
export function catalogueMatches(type: string, message: string | undefined): string[] {
  return CATALOGUE_PATTERNS.filter((entry) =>
    entry.type === type &&
    (message === undefined ? entry.message === null : entry.pattern?.test(message) === true)
  ).map((entry) => entry.id);
}

// ---------------------------------------------------------------------------------------------
// The service model: members, their JSON types, and the answer to a wrong type

/** One modelled member of an operation's input, by its path of member names. */
export interface MemberSite {
  readonly operation: string;
  readonly path: readonly string[];
  /** The member's shape name. */
  readonly shape: string;
}

/** Every member of every implemented operation's input, nested structures included (depth ≤ 3). */
export const MEMBER_SITES: readonly MemberSite[] = [...OPERATION_REGISTRY.keys()].flatMap(
  (operation) => {
    const input = operationShapes(operation)?.input;
    if (input === undefined) return [];
    const sites: MemberSite[] = [];
    const walk = (shapeName: string, path: string[]): void => {
      const shape = shapeNamed(shapeName);
      if (shape.type !== "structure" || shape.document === true || path.length >= 3) return;
      for (const [member, memberShape] of Object.entries(shape.members ?? {})) {
        sites.push({ operation, path: [...path, member], shape: memberShape });
        walk(memberShape, [...path, member]);
      }
    };
    walk(input, []);
    return sites;
  },
);

/** The JSON kinds a value can have on the wire. */
export type JsonKind = "string" | "number" | "boolean" | "object" | "array";

/** The JSON kind a shape takes (`undefined` for a free-form document). */
export function kindOf(shape: Shape): JsonKind | undefined {
  if (shape.document === true) return undefined;
  switch (shape.type) {
    case "structure":
    case "map":
      return "object";
    case "list":
      return "array";
    case "boolean":
      return "boolean";
    case "integer":
    case "long":
    case "timestamp":
      return "number";
    default:
      return "string";
  }
}

// The names Coral's messages use (catalogue entry SerializationTypeMismatch and its source).
const JAVA_CLASS: Record<string, string> = {
  string: "java.lang.String",
  number: "com.amazon.coral.value.json.numbers.TruncatingBigNumber",
  boolean: "java.lang.Boolean",
};
const TARGET_TYPE: Record<string, string> = {
  string: "String",
  blob: "ByteBuffer",
  integer: "Integer",
  long: "Long",
  boolean: "Boolean",
  timestamp: "Date",
  structure: "Structure",
  map: "Map",
  list: "List",
};

/**
 * The SerializationException the model's deserialiser answers for a value
 * of `kind` where `shape` is modelled (catalogue: SerializationTypeMismatch,
 * …UnexpectedStructure, …UnexpectedList).
 */
export function wrongTypeError(shape: Shape, kind: JsonKind): { type: string; message: string } {
  const type = "SerializationException";
  if (kind === "array") return { type, message: "Start of list found where not expected." };
  if (kind === "object") {
    return { type, message: "Start of structure or map found where not expected." };
  }
  return {
    type,
    message: `class ${JAVA_CLASS[kind]} can not be converted to an ${TARGET_TYPE[shape.type]}`,
  };
}

/** A JSON value of `kind` (small; deep and huge values come from other arbitraries). */
export function valueOfKind(kind: JsonKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case "string":
      return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("", "null", "0", "true"));
    case "number":
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "boolean":
      return fc.boolean();
    case "object":
      return fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      });
    case "array":
      return fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 });
  }
}

/** A member of a real operation given a value of the wrong JSON kind, and the exact answer. */
export interface WrongTypeRecipe {
  readonly site: MemberSite;
  readonly kind: JsonKind;
  readonly value: unknown;
}

/** Every member site, each with every JSON kind it does not take. */
export const wrongTypeArbitrary: fc.Arbitrary<WrongTypeRecipe> = fc
  .constantFrom(...MEMBER_SITES.filter((site) => kindOf(shapeNamed(site.shape)) !== undefined))
  .chain((site) => {
    const own = kindOf(shapeNamed(site.shape));
    const kinds = (["string", "number", "boolean", "object", "array"] as const).filter((kind) =>
      kind !== own
    );
    return fc.constantFrom(...kinds).chain((kind) =>
      valueOfKind(kind).map((value) => ({ site, kind, value }))
    );
  });

/** The body `{…path: value}` (each enclosing structure an object of one member). */
export function bodyWith(path: readonly string[], value: unknown): Record<string, unknown> {
  let body: unknown = value;
  for (const member of [...path].reverse()) body = { [member]: body };
  return body as Record<string, unknown>;
}

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

const HOLE = "\u0000hole\u0000";

/** The JSON text of `{…path: value}` with `json` spliced in as the value. */
export function bodyTextWith(path: readonly string[], json: string): string {
  return JSON.stringify(bodyWith(path, HOLE)).replace(JSON.stringify(HOLE), () => json);
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

assert.ok(MEMBER_SITES.length > 200, "the model yields the member sites");

// ---------------------------------------------------------------------------------------------
// Model-shaped requests

/** Values to mix into model-shaped requests, by member name and by map key. */
export interface KnownValues {
  readonly members: Readonly<Record<string, readonly string[]>>;
  readonly mapKeys: readonly string[];
  readonly mapValues: Readonly<Record<string, readonly string[]>>;
}

/** A model-shaped value of `shapeName` (random, with known values mixed in), up to depth 3. */
export function modelValue(
  shapeName: string,
  known: KnownValues,
  depth = 0,
): fc.Arbitrary<unknown> {
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case "structure": {
      if (shape.document === true) return fc.jsonValue({ maxDepth: 2 });
      const members = Object.entries(shape.members ?? {}).map(([member, memberShape]) => {
        const values = known.members[member];
        const base = depth > 3 ? fc.constant(undefined) : modelValue(memberShape, known, depth + 1);
        return [
          member,
          values === undefined || values.length === 0
            ? base
            : fc.oneof(fc.constantFrom(...values), base),
        ] as const;
      });
      return fc.record(Object.fromEntries(members), {
        requiredKeys: [...(shape.required ?? [])] as never[],
      });
    }
    case "list":
      return depth > 3
        ? fc.constant([])
        : fc.array(modelValue(shape.member!, known, depth + 1), { maxLength: 3 });
    case "map":
      return fc.array(
        fc.oneof(fc.constantFrom(...known.mapKeys), fc.string({ maxLength: 10 })).chain((key) => {
          const values = known.mapValues[key] ?? [];
          const base = modelValue(shape.value!, known, depth + 1);
          return (values.length === 0 ? base : fc.oneof(fc.constantFrom(...values), base)).map(
            (value) => [key, value] as const,
          );
        }),
        { maxLength: 5 },
      ).map((entries) => Object.fromEntries(entries));
    case "string":
      return shape.enum !== undefined
        ? fc.oneof(fc.constantFrom(...shape.enum), fc.string({ maxLength: 8 }))
        : fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.stringMatching(/^[\w-]{1,12}_[0-9a-zA-Z]{1,12}$/),
          fc.constantFrom("", "__proto__", "us-east-1_abc"),
        );
    case "integer":
    case "long":
      return fc.integer({ min: -5, max: 100 });
    case "boolean":
      return fc.boolean();
    case "timestamp":
      return fc.integer({ min: 0, max: 2_000_000_000 });
    default:
      return fc.string({ maxLength: 20 });
  }
}
