/**
 * The scenario vars a conversion declares: placeholders, unset shell
 * variables and the script's constants, each with a comment that says where
 * it came from and how to set it.
 *
 * @module
 */

/** A declared var. */
export interface DraftVar {
  /** Its name (`${vars.<name>}`). */
  name: string;
  /** Its value in the file. */
  value: string;
  /** Where it came from and how to set it (a YAML comment). */
  comment: string;
  /** Whether it holds a secret (listed under `secrets:`). */
  secret: boolean;
}

const SECRET_KEY = /pass|token|secret|session|signature|srp|code|claim|verifier|salt/i;

/** Whether a request member's value is a secret (for `secrets:` and masking). */
export function isSecretKey(key: string | undefined): boolean {
  return key !== undefined && SECRET_KEY.test(key);
}

/**
 * A var name from placeholder text or a shell name: `<refresh-token>` →
 * `refreshToken`, `[USER_POOL_ID]` → `userPoolId`, `YOUR_CLIENT_ID` →
 * `clientId`, `{{ clientId }}` → `clientId`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { varNameOf } from "./_vars.ts";
 * assert.equal(varNameOf("<refresh-token>"), "refreshToken");
 * assert.equal(varNameOf("[USER_POOL_ID]"), "userPoolId");
 * assert.equal(varNameOf("YOUR_CLIENT_ID"), "clientId");
 * assert.equal(varNameOf("<your user name>"), "userName");
 * assert.equal(varNameOf("{{ clientId }}"), "clientId");
 * assert.equal(varNameOf("<2fa>"), "v2fa");
 * ```
 */
export function varNameOf(text: string): string {
  const words = text
    .replace(/^(?:<|\[|\{\{)\s*|\s*(?:>|\]|\}\})$/g, "")
    .replace(/^your[\s_-]+/i, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
  const camel = words.map((word, k) => {
    const lower = /^[A-Z0-9]+$/.test(word) ? word.toLowerCase() : word;
    return k === 0
      ? lower[0]!.toLowerCase() + lower.slice(1)
      : lower[0]!.toUpperCase() + lower.slice(1);
  }).join("");
  if (camel === "") return "value";
  return /^[A-Za-z_]/.test(camel) ? camel : `v${camel}`;
}

/** The vars of a scenario under construction. */
export class Vars {
  readonly #vars = new Map<string, DraftVar>();

  /** Every declared var, in declaration order. */
  list(): DraftVar[] {
    return [...this.#vars.values()];
  }

  /** Whether `name` is declared. */
  has(name: string): boolean {
    return this.#vars.has(name);
  }

  /**
   * Declares a var (once: a second declaration of the same name keeps the
   * first) and returns its template path.
   */
  declare(name: string, value: string, comment: string, secret = false): string {
    const existing = this.#vars.get(name);
    if (existing === undefined) this.#vars.set(name, { name, value, comment, secret });
    else if (secret) existing.secret = true;
    return `vars${
      /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`
    }`;
  }
}
