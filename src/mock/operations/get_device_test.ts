import assert from "node:assert/strict";
import { ALWAYS_REMEMBER, TestMock, USER_OPT_IN } from "../_testing.ts";

Deno.test("GetDevice: a remembered device as DeviceType, with Cognito's attributes in order", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "alice");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  const { Device } = await mock.ok("GetDevice", {
    AccessToken: tokens.AccessToken,
    DeviceKey: device.key,
  });
  assert.equal(Device.DeviceKey, device.key);
  assert.deepEqual(Device.DeviceAttributes, [
    { Name: "device_status", Value: "valid" },
    { Name: "device_name", Value: "test-device" },
    {
      Name: "dev:device_arn",
      Value:
        `arn:aws:cognito-idp:us-east-1:123456789012:owner/alice.${setup.poolId}/device/${device.key}`,
    },
    { Name: "dev:device_owner", Value: `alice.${setup.poolId}` },
    { Name: "dev:device_remembered_status", Value: "remembered" },
    { Name: "dev:device_sdk", Value: "aws-sdk" },
  ]);
  assert.equal(Device.DeviceCreateDate, mock.now / 1000);
  assert.equal(typeof Device.DeviceLastModifiedDate, "number");
  assert.equal(typeof Device.DeviceLastAuthenticatedDate, "number");
});

Deno.test("GetDevice: not remembered, another user's, or unknown is 'Device does not exist.'", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(USER_OPT_IN);
  await mock.user(setup.poolId, "alice");
  await mock.user(setup.poolId, "bob");
  const { tokens, device } = await mock.signInWithDevice(setup, "alice");
  const bob = await mock.signIn(setup, "bob");
  const missing = {
    type: "ResourceNotFoundException",
    message: "Device does not exist.",
    status: 400,
  };
  assert.deepEqual(
    await mock.fails("GetDevice", { AccessToken: tokens.AccessToken, DeviceKey: device.key }),
    missing,
  );
  await mock.ok("UpdateDeviceStatus", {
    AccessToken: tokens.AccessToken,
    DeviceKey: device.key,
    DeviceRememberedStatus: "remembered",
  });
  await mock.ok("GetDevice", { AccessToken: tokens.AccessToken, DeviceKey: device.key });
  assert.deepEqual(
    await mock.fails("GetDevice", { AccessToken: bob.AccessToken, DeviceKey: device.key }),
    missing,
  );
  assert.equal(
    (await mock.fails("GetDevice", { DeviceKey: device.key })).message,
    "Missing required parameter AccessToken",
  );
});
