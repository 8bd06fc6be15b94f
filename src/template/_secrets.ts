/**
 * Secret tracking during evaluation: which results are secret, what their
 * mask is labelled, and how their strings reach
 * {@linkcode RenderOptions.onSecret}.
 *
 * @module
 */

import type { PathExpression } from "./ast.ts";
import type { RenderOptions } from "./context.ts";
import type { FunctionSignature } from "./signatures.ts";
import { isPlainObject } from "./_values.ts";

/** The last named segment of a path: what a secret read through it is. */
export function pathLabel(node: PathExpression): string {
  const last = node.segments.findLast((segment) => typeof segment.key === "string");
  return String(last?.key ?? "value");
}

/**
 * Reports the secrets of a call's result and returns whether the result is
 * secret as a whole. A signature that names its secret members reports those
 * members of an object result and leaves the rest readable (a username, a
 * TIMESTAMP, a device key), whatever the arguments; otherwise the result is
 * secret when the function is, or when any argument was.
 */
export function trackCallSecrets(
  signature: FunctionSignature,
  value: unknown,
  tainted: boolean,
  options: RenderOptions,
): boolean {
  const secret = signature.secret;
  if (Array.isArray(secret) && isPlainObject(value)) {
    for (const member of secret) reportSecrets(value[member], member, options);
    return false;
  }
  return secret === true || tainted || Array.isArray(secret);
}

/** Reports every string of a secret value; a string inside an object is labelled with its key. */
export function reportSecrets(value: unknown, label: string, options: RenderOptions): void {
  if (options.onSecret === undefined) return;
  if (typeof value === "string") options.onSecret(value, label);
  else if (Array.isArray(value)) { for (const item of value) reportSecrets(item, label, options); }
  else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) reportSecrets(item, key, options);
  }
}
