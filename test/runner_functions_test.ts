/**
 * The runner's template functions, checked against the server side of
 * `src/srp/` (what the mock will verify): password claims, device verifiers
 * and device claims verify; a given TIMESTAMP is signed as written; secrets
 * are reported; misuse explains itself without quoting values.
 */

import assert from "node:assert/strict";
import {
  createPasswordVerifier,
  createServerEphemeral,
  decodeDeviceVerifier,
  totp,
  verifyDeviceClaim,
  verifyPasswordClaim,
} from "../src/srp/mod.ts";
import {
  FUNCTION_SIGNATURES,
  parseTemplate,
  render,
  type RenderContext,
} from "../src/template/mod.ts";
import { scenarioFunctions, styledTimestamp } from "../src/runner/functions.ts";

const POOL_ID = "us-east-1_AbCdEf123";
const NOW = Date.UTC(2026, 10, 4, 9, 5, 7);

function setup(values: Record<string, unknown> = {}) {
  const secrets: Array<[string, string]> = [];
  const rendered: string[] = [];
  const functions = scenarioFunctions({
    poolId: () => POOL_ID,
    clientId: () => "client-1",
    clientSecret: () => undefined,
  }, { onSecret: (value, label) => void secrets.push([label, value]) });
  const context: RenderContext = { values, functions, now: () => NOW };
  const run = (template: string) =>
    render(parseTemplate(template), context, { onSecret: (v) => void rendered.push(v) });
  return { secrets, rendered, run, values };
}

Deno.test("functions: srp.start + srp.passwordClaim answer PASSWORD_VERIFIER as the server verifies it", async () => {
  const { run, values, secrets, rendered } = setup();
  const stored = createPasswordVerifier({
    poolName: "AbCdEf123",
    userId: "alice-id",
    password: "pw",
  });
  const srpA = await run("${srp.start()}") as string;
  const server = createServerEphemeral(stored.verifier);
  values.challenge = {
    SRP_B: server.srpB,
    SALT: stored.saltHex,
    SECRET_BLOCK: "c2VjcmV0LWJsb2Nr",
    USER_ID_FOR_SRP: "alice-id",
    USERNAME: "alice",
  };
  const claim = await run("${srp.passwordClaim(challenge, 'pw')}") as Record<string, string>;
  assert.deepEqual(Object.keys(claim), [
    "USERNAME",
    "PASSWORD_CLAIM_SECRET_BLOCK",
    "TIMESTAMP",
    "PASSWORD_CLAIM_SIGNATURE",
  ]);
  assert.equal(claim.USERNAME, "alice-id");
  assert.equal(claim.TIMESTAMP, "Wed Nov 4 09:05:07 UTC 2026");
  const check = {
    ephemeral: server,
    srpA,
    verifier: stored.verifier,
    userPoolId: POOL_ID,
    userIdForSrp: "alice-id",
    secretBlock: "c2VjcmV0LWJsb2Nr",
  };
  assert.equal(
    verifyPasswordClaim({
      ...check,
      timestamp: claim.TIMESTAMP!,
      signature: claim.PASSWORD_CLAIM_SIGNATURE!,
    }),
    true,
  );
  assert.deepEqual(secrets, [["SRP_A", srpA]]);
  assert.deepEqual(rendered, [
    claim.PASSWORD_CLAIM_SECRET_BLOCK,
    claim.PASSWORD_CLAIM_SIGNATURE,
  ], "the claim's secret members are reported to the renderer");

  // A given timestamp is signed exactly as written: a zero-padded day verifies only as the
  // client meant it, so a server that re-formats canonically refuses it (§7.6).
  const padded = await run(
    "${srp.passwordClaim(challenge, 'pw', 'Wed Nov 04 09:05:07 UTC 2026')}",
  ) as Record<string, string>;
  assert.equal(padded.TIMESTAMP, "Wed Nov 04 09:05:07 UTC 2026");
  assert.equal(
    verifyPasswordClaim({
      ...check,
      timestamp: padded.TIMESTAMP!,
      signature: padded.PASSWORD_CLAIM_SIGNATURE!,
    }),
    false,
  );
  const wrongPassword = await run("${srp.passwordClaim(challenge, 'PW')}") as Record<
    string,
    string
  >;
  assert.equal(
    verifyPasswordClaim({
      ...check,
      timestamp: wrongPassword.TIMESTAMP!,
      signature: wrongPassword.PASSWORD_CLAIM_SIGNATURE!,
    }),
    false,
  );
});

Deno.test("functions: srp.deviceVerifier remembers the device password for srp.deviceClaim", async () => {
  const { run, values, secrets } = setup();
  values.device = { DeviceKey: "us-east-1_0f1e2d3c-aaaa", DeviceGroupKey: "-wt2ha1Zd" };
  const config = await run("${srp.deviceVerifier(device)}") as {
    PasswordVerifier: string;
    Salt: string;
  };
  assert.deepEqual(Object.keys(config), ["PasswordVerifier", "Salt"]);
  const [label, devicePassword] = secrets[0]!;
  assert.equal(label, "DevicePassword");
  assert.equal(devicePassword.length, 56, "base64 of 40 random bytes");

  const decoded = decodeDeviceVerifier(config);
  const srpA = await run("${srp.start('device')}") as string;
  const server = createServerEphemeral(decoded.verifier);
  values.challenge = {
    SRP_B: server.srpB,
    SALT: decoded.saltHex,
    SECRET_BLOCK: "ZGV2aWNlLWJsb2Nr",
    USERNAME: "alice-id",
    DEVICE_KEY: "us-east-1_0f1e2d3c-aaaa",
  };
  const claim = await run("${srp.deviceClaim(challenge, device)}") as Record<string, string>;
  assert.deepEqual(Object.keys(claim), [
    "USERNAME",
    "DEVICE_KEY",
    "PASSWORD_CLAIM_SECRET_BLOCK",
    "TIMESTAMP",
    "PASSWORD_CLAIM_SIGNATURE",
  ]);
  assert.equal(claim.USERNAME, "alice-id");
  assert.equal(claim.DEVICE_KEY, "us-east-1_0f1e2d3c-aaaa");
  assert.equal(
    verifyDeviceClaim({
      ephemeral: server,
      srpA,
      verifier: decoded.verifier,
      deviceGroupKey: "-wt2ha1Zd",
      deviceKey: "us-east-1_0f1e2d3c-aaaa",
      secretBlock: "ZGV2aWNlLWJsb2Nr",
      timestamp: claim.TIMESTAMP!,
      signature: claim.PASSWORD_CLAIM_SIGNATURE!,
    }),
    true,
  );
  // The device key alone is enough: the group key was remembered with the password.
  const byKey = await run("${srp.deviceClaim(challenge, device.DeviceKey)}") as Record<
    string,
    string
  >;
  assert.equal(byKey.DEVICE_KEY, "us-east-1_0f1e2d3c-aaaa");
});

Deno.test("functions: misuse is explained without quoting secret values", async () => {
  const { run, values } = setup();
  values.challenge = {
    SRP_B: "zz-not-hex",
    SALT: "ab",
    SECRET_BLOCK: "AAAA",
    USER_ID_FOR_SRP: "a",
  };
  await assert.rejects(
    run("${srp.passwordClaim(challenge, 'pw')}"),
    /srp\.passwordClaim\(\) failed: no SRP exchange was started: send SRP_A from \$\{srp\.start\(\)\}/,
  );
  await run("${srp.start()}");
  await assert.rejects(run("${srp.passwordClaim(challenge, 'pw')}"), (error: Error) => {
    assert.match(error.message, /SRP_B is not usable for SRP/);
    assert.ok(!error.message.includes("zz-not-hex"));
    return true;
  });
  values.device = { DeviceKey: "k-1" };
  await assert.rejects(
    run("${srp.deviceClaim(challenge, device)}"),
    /no device password is remembered for device "k-1"/,
  );
  await assert.rejects(run("${secretHash('alice')}"), /the scenario's client has no secret/);
  await assert.rejects(run("${srp.timestamp('iso')}"), /style "iso" is not one of/);
});

Deno.test("functions: srp.timestamp styles, totp with an offset", async () => {
  const { run } = setup();
  assert.equal(await run("${srp.timestamp()}"), "Wed Nov 4 09:05:07 UTC 2026");
  assert.equal(await run("${srp.timestamp('padded-day')}"), "Wed Nov 04 09:05:07 UTC 2026");
  assert.equal(await run("${srp.timestamp('wrong-weekday')}"), "Thu Nov 4 09:05:07 UTC 2026");
  assert.equal(await run("${srp.timestamp('numeric-zone')}"), "Wed Nov 4 09:05:07 +00:00 2026");
  const secret = "JBSWY3DPEHPK3PXP";
  assert.equal(await run(`\${totp('${secret}')}`), totp(secret, { now: () => new Date(NOW) }));
  assert.equal(
    await run(`\${totp('${secret}', -30)}`),
    totp(secret, { now: () => new Date(NOW - 30_000) }),
  );
});

Deno.test("functions: every scenario gets its own SRP state", async () => {
  const first = setup();
  const second = setup();
  await first.run("${srp.start()}");
  second.values.challenge = { SRP_B: "02", SALT: "01", SECRET_BLOCK: "AAAA", USER_ID_FOR_SRP: "a" };
  await assert.rejects(
    second.run("${srp.passwordClaim(challenge, 'pw')}"),
    /no SRP exchange was started/,
  );
});

Deno.test("functions: padded-day is canonical on days 10–31; wrong-weekday is non-canonical every day", () => {
  const signature = FUNCTION_SIGNATURES.find((s) => s.name === "srp.timestamp")!;
  assert.match(signature.doc, /days 10–31/);
  assert.match(signature.doc, /wrong-weekday/);
  for (let day = 0; day < 366; day++) {
    const date = new Date(Date.UTC(2028, 0, 1, 23, 59, 59) + day * 86_400_000);
    const canonical = styledTimestamp(date, "canonical");
    const padded = styledTimestamp(date, "padded-day");
    assert.equal(padded === canonical, date.getUTCDate() >= 10, padded);
    assert.notEqual(styledTimestamp(date, "wrong-weekday"), canonical);
  }
});

Deno.test("functions: jwt.payload decodes a token's claims, readable although the token is secret", async () => {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  const claims = { sub: "s-1", username: "alice", auth_time: 1_700_000_000, origin_jti: "o-1" };
  const token = `${part({ alg: "RS256" })}.${part(claims)}.c2lnbmF0dXJl`;
  const reported: string[] = [];
  const functions = scenarioFunctions({
    poolId: () => POOL_ID,
    clientId: () => "client-1",
    clientSecret: () => undefined,
  });
  const context: RenderContext = { values: { tokens: { AccessToken: token } }, functions };
  const options = {
    onSecret: (value: string) => void reported.push(value),
    isSecret: (value: unknown) => value === token,
  };
  const run = (template: string) => render(parseTemplate(template), context, options);
  assert.deepEqual(await run("${jwt.payload(tokens.AccessToken)}"), claims);
  assert.deepEqual(reported, [], "no claim is reported as a secret");
  assert.equal(await run("at ${jwt.payload(tokens.AccessToken)}"), `at ${JSON.stringify(claims)}`);
  assert.deepEqual(reported, []);
  // A refresh token (a JWE) or any other text fails without quoting it.
  const jwe = "eyJjdHkiOiJKV1QifQ.aaaa.bbbb.cccc.dddd";
  context.values = { tokens: { RefreshToken: jwe } };
  await assert.rejects(run("${jwt.payload(tokens.RefreshToken)}"), (error: Error) => {
    assert.match(error.message, /jwt\.payload\(\) failed: Cannot decode JWT: it has 5 segments/);
    assert.ok(!error.message.includes(jwe));
    return true;
  });
  await assert.rejects(run("${jwt.payload(42)}"), /jwt\.payload\(\): token must be a string/);
});
