/**
 * Seed files: YAML that pre-creates pools, clients and users with fixed ids,
 * so an application under test can be configured once. Pools and clients take
 * the members of CreateUserPool / CreateUserPoolClient (validated against the
 * same model), plus `Id` / `ClientId` (and optionally a fixed `ClientSecret`):
 *
 * ```yaml
 * userPools:
 *   - Id: us-east-1_Example01
 *     PoolName: example
 *     DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false }
 *     MockBehaviour: { deviceSrpAuth: with-mfa }   # optional: this pool's §11 choices (docs/mock-choices.md)
 *     clients:
 *       - ClientId: 5example0client0id00000000
 *         ClientName: web
 *         ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
 *     users:
 *       - Username: alice
 *         Password: Passw0rd!
 *         Attributes: { email: alice@example.com, email_verified: "true" }
 *         # Status: CONFIRMED (default) | FORCE_CHANGE_PASSWORD | UNCONFIRMED; Enabled: true (default)
 * ```
 *
 * Loading checks everything by creating the seed in a scratch mock, so every
 * error (unknown key, model violation, password policy, duplicate id) is
 * reported as `file:line:col: message`.
 *
 * @module
 */

import { createSeed, type SeedFail, type SeedPath } from "./_seed_apply.ts";
import type { MockServices } from "./context.ts";
import { createMockHandler } from "./handler.ts";
import type { MockBehaviour } from "./state/behaviour.ts";

/** A user of a seeded pool. */
export interface SeedUser {
  /** The username (in an email or phone-number pool, the address). */
  Username: string;
  /** Permanent password (or the temporary one with FORCE_CHANGE_PASSWORD). */
  Password?: string;
  /** Attributes by name, values as strings (`email_verified: "true"`). */
  Attributes?: Record<string, string>;
  /** The user's status. @default "CONFIRMED" */
  Status?: "CONFIRMED" | "FORCE_CHANGE_PASSWORD" | "UNCONFIRMED";
  /** Whether the user may sign in. @default true */
  Enabled?: boolean;
}

/** A client of a seeded pool: CreateUserPoolClient members plus `ClientId`. */
export interface SeedClient {
  /** A fixed client id. @default a new 26-character id */
  ClientId?: string;
  /** `ClientName`, as CreateUserPoolClient requires. */
  ClientName: string;
  /** Any other CreateUserPoolClient member (`GenerateSecret`, `ClientSecret`, …). */
  [member: string]: unknown;
}

/** A seeded pool: CreateUserPool members plus `Id`, `clients`, `users` and `MockBehaviour`. */
export interface SeedPool {
  /** A fixed pool id, `<region>_<alphanumerics>`. @default a new id */
  Id?: string;
  /** `PoolName`, as CreateUserPool requires. */
  PoolName: string;
  /** This pool's behaviour choices (see `MockBehaviour`). @default the mock's */
  MockBehaviour?: Partial<MockBehaviour>;
  /** The pool's app clients. @default none */
  clients?: SeedClient[];
  /** The pool's users. @default none */
  users?: SeedUser[];
  /** Any other CreateUserPool member (`DeviceConfiguration`, `MfaConfiguration`, …). */
  [member: string]: unknown;
}

/** A seed document. */
export interface MockSeed {
  /** The pools to create, in order. */
  userPools: SeedPool[];
}

/**
 * A seed file that cannot be loaded, with the position of the problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SeedError } from "./seed.ts";
 * const error = new SeedError("seed.yaml", 3, 5, 'unknown key "Colour"');
 * assert.ok(error instanceof SyntaxError);
 * assert.equal(error.message, 'Cannot load seed: seed.yaml:3:5: unknown key "Colour"');
 * assert.equal(error.line, 3);
 * ```
 */
export class SeedError extends SyntaxError {
  /** Always `"SeedError"`. */
  override name = "SeedError";
  /** The file (or label) of the seed. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;

  /** An error at `file:line:column`, its message "Cannot load seed: file:line:column: problem". */
  constructor(file: string, line: number, column: number, problem: string) {
    super(`Cannot load seed: ${file}:${line}:${column}: ${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/**
 * Creates the seed's pools, clients and users in `services`, through the same
 * functions as the API operations (a seed from {@linkcode parseSeed} is
 * already known to apply cleanly).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMockHandler } from "./handler.ts";
 * import { applySeed } from "./seed.ts";
 * const mock = createMockHandler();
 * await applySeed(mock.services, { userPools: [{ Id: "us-east-1_Seeded01", PoolName: "demo" }] });
 * assert.ok(mock.services.store.pools.has("us-east-1_Seeded01"));
 * ```
 */
export function applySeed(services: MockServices, seed: MockSeed): Promise<void> {
  return createSeed(services, seed, (path, problem) => {
    throw new SeedError("seed", 0, 0, `${path.join(".")}: ${problem}`);
  });
}

/**
 * The bounds a seed file must keep (the mock reads it at start-up, maybe from
 * a checkout it does not control): bigger, deeper or more aliased files are
 * positioned {@linkcode SeedError}s, never a hang or a stack overflow.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SEED_LIMITS } from "./seed.ts";
 * assert.equal(SEED_LIMITS.maxDepth, 64);
 * ```
 */
export const SEED_LIMITS: { maxBytes: number; maxDepth: number; maxAliases: number } = Object
  .freeze({ maxBytes: 8 * 1024 * 1024, maxDepth: 64, maxAliases: 1000 });

/**
 * Parses and checks a seed document (YAML or JSON text). `file` names it in
 * error messages.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSeed, SeedError } from "./seed.ts";
 * const seed = await parseSeed("userPools:\n  - Id: us-east-1_Seed0001\n    PoolName: demo\n", "demo.yaml");
 * assert.equal(seed.userPools[0]?.Id, "us-east-1_Seed0001");
 * await assert.rejects(
 *   parseSeed("userPools:\n  - PoolName: demo\n    Colour: blue\n", "bad.yaml"),
 *   (error: SeedError) => error.message === 'Cannot load seed: bad.yaml:3:5: unknown key "Colour"',
 * );
 * ```
 */
export async function parseSeed(text: string, file: string): Promise<MockSeed> {
  const { isAlias, isCollection, LineCounter, parseDocument, visit } = await import("yaml");
  const lineCounter = new LineCounter();
  const at = (offset: number) => lineCounter.linePos(offset);
  if (text.length > SEED_LIMITS.maxBytes) {
    throw new SeedError(file, 1, 1, `the file is larger than ${SEED_LIMITS.maxBytes} bytes`);
  }
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax !== undefined) {
    const where = at(syntax.pos[0]);
    // The parser's own recursion limit surfaces as a RangeError's text.
    const message = /call stack/i.test(syntax.message)
      ? `the values nest deeper than ${SEED_LIMITS.maxDepth} levels`
      : syntax.message.split("\n")[0]!;
    throw new SeedError(file, where.line, where.col, message);
  }
  if (document.contents === null) {
    throw new SeedError(
      file,
      1,
      1,
      "the file is empty (a seed is a mapping with userPools: [...])",
    );
  }
  // Aliases and nesting are checked before toJS() expands anything: an
  // unknown anchor, an alias bomb or thousands of levels are positioned errors.
  let aliases = 0;
  let problem: { offset: number; message: string } | undefined;
  visit(document, (_key, node, path) => {
    const offset = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
    if (isAlias(node)) {
      aliases++;
      if (node.resolve(document) === undefined) {
        problem = {
          offset,
          message: `unknown alias "*${node.source}" (no anchor &${node.source} before it)`,
        };
      } else if (aliases > SEED_LIMITS.maxAliases) {
        problem = { offset, message: `more than ${SEED_LIMITS.maxAliases} aliases` };
      }
    } else if (isCollection(node) && path.filter(isCollection).length >= SEED_LIMITS.maxDepth) {
      problem = { offset, message: `the values nest deeper than ${SEED_LIMITS.maxDepth} levels` };
    }
    return problem === undefined ? undefined : visit.BREAK;
  });
  if (problem !== undefined) {
    const where = at(problem.offset);
    throw new SeedError(file, where.line, where.col, problem.message);
  }
  const fail: SeedFail = (path, problem) => {
    let node: unknown;
    for (let depth = path.length; depth >= 0 && node === undefined; depth--) {
      node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      // A key's position is more useful than its value's for "unknown key".
      if (depth === path.length && problem.startsWith("unknown key")) {
        node = keyNode(document, path) ?? node;
      }
    }
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
    const at = lineCounter.linePos(offset);
    throw new SeedError(file, at.line, at.col, problem);
  };
  let seed: MockSeed;
  try {
    // maxAliasCount bounds what the aliases expand to (the yaml package's guard).
    seed = document.toJS({ maxAliasCount: SEED_LIMITS.maxAliases }) as MockSeed;
  } catch (error) {
    throw new SeedError(file, 1, 1, `the aliases expand too far (${(error as Error).message})`);
  }
  // A dry run in a scratch mock reports every problem the real one would meet.
  const scratch = createMockHandler({ nativeCrypto: "off" }).services;
  await createSeed(scratch, seed, fail);
  return seed;
}

function keyNode(
  document: { getIn(path: SeedPath, keepNode: true): unknown },
  path: SeedPath,
): unknown {
  const parent = document.getIn(path.slice(0, -1), true) as {
    items?: { key?: { value?: unknown } }[];
  } | undefined;
  return parent?.items?.find((pair) => pair.key?.value === path.at(-1))?.key;
}

/**
 * Reads and checks a seed file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSeedFile } from "./seed.ts";
 * const seed = await loadSeedFile(`${import.meta.dirname}/../../fixtures/mock-seed.example.yaml`);
 * assert.ok(seed.userPools.length > 0);
 * ```
 */
export async function loadSeedFile(path: string): Promise<MockSeed> {
  return parseSeed(await Deno.readTextFile(path), path);
}
