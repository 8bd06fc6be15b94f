import assert from "node:assert/strict";
import { TestMock, USER_OPT_IN } from "../_testing.ts";

Deno.test("AdminUpdateDeviceStatus: remembers a device for the named user", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(USER_OPT_IN);
  await mock.user(setup.poolId, "alice");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  assert.deepEqual(
    await mock.ok("AdminUpdateDeviceStatus", {
      UserPoolId: setup.poolId,
      Username: "alice",
      DeviceKey: device.key,
      DeviceRememberedStatus: "remembered",
    }),
    {},
  );
  const { Devices } = await mock.ok("ListDevices", { AccessToken: tokens.AccessToken });
  assert.deepEqual(Devices.map((d: { DeviceKey: string }) => d.DeviceKey), [device.key]);
  assert.equal(
    (await mock.fails("AdminUpdateDeviceStatus", {
      UserPoolId: setup.poolId,
      Username: "alice",
      DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
      DeviceRememberedStatus: "remembered",
    })).message,
    "Device does not exist.",
  );
});
