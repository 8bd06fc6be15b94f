import assert from "node:assert/strict";
import { TestMock, USER_OPT_IN } from "../_testing.ts";

Deno.test("UpdateDeviceStatus: remembered and back, modified date moves; forgotten or unconfirmed is 'Device does not exist.'", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(USER_OPT_IN);
  await mock.user(setup.poolId, "alice");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  mock.tick(60);
  const update = (DeviceRememberedStatus: string, DeviceKey = device.key) => ({
    AccessToken: tokens.AccessToken,
    DeviceKey,
    DeviceRememberedStatus,
  });
  assert.deepEqual(await mock.ok("UpdateDeviceStatus", update("remembered")), {});
  const { Device } = await mock.ok("GetDevice", {
    AccessToken: tokens.AccessToken,
    DeviceKey: device.key,
  });
  assert.equal(Device.DeviceLastModifiedDate, Device.DeviceCreateDate + 60);
  await mock.ok("UpdateDeviceStatus", update("not_remembered"));
  assert.equal(
    (await mock.fails("GetDevice", { AccessToken: tokens.AccessToken, DeviceKey: device.key }))
      .type,
    "ResourceNotFoundException",
  );
  const unconfirmed = (await mock.signIn(setup, "alice")).NewDeviceMetadata.DeviceKey;
  assert.equal(
    (await mock.fails("UpdateDeviceStatus", update("remembered", unconfirmed))).message,
    "Device does not exist.",
  );
  await mock.ok("ForgetDevice", { AccessToken: tokens.AccessToken, DeviceKey: device.key });
  assert.equal(
    (await mock.fails("UpdateDeviceStatus", update("remembered"))).message,
    "Device does not exist.",
  );
  assert.equal(
    (await mock.fails("UpdateDeviceStatus", update("sometimes"))).type,
    "InvalidParameterException",
  );
});
