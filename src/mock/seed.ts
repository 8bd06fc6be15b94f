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
  const { LineCounter, parseDocument } = await import("yaml");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax !== undefined) {
    const at = lineCounter.linePos(syntax.pos[0]);
    throw new SeedError(file, at.line, at.col, syntax.message.split("\n")[0]!);
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
  const seed = (document.toJS() ?? { userPools: [] }) as MockSeed;
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
