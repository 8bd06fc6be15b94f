import assert from "node:assert/strict";
import { TestMock, USER_OPT_IN } from "../_testing.ts";

Deno.test("AdminGetDevice: also a not-remembered device; unknown user or device fail", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(USER_OPT_IN);
  await mock.user(setup.poolId, "alice");
  const { device } = await mock.signInWithDevice(setup, "alice");
  const { Device } = await mock.ok("AdminGetDevice", {
    UserPoolId: setup.poolId,
    Username: "alice",
    DeviceKey: device.key,
  });
  assert.deepEqual(
    Device.DeviceAttributes.find((a: { Name: string }) =>
      a.Name === "dev:device_remembered_status"
    ),
    { Name: "dev:device_remembered_status", Value: "not_remembered" },
  );
  assert.equal(
    (await mock.fails("AdminGetDevice", {
      UserPoolId: setup.poolId,
      Username: "nobody",
      DeviceKey: device.key,
    })).type,
    "UserNotFoundException",
  );
  assert.equal(
    (await mock.fails("AdminGetDevice", {
      UserPoolId: setup.poolId,
      Username: "alice",
      DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
    })).message,
    "Device does not exist.",
  );
});
