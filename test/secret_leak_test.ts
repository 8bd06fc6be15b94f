/**
 * No secret reaches a report: a run full of secrets (passwords, JWTs, refresh
 * tokens, SRP values, device passwords, SECRET_HASH, client secrets) placed
 * under secret keys, in headers, failure messages, diffs and raw text bodies
 * goes through `redactEvent` and then every reporter; no secret value, nor any
 * 8-character piece of one, may appear in any output, while identifiers that
 * are not secret (device keys, usernames, error types) still do. With
 * `showSecrets` the same check must find the values: the test can fail.
 */
import assert from "node:assert/strict";
import { type ReporterOptions, REPORTERS } from "../src/reporters/mod.ts";
import type {
  Exchange,
  RunEvent,
  ScenarioInfo,
  ScenarioResult,
  StepResult,
} from "../src/runner/events.ts";
import { redactEvent, SecretRegistry } from "../src/runner/redact.ts";

/** Deterministic pseudo-random bytes (xorshift32). */
function bytes(seed: number, length: number): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}
const base64 = (seed: number, length: number) => btoa(String.fromCharCode(...bytes(seed, length)));
const base64url = (seed: number, length: number) =>
  base64(seed, length).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const hex = (seed: number, length: number) =>
  [...bytes(seed, length)].map((b) => b.toString(16).padStart(2, "0")).join("");
const jwtOf = (seed: number, claims: object) =>
  `eyJraWQiOiJsZWFrLXRlc3QiLCJhbGciOiJSUzI1NiJ9.${
    btoa(JSON.stringify(claims)).replace(/=+$/, "")
  }.${base64url(seed, 64)}`;

// What the runner knows before sending anything (users block, client, device SRP state).
const PASSWORD = 'Tr0ub4dor&3"horse<battery>';
const NEW_PASSWORD = "N3w-Passw0rd-correct-staple";
const TEMPORARY_PASSWORD = "Temp-Passw0rd-9911";
const CLIENT_SECRET = "1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0z1x2c3v4b5n6";
const DEVICE_PASSWORD = base64(7, 40);
// What only the wire reveals.
const ACCESS_TOKEN = jwtOf(11, {
  sub: "e7433c08-857e",
  token_use: "access",
  username: "alice.liddell",
});
const ID_TOKEN = jwtOf(12, { sub: "e7433c08-857e", token_use: "id", email: "alice@example.com" });
const REFRESH_TOKEN = [
  "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ",
  base64url(13, 48),
  base64url(14, 12),
  base64url(15, 96),
  base64url(16, 16),
].join(".");
const SESSION = `AYABe${base64url(17, 120)}`;
const SRP_A = hex(18, 384);
const SRP_B = hex(19, 384);
const SALT_HEX = hex(20, 16);
const SECRET_BLOCK = base64(21, 300);
const CLAIM_SIGNATURE = base64(22, 32);
const SECRET_HASH = base64(23, 32);
const VERIFIER = base64(24, 384);
const DEVICE_SALT = base64(25, 16);
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const TOTP_CODE = "482913";
// Region, date and service in a SigV4 header are not secret; the signature is.
const SIGV4_SIGNATURE = hex(26, 32);
const SIGV4 =
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250314/us-east-1/cognito-idp/aws4_request, ` +
  `SignedHeaders=content-type;host;x-amz-date, Signature=${SIGV4_SIGNATURE}`;
const SECURITY_TOKEN = `IQoJb3JpZ2luX2Vj${base64(27, 90)}`;
const RAW_SESSION = `sess-${hex(28, 24)}`;
const RAW_JWT = jwtOf(29, { sub: "raw", token_use: "access" });

const SECRETS: Record<string, string> = {
  PASSWORD,
  NEW_PASSWORD,
  TEMPORARY_PASSWORD,
  CLIENT_SECRET,
  DEVICE_PASSWORD,
  ACCESS_TOKEN,
  ID_TOKEN,
  REFRESH_TOKEN,
  SESSION,
  SRP_A,
  SRP_B,
  SALT_HEX,
  SECRET_BLOCK,
  CLAIM_SIGNATURE,
  SECRET_HASH,
  VERIFIER,
  DEVICE_SALT,
  TOTP_SECRET,
  TOTP_CODE,
  SIGV4_SIGNATURE,
  SECURITY_TOKEN,
  RAW_SESSION,
  RAW_JWT,
};

const DEVICE_KEY = "us-east-1_c46b50fe-a27c-4401-83fb-64243a7e625c";
const NOT_SECRET = [
  DEVICE_KEY,
  "-wt2ha1Zd",
  "alice.liddell",
  "NotAuthorizedException",
  "InvalidPasswordException",
  "52qvpq4g4fr31h9r02cfnijf71",
  "DEVICE_PASSWORD_VERIFIER",
];

const scenario: ScenarioInfo = {
  id: "device-on/leaky.yaml",
  name: "Every secret in one scenario",
  file: "scenarios/device-on/leaky.yaml",
  tags: ["device-on"],
};
const URL_ = "http://127.0.0.1:41234/";
const jsonHeaders = (op: string) => ({
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": `AWSCognitoIdentityProviderService.${op}`,
});

function exchange(
  op: string,
  body: unknown,
  status: number,
  responseBody: unknown,
  headers = {},
): Exchange {
  return {
    request: { method: "POST", url: URL_, headers: { ...jsonHeaders(op), ...headers }, body },
    response: {
      status,
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: responseBody,
    },
    durationMs: 5,
  };
}

function step(
  index: number,
  call: string,
  exchanges: Exchange[],
  failures: StepResult["failures"] = [],
): StepResult {
  return {
    index,
    name: `step ${index}`,
    call,
    outcome: failures.length > 0 ? "failed" : "passed",
    durationMs: 6,
    exchanges,
    failures,
  };
}

const steps: StepResult[] = [
  step(0, "InitiateAuth", [
    exchange(
      "InitiateAuth",
      {
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: "alice.liddell", SRP_A, SECRET_HASH, DEVICE_KEY },
        ClientId: "52qvpq4g4fr31h9r02cfnijf71",
      },
      200,
      {
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: {
          SALT: SALT_HEX,
          SECRET_BLOCK,
          SRP_B,
          USERNAME: "alice.liddell",
          USER_ID_FOR_SRP: "alice.liddell",
        },
      },
    ),
  ]),
  step(1, "RespondToAuthChallenge", [
    exchange(
      "RespondToAuthChallenge",
      {
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: {
          PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK,
          PASSWORD_CLAIM_SIGNATURE: CLAIM_SIGNATURE,
          TIMESTAMP: "Fri Mar 14 09:26:53 UTC 2025",
          USERNAME: "alice.liddell",
        },
      },
      200,
      {
        AuthenticationResult: {
          AccessToken: ACCESS_TOKEN,
          IdToken: ID_TOKEN,
          RefreshToken: REFRESH_TOKEN,
          NewDeviceMetadata: { DeviceGroupKey: "-wt2ha1Zd", DeviceKey: DEVICE_KEY },
        },
        Session: SESSION,
      },
    ),
  ]),
  step(2, "ConfirmDevice", [
    exchange(
      "ConfirmDevice",
      {
        AccessToken: ACCESS_TOKEN,
        DeviceKey: DEVICE_KEY,
        DeviceSecretVerifierConfig: { PasswordVerifier: VERIFIER, Salt: DEVICE_SALT },
      },
      200,
      { UserConfirmationNecessary: false },
    ),
  ], [{
    kind: "assertion",
    message:
      `device password ${DEVICE_PASSWORD} gave verifier ${VERIFIER} for token ${ACCESS_TOKEN}`,
    path: "$.UserConfirmationNecessary",
    expected: true,
    actual: false,
  }]),
  step(3, "AdminInitiateAuth", [
    exchange(
      "AdminInitiateAuth",
      {
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "alice.liddell", PASSWORD, SECRET_HASH },
      },
      400,
      { __type: "NotAuthorizedException", message: "Incorrect username or password." },
      {
        Authorization: SIGV4,
        "X-Amz-Security-Token": SECURITY_TOKEN,
        "X-Amz-Date": "20250314T092653Z",
      },
    ),
  ], [{
    kind: "assertion",
    message: `signed in with "${PASSWORD}" and client secret ${CLIENT_SECRET}`,
    path: "$.AuthenticationResult",
    expected: { AccessToken: ACCESS_TOKEN, RefreshToken: { $exists: true } },
    actual: undefined,
  }]),
  step(4, "RevokeToken", [
    exchange(
      "RevokeToken",
      { ClientId: "52qvpq4g4fr31h9r02cfnijf71", ClientSecret: CLIENT_SECRET, Token: REFRESH_TOKEN },
      502,
      // A raw text body from a proxy: secrets with no key the JSON layer could see.
      `<html>upstream said {"Session":"${RAW_SESSION}","note":"Bearer ${RAW_JWT}"}</html>`,
    ),
  ], [{
    kind: "status",
    message: `expected status 200 but got 502 for refresh token ${REFRESH_TOKEN}`,
    path: "status",
    expected: 200,
    actual: 502,
  }]),
  step(5, "ChangePassword", [
    exchange(
      "ChangePassword",
      { AccessToken: ACCESS_TOKEN, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD },
      400,
      {
        __type: "InvalidPasswordException",
        message: "Password does not conform to policy",
      },
    ),
  ], [{
    kind: "assertion",
    message: "unexpected error",
    path: "$.Session",
    expected: { $match: "^AYAB" },
    actual: SESSION,
  }]),
  step(6, "VerifySoftwareToken", [
    exchange("AssociateSoftwareToken", { Session: SESSION }, 200, {
      SecretCode: TOTP_SECRET,
      Session: SESSION,
    }),
    exchange("VerifySoftwareToken", { Session: SESSION, UserCode: TOTP_CODE }, 200, {
      Status: "SUCCESS",
    }),
  ]),
  step(7, "RespondToAuthChallenge", [
    exchange(
      "RespondToAuthChallenge",
      {
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        ChallengeResponses: {
          DEVICE_KEY,
          PASSWORD_CLAIM_SIGNATURE: CLAIM_SIGNATURE,
          USERNAME: "alice.liddell",
        },
        Session: SESSION,
      },
      400,
      { __type: "NotAuthorizedException", message: "Incorrect username or password." },
    ),
  ], [{
    kind: "assertion",
    message: `expected tokens, diff:\n- ${ID_TOKEN}\n+ (missing)`,
    path: "$.AuthenticationResult.IdToken",
    expected: ID_TOKEN,
  }]),
];

const result: ScenarioResult = {
  scenario,
  outcome: "failed",
  durationMs: 60,
  steps,
};
const errored: ScenarioResult = {
  scenario: { ...scenario, id: "srp/provision.yaml", file: "scenarios/srp/provision.yaml" },
  outcome: "errored",
  durationMs: 3,
  steps: [],
  error:
    `Cannot provision user "alice.liddell": TemporaryPassword "${TEMPORARY_PASSWORD}" was refused`,
};
const target = { kind: "mock" as const, endpoint: URL_, region: "us-east-1" };
const startedAt = "2025-03-14T09:26:53.000Z";
const events: RunEvent[] = [
  { type: "suite:start", target, scenarios: [scenario, errored.scenario], startedAt },
  { type: "scenario:start", scenario },
  ...steps.flatMap((s): RunEvent[] => [
    { type: "step:start", scenario, index: s.index, name: s.name, call: s.call },
    { type: "step:end", scenario, step: s },
  ]),
  { type: "scenario:end", result },
  { type: "scenario:start", scenario: errored.scenario },
  { type: "scenario:end", result: errored },
  {
    type: "suite:end",
    result: {
      target,
      scenarios: [result, errored],
      counts: { passed: 0, failed: 1, skipped: 0, errored: 1 },
      durationMs: 70,
      startedAt,
    },
  },
];

/** The runner registers what it knows up front, then masks each event as it emits it. */
function runnerView(showSecrets: boolean): RunEvent[] {
  const registry = new SecretRegistry();
  if (!showSecrets) {
    for (const password of [PASSWORD, NEW_PASSWORD, TEMPORARY_PASSWORD]) {
      registry.add(password, "password");
    }
    registry.add(CLIENT_SECRET, "ClientSecret");
    registry.add(DEVICE_PASSWORD, "devicePassword");
  }
  return events.map((event) => redactEvent(event, registry, { showSecrets }));
}

const OPTIONS: ReporterOptions = { color: true, terminal: true, showExchanges: true, width: 200 };

async function outputs(showSecrets: boolean): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of Object.values(REPORTERS)) {
    const view = runnerView(showSecrets);
    let text = "";
    for await (
      const chunk of entry.reporter(
        (async function* () {
          yield* view;
        })(),
        OPTIONS,
      )
    ) text += chunk;
    out[entry.name] = text;
  }
  return out;
}

/** Names of the secrets of which some 8-character piece occurs in `text`. */
function leaks(text: string): string[] {
  const grams = new Set<string>();
  for (let i = 0; i + 8 <= text.length; i++) grams.add(text.slice(i, i + 8));
  return Object.entries(SECRETS).filter(([, secret]) => {
    if (secret.length < 8) return text.includes(secret);
    for (let i = 0; i + 8 <= secret.length; i++) if (grams.has(secret.slice(i, i + 8))) return true;
    return false;
  }).map(([name]) => name);
}

Deno.test("secret leak: no secret, nor 8 characters of one, reaches any reporter", async () => {
  for (const [name, text] of Object.entries(await outputs(false))) {
    assert.deepEqual(leaks(text), [], `${name} leaks`);
  }
});

Deno.test("secret leak: identifiers that are not secret stay visible", async () => {
  const out = await outputs(false);
  for (const value of NOT_SECRET) assert.ok(out.json!.includes(value), `json lost ${value}`);
  for (const name of ["pretty", "junit"]) {
    for (const value of [DEVICE_KEY, "alice.liddell", "NotAuthorizedException"]) {
      assert.ok(out[name]!.includes(value), `${name} lost ${value}`);
    }
  }
  assert.ok(out.tap!.includes("alice.liddell") && out.tap!.includes("$.UserConfirmationNecessary"));
});

Deno.test("secret leak: with show-secrets the values do appear (the check can fail)", async () => {
  const out = await outputs(true);
  assert.deepEqual(leaks(out.json!).sort(), Object.keys(SECRETS).sort());
  for (const name of ["pretty", "junit"]) {
    assert.ok(
      leaks(out[name]!).length >= Object.keys(SECRETS).length - 2,
      `${name}: ${leaks(out[name]!)}`,
    );
  }
});
