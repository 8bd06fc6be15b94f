/** Values of a running scenario: the template roots, secret paths, error positions. */

import type { SecretPath } from "../scenario/mod.ts";
import { RenderError } from "../template/mod.ts";
import type { ScenarioRoots } from "./provision.ts";
import type { SecretRegistry } from "./redact.ts";

/** The `pool`, `client` and `users` roots as template values. */
export function rootValues(roots: ScenarioRoots): Record<string, unknown> {
  const out: Record<string, unknown> = { users: roots.users };
  if (roots.pool !== undefined) out.pool = roots.pool;
  if (roots.client !== undefined) out.client = roots.client;
  return out;
}

/** Adds the values at the scenario's `secrets` paths (once they exist) to the registry. */
export function learnSecretPaths(
  paths: readonly SecretPath[],
  values: Record<string, unknown>,
  registry: SecretRegistry,
): void {
  for (const path of paths) {
    let value: unknown = values;
    for (const segment of path.segments) {
      if (typeof value !== "object" || value === null) {
        value = undefined;
        break;
      }
      value = Array.isArray(value) && typeof segment === "number"
        ? value.at(segment)
        : (value as Record<string, unknown>)[String(segment)];
    }
    addStrings(value, path.path, registry);
  }
}

export function addStrings(value: unknown, label: string, registry: SecretRegistry): void {
  if (typeof value === "string" && value !== "") registry.add(value, label);
  else if (typeof value === "number") registry.add(String(value), label);
  else if (Array.isArray(value)) { for (const item of value) addStrings(item, label, registry); }
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) addStrings(item, label, registry);
  }
}

export function positioned(error: unknown, file: string): string {
  if (error instanceof RenderError && error.position !== undefined) {
    return `${file}:${error.position.line}:${error.position.column}: ${error.message}`;
  }
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
