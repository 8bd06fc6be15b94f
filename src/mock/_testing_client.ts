/**
 * The wire half of the mock's test helpers: {@linkcode MockClient} calls
 * operations through the pure request handler (wire format, validation and
 * all), checks answers against the model's output shapes, and provisions
 * pools, clients and users in one line. `_testing.ts` adds the SRP and device
 * flows on top.
 *
 * @module
 */

import assert from "node:assert/strict";
import { computeSecretHash } from "./auth/secret_hash.ts";
import { createMockHandler, type MockHandler, type MockHandlerOptions } from "./handler.ts";
import { KeyStore } from "./tokens/keys.ts";
import { operationShapes } from "./validate/shapes.ts";
import { checkShapeTypes, unmodelledMembers } from "./validate/validate.ts";

// One key store for every test mock: RSA keygen once per test file, not per test.
const sharedKeys = new KeyStore("shared");

/** A decoded JSON body. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** A decoded answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
}

/** An error answer, as the tests compare it. */
export interface Failure {
  readonly type: string;
  readonly message: string;
  readonly status: number;
}

/** A provisioned pool and client. */
export interface Provisioned {
  readonly poolId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

/** The flows a client of {@linkcode MockClient.provision} enables unless told otherwise. */
export const DEFAULT_TEST_FLOWS: readonly string[] = [
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
];

/** `{SECRET_HASH}` for a client with a secret, else `{}` (spread it into the parameters). */
export async function secretHashOf(
  setup: Provisioned,
  username: string,
): Promise<Record<string, string>> {
  if (setup.clientSecret === undefined) return {};
  return { SECRET_HASH: await computeSecretHash(setup.clientSecret, username, setup.clientId) };
}

/** The mock behind a fixed, movable clock, and the calls every test makes. */
export class MockClient {
  readonly handler: MockHandler;
  #now: number;

  constructor(options: MockHandlerOptions = {}) {
    this.#now = Date.UTC(2026, 10, 26, 9, 0, 0);
    this.handler = createMockHandler({ clock: () => this.#now, keyStore: sharedKeys, ...options });
  }

  /** Moves the base clock. */
  tick(seconds: number): void {
    this.#now += seconds * 1000;
  }

  /** The base clock, epoch ms. */
  get now(): number {
    return this.#now;
  }

  /** Sends one API call. */
  async call(
    operation: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await this.handler.handle(
      new Request("http://mock.test/", {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
          ...headers,
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
  }

  /** Sends one API call that must succeed; returns the body. */
  async ok(operation: string, body: unknown): Promise<Json> {
    const answer = await this.call(operation, body);
    assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer.body)}`);
    assertOutputShape(operation, answer.body);
    return answer.body;
  }

  /** Sends one API call that must fail; returns `{type, message, status}`. */
  async fails(operation: string, body: unknown): Promise<Failure> {
    const answer = await this.call(operation, body);
    assert.notEqual(answer.status, 200, `${operation} unexpectedly succeeded`);
    assert.equal(answer.headers.get("x-amzn-errortype"), `${answer.body.__type}:`);
    return { type: answer.body.__type, message: answer.body.message, status: answer.status };
  }

  /** Creates a pool and a client ({@linkcode DEFAULT_TEST_FLOWS} unless given). */
  async provision(
    pool: Record<string, unknown> = {},
    client: Record<string, unknown> = {},
  ): Promise<Provisioned> {
    const { UserPool } = await this.ok("CreateUserPool", { PoolName: "test", ...pool });
    const { UserPoolClient } = await this.ok("CreateUserPoolClient", {
      UserPoolId: UserPool.Id,
      ClientName: "app",
      ExplicitAuthFlows: DEFAULT_TEST_FLOWS,
      ...client,
    });
    return {
      poolId: UserPool.Id,
      clientId: UserPoolClient.ClientId,
      ...(UserPoolClient.ClientSecret === undefined
        ? {}
        : { clientSecret: UserPoolClient.ClientSecret }),
    };
  }

  /** Creates a CONFIRMED user with a permanent password. Returns the internal username. */
  async user(
    poolId: string,
    username: string,
    password = "Passw0rd!",
    attributes: Record<string, string> = {},
  ): Promise<string> {
    const { User } = await this.ok("AdminCreateUser", {
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    });
    await this.ok("AdminSetUserPassword", {
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    });
    return User.Username;
  }

  /** Creates a FORCE_CHANGE_PASSWORD user with a temporary password. */
  async temporaryUser(poolId: string, username: string, password: string): Promise<void> {
    await this.ok("AdminCreateUser", {
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: password,
      MessageAction: "SUPPRESS",
    });
  }

  /** Answers NEW_PASSWORD_REQUIRED with a new password; returns the answer. */
  newPassword(
    setup: Provisioned,
    challenge: Json,
    username: string,
    password: string,
  ): Promise<Json> {
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    return this.ok("RespondToAuthChallenge", {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ClientId: setup.clientId,
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password },
    });
  }

  /** Signs in with USER_PASSWORD_AUTH; returns the AuthenticationResult. */
  async signIn(setup: Provisioned, username: string, password = "Passw0rd!"): Promise<Json> {
    const body = await this.ok("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: setup.clientId,
      AuthParameters: {
        USERNAME: username,
        PASSWORD: password,
        ...await secretHashOf(setup, username),
      },
    });
    return body.AuthenticationResult;
  }
}

/** The decoded payload of a JWT (no verification). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split(".")[1]!;
  return JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));
}

/** Asserts that an operation's output has the model's JSON types and no unmodelled member. */
export function assertOutputShape(operation: string, body: unknown): void {
  const output = operationShapes(operation)?.output;
  if (output === undefined) return;
  checkShapeTypes(output, body);
  assert.deepEqual(
    unmodelledMembers(output, body),
    [],
    `${operation} output has unmodelled members`,
  );
}

const ROOT = new URL("../../", import.meta.url);

/** Whether this test run may write a script and run deno (subprocess tests skip otherwise). */
export const CAN_SPAWN: boolean = ["run", "write"].every((name) =>
  Deno.permissions.querySync({ name } as Deno.PermissionDescriptor).state === "granted"
);

/** The `file:` URL of a module of this project, for scripts run in a subprocess. */
export function projectModule(path: string): string {
  return new URL(path, ROOT).href;
}

/**
 * Runs `script` (TypeScript) in a new `deno run` with the project's config
 * and `flags`, from the project root; it must exit 0. Returns what it wrote
 * to standard output, parsed as JSON.
 */
export async function runScriptForJson(script: string, flags: readonly string[]): Promise<Json> {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/probe.ts`;
    await Deno.writeTextFile(path, script);
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--quiet",
        `--config=${new URL("deno.json", ROOT).pathname}`,
        ...flags,
        path,
      ],
      cwd: ROOT.pathname,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
