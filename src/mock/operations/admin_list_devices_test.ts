import assert from "node:assert/strict";
import { TestMock, USER_OPT_IN } from "../_testing.ts";

Deno.test("AdminListDevices: confirmed devices remembered or not; 'remembered' choice hides the others", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(USER_OPT_IN);
  await mock.user(setup.poolId, "alice");
  const { device } = await mock.signInWithDevice(setup, "alice");
  await mock.signIn(setup, "alice"); // issued only
  const list = () =>
    mock.ok("AdminListDevices", { UserPoolId: setup.poolId, Username: "alice", Limit: 0 });
  assert.deepEqual(
    (await list()).Devices.map((d: { DeviceKey: string }) => d.DeviceKey),
    [device.key],
  );
  await mock.handler.handle(
    new Request("http://mock.test/_mock/behaviour", {
      method: "POST",
      body: JSON.stringify({ poolId: setup.poolId, behaviour: { adminListDevices: "remembered" } }),
    }),
  );
  assert.deepEqual((await list()).Devices, []);
});
