import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("DeleteUserPool: the pool and its clients are gone", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("DeleteUserPool", { UserPoolId: setup.poolId });
  assert.equal(
    (await mock.fails("DescribeUserPool", { UserPoolId: setup.poolId })).type,
    "ResourceNotFoundException",
  );
  const client = await mock.fails("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "a", PASSWORD: "b" },
  });
  assert.equal(client.message, `User pool client ${setup.clientId} does not exist.`);
});

Deno.test("DeleteUserPool: refused while deletion protection is active", async () => {
  const mock = new TestMock();
  const { UserPool } = await mock.ok("CreateUserPool", {
    PoolName: "p",
    DeletionProtection: "ACTIVE",
  });
  const error = await mock.fails("DeleteUserPool", { UserPoolId: UserPool.Id });
  assert.equal(error.type, "InvalidParameterException");
  assert.match(error.message, /deletion protection is activated/);
});
