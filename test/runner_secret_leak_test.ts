/**
 * No secret reaches a report: the real runner against the embedded mock,
 * with a scenario that handles a user password, a client secret, SECRET_HASH,
 * SRP_A and the SRP challenge, a password claim, tokens, a device verifier
 * and device password, and a failure diff that quotes a token. The wire
 * traffic is recorded on the side (that is where the secrets' values come
 * from); every reporter's output, exchanges included, must contain none of
 * them. With `showSecrets` the same check must find them, so the test can
 * fail.
 */

import assert from "node:assert/strict";
import { type ReporterOptions, REPORTERS, teeEvents } from "../src/reporters/mod.ts";
import { knownRequestMembers, runSuite } from "../src/runner/mod.ts";
import { loadScenarios } from "../src/scenario/mod.ts";

const SCENARIO =
  new URL("./fixtures/runner/leak/secrets_everywhere.yaml", import.meta.url).pathname;
const PASSWORD = "Leak-Test-Passw0rd!2";
const CLIENT_SECRET = "ccLeakTestClientSecret0123456789abcdefghij";
/** Random bytes are a constant fill, so the device password is known: base64 of 40 × 0x5a. */
const FILL = 0x5a;
const DEVICE_PASSWORD = btoa(String.fromCharCode(...new Uint8Array(40).fill(FILL)));

/** Keys whose values on the wire are secrets (what the scenario exchanges). */
const WIRE_SECRET_KEYS = new Set([
  "AccessToken",
  "IdToken",
  "RefreshToken",
  "REFRESH_TOKEN",
  "SRP_A",
  "SRP_B",
  "SALT",
  "SECRET_BLOCK",
  "PASSWORD_CLAIM_SECRET_BLOCK",
  "PASSWORD_CLAIM_SIGNATURE",
  "SECRET_HASH",
  "PasswordVerifier",
  "Salt",
  "Password",
  "TemporaryPassword",
  "ClientSecret",
  "Session",
]);

/** Secret values found on the wire, with every key each was seen under. */
type Wire = Map<string, Set<string>>;

function collectSecrets(value: unknown, into: Wire, key = ""): void {
  if (typeof value === "string" && WIRE_SECRET_KEYS.has(key) && value.length >= 8) {
    into.set(value, (into.get(value) ?? new Set()).add(key));
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, into, key);
  } else if (typeof value === "object" && value !== null) {
    for (const [name, item] of Object.entries(value)) collectSecrets(item, into, name);
  }
}

/** Runs the scenario through every reporter; returns their outputs and the secrets on the wire. */
async function run(showSecrets: boolean) {
  const wire: Wire = new Map();
  const record = (text: string) => {
    try {
      collectSecrets(JSON.parse(text), wire);
    } catch {
      // not JSON: nothing keyed to collect
    }
  };
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    record(await request.clone().text());
    const response = await fetch(request);
    record(await response.clone().text());
    return response;
  };
  const { scenarios, errors } = await loadScenarios([SCENARIO], { knownRequestMembers });
  assert.deepEqual(errors.map(String), []);
  const events = runSuite(scenarios, {
    target: { fetch: recording },
    showSecrets,
    randomBytes: (length) => new Uint8Array(length).fill(FILL),
  });
  const names = Object.keys(REPORTERS) as (keyof typeof REPORTERS)[];
  const options: ReporterOptions = { showExchanges: true, color: false, terminal: false };
  const outputs = await Promise.all(
    teeEvents(events, names.length).map(async (branch, index) => {
      let text = "";
      for await (const chunk of REPORTERS[names[index]!].reporter(branch, options)) text += chunk;
      return [names[index]!, text] as const;
    }),
  );
  return { outputs, wire };
}

/** A secret and the parts of it that would betray it (JWT payload and signature). */
function telltales(secret: string): string[] {
  const parts = secret.split(".");
  if (secret.startsWith("eyJ") && parts.length >= 3) {
    return [secret, ...parts.slice(1).filter((part) => part.length >= 16)];
  }
  return [secret];
}

Deno.test("secret leak: no secret of a real run appears in any reporter's output", async () => {
  const { outputs, wire } = await run(false);
  const kinds = new Set([...wire.values()].flatMap((keys) => [...keys]));
  for (
    const kind of [
      "AccessToken",
      "RefreshToken",
      "SRP_A",
      "SRP_B",
      "PASSWORD_CLAIM_SIGNATURE",
      "SECRET_HASH",
      "PasswordVerifier",
    ]
  ) {
    assert.ok(kinds.has(kind), `the scenario exchanged no ${kind}: ${[...kinds].join(", ")}`);
  }
  const secrets = new Map([...wire].map(([value, keys]) => [value, [...keys].join("/")]));
  secrets.set(PASSWORD, "user password");
  secrets.set(CLIENT_SECRET, "client secret");
  secrets.set(DEVICE_PASSWORD, "device password");
  for (const [reporter, text] of outputs) {
    assert.ok(text.length > 0, reporter);
    for (const [secret, kind] of secrets) {
      for (const piece of telltales(secret)) {
        assert.ok(!text.includes(piece), `${reporter} leaks a ${kind}`);
      }
    }
  }
  const json = outputs.find(([name]) => name === "json")![1];
  assert.match(json, /«secret:AccessToken#1»/, "masks say which secret they hide");
  assert.match(json, /us-east-1_[0-9a-f-]{36}/, "device keys are not secret and stay readable");
});

Deno.test("secret leak: with showSecrets the same secrets do appear (the check can fail)", async () => {
  const { outputs, wire } = await run(true);
  const json = outputs.find(([name]) => name === "json")![1];
  const exchanged = (key: string) =>
    [...wire].filter(([, keys]) => keys.has(key)).map(([value]) => value);
  for (const key of ["AccessToken", "SRP_A", "PASSWORD_CLAIM_SIGNATURE", "SECRET_HASH"]) {
    const values = exchanged(key);
    assert.ok(values.length > 0 && values.every((value) => json.includes(value)), key);
  }
});
