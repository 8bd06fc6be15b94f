import assert from "node:assert/strict";
import fc from "fast-check";
import type { Exchange, RunEvent, ScenarioInfo, StepResult } from "./events.ts";
import {
  KEY_ONLY_SECRET_KEYS,
  redactEvent,
  redactValue,
  SECRET_KEYS,
  SecretRegistry,
} from "./redact.ts";

const scenario: ScenarioInfo = { id: "a.yaml", name: "a", file: "a.yaml", tags: [] };
const JWT = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0." +
  "eyJzdWIiOiJhYmMiLCJ0b2tlbl91c2UiOiJhY2Nlc3MifQ.c2lnbmF0dXJlLWJ5dGVzLWZvci10ZXN0aW5n";

function stepEvent(exchanges: Exchange[], failures: StepResult["failures"] = []): RunEvent {
  return {
    type: "step:end",
    scenario,
    step: {
      index: 0,
      name: "s",
      call: "InitiateAuth",
      outcome: failures.length ? "failed" : "passed",
      durationMs: 1,
      exchanges,
      failures,
    },
  };
}

function exchange(
  requestBody: unknown,
  responseBody: unknown,
  headers: Record<string, string> = {},
): Exchange {
  return {
    request: { method: "POST", url: "http://127.0.0.1:1/", headers, body: requestBody },
    response: { status: 200, headers: {}, body: responseBody },
    durationMs: 1,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

Deno.test("redact: every listed key is masked, whatever its spelling", () => {
  const registry = new SecretRegistry();
  for (const key of SECRET_KEYS) {
    const variants = key === "Code" ? [key] : [key, key.toLowerCase(), key.replace(/[-_]/g, "")];
    for (const variant of variants) {
      const value = `value-of-${variant}-0123456789`;
      const masked = redactValue({ [variant]: value }, registry) as Record<string, string>;
      assert.match(masked[variant]!, /^«secret:[^»]+#\d+»$/, `key ${variant}`);
    }
  }
  for (const key of KEY_ONLY_SECRET_KEYS) {
    assert.deepEqual(redactValue({ [key]: "SOFTWARE_TOKEN_MFA" }, registry), {
      [key]: `«secret:${key}»`,
    });
  }
});

Deno.test("redact: identifiers, usernames and error texts stay readable", () => {
  const body = {
    __type: "NotAuthorizedException",
    message: "Incorrect username or password.",
    code: "NotAuthorizedException",
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: {
      USERNAME: "alice",
      USER_ID_FOR_SRP: "alice",
      DEVICE_KEY: "us-east-1_abc",
    },
    NewDeviceMetadata: { DeviceKey: "us-east-1_c46b50fe", DeviceGroupKey: "-wt2ha1Zd" },
    TokenType: "Bearer",
  };
  const event = deepFreeze(stepEvent([exchange({ ClientId: "52qvpq4g4fr31h9r02cfnijf71" }, body)]));
  assert.equal(redactEvent(event, new SecretRegistry()), event);
});

Deno.test("redact: a value under a secret key is masked in every other string of the event and later ones", () => {
  const registry = new SecretRegistry();
  const first = deepFreeze(stepEvent(
    [exchange({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      AuthParameters: { REFRESH_TOKEN: "refresh-secret-value" },
    }, {})],
    [{ kind: "assertion", message: 'token "refresh-secret-value" was refused', expected: "x" }],
  ));
  const masked = redactEvent(first, registry);
  assert.ok(masked.type === "step:end");
  assert.equal(masked.step.failures[0]!.message, 'token "«secret:REFRESH_TOKEN#1»" was refused');
  assert.deepEqual(masked.step.exchanges[0]!.request.body, {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    AuthParameters: { REFRESH_TOKEN: "«secret:REFRESH_TOKEN#1»" },
  });
  // The input is untouched (frozen) and a later event is masked by value alone.
  const later = redactEvent({
    type: "scenario:start",
    scenario: { ...scenario, description: "uses refresh-secret-value" },
  }, registry);
  assert.ok(later.type === "scenario:start");
  assert.equal(later.scenario.description, "uses «secret:REFRESH_TOKEN#1»");
});

Deno.test("redact: the same value keeps one mask; counters run per label", () => {
  const registry = new SecretRegistry();
  assert.equal(registry.add("token-one-0000", "AccessToken"), "«secret:AccessToken#1»");
  assert.equal(registry.add("token-two-0000", "AccessToken"), "«secret:AccessToken#2»");
  assert.equal(registry.add("token-one-0000", "Token"), "«secret:AccessToken#1»");
  assert.equal(registry.add("session-00000", "Session"), "«secret:Session#1»");
  assert.equal(registry.size, 3);
});

Deno.test("redact: JWTs are found by shape, and their payload or signature alone is masked too", () => {
  const registry = new SecretRegistry();
  const [, payload, signature] = JWT.split(".");
  const event = stepEvent([exchange({}, `<html>Bearer ${JWT}</html>`)], [
    { kind: "assertion", message: `claims segment ${payload} and signature ${signature}` },
  ]);
  const text = JSON.stringify(redactEvent(event, registry));
  assert.ok(!text.includes(payload!) && !text.includes(signature!), text);
  assert.ok(text.includes("<html>Bearer «secret:jwt#1»</html>"), text);
  assert.ok(text.includes("claims segment «secret:jwt#1» and signature «secret:jwt#1»"), text);
});

Deno.test("redact: secret pairs inside raw JSON text are found, in escaped form too", () => {
  const registry = new SecretRegistry();
  const password = 'pa"ss\\word-42';
  const raw = `{"AuthParameters":{"PASSWORD":${JSON.stringify(password)},"USERNAME":"alice"}`; // truncated JSON
  const masked = redactValue({ body: raw, note: `sent ${password}` }, registry);
  assert.deepEqual(masked, {
    body: '{"AuthParameters":{"PASSWORD":"«secret:PASSWORD#1»","USERNAME":"alice"}',
    note: "sent «secret:PASSWORD#1»",
  });
});

Deno.test("redact: a failure's expected and actual take their key from the path", () => {
  const registry = new SecretRegistry();
  const event = stepEvent([], [
    {
      kind: "assertion",
      message: "RefreshToken should be absent",
      path: "$.AuthenticationResult.RefreshToken",
      expected: { $exists: false },
      actual: "opaque-refresh-token-value",
    },
    {
      kind: "assertion",
      message: "wrong session",
      path: "$['Session']",
      expected: { $match: "^AYAB" },
      actual: "AYABsession-value",
    },
    {
      kind: "assertion",
      message: "m",
      path: "$.ChallengeName",
      expected: "SMS_MFA",
      actual: "PASSWORD_VERIFIER",
    },
  ]);
  const masked = redactEvent(event, registry);
  assert.ok(masked.type === "step:end");
  assert.deepEqual(masked.step.failures.map((f) => [f.expected, f.actual]), [
    [{ $exists: false }, "«secret:RefreshToken#1»"],
    [{ $match: "^AYAB" }, "«secret:Session#1»"],
    ["SMS_MFA", "PASSWORD_VERIFIER"],
  ]);
});

Deno.test("redact: short values are masked under their key only; numbers under a key are masked", () => {
  const registry = new SecretRegistry();
  const masked = redactValue(
    { Code: "42", Salt: 1234567, note: "42 is the answer, 1234567 too" },
    registry,
  );
  assert.deepEqual(masked, {
    Code: "«secret:Code#1»",
    Salt: "«secret:Salt#1»",
    note: "42 is the answer, «secret:Salt#1» too",
  });
});

Deno.test("redact: ANSWER is masked where it sits but never searched for", () => {
  const registry = new SecretRegistry();
  const masked = redactValue({
    ChallengeResponses: { ANSWER: "SOFTWARE_TOKEN_MFA" },
    ChallengeName: "SOFTWARE_TOKEN_MFA",
  }, registry);
  assert.deepEqual(masked, {
    ChallengeResponses: { ANSWER: "«secret:ANSWER»" },
    ChallengeName: "SOFTWARE_TOKEN_MFA",
  });
});

Deno.test("redact: headers are matched without case; extra keys can be added", () => {
  const registry = new SecretRegistry({ extraKeys: ["X-Api-Key"] });
  const masked = redactValue({
    "authorization":
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/cognito-idp/aws4_request",
    "x-amz-security-token": "FwoGZXIvYXdzEXAMPLE",
    "x-api-key": "k-123456789",
    "x-amz-target": "AWSCognitoIdentityProviderService.AdminInitiateAuth",
  }, registry);
  assert.deepEqual(masked, {
    "authorization": "«secret:authorization#1»",
    "x-amz-security-token": "«secret:x-amz-security-token#1»",
    "x-api-key": "«secret:x-api-key#1»",
    "x-amz-target": "AWSCognitoIdentityProviderService.AdminInitiateAuth",
  });
});

Deno.test("redact: values the runner registers are masked anywhere, URL-encoded too", () => {
  const registry = new SecretRegistry();
  registry.add("client secret/with+plus", "ClientSecret");
  const masked = redactValue(
    ["x client secret/with+plus y", "q=client%20secret%2Fwith%2Bplus"],
    registry,
  );
  assert.deepEqual(masked, ["x «secret:ClientSecret#1» y", "q=«secret:ClientSecret#1»"]);
});

Deno.test("redact: show-secrets leaves the event as it is", () => {
  const event = stepEvent([exchange({ PASSWORD: "Passw0rd!Passw0rd" }, {})]);
  const registry = new SecretRegistry();
  assert.equal(redactEvent(event, registry, { showSecrets: true }), event);
  assert.equal(registry.size, 0);
});

Deno.test("redact: a mask never holds any part of its value", () => {
  const registry = new SecretRegistry();
  for (const value of ["«secret:x#1»xx", "secret:PASSWORD#1", "Passw0rd!Passw0rd"]) {
    const mask = registry.add(value, "PASSWORD");
    assert.ok(!mask.includes(value));
    assert.equal(registry.mask(`<${value}>`), `<${mask}>`);
  }
});

Deno.test("redact: overlapping occurrences are masked together, the leftmost-longest first", () => {
  const registry = new SecretRegistry();
  registry.add("abcdefgh", "A");
  registry.add("cdefghijkl", "B");
  registry.add("abcdefghXYZ", "C");
  assert.equal(registry.mask("..abcdefghijkl.."), "..«secret:A#1»«secret:B#1»..");
  assert.equal(registry.mask("abcdefghXYZ abcdefgh"), "«secret:C#1» «secret:A#1»");
});

Deno.test("redact: no registered value survives masking (property)", () => {
  fc.assert(fc.property(
    fc.array(fc.stringMatching(/^[ab]{6,12}$/), { minLength: 1, maxLength: 5 }),
    fc.stringMatching(/^[ab]{0,60}$/),
    (secrets, text) => {
      const registry = new SecretRegistry();
      for (const secret of secrets) registry.add(secret);
      const masked = registry.mask(text);
      for (const secret of secrets) assert.ok(!masked.includes(secret), `${secret} in ${masked}`);
    },
  ));
});

Deno.test("redact: redacting a redacted event changes nothing and learns nothing (masks are inert)", () => {
  const registry = new SecretRegistry();
  // A password that is part of every mask's text, and one that looks like a counter.
  registry.add("secret:PASSWORD", "password");
  registry.add("PASSWORD#1", "password");
  const event = stepEvent(
    [
      exchange(
        { AuthParameters: { USERNAME: "alice", PASSWORD: "secret:PASSWORD" }, ANSWER: "123456" },
        `upstream said {"Session":"raw-session-value-0123","AccessToken":"${JWT}"}`,
        { authorization: "AWS4-HMAC-SHA256 Signature=abcdef0123456789" },
      ),
    ],
    [{
      kind: "assertion",
      message: `expected ${JWT} and PASSWORD#1, got «secret:Session#1»`,
      path: "$.Session",
      expected: "raw-session-value-0123",
      actual: 42424242,
    }],
  );
  const once = redactEvent(event, registry);
  const size = registry.size;
  const text = JSON.stringify(once);
  for (const secret of ["raw-session-value-0123", JWT, "42424242", "abcdef0123456789"]) {
    assert.ok(!text.includes(secret), secret);
  }
  const twice = redactEvent(deepFreeze(structuredClone(once)), registry);
  assert.deepEqual(twice, once);
  assert.equal(registry.size, size, "no mask became a secret");
  assert.equal(redactEvent(once, registry), once, "nothing to change: the very same object");
});

Deno.test("redact: masking is idempotent for any secrets without « or » (property)", () => {
  fc.assert(fc.property(
    fc.array(
      fc.oneof(
        fc.stringMatching(/^[a-z:#0-9]{6,14}$/),
        // Pieces of the masks' own text: the case that made masking not idempotent.
        fc.constantFrom("secret:secret", "cret:secret#", "secret#1", "secret:x#1"),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    fc.array(fc.stringMatching(/^[a-z:#0-9 ]{0,30}$/), { maxLength: 4 }),
    (secrets, noise) => {
      const registry = new SecretRegistry();
      for (const secret of secrets) registry.add(secret, "secret");
      const text = [...noise, ...secrets, "«secret:x#1»"].join(noise[0] ?? "|");
      const once = registry.mask(text);
      assert.equal(registry.mask(once), once);
      for (const secret of secrets) {
        // Every occurrence outside the masks is gone.
        assert.ok(!once.replace(/«secret:[^«»]*»/g, "|").includes(secret), `${secret} in ${once}`);
      }
    },
  ));
});

Deno.test("redact: a value that is exactly a mask is never registered, wherever it is found", () => {
  const registry = new SecretRegistry();
  const masked = redactValue({
    PASSWORD: "«secret:PASSWORD#7»",
    body: '{"Session":"«secret:Session#3»"}',
  }, registry);
  assert.deepEqual(masked, {
    PASSWORD: "«secret:PASSWORD#7»",
    body: '{"Session":"«secret:Session#3»"}',
  });
  assert.equal(registry.size, 0);
  assert.equal(registry.add("«secret:Salt#2»", "Salt"), "«secret:Salt#2»");
  assert.equal(registry.size, 0);
});

Deno.test("redact: strings shorter than every known secret are still searched for JWTs and pairs, and for a shorter secret learned later", () => {
  const registry = new SecretRegistry();
  registry.add("x".repeat(400), "Token"); // the only secret: every string below is shorter
  const jwt = "eyJhbGciOiJ.eyJzdWIiOiJ.c2ln";
  assert.ok(jwt.length < 400);
  assert.deepEqual(redactValue({ note: `got ${jwt}` }, registry), { note: "got «secret:jwt#1»" });
  assert.deepEqual(redactValue({ raw: '{"Session":"abc123xyz"}' }, registry), {
    raw: '{"Session":"«secret:Session#1»"}',
  });
  assert.equal(registry.learnAndMask("plain words"), "plain words");
  registry.add("hunter2!", "PASSWORD");
  assert.equal(registry.learnAndMask("it was hunter2! again"), "it was «secret:PASSWORD#1» again");
  assert.equal(registry.mask("hunter2!"), "«secret:PASSWORD#1»");
});
