import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("DescribeUserPool: echoes the pool, counts users, omits DeviceConfiguration when off", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const { UserPool } = await mock.ok("DescribeUserPool", { UserPoolId: setup.poolId });
  assert.equal(UserPool.Id, setup.poolId);
  assert.equal(UserPool.EstimatedNumberOfUsers, 1);
  assert.ok(!("DeviceConfiguration" in UserPool));
});

Deno.test("DescribeUserPool: an unknown pool is ResourceNotFoundException", async () => {
  const mock = new TestMock();
  const error = await mock.fails("DescribeUserPool", { UserPoolId: "us-east-1_nope" });
  assert.deepEqual(error, {
    type: "ResourceNotFoundException",
    message: "User pool us-east-1_nope does not exist.",
    status: 400,
  });
});
