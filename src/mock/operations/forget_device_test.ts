import assert from "node:assert/strict";
import { ALWAYS_REMEMBER, TestMock } from "../_testing.ts";

Deno.test("ForgetDevice: deletes the device (empty answer); a second time is 'Device does not exist.'", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "alice");
  await mock.user(setup.poolId, "bob");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  const bob = await mock.signIn(setup, "bob");
  assert.equal(
    (await mock.fails("ForgetDevice", { AccessToken: bob.AccessToken, DeviceKey: device.key }))
      .message,
    "Device does not exist.",
  );
  assert.deepEqual(
    await mock.ok("ForgetDevice", { AccessToken: tokens.AccessToken, DeviceKey: device.key }),
    {},
  );
  assert.deepEqual(await mock.ok("ListDevices", { AccessToken: tokens.AccessToken }), {
    Devices: [],
  });
  assert.equal(
    (await mock.fails("ForgetDevice", { AccessToken: tokens.AccessToken, DeviceKey: device.key }))
      .type,
    "ResourceNotFoundException",
  );
  // An issued, never confirmed device can be forgotten too.
  const issued = (await mock.signIn(setup, "alice")).NewDeviceMetadata.DeviceKey;
  await mock.ok("ForgetDevice", { AccessToken: tokens.AccessToken, DeviceKey: issued });
});
