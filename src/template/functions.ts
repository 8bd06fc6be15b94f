/**
 * The function registry of the template language: declared signatures (see
 * `signatures.ts`) plus implementations registered by whoever provides them —
 * the generic ones here ({@linkcode builtinFunctions}), the SRP, SECRET_HASH
 * and TOTP ones by the runner, which holds the per-scenario state (client
 * ephemerals, device passwords) in its closures.
 *
 * @module
 */

import {
  FUNCTION_SIGNATURES,
  type FunctionCatalogue,
  type FunctionSignature,
  type TemplateFunction,
} from "./signatures.ts";

/**
 * Declared signatures plus registered implementations. A fresh registry per
 * scenario lets implementations keep per-scenario state in closures.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FunctionRegistry } from "./functions.ts";
 * const registry = new FunctionRegistry();
 * assert.equal(registry.signature("srp.deviceVerifier")?.maxArgs, 1);
 * registry.register("secretHash", ([username]) => `hash-of-${username}`);
 * assert.equal(typeof registry.implementation("secretHash"), "function");
 * assert.throws(() => registry.register("md5", () => ""), TypeError);
 * ```
 */
export class FunctionRegistry implements FunctionCatalogue {
  #signatures = new Map<string, FunctionSignature>();
  #implementations = new Map<string, TemplateFunction>();

  /** Starts with the given signatures (default: the whole catalogue) and no implementations. */
  constructor(signatures: Iterable<FunctionSignature> = FUNCTION_SIGNATURES) {
    for (const signature of signatures) this.declare(signature);
  }

  /** Declares an extra function; a name can be declared once. */
  declare(signature: FunctionSignature): this {
    if (this.#signatures.has(signature.name)) {
      throw new TypeError(
        `Cannot declare function "${signature.name}": it is already declared`,
      );
    }
    this.#signatures.set(signature.name, signature);
    return this;
  }

  /** Registers (or replaces) the implementation of a declared function. */
  register(name: string, implementation: TemplateFunction): this {
    if (!this.#signatures.has(name)) {
      throw new TypeError(`Cannot register function "${name}": no signature is declared`);
    }
    this.#implementations.set(name, implementation);
    return this;
  }

  /** The signature of `name`, if declared. */
  signature(name: string): FunctionSignature | undefined {
    return this.#signatures.get(name);
  }

  /** The implementation of `name`, if registered. */
  implementation(name: string): TemplateFunction | undefined {
    return this.#implementations.get(name);
  }

  /** Every declared name, in declaration order. */
  names(): string[] {
    return [...this.#signatures.keys()];
  }
}

/**
 * A registry with the whole catalogue declared and the generic functions
 * (`uuid`, `now`, `env`, `json`, `base64`, `concat`) implemented.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtinFunctions } from "./functions.ts";
 * const registry = builtinFunctions();
 * const context = { now: () => 1_700_000_000_500, randomUUID: () => "u", env: () => undefined };
 * assert.equal(registry.implementation("now")?.([], context), 1_700_000_000);
 * assert.equal(registry.implementation("base64")?.(["hi"], context), "aGk=");
 * assert.equal(registry.implementation("srp.start"), undefined);
 * ```
 */
export function builtinFunctions(): FunctionRegistry {
  return new FunctionRegistry()
    .register("uuid", (_args, context) => context.randomUUID())
    .register("now", (_args, context) => Math.floor(context.now() / 1000))
    .register("env", ([name], context) => {
      const text = requireString("env", name, "name");
      const value = context.env(text);
      if (value === undefined) throw new Error(`environment variable "${text}" is not set`);
      return value;
    })
    .register("json", ([value]) => JSON.stringify(value))
    .register("base64", ([text]) => {
      const bytes = new TextEncoder().encode(requireString("base64", text, "text"));
      let binary = "";
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    })
    .register("concat", (args) => args.map(toText).join(""));
}

/**
 * The text a value contributes when interpolated into a string: strings as
 * they are, anything else as JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toText } from "./functions.ts";
 * assert.equal(toText("a"), "a");
 * assert.equal(toText(3), "3");
 * assert.equal(toText({ a: [1] }), '{"a":[1]}');
 * ```
 */
export function toText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

function requireString(fn: string, value: unknown, param: string): string {
  if (typeof value !== "string") throw new TypeError(`${fn}(): ${param} must be a string`);
  return value;
}
