/**
 * Targets: where a run sends its requests, and what that endpoint allows.
 *
 * - **Embedded mock** (no endpoint): a mock server in this process on
 *   127.0.0.1 with a free port and shared signing keys, one per run; a fresh
 *   pool, client and users per scenario. Capabilities: `mock-control`,
 *   `provisioning`, `credentials` (dummy SigV4 credentials, which the mock
 *   accepts).
 * - **Endpoint** (any URL, real AWS included): `mock-control` when
 *   `GET <endpoint>/_mock` answers the mock's name; `provisioning` with
 *   `provision: true` (needs credentials, except on a mock); `credentials`
 *   when credentials are given. Or an existing pool (`existingPool`) whose
 *   scenario `pool`/`client` blocks are preconditions.
 *
 * @module
 */

import { type AwsCredentials, CognitoClient, receive } from "../cognito/client.ts";
import { MOCK_CREDENTIALS } from "../cognito/credentials.ts";
import { createMockServer, type MockServerOptions } from "../mock/mod.ts";
import type { Capability } from "../scenario/mod.ts";
import type { TargetInfo } from "./events.ts";

export { MOCK_CREDENTIALS };

/** An existing user pool to test instead of provisioning one per scenario. */
export interface ExistingPool {
  /** The user pool id, e.g. `eu-west-1_AbCdEf123`. */
  poolId: string;
  /** The app client id. */
  clientId: string;
  /** The app client secret, when the client has one (for `secretHash`). */
  clientSecret?: string;
  /**
   * Sign-in details of the scenario users by their name in the scenario's
   * `users` block (`--var users.alice.username=… --var users.alice.password=…`).
   */
  users?: Record<string, { username?: string; password?: string }>;
}

/** Options of {@linkcode openTarget}. */
export interface TargetOptions {
  /**
   * Base URL of a Cognito-compatible endpoint, e.g.
   * `https://cognito-idp.eu-west-1.amazonaws.com` or a running mock.
   * @default {undefined: an embedded mock server, started for the run}
   */
  endpoint?: string;
  /**
   * AWS region, for signing and for pools the embedded mock creates.
   * @default {read from an `amazonaws.com` endpoint, else "us-east-1"}
   */
  region?: string;
  /**
   * SigV4 credentials for IAM operations (`Admin*`, pool management).
   * @default {undefined; dummy credentials for the embedded mock}
   */
  credentials?: AwsCredentials;
  /**
   * Create a pool, client and users per scenario on the endpoint (and delete
   * them afterwards). Needs `credentials`, except on a mock endpoint.
   * @default {false; always true for the embedded mock}
   */
  provision?: boolean;
  /** Test this existing pool instead of provisioning. @default {undefined} */
  existingPool?: ExistingPool;
  /** The fetch used for every request. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /**
   * Extra options of the embedded mock (clock, randomness, key store…).
   * @default {{}}
   */
  mock?: Omit<MockServerOptions, "hostname" | "port" | "region" | "signal">;
  /** How long the `/_mock` capability probe may take, in ms. @default 5000 */
  probeTimeoutMs?: number;
}

/** An opened target: one per run, shared by its scenarios. */
export interface Target {
  /** What reporters show. */
  readonly info: TargetInfo;
  /** What the target allows; scenarios whose `requires` it lacks are skipped. */
  readonly capabilities: ReadonlySet<Capability>;
  /** Credentials for IAM operations, if any. */
  readonly credentials: AwsCredentials | undefined;
  /** The existing pool under test, in that mode. */
  readonly existingPool: ExistingPool | undefined;
  /**
   * Why the endpoint cannot be used (the probe's connection failed), if so. A
   * probe left unanswered does not make it unreachable: its steps time out.
   */
  readonly unreachable: string | undefined;
  /** The fetch every request goes through. */
  readonly fetch: typeof fetch;
  /** A Cognito client for this target (signing with its credentials). */
  client(): CognitoClient;
  /** Stops the embedded mock, if any. Idempotent. */
  close(): Promise<void>;
}

/**
 * A target that cannot be used as configured (e.g. `provision` without
 * credentials). Subclasses `TypeError`, like usage errors (exit code 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openTarget, TargetConfigError } from "./target.ts";
 * await assert.rejects(
 *   openTarget({ existingPool: { poolId: "us-east-1_AbCdEf123", clientId: "abc" } }),
 *   (error) => error instanceof TargetConfigError && error instanceof TypeError &&
 *     /^Cannot open target: /.test(error.message),
 * );
 * ```
 */
export class TargetConfigError extends TypeError {
  /** Always `"TargetConfigError"`. */
  override name = "TargetConfigError";
}

/** The name `GET /_mock` answers with on the project's mock. */
const MOCK_NAME = "cognito-conformance-mock";

/**
 * Opens a target: starts the embedded mock, or probes the endpoint's
 * capabilities. Throws {@linkcode TargetConfigError} for contradictory
 * options; an endpoint that does not answer is not an error here (its
 * scenarios error out with {@linkcode Target.unreachable} as the reason).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openTarget } from "./target.ts";
 * const target = await openTarget();
 * try {
 *   assert.equal(target.info.kind, "mock");
 *   assert.deepEqual([...target.capabilities].sort(), ["credentials", "mock-control", "provisioning"]);
 * } finally {
 *   await target.close();
 * }
 * const closed = await openTarget({ endpoint: "http://127.0.0.1:9", provision: true });
 * assert.match(closed.unreachable ?? "", /^Cannot reach "http:\/\/127\.0\.0\.1:9\/"/);
 * ```
 */
export async function openTarget(options: TargetOptions = {}): Promise<Target> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (options.provision === true && options.existingPool !== undefined) {
    throw new TargetConfigError(
      "Cannot open target: provisioning and an existing pool exclude each other",
    );
  }
  if (options.endpoint === undefined) {
    if (options.existingPool !== undefined) {
      throw new TargetConfigError(
        "Cannot open target: the embedded mock has no existing pools (give an endpoint)",
      );
    }
    const region = options.region ?? "us-east-1";
    const server = await createMockServer({ keyStrategy: "shared", ...options.mock, region });
    // RSA keygen (~100 ms) would otherwise land in the first scenarios to sign in, and the
    // timing table would rank them slowest for it. Per-pool keys stay lazy, as on the mock.
    const keys = server.handler.services.keys;
    if (keys.strategy === "shared") await keys.forPool("");
    return makeTarget({
      info: { kind: "mock", endpoint: `${server.url}/`, region },
      capabilities: new Set(["mock-control", "provisioning", "credentials"]),
      credentials: options.credentials ?? MOCK_CREDENTIALS,
      existingPool: undefined,
      unreachable: undefined,
      fetch: fetchImpl,
      close: () => server.close(),
    });
  }
  const endpoint = normalizeEndpoint(options.endpoint);
  const region = options.region ?? regionOf(endpoint) ?? "us-east-1";
  const probe = await probeMock(endpoint, fetchImpl, options.probeTimeoutMs ?? 5000);
  let credentials = options.credentials;
  if (options.provision === true && credentials === undefined) {
    // The mock accepts the test credentials (it verifies them under --require-signature).
    // An unreachable endpoint is reported as such (exit 3), not as missing credentials.
    if (probe.mock || probe.unreachable !== undefined) credentials = MOCK_CREDENTIALS;
    else {
      throw new TargetConfigError(
        `Cannot provision pools on "${endpoint}": no AWS credentials ` +
          "(set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile)",
      );
    }
  }
  const capabilities = new Set<Capability>();
  if (probe.mock) capabilities.add("mock-control");
  if (options.provision === true) capabilities.add("provisioning");
  if (credentials !== undefined) capabilities.add("credentials");
  return makeTarget({
    info: { kind: "endpoint", endpoint, region },
    capabilities,
    credentials,
    existingPool: options.existingPool,
    unreachable: probe.unreachable,
    fetch: fetchImpl,
    close: () => Promise.resolve(),
  });
}

interface TargetParts extends Omit<Target, "client" | "close"> {
  close(): Promise<void>;
}

function makeTarget(parts: TargetParts): Target {
  let closed: Promise<void> | undefined;
  const clientOptions = {
    region: parts.info.region,
    fetch: parts.fetch,
    ...(parts.credentials === undefined ? {} : { credentials: parts.credentials }),
  };
  const shared = new CognitoClient(parts.info.endpoint, clientOptions);
  return {
    ...parts,
    client: () => shared,
    close() {
      closed ??= parts.close();
      return closed;
    },
  };
}

/**
 * The endpoint as a base URL ending in `/`; throws
 * {@linkcode TargetConfigError} for anything but http(s).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeEndpoint } from "./target.ts";
 * assert.equal(normalizeEndpoint("http://localhost:9229"), "http://localhost:9229/");
 * assert.throws(() => normalizeEndpoint("localhost:9229"), /not an http\(s\) URL/);
 * ```
 */
export function normalizeEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TargetConfigError(`Cannot use endpoint "${endpoint}": it is not an http(s) URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TargetConfigError(`Cannot use endpoint "${endpoint}": it is not an http(s) URL`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The region of a `cognito-idp.<region>.amazonaws.com` endpoint.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { regionOf } from "./target.ts";
 * assert.equal(regionOf("https://cognito-idp.eu-west-1.amazonaws.com/"), "eu-west-1");
 * assert.equal(regionOf("http://127.0.0.1:9229/"), undefined);
 * ```
 */
export function regionOf(endpoint: string): string | undefined {
  return /^https?:\/\/cognito-idp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(
    endpoint,
  )?.[1];
}

async function probeMock(
  endpoint: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<{ mock: boolean; unreachable?: string }> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(new URL("_mock", endpoint), { signal });
  } catch (error) {
    // A target that takes the connection but does not answer in time is not unreachable:
    // its scenarios run, and each step's own timeout says what was sent and what did not come.
    if (signal.aborted) return { mock: false };
    return { mock: false, unreachable: `Cannot reach "${endpoint}": ${fetchErrorMessage(error)}` };
  }
  // Whatever the body (garbage, cut, broken off), the target answered: it is reachable.
  const answer = await receive(response, 64 * 1024);
  const body = answer.body as { name?: unknown } | null;
  return { mock: response.ok && typeof body === "object" && body?.name === MOCK_NAME };
}

/**
 * One line about a failed fetch: the innermost useful reason (`tcp connect
 * error: Connection refused (os error 111)`), not just "fetch failed".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fetchErrorMessage } from "./target.ts";
 * const cause = new Error("error sending request for url (http://x/): client error (Connect): tcp connect error: Connection refused (os error 111)");
 * assert.equal(fetchErrorMessage(new TypeError("fetch failed", { cause })), "tcp connect error: Connection refused (os error 111)");
 * assert.equal(fetchErrorMessage(new Error("Requests to port 9 are blocked")), "Requests to port 9 are blocked");
 * ```
 */
export function fetchErrorMessage(error: unknown): string {
  const outer = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  const text = (cause !== "" ? cause : outer).split("\n")[0]!;
  return cause !== "" ? text.split(": ").slice(-2).join(": ") : text;
}
