import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("UpdateUserPool: sets what is given and resets what is not to the default", async () => {
  const mock = new TestMock();
  const { UserPool } = await mock.ok("CreateUserPool", {
    PoolName: "p",
    MfaConfiguration: "OPTIONAL",
  });
  await mock.ok("UpdateUserPool", {
    UserPoolId: UserPool.Id,
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: true,
    },
  });
  let described = (await mock.ok("DescribeUserPool", { UserPoolId: UserPool.Id })).UserPool;
  assert.deepEqual(described.DeviceConfiguration, {
    ChallengeRequiredOnNewDevice: false,
    DeviceOnlyRememberedOnUserPrompt: true,
  });
  assert.equal(described.MfaConfiguration, "OFF");
  await mock.ok("UpdateUserPool", { UserPoolId: UserPool.Id, PoolName: "renamed" });
  described = (await mock.ok("DescribeUserPool", { UserPoolId: UserPool.Id })).UserPool;
  assert.equal(described.DeviceConfiguration, undefined);
  assert.equal(described.Name, "renamed");
});

Deno.test("UpdateUserPool: an unknown pool is ResourceNotFoundException", async () => {
  const error = await new TestMock().fails("UpdateUserPool", { UserPoolId: "us-east-1_nope" });
  assert.equal(error.type, "ResourceNotFoundException");
});
