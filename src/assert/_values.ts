/** Helpers on JSON-like values, private to the assertion module. */

/** Whether `value` is a plain (JSON) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether an object is a matcher or holds matcher keys (`$`-prefixed). */
export function hasMatcherKeys(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => key.startsWith("$"));
}

/**
 * A short, maskable description of a value for messages: strings quoted but
 * never escaped or re-encoded (so a secret can be found and masked verbatim),
 * scalars as literals, containers by kind.
 */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return `"${value}"`;
  if (value === null || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return "an object";
}

/** The JSON type name used by `$type`. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** `$.a.b`, `$.a[0]`, `$["custom:x"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}
