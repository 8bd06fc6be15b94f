import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("UpdateUserPoolClient: replaces settings, keeps id and secret, resets unset ones", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { GenerateSecret: true, EnableTokenRevocation: false });
  const { UserPoolClient } = await mock.ok("UpdateUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
    ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
  });
  assert.equal(UserPoolClient.ClientSecret, setup.clientSecret);
  assert.equal(UserPoolClient.ClientName, "app");
  assert.deepEqual(UserPoolClient.ExplicitAuthFlows, ["ALLOW_REFRESH_TOKEN_AUTH"]);
  assert.equal(UserPoolClient.EnableTokenRevocation, true);
  const signIn = await mock.fails("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "a", PASSWORD: "b", SECRET_HASH: "x" },
  });
  assert.equal(signIn.message, "USER_PASSWORD_AUTH flow not enabled for this client");
});

Deno.test("UpdateUserPoolClient: an unknown client is ResourceNotFoundException", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  const error = await mock.fails("UpdateUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientId: "nosuchclient",
  });
  assert.equal(error.message, "User pool client nosuchclient does not exist.");
});
