/** Argument checks and SRP error wrapping of the runner's template functions. */

import { SrpInputError } from "../srp/mod.ts";

/** The SRP members of a challenge's parameters. */
export interface Challenge {
  raw: Record<string, unknown>;
  srpB: string;
  salt: string;
  secretBlock: string;
}

/** The challenge parameters an SRP claim needs, or a TypeError naming what is missing. */
export function challengeValues(fn: string, parameters: unknown): Challenge {
  const raw = requireRecord(fn, parameters, "challengeParameters");
  return {
    raw,
    srpB: requireMember(fn, raw, "SRP_B", "challengeParameters"),
    salt: requireMember(fn, raw, "SALT", "challengeParameters"),
    secretBlock: requireMember(fn, raw, "SECRET_BLOCK", "challengeParameters"),
  };
}

/** Sign a given TIMESTAMP as written, else format the clock's now. */
export function claimOptions(
  fn: string,
  timestamp: unknown,
  now: () => number,
): { now: () => Date } | { timestamp: string } {
  if (timestamp === undefined) return { now: () => new Date(now()) };
  return { timestamp: requireString(fn, timestamp, "timestamp") };
}

/** Runs SRP math; its input errors become messages that quote no value (they may be secret). */
export function srp<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof SrpInputError) {
      throw new RangeError(`${error.field} is not usable for SRP (malformed or out of range)`);
    }
    throw error;
  }
}

/** The argument, if it is a string; else a TypeError naming the parameter. */
export function requireString(fn: string, value: unknown, param: string): string {
  if (typeof value !== "string") throw new TypeError(`${fn}(): ${param} must be a string`);
  return value;
}

/** A non-empty string, or undefined. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The argument, if it is a plain object; else a TypeError naming the parameter. */
export function requireRecord(fn: string, value: unknown, param: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${fn}(): ${param} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty string member of an object; else a TypeError naming it. */
export function requireMember(
  fn: string,
  record: Record<string, unknown>,
  member: string,
  param: string,
): string {
  const value = record[member];
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`${fn}(): ${param} has no ${member}`);
  }
  return value;
}
