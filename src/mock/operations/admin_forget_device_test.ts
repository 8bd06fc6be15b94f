import assert from "node:assert/strict";
import { ALWAYS_REMEMBER, TestMock } from "../_testing.ts";

Deno.test("AdminForgetDevice: deletes the named user's device; then 'Device does not exist.'", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "alice");
  const { device } = await mock.signInWithDevice(setup, "alice");
  const body = { UserPoolId: setup.poolId, Username: "alice", DeviceKey: device.key };
  assert.deepEqual(await mock.ok("AdminForgetDevice", body), {});
  assert.deepEqual(await mock.fails("AdminForgetDevice", body), {
    type: "ResourceNotFoundException",
    message: "Device does not exist.",
    status: 400,
  });
});
