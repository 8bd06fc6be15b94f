/**
 * The error thrown for SRP inputs that cannot be used: malformed hex or
 * base64, an `SRP_A` or `SRP_B` that is 0 mod N, a pool ID without `_`.
 *
 * @module
 */

/**
 * An SRP input that cannot be used. `field` names the Cognito parameter
 * (`SRP_A`, `SALT`, `SECRET_BLOCK`, …) so a server can answer with an
 * `InvalidParameterException` naming it. Messages never contain secrets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SrpInputError } from "./errors.ts";
 * const error = new SrpInputError("SRP_A", 'Cannot parse SRP_A: "xyz" is not hexadecimal');
 * assert.ok(error instanceof RangeError);
 * assert.equal(error.field, "SRP_A");
 * ```
 */
export class SrpInputError extends RangeError {
  /** Always `"SrpInputError"`. */
  override name = "SrpInputError";
  /** The parameter at fault, e.g. `SRP_B`. */
  readonly field: string;

  /** Creates the error for `field` with a `Cannot …: …` message. */
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
