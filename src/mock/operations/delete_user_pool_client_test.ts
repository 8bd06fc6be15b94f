import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("DeleteUserPoolClient: the client is gone and its refresh tokens stop working", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  await mock.ok("DeleteUserPoolClient", { UserPoolId: setup.poolId, ClientId: setup.clientId });
  const describe = await mock.fails("DescribeUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
  });
  assert.equal(describe.type, "ResourceNotFoundException");
  const refresh = await mock.fails("GetTokensFromRefreshToken", {
    ClientId: setup.clientId,
    RefreshToken: tokens.RefreshToken,
  });
  assert.equal(refresh.type, "ResourceNotFoundException");
});

Deno.test("DeleteUserPoolClient: deleting twice is ResourceNotFoundException", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("DeleteUserPoolClient", { UserPoolId: setup.poolId, ClientId: setup.clientId });
  const error = await mock.fails("DeleteUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
  });
  assert.equal(error.type, "ResourceNotFoundException");
});
