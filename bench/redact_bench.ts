/**
 * Redaction throughput (`deno bench --allow-all bench/redact_bench.ts`, or
 * `deno run --allow-all bench/redact_bench.ts` for the summary alone).
 *
 * The events are the `step:end` events of a realistic run, generated with
 * fresh values each time: an SRP sign-in with SECRET_HASH (SRP_A, the
 * challenge, the password claim), its tokens (two JWTs and a refresh token),
 * GetUser, and a failed RevokeToken whose message and diff quote a token.
 * The baseline is `JSON.stringify` of the same event, measured in the same
 * run: a reporter does at least that much with every event.
 *
 * Two cases per registry (0, 10 and 1000 secrets registered beforehand,
 * besides those of an earlier run's events):
 *
 * - **first sight**: the event's own secrets are new, as at `step:end`
 *   (a fresh registry per sample, so each one starts from the same state);
 * - **seen again**: a copy of an event already redacted, as when a later
 *   event quotes it (`scenario:end`, `suite:end` after the registry grew).
 */

import type { RunEvent, StepResult } from "../src/runner/events.ts";
import { redactEvent, SecretRegistry } from "../src/runner/redact.ts";

const SECRET_COUNTS = [0, 10, 1000] as const;
const SAMPLES = 300;

/** Deterministic pseudo-random bytes (xorshift32). */
function random(seed: number): (length: number) => Uint8Array {
  let x = seed | 1;
  return (length) =>
    Uint8Array.from({ length }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
}

function texts(seed: number) {
  const bytes = random(seed);
  const base64 = (n: number) => btoa(String.fromCharCode(...bytes(n)));
  const base64url = (n: number) =>
    base64(n).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const hex = (n: number) => [...bytes(n)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const uuid = () => {
    const h = hex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${
      h.slice(20)
    }`;
  };
  const jwt = (claims: Record<string, unknown>) =>
    `eyJraWQiOiJiZW5jaC1rZXkiLCJhbGciOiJSUzI1NiJ9.${
      btoa(JSON.stringify(claims)).replace(/=+$/, "")
    }.${base64url(256)}`;
  return { base64, base64url, hex, uuid, jwt };
}

const scenario = {
  id: "04-srp-sign-in/user-srp-auth.yaml",
  name: "USER_SRP_AUTH then GetUser",
  file: "scenarios/04-srp-sign-in/user-srp-auth.yaml",
  tags: ["srp"],
};

function step(
  index: number,
  call: string,
  request: Record<string, unknown>,
  status: number,
  response: unknown,
  failures: StepResult["failures"] = [],
  seed = 0,
): RunEvent {
  const { uuid } = texts(seed + index);
  return {
    type: "step:end",
    scenario,
    step: {
      index,
      name: `step ${index}: ${call}`,
      call,
      outcome: failures.length > 0 ? "failed" : "passed",
      durationMs: 3.2,
      exchanges: [{
        request: {
          method: "POST",
          url: "http://127.0.0.1:41234/",
          headers: {
            "content-type": "application/x-amz-json-1.1",
            "x-amz-target": `AWSCognitoIdentityProviderService.${call}`,
            "x-amz-user-agent": "cognito-conformance",
          },
          body: request,
        },
        response: {
          status,
          headers: {
            "access-control-allow-origin": "*",
            "access-control-expose-headers":
              "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
            "content-length": String(JSON.stringify(response).length),
            "content-type": "application/x-amz-json-1.1",
            "date": new Date(Date.UTC(2026, 10, 26, 11, 0, index)).toUTCString(),
            "vary": "Origin",
            "x-amzn-requestid": uuid(),
          },
          body: response,
        },
        durationMs: 2.9,
      }],
      failures,
    },
  };
}

/** The step:end events of one run, every value fresh for `seed`. */
function runEvents(seed: number): RunEvent[] {
  const { base64, hex, uuid, jwt } = texts(seed);
  const sub = uuid();
  const username = `user-${hex(4)}`;
  const clientId = hex(13).slice(0, 26);
  const secretHash = base64(32);
  const claims = { sub, iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench" };
  const accessToken = jwt({ ...claims, token_use: "access", client_id: clientId, username });
  const idToken = jwt({ ...claims, token_use: "id", aud: clientId, email: `${username}@x.test` });
  const refreshToken = ["eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"]
    .concat([256, 12, 1024, 16].map((n) => base64(n).replace(/=+$/, ""))).join(".");
  const secretBlock = base64(700);
  return [
    step(
      0,
      "InitiateAuth",
      {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: username, SRP_A: hex(384), SECRET_HASH: secretHash },
      },
      200,
      {
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: {
          SALT: hex(16),
          SECRET_BLOCK: secretBlock,
          SRP_B: hex(384),
          USERNAME: username,
          USER_ID_FOR_SRP: username,
        },
      },
      [],
      seed,
    ),
    step(
      1,
      "RespondToAuthChallenge",
      {
        ChallengeName: "PASSWORD_VERIFIER",
        ClientId: clientId,
        ChallengeResponses: {
          USERNAME: username,
          PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
          TIMESTAMP: "Thu Nov 26 11:00:01 UTC 2026",
          PASSWORD_CLAIM_SIGNATURE: base64(32),
          SECRET_HASH: secretHash,
        },
      },
      200,
      {
        AuthenticationResult: {
          AccessToken: accessToken,
          ExpiresIn: 3600,
          IdToken: idToken,
          RefreshToken: refreshToken,
          TokenType: "Bearer",
          NewDeviceMetadata: { DeviceKey: `us-east-1_${uuid()}`, DeviceGroupKey: `-${hex(4)}` },
        },
        ChallengeParameters: {},
      },
      [],
      seed,
    ),
    step(
      2,
      "GetUser",
      { AccessToken: accessToken },
      200,
      {
        Username: username,
        UserAttributes: [
          { Name: "sub", Value: sub },
          { Name: "email", Value: `${username}@x.test` },
          { Name: "email_verified", Value: "true" },
        ],
      },
      [],
      seed,
    ),
    step(3, "RevokeToken", { ClientId: clientId, Token: refreshToken }, 400, {
      __type: "UnsupportedOperationException",
      message: "The token revocation is disabled for this client.",
    }, [{
      kind: "assertion",
      message: `expected status 200 for ${refreshToken.slice(0, 120)}…, got 400`,
      path: "$.AuthenticationResult.AccessToken",
      expected: accessToken,
      actual: undefined,
    }], seed),
  ];
}

/**
 * A registry as in the middle of a run: `count` secrets that do not occur
 * in the measured events, and those of an earlier run's events (so that it
 * has seen the key names already).
 */
function registryWith(count: number): SecretRegistry {
  const registry = new SecretRegistry();
  const { base64 } = texts(0xbe11 + count);
  for (let i = 0; i < count; i++) registry.add(base64(30), "Other");
  for (const event of runEvents(-1 - count)) redactEvent(event, registry);
  return registry;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Median µs per event of redaction (first sight and seen again) and of JSON.stringify. */
function measure(count: number) {
  const first: number[] = [];
  const again: number[] = [];
  const stringify: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    const events = runEvents(1000 * count + sample);
    const registry = registryWith(count);
    const copies = events.map((event) => structuredClone(event));
    let started = performance.now();
    for (const event of events) redactEvent(event, registry);
    first.push((performance.now() - started) * 1000 / events.length);
    started = performance.now();
    for (const event of copies) redactEvent(event, registry);
    again.push((performance.now() - started) * 1000 / events.length);
    started = performance.now();
    for (const event of copies) JSON.stringify(event);
    stringify.push((performance.now() - started) * 1000 / events.length);
  }
  return { first: median(first), again: median(again), stringify: median(stringify) };
}

measure(10); // warm the code paths
const lines = [
  `redaction per step:end event (SRP sign-in, tokens, GetUser, a failure; median of ${SAMPLES})`,
  "  secrets  first sight          seen again           JSON.stringify",
];
for (const count of SECRET_COUNTS) {
  const m = measure(count);
  const cell = (us: number) =>
    `${us.toFixed(1).padStart(5)} µs (${(us / m.stringify).toFixed(1)}×)`.padEnd(21);
  lines.push(
    `  ${String(count).padStart(7)}  ${cell(m.first)}${cell(m.again)}${
      m.stringify.toFixed(1).padStart(5)
    } µs (1×)`,
  );
}
lines.push("");
if (import.meta.main) {
  Deno.stdout.writeSync(new TextEncoder().encode(lines.join("\n") + "\n"));
} else {
  Deno.stdout.writeSync(new TextEncoder().encode(lines.join("\n") + "\n"));
  for (const count of SECRET_COUNTS) {
    const group = `${count} secrets`;
    let seed = 0;
    Deno.bench({ name: `JSON.stringify (${group})`, group, baseline: true }, (b) => {
      const events = runEvents(seed++);
      b.start();
      for (const event of events) JSON.stringify(event);
      b.end();
    });
    Deno.bench({ name: `redactEvent, first sight (${group})`, group }, (b) => {
      const events = runEvents(seed++);
      const registry = registryWith(count);
      b.start();
      for (const event of events) redactEvent(event, registry);
      b.end();
    });
  }
}
