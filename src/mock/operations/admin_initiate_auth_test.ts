import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminInitiateAuth: ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH sign in", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  for (const flow of ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]) {
    const body = await mock.ok("AdminInitiateAuth", {
      UserPoolId: setup.poolId,
      ClientId: setup.clientId,
      AuthFlow: flow,
      AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
    });
    assert.deepEqual(body.ChallengeParameters, {});
    assert.ok(body.AuthenticationResult.RefreshToken);
  }
});

Deno.test("AdminInitiateAuth: USER_PASSWORD_AUTH is refused, the client must be in the pool and enable the flow", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  const other = await mock.provision();
  const input = (poolId: string, flow: string) => ({
    UserPoolId: poolId,
    ClientId: setup.clientId,
    AuthFlow: flow,
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
  });
  assert.equal(
    (await mock.fails("AdminInitiateAuth", input(setup.poolId, "USER_PASSWORD_AUTH"))).message,
    "Initiate Auth method not supported.",
  );
  assert.equal(
    (await mock.fails("AdminInitiateAuth", input(setup.poolId, "ADMIN_USER_PASSWORD_AUTH")))
      .message,
    "Auth flow not enabled for this client",
  );
  assert.equal(
    (await mock.fails("AdminInitiateAuth", input(other.poolId, "ADMIN_NO_SRP_AUTH"))).type,
    "ResourceNotFoundException",
  );
});

Deno.test("AdminInitiateAuth: flows the mock does not implement answer 501", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH"] });
  const error = await mock.fails("AdminInitiateAuth", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
    AuthFlow: "CUSTOM_AUTH",
    AuthParameters: { USERNAME: "alice" },
  });
  assert.deepEqual(error, {
    type: "NotImplementedException",
    message: "The cognito-conformance mock does not implement the CUSTOM_AUTH flow.",
    status: 501,
  });
});
