/**
 * The walk behind `redactValue` (see `redact.ts` for the rules): secrets
 * under secret keys masked and remembered, every other string searched; copies
 * made lazily, at the first member that changes. {@linkcode maskStep} walks a
 * step result by its known shape.
 */

import { isMask } from "./_anchor_index.ts";
import type { SecretRegistry } from "./_secret_registry.ts";

const MATCHER_OPERATOR = /^\$[a-zA-Z]+$/;
const PATH_TAIL = /(?:\.([A-Za-z_$][\w$-]*)|\[\s*["']([^"']+)["']\s*\])(?:\[\d+\])*$/;

/** Which secret, if any, the value being walked sits under. */
type Context = { label: string; search: boolean } | undefined;

function contextFor(key: string, registry: SecretRegistry, inherited: Context): Context {
  return inherited === undefined ? registry.keyInfo(key).secret : inheritedContext(key, inherited);
}

/** Inside a secret, matcher operators (`$match`, `$exists`, …) hold patterns, not values. */
function inheritedContext(key: string, inherited: Context & object): Context {
  return key.charCodeAt(0) === 0x24 && MATCHER_OPERATOR.test(key) ? undefined : inherited;
}

/** Expected and actual values of a failure take their key from the tail of its `path`. */
function failureContext(failure: Record<string, unknown>, registry: SecretRegistry): Context {
  const path = failure.path;
  if (typeof path !== "string") return undefined;
  const tail = PATH_TAIL.exec(path);
  const key = tail?.[1] ?? tail?.[2];
  return key === undefined ? undefined : contextFor(key, registry, undefined);
}

function isFailureList(key: string, value: unknown): value is unknown[] {
  return key === "failures" && Array.isArray(value);
}

/** The masked value: secrets under secret keys replaced and remembered, the rest searched. */
export function transform(value: unknown, registry: SecretRegistry, context: Context): unknown {
  switch (typeof value) {
    case "string":
      if (context !== undefined) return maskInPlace(value, registry, context);
      return registry.learnAndMask(value);
    case "number":
      return context === undefined ? value : maskInPlace(String(value), registry, context);
    case "object":
      if (value === null) return value;
      return Array.isArray(value)
        ? transformList(value, registry, context)
        : transformRecord(value as Record<string, unknown>, registry, context);
    default:
      return value;
  }
}

function maskInPlace(text: string, registry: SecretRegistry, context: Context & object): string {
  if (isMask(text)) return text;
  return context.search ? registry.add(text, context.label) : `«secret:${context.label}»`;
}

// The copies below are made lazily, at the first member that changes: most of an event
// holds no secret and is shared with the input.

function transformList(list: unknown[], registry: SecretRegistry, context: Context): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const next = transform(item, registry, context);
    if (out === undefined && next !== item) out = list.slice(0, i);
    out?.push(next);
  }
  return out ?? list;
}

function transformRecord(
  record: Record<string, unknown>,
  registry: SecretRegistry,
  context: Context,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = record[key];
    const info = registry.keyInfo(key);
    const next = isFailureList(key, child) ? transformFailures(child, registry) : transform(
      child,
      registry,
      context === undefined ? info.secret : inheritedContext(key, context),
    );
    const maskedKey = info.masked;
    if (out === undefined && (next !== child || maskedKey !== key)) {
      out = copyMembers(record, keys, i);
    }
    if (out !== undefined) setMember(out, maskedKey, next);
  }
  return out ?? record;
}

function transformFailures(failures: unknown[], registry: SecretRegistry): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < failures.length; i++) {
    const failure = failures[i];
    const next = typeof failure === "object" && failure !== null && !Array.isArray(failure)
      ? transformFailure(failure as Record<string, unknown>, registry)
      : transform(failure, registry, undefined);
    if (out === undefined && next !== failure) out = failures.slice(0, i);
    out?.push(next);
  }
  return out ?? failures;
}

function transformFailure(
  failure: Record<string, unknown>,
  registry: SecretRegistry,
): Record<string, unknown> {
  const context = failureContext(failure, registry);
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(failure);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = failure[key];
    const isValue = key === "expected" || key === "actual";
    const next = transform(
      child,
      registry,
      isValue ? context : contextFor(key, registry, undefined),
    );
    if (out === undefined && next !== child) out = copyMembers(failure, keys, i);
    if (out !== undefined) setMember(out, key, next);
  }
  return out ?? failure;
}

function copyMembers(
  record: Record<string, unknown>,
  keys: readonly string[],
  count: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) setMember(out, keys[i]!, record[keys[i]!]);
  return out;
}

function setMember(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else record[key] = value;
}

/** Masks one member of a record of the runner's own, or says it does not know the member. */
type Member = (key: string, value: unknown, registry: SecretRegistry) => unknown;
const UNKNOWN = Symbol("unknown member");

/**
 * A step result masked as {@linkcode transform} masks it, walked by its
 * known shape: the runner's own member names (`exchanges`, `request`,
 * `durationMs`, …) are no secret keys, so their values are walked without
 * looking the names up (a step is walked for every `step:end`). Members it
 * does not know are walked like any other.
 */
export function maskStep<T extends object>(step: T, registry: SecretRegistry): T {
  return shaped(step, registry, stepMember) as T;
}

function stepMember(key: string, value: unknown, registry: SecretRegistry): unknown {
  switch (key) {
    case "exchanges":
      return Array.isArray(value) ? transformExchanges(value, registry) : UNKNOWN;
    case "failures":
      return Array.isArray(value) ? transformFailures(value, registry) : UNKNOWN;
    case "index":
    case "name":
    case "call":
    case "outcome":
    case "durationMs":
    case "skipReason":
      return transform(value, registry, undefined);
    default:
      return UNKNOWN;
  }
}

function transformExchanges(list: unknown[], registry: SecretRegistry): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const next = isPlainRecord(item)
      ? shaped(item, registry, exchangeMember)
      : transform(item, registry, undefined);
    if (out === undefined && next !== item) out = list.slice(0, i);
    out?.push(next);
  }
  return out ?? list;
}

function exchangeMember(key: string, value: unknown, registry: SecretRegistry): unknown {
  switch (key) {
    case "request":
    case "response":
      return isPlainRecord(value) ? shaped(value, registry, messageMember) : UNKNOWN;
    case "durationMs":
      return transform(value, registry, undefined);
    default:
      return UNKNOWN;
  }
}

function messageMember(key: string, value: unknown, registry: SecretRegistry): unknown {
  switch (key) {
    case "method":
    case "url":
    case "status":
    case "headers":
    case "body":
      return transform(value, registry, undefined);
    default:
      return UNKNOWN;
  }
}

/** Like `transformRecord`, with `member` masking the members it knows. */
function shaped(record: object, registry: SecretRegistry, member: Member): object {
  const members = record as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(members);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = members[key];
    let next = member(key, child, registry);
    let maskedKey = key;
    if (next === UNKNOWN) {
      const info = registry.keyInfo(key);
      next = isFailureList(key, child)
        ? transformFailures(child, registry)
        : transform(child, registry, info.secret);
      maskedKey = info.masked;
    }
    if (out === undefined && (next !== child || maskedKey !== key)) {
      out = copyMembers(members, keys, i);
    }
    if (out !== undefined) setMember(out, maskedKey, next);
  }
  return out ?? record;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
