/**
 * The state the mock's fuzz tests attack, and what they assert of every
 * answer:
 *
 * - {@linkcode FuzzWorld}: one in-process mock (control surface off) with a
 *   device-tracking pool, the legitimate users alice and bob (each with a
 *   remembered device and a long-lived refresh token), the attacker mallory
 *   (whose own credentials the fuzz may use anywhere), a scratch pool for
 *   destructive operations, another pool (dave), and another mock that
 *   holds a pool with the same id (other keys, another SECRET_BLOCK key);
 * - {@linkcode assertAwsAnswer}: no 5xx but the mock's 501, never
 *   InternalErrorException, an AWS-shaped error whose type and message are
 *   in the catalogue, no stack trace, and no secret of the request echoed;
 * - {@linkcode FuzzWorld.checkLegitUsers}: after a batch, alice and bob still
 *   sign in with their device, refresh, and see exactly their own devices.
 *
 * @module
 */

import assert from "node:assert/strict";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import {
  ALL_FLOWS_CLIENT,
  ALWAYS_REMEMBER,
  type Answer,
  claimsOf,
  type Json,
  type KnownDevice,
  type Provisioned,
  TestMock,
} from "../src/mock/_testing.ts";
import { applySeed } from "../src/mock/seed.ts";
import { KeyStore } from "../src/mock/tokens/keys.ts";
import type { Forgery } from "./_fuzz_arbitraries.ts";
import { catalogueMatches } from "./_fuzz_run.ts";

/** One answer as the fuzz sees it. */
export interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // deno-lint-ignore no-explicit-any
  readonly json: any;
}

/** A request to send to the handler. */
export interface RawRequest {
  readonly method?: string;
  readonly path?: string;
  /** `null` leaves the header out. @default the operation's target */
  readonly target?: string | null;
  /** `null` leaves the header out. @default application/x-amz-json-1.1 */
  readonly contentType?: string | null;
  readonly operation?: string;
  readonly body?: string | Uint8Array<ArrayBuffer>;
  readonly headers?: Record<string, string>;
}

/** A legitimate user and what they hold. */
export interface LegitUser {
  readonly name: string;
  readonly password: string;
  readonly sub: string;
  readonly device: KnownDevice;
  /** From the first sign-in: must keep working (nothing the fuzz does may revoke it). */
  readonly refreshToken: string;
  readonly accessToken: string;
  readonly idToken: string;
}

/** Exact error answers the fuzz expects, as `[type, message]`. */
export const INCORRECT = ["NotAuthorizedException", "Incorrect username or password."] as const;
export const NO_DEVICE = ["ResourceNotFoundException", "Device does not exist."] as const;
export const INVALID_REFRESH = ["NotAuthorizedException", "Invalid Refresh Token."] as const;
export const REVOKED_REFRESH = [
  "NotAuthorizedException",
  "Refresh Token has been revoked",
] as const;
export const REVOKED_ACCESS = ["NotAuthorizedException", "Access Token has been revoked"] as const;
export const BAD_SESSION = ["NotAuthorizedException", "Invalid session for the user."] as const;
export const EXCEEDED = "Password attempts exceeded";

/** A `MockClient` answer as the fuzz's `Sent`. */
export function asSent(answer: Answer): Sent {
  return {
    status: answer.status,
    headers: answer.headers,
    text: JSON.stringify(answer.body),
    json: answer.body,
  };
}

const STACK = /\n\s+at |file:\/\/|\.ts:\d+:\d+|Error:/;
const HEADER_LIMIT = 1024;

function headerSafe(message: string): string {
  const ascii = message.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length > HEADER_LIMIT ? `${ascii.slice(0, HEADER_LIMIT - 3)}...` : ascii;
}

/** Pieces of a secret an echo would show (the whole, and 16-character slices of long ones). */
function secretPieces(secret: string): string[] {
  if (secret.length < 8) return [];
  if (secret.length <= 24) return [secret];
  const pieces: string[] = [];
  for (let at = 0; at + 16 <= secret.length; at += 16) pieces.push(secret.slice(at, at + 16));
  return pieces;
}

/**
 * What every answer must be: a 200, a 4xx, or the mock's own 501 for what
 * it does not implement — never a 500; an error is AWS-shaped (body
 * `{__type, message?}`, `x-amzn-ErrorType: <type>:`, the header copy of the
 * message) with a type and message from the catalogue; no stack trace; and
 * no error shows any of `secrets`.
 */
export function assertAwsAnswer(sent: Sent, secrets: readonly string[] = [], context = ""): void {
  const where = `${context} → ${sent.status} ${sent.text.slice(0, 300)}`;
  assert.ok(!STACK.test(sent.text), `stack trace in the answer: ${where}`);
  if (sent.status === 200) return;
  assert.ok(sent.status >= 400 && sent.status < 500 || sent.status === 501, `status: ${where}`);
  assert.ok(sent.json !== undefined && typeof sent.json === "object", `not JSON: ${where}`);
  const { __type: type, message, ...rest } = sent.json;
  assert.deepEqual(rest, {}, `extra members: ${where}`);
  assert.equal(typeof type, "string", `no __type: ${where}`);
  assert.notEqual(type, "InternalErrorException", where);
  if (sent.status === 501) assert.equal(type, "NotImplementedException", where);
  assert.equal(sent.headers.get("x-amzn-errortype"), `${type}:`, `x-amzn-ErrorType: ${where}`);
  assert.ok(message === undefined || typeof message === "string", where);
  assert.equal(
    sent.headers.get("x-amzn-errormessage"),
    message === undefined ? null : headerSafe(message),
    `x-amzn-ErrorMessage: ${where}`,
  );
  assert.ok(catalogueMatches(type, message).length > 0, `not in the catalogue: ${where}`);
  const shown = `${sent.text}\n${[...sent.headers.values()].join("\n")}`;
  for (const secret of secrets) {
    for (const piece of secretPieces(secret)) {
      assert.ok(!shown.includes(piece), `a secret of the request is echoed: ${context}`);
    }
  }
}

/** Asserts an exact error answer (and that it is AWS-shaped). */
export function assertError(
  sent: Sent,
  type: string,
  message: string | undefined,
  secrets: readonly string[] = [],
  context = "",
): void {
  assertAwsAnswer(sent, secrets, context);
  assert.deepEqual(
    { status: sent.status, type: sent.json?.__type, message: sent.json?.message },
    { status: 400, type, message },
    `${context} → ${sent.text.slice(0, 300)}`,
  );
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  return data.toBase64({ alphabet: "base64url", omitPadding: true });
}

function fromBase64url(text: string): Uint8Array {
  return Uint8Array.fromBase64(text, { alphabet: "base64url" });
}

/** The world the fuzz attacks. */
export class FuzzWorld {
  readonly faults: unknown[] = [];
  readonly mock: TestMock;
  /** The device-tracking pool of the legitimate users (and mallory). */
  setup!: Provisioned;
  /** A client of the same pool with a secret (SECRET_HASH, ClientSecret). */
  secretClient!: Provisioned;
  /** A pool the destructive operations may wreck. */
  scratch!: Provisioned;
  /** Another pool of the same mock (dave). */
  other!: Provisioned;
  alice!: LegitUser;
  bob!: LegitUser;
  /** The attacker: a user of the same pool whose own credentials the fuzz uses. */
  mallory!: LegitUser;
  dave!: LegitUser;
  /** Another mock with a pool of the same id, client id and users (its own keys). */
  readonly foreign: TestMock;
  foreignTokens!: Json;
  #checks = 0;

  private constructor() {
    this.mock = new TestMock({ control: false, onFault: (error) => this.faults.push(error) });
    this.foreign = new TestMock({ keyStore: new KeyStore("shared") });
  }

  /** Provisions every pool, user and device. */
  static async create(): Promise<FuzzWorld> {
    const world = new FuzzWorld();
    const mock = world.mock;
    world.setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
    const { UserPoolClient } = await mock.ok("CreateUserPoolClient", {
      UserPoolId: world.setup.poolId,
      ClientName: "secret",
      GenerateSecret: true,
      ...ALL_FLOWS_CLIENT,
    });
    world.secretClient = {
      poolId: world.setup.poolId,
      clientId: UserPoolClient.ClientId,
      clientSecret: UserPoolClient.ClientSecret,
    };
    world.scratch = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
    await mock.user(world.scratch.poolId, "scratchy", "Scratch-Pa55!");
    world.other = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
    world.alice = await world.#legit(world.setup, "alice", "Alice-Pa55!9f3e");
    world.bob = await world.#legit(world.setup, "bob", "Bob-Pa55!c81d07");
    world.mallory = await world.#legit(world.setup, "mallory", "Mallory-Pa55!");
    world.dave = await world.#legit(world.other, "dave", "Dave-Pa55!77aa");
    await applySeed(world.foreign.handler.services, {
      userPools: [{
        Id: world.setup.poolId,
        PoolName: "foreign",
        ...ALWAYS_REMEMBER,
        clients: [{ ClientId: world.setup.clientId, ClientName: "app", ...ALL_FLOWS_CLIENT }],
        users: [{ Username: "alice", Password: world.alice.password }],
      }],
    });
    world.foreignTokens = await world.foreign.signIn(world.setup, "alice", world.alice.password);
    return world;
  }

  async #legit(setup: Provisioned, name: string, password: string): Promise<LegitUser> {
    await this.mock.user(setup.poolId, name, password);
    const { tokens, device } = await this.mock.signInWithDevice(setup, name, password);
    return {
      name,
      password,
      sub: claimsOf(tokens.AccessToken).sub as string,
      device,
      refreshToken: tokens.RefreshToken,
      accessToken: tokens.AccessToken,
      idToken: tokens.IdToken,
    };
  }

  /** Sends one request to the handler. */
  async send(request: RawRequest): Promise<Sent> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.target !== null) {
      headers["x-amz-target"] = request.target ??
        `AWSCognitoIdentityProviderService.${request.operation ?? "ListUserPools"}`;
    }
    if (request.contentType !== null) {
      headers["content-type"] = request.contentType ?? "application/x-amz-json-1.1";
    }
    const method = request.method ?? "POST";
    const response = await this.mock.handler.handle(
      new Request(`http://mock.test${request.path ?? "/"}`, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD" ? {} : { body: request.body ?? "{}" }),
      }),
    );
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Sends an API call with a JSON body. */
  call(operation: string, body: unknown): Promise<Sent> {
    return this.send({ operation, body: JSON.stringify(body) });
  }

  /** Whether the run's fuzz has faulted the mock (an `onFault` report). */
  assertNoFault(): void {
    assert.deepEqual(this.faults.map(String), [], "the mock reported a fault");
  }

  /**
   * After a batch: no fault so far, and alice and bob — whose credentials the
   * fuzz never had — still sign in by SRP with their remembered device
   * (DEVICE_SRP_AUTH), refresh with it, keep their first refresh token, and
   * see exactly their own device (ListDevices and AdminListDevices). The
   * clock first moves 15 minutes and a second on: wrong passwords may have
   * locked them out, and 15 quiet minutes end any lockout (§9).
   */
  async checkLegitUsers(): Promise<void> {
    this.assertNoFault();
    this.#checks++;
    this.mock.tick(15 * 60 + 1);
    const { mock, setup } = this;
    const renewed: LegitUser[] = [];
    for (const user of [this.alice, this.bob]) {
      const first = await mock.srpSignIn(setup, user.name, user.password, {
        deviceKey: user.device.key,
      });
      assert.equal(
        first.ChallengeName,
        "DEVICE_SRP_AUTH",
        `${user.name}: ${JSON.stringify(first)}`,
      );
      const tokens = (await mock.deviceSignIn(setup, first, user.name, user.device))
        .AuthenticationResult;
      assert.equal(tokens.NewDeviceMetadata, undefined);
      const claims = claimsOf(tokens.AccessToken);
      assert.deepEqual(
        [claims.sub, claims.username, claims.device_key],
        [user.sub, user.name, user.device.key],
      );
      for (const refreshToken of [tokens.RefreshToken, user.refreshToken]) {
        const refreshed = await mock.ok("InitiateAuth", {
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: setup.clientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken, DEVICE_KEY: user.device.key },
        });
        assert.equal(claimsOf(refreshed.AuthenticationResult.AccessToken).sub, user.sub);
      }
      renewed.push({ ...user, accessToken: tokens.AccessToken, idToken: tokens.IdToken });
      const me = await mock.ok("GetUser", { AccessToken: tokens.AccessToken });
      assert.equal(me.Username, user.name);
      const listed = await mock.ok("ListDevices", { AccessToken: tokens.AccessToken });
      assert.deepEqual(listed.Devices.map((d: Json) => d.DeviceKey), [user.device.key]);
      const admin = await mock.ok("AdminListDevices", {
        UserPoolId: setup.poolId,
        Username: user.name,
      });
      assert.deepEqual(admin.Devices.map((d: Json) => d.DeviceKey), [user.device.key]);
      const status = admin.Devices[0].DeviceAttributes.find((a: Json) =>
        a.Name === "dev:device_remembered_status"
      );
      assert.equal(status.Value, "remembered");
    }
    assert.equal(this.mock.handler.services.store.throttles.length, 0);
    this.assertNoFault();
    [this.alice, this.bob] = renewed as [LegitUser, LegitUser];
    await this.#renewTokens();
  }

  /**
   * New tokens for the next batch (the clock moved): dave's and mallory's
   * to use (alice's and bob's to forge from come from the check's sign-ins).
   * Mallory's device may be gone or
   * her tokens revoked by the fuzz (her own credentials); she signs in anew.
   */
  async #renewTokens(): Promise<void> {
    const renew = async (user: LegitUser, setup: Provisioned): Promise<LegitUser> => {
      const tokens = await this.mock.signIn(setup, user.name, user.password);
      return { ...user, accessToken: tokens.AccessToken, idToken: tokens.IdToken };
    };
    this.dave = await renew(this.dave, this.other);
    const { tokens, device } = await this.mock.signInWithDevice(
      this.setup,
      this.mallory.name,
      this.mallory.password,
    );
    this.mallory = {
      ...this.mallory,
      device,
      accessToken: tokens.AccessToken,
      idToken: tokens.IdToken,
      refreshToken: tokens.RefreshToken,
    };
  }

  /** How many times the legitimate users were checked. */
  get checks(): number {
    return this.#checks;
  }

  /**
   * Forges or damages alice's access token as `forgery` says. Returns the
   * token and whether it is still a valid token of someone (other-pool
   * tokens are dave's, valid in their own pool).
   */
  async forgeToken(forgery: Forgery): Promise<{ token: string; validFor?: LegitUser }> {
    const token = this.alice.accessToken;
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const keys = await this.mock.handler.services.keys.forPool(this.setup.poolId);
    const claims = claimsOf(token);
    const kid = keys.access.kid;
    switch (forgery.kind) {
      case "alg-none":
        return {
          token: `${base64url(JSON.stringify({ kid, alg: forgery.alg }))}.${payload}.`,
        };
      case "hs256-public-key": {
        const secret = forgery.secret === "jwk"
          ? JSON.stringify(keys.access.jwk)
          : forgery.secret === "n"
          ? keys.access.jwk.n
          : forgery.secret === "kid"
          ? kid
          : await exportSPKI(keys.access.publicKey);
        return {
          token: await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid }).sign(
            encoder.encode(secret),
          ),
        };
      }
      case "foreign-key":
      case "embedded-jwk": {
        const { privateKey, publicKey } = await attackerKeys();
        const header: Record<string, unknown> = { alg: "RS256" };
        if (forgery.kind === "embedded-jwk") {
          header.kid = kid;
          header.jwk = await crypto.subtle.exportKey("jwk", publicKey);
        } else if (forgery.kid === "pool") header.kid = kid;
        else if (forgery.kid === "other") header.kid = keys.id.kid;
        else if (forgery.kid === "traversal") header.kid = "../../../../dev/null";
        return {
          token: await new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(
            privateKey,
          ),
        };
      }
      case "edit-claim": {
        const edited = { ...claims, [forgery.claim]: forgery.value };
        return { token: `${header}.${base64url(JSON.stringify(edited))}.${signature}` };
      }
      case "reencode":
        return { token: `${header}.${base64url(JSON.stringify(claims, null, 1))}.${signature}` };
      case "flip-signature": {
        const bytes = fromBase64url(signature);
        bytes[forgery.at % bytes.length]! ^= 1 << (forgery.at % 8);
        return { token: `${header}.${payload}.${base64url(bytes)}` };
      }
      case "truncate":
        return { token: token.slice(0, Math.max(1, forgery.at % token.length)) };
      case "extra-segment":
        return { token: `${token}.${forgery.segment}` };
      case "pad": {
        const parts = [header, payload, signature];
        parts[forgery.part] = `${parts[forgery.part]}==`;
        return { token: parts.join(".") };
      }
      case "swap-signature":
        return { token: `${header}.${payload}.${this.bob.accessToken.split(".")[2]}` };
      case "id-token":
        return { token: this.alice.idToken };
      case "refresh-token":
        return { token: this.alice.refreshToken };
      case "other-pool-token": {
        if (!forgery.editIss) return { token: this.dave.accessToken, validFor: this.dave };
        const [h, , s] = this.dave.accessToken.split(".") as [string, string, string];
        const edited = { ...claimsOf(this.dave.accessToken), iss: claims.iss };
        return { token: `${h}.${base64url(JSON.stringify(edited))}.${s}` };
      }
      case "other-mock-token":
        return { token: this.foreignTokens.AccessToken };
      case "garbage":
        return { token: forgery.text };
    }
  }
}

let attacker: Promise<CryptoKeyPair> | undefined;

/** One RSA key pair of the attacker's, made once per test file. */
function attackerKeys(): Promise<CryptoKeyPair> {
  attacker ??= generateKeyPair("RS256", { extractable: true }) as Promise<CryptoKeyPair>;
  return attacker;
}
