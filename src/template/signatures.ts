/**
 * The declarations of the template language's functions: what a call may
 * use ({@linkcode CallContext}), what an implementation is
 * ({@linkcode TemplateFunction}), and the whole catalogue of signatures
 * ({@linkcode FUNCTION_SIGNATURES}) — name, arity, a one-line doc and whether
 * the result is secret — so a scenario file can be validated before anything
 * runs. Implementations are registered in `functions.ts`.
 *
 * @module
 */

/** What a function may use besides its arguments (injected, for determinism). */
export interface CallContext {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** A random UUID v4. */
  randomUUID(): string;
  /** Reads an environment variable; `undefined` when unset. */
  env(name: string): string | undefined;
}

/**
 * A function implementation. It receives evaluated arguments (arity already
 * checked against its signature) and may be async. Throwing an `Error`
 * becomes a render error naming the call; its message must not contain
 * secrets.
 */
export type TemplateFunction = (args: readonly unknown[], context: CallContext) => unknown;

/** The declaration of a template function. */
export interface FunctionSignature {
  /** Dotted name, e.g. `srp.deviceVerifier`. */
  name: string;
  /** Parameter list for docs and messages, e.g. `(challengeParameters, password[, timestamp])`. */
  params: string;
  /** Fewest arguments accepted. */
  minArgs: number;
  /** Most arguments accepted (`Infinity` for variadic functions). */
  maxArgs: number;
  /** One-line description. */
  doc: string;
  /**
   * Whether the result must be masked in reports: `true` for the whole value
   * (every string in it), or the names of the secret members of an object
   * result — then only those members are secret, whatever the arguments (a
   * password claim's USERNAME and TIMESTAMP stay readable; an empty list, as
   * `jwt.payload` declares, says that no member of its object result is
   * secret although its argument is). A function declared `false`
   * (`concat`, `base64`, `json`…) applied to a secret argument yields a
   * secret result anyway.
   */
  secret: boolean | readonly string[];
}

/** Read-only view of declared functions: all the scenario loader needs. */
export interface FunctionCatalogue {
  /** The signature of `name`, if declared. */
  signature(name: string): FunctionSignature | undefined;
  /** Every declared name. */
  names(): string[];
}

/**
 * Every function scenarios may call. Implementations of the first six are in
 * {@linkcode builtinFunctions}; the runner implements the rest on top of
 * `src/srp/` (and `jwt.payload` on the assertion module's JWT decoder).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FUNCTION_SIGNATURES } from "./signatures.ts";
 * const totp = FUNCTION_SIGNATURES.find((signature) => signature.name === "totp");
 * assert.equal(totp?.params, "(secretCode[, offsetSeconds])");
 * assert.equal(totp?.secret, true);
 * ```
 */
export const FUNCTION_SIGNATURES: readonly FunctionSignature[] = [
  {
    name: "uuid",
    params: "()",
    minArgs: 0,
    maxArgs: 0,
    doc: "A random UUID v4, e.g. for unique usernames.",
    secret: false,
  },
  {
    name: "now",
    params: "()",
    minArgs: 0,
    maxArgs: 0,
    doc:
      "The current time in epoch seconds (an integer); in a run, the time of the scenario's pool (it follows advanceClock and setClock).",
    secret: false,
  },
  {
    name: "env",
    params: "(name)",
    minArgs: 1,
    maxArgs: 1,
    doc: "The value of an environment variable; fails when it is not set.",
    secret: false,
  },
  {
    name: "json",
    params: "(value)",
    minArgs: 1,
    maxArgs: 1,
    doc: "The JSON text of a value (for string members that carry JSON).",
    secret: false,
  },
  {
    name: "base64",
    params: "(text)",
    minArgs: 1,
    maxArgs: 1,
    doc: "Standard base64 (with padding) of the UTF-8 bytes of a string.",
    secret: false,
  },
  {
    name: "concat",
    params: "(value, …)",
    minArgs: 1,
    maxArgs: Infinity,
    doc: "The values joined into one string (non-strings as JSON).",
    secret: false,
  },
  {
    name: "srp.start",
    params: "([name])",
    minArgs: 0,
    maxArgs: 1,
    doc:
      'Starts an SRP exchange: returns SRP_A as hex and remembers the client ephemeral under name (default "user"; use "device" for DEVICE_SRP_AUTH).',
    secret: false,
  },
  {
    name: "srp.passwordClaim",
    params: "(challengeParameters, password[, timestamp])",
    minArgs: 2,
    maxArgs: 3,
    doc:
      'Answers PASSWORD_VERIFIER with the "user" ephemeral: {USERNAME, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE}.',
    secret: ["PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE"],
  },
  {
    name: "srp.deviceVerifier",
    params: "(newDeviceMetadata)",
    minArgs: 1,
    maxArgs: 1,
    doc:
      "ConfirmDevice's DeviceSecretVerifierConfig {PasswordVerifier, Salt} for {DeviceKey, DeviceGroupKey}; remembers the random device password.",
    secret: true,
  },
  {
    name: "srp.deviceClaim",
    params: "(challengeParameters, device[, timestamp])",
    minArgs: 2,
    maxArgs: 3,
    doc:
      'Answers DEVICE_PASSWORD_VERIFIER with the "device" ephemeral (else "user") and the remembered device password: {USERNAME, DEVICE_KEY, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE}.',
    secret: ["PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE"],
  },
  {
    name: "srp.timestamp",
    params: "([style])",
    minArgs: 0,
    maxArgs: 1,
    doc:
      'The SRP TIMESTAMP for now: "canonical" (default, "Wed Nov 4 09:05:07 UTC 2026"), or a deliberately wrong form: "padded-day" (zero-padded day; the same as canonical on days 10–31, so set the clock to a day 1–9 with setClock), "wrong-weekday" (the next day\'s name: non-canonical on any day, so use it when a scenario needs a parseable non-canonical value), "numeric-zone" (unparseable).',
    secret: false,
  },
  {
    name: "jwt.payload",
    params: "(token)",
    minArgs: 1,
    maxArgs: 1,
    doc:
      "The decoded (not verified) claims of a JWT (an ID or access token), e.g. to compare auth_time or origin_jti across steps; fails for anything else, the refresh token included.",
    // The token is a credential; its claims are not: they are readable by anyone who holds the
    // token (base64, not encrypted) and none of Cognito's lets anyone act (sub, username,
    // device_key, client_id, jti, origin_jti, event_id, scope, times; an ID token's attributes
    // are user data). So the result is shown, though the argument is masked.
    secret: [],
  },
  {
    name: "secretHash",
    params: "(username)",
    minArgs: 1,
    maxArgs: 1,
    doc:
      "SECRET_HASH = base64(HMAC-SHA256(client secret, username + client id)) for the scenario's client.",
    secret: true,
  },
  {
    name: "totp",
    params: "(secretCode[, offsetSeconds])",
    minArgs: 1,
    maxArgs: 2,
    doc:
      "The 6-digit TOTP code for a base32 secret (AssociateSoftwareToken's SecretCode), optionally shifted in time.",
    secret: true,
  },
];

/**
 * Why `count` arguments do not fit `signature` (`takes 1 argument, got 0`),
 * or `undefined` when they do.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkArity, FUNCTION_SIGNATURES } from "./mod.ts";
 * const verifier = FUNCTION_SIGNATURES.find((s) => s.name === "srp.deviceVerifier")!;
 * assert.equal(checkArity(verifier, 0), "takes 1 argument, got 0");
 * assert.equal(checkArity(verifier, 1), undefined);
 * ```
 */
export function checkArity(signature: FunctionSignature, count: number): string | undefined {
  const { minArgs: min, maxArgs: max } = signature;
  if (count >= min && count <= max) return undefined;
  const plural = (n: number) => (n === 1 ? "argument" : "arguments");
  const takes = max === Infinity
    ? `at least ${min} ${plural(min)}`
    : min === max
    ? min === 0 ? "no arguments" : `${min} ${plural(min)}`
    : `${min} to ${max} arguments`;
  return `takes ${takes}, got ${count}`;
}
