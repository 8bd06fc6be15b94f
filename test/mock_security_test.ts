/**
 * The mock's security defaults: the test-control surface can be switched off,
 * and the access log (`--log-requests`) never carries a secret — not for a
 * whole device lifecycle with SRP, nor for failing or hostile requests.
 */
import assert from "node:assert/strict";
import { formatLogEntry } from "../src/cli/mock_command.ts";
import type { RequestLogEntry } from "../src/mock/handler.ts";
import { createMockServer } from "../src/mock/mod.ts";
import { ALL_FLOWS_CLIENT, ALWAYS_REMEMBER, TestMock } from "../src/mock/_testing.ts";
import { openTarget } from "../src/runner/mod.ts";

Deno.test("control: false — /_mock answers 404 and a harness sees no mock control", async () => {
  const server = await createMockServer({ control: false });
  try {
    for (const path of ["/_mock", "/_mock/clock", "/_mock/reset"]) {
      const response = await fetch(`${server.url}${path}`, { method: "POST", body: "{}" });
      const body = await response.json();
      assert.equal(response.status, 404, path);
      assert.equal(body.__type, "NotFoundException", path);
    }
    const target = await openTarget({ endpoint: server.url });
    try {
      assert.equal(target.capabilities.has("mock-control"), false);
    } finally {
      await target.close();
    }
  } finally {
    await server.close();
  }
  const on = await createMockServer();
  try {
    const response = await fetch(`${on.url}/_mock`);
    assert.equal((await response.json()).name, "cognito-conformance-mock");
  } finally {
    await on.close();
  }
});

Deno.test("access log: a device lifecycle and its failures log no secret", async () => {
  const entries: RequestLogEntry[] = [];
  const mock = new TestMock({ onRequest: (entry) => entries.push(entry) });
  const setup = await mock.provision(ALWAYS_REMEMBER, {
    ...ALL_FLOWS_CLIENT,
    GenerateSecret: true,
  });
  const password = "Sup3r-Secret-Passw0rd!";
  const username = await mock.user(setup.poolId, "alice", password);
  const secrets: string[] = [password, setup.clientSecret!];
  const srp = await mock.srpSignIn(setup, username, password);
  const tokens = srp.AuthenticationResult;
  secrets.push(tokens.AccessToken, tokens.IdToken, tokens.RefreshToken);
  const { device } = await mock.confirmDevice(tokens.AccessToken, tokens.NewDeviceMetadata);
  secrets.push(device.password);
  const refused = await mock.fails("InitiateAuth", {
    ClientId: setup.clientId,
    AuthFlow: "REFRESH_TOKEN_AUTH",
    AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, SECRET_HASH: "forged" },
  });
  assert.equal(refused.type, "NotAuthorizedException");
  await mock.fails("InitiateAuth", {
    ClientId: setup.clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: username, PASSWORD: `${password}-wrong` },
  });
  // A hostile target header never reaches the log as written.
  await mock.call("NopeForged%0aINFO", {}, {});
  await mock.handler.handle(new Request(`http://mock.test/_mock/codes?username=${password}`));

  const log = entries.map(formatLogEntry).join("");
  assert.ok(entries.length >= 10, "every request is logged");
  assert.match(log, /POST \/ InitiateAuth 400 NotAuthorizedException/);
  assert.match(log, /POST \/ ConfirmDevice 200/);
  assert.ok(!log.includes("Forged"), "only operations the mock knows are logged");
  for (const secret of secrets) {
    for (let at = 0; at + 8 <= secret.length; at += 4) {
      assert.ok(!log.includes(secret.slice(at, at + 8)), "a piece of a secret is in the log");
    }
  }
});
