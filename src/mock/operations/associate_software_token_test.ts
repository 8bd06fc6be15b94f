import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AssociateSoftwareToken: a 52-character base32 secret for an access token; a new one each time", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const first = await mock.ok("AssociateSoftwareToken", { AccessToken: tokens.AccessToken });
  assert.match(first.SecretCode, /^[A-Z2-7]{52}$/);
  assert.deepEqual(Object.keys(first), ["SecretCode"]);
  const second = await mock.ok("AssociateSoftwareToken", { AccessToken: tokens.AccessToken });
  assert.notEqual(second.SecretCode, first.SecretCode);
});

Deno.test("AssociateSoftwareToken: with an MFA_SETUP Session it returns a new Session; bad input is refused", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "ON" });
  await mock.user(setup.poolId, "alice");
  const challenge = await mock.ok("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
  });
  assert.equal(challenge.ChallengeName, "MFA_SETUP");
  const answer = await mock.ok("AssociateSoftwareToken", { Session: challenge.Session });
  assert.match(answer.SecretCode, /^[A-Z2-7]{52}$/);
  assert.ok(answer.Session.length >= 20 && answer.Session !== challenge.Session);
  assert.equal(
    (await mock.fails("AssociateSoftwareToken", { Session: "x".repeat(40) })).message,
    "Invalid session for the user.",
  );
  assert.equal(
    (await mock.fails("AssociateSoftwareToken", {})).message,
    "Missing required parameter AccessToken",
  );
  assert.equal(
    (await mock.fails("AssociateSoftwareToken", { AccessToken: "a.b.c" })).message,
    "Invalid Access Token",
  );
});
