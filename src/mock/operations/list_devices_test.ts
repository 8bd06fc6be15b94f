import assert from "node:assert/strict";
import { ALWAYS_REMEMBER, TestMock } from "../_testing.ts";

Deno.test("ListDevices: remembered devices in issue order, paged by Limit with an opaque token", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "alice");
  const keys: string[] = [];
  let token = "";
  for (let i = 0; i < 3; i++) {
    const { tokens, device } = await mock.signInWithDevice(setup, "alice");
    keys.push(device.key);
    token = tokens.AccessToken;
  }
  await mock.signIn(setup, "alice"); // issued, never confirmed: not listed
  await mock.ok("UpdateDeviceStatus", {
    AccessToken: token,
    DeviceKey: keys[1],
    DeviceRememberedStatus: "not_remembered",
  });
  const all = await mock.ok("ListDevices", { AccessToken: token });
  assert.deepEqual(all.Devices.map((d: { DeviceKey: string }) => d.DeviceKey), [keys[0], keys[2]]);
  assert.equal(all.PaginationToken, undefined);
  const first = await mock.ok("ListDevices", { AccessToken: token, Limit: 1 });
  assert.deepEqual(first.Devices.map((d: { DeviceKey: string }) => d.DeviceKey), [keys[0]]);
  const second = await mock.ok("ListDevices", {
    AccessToken: token,
    Limit: 1,
    PaginationToken: first.PaginationToken,
  });
  assert.deepEqual(second.Devices.map((d: { DeviceKey: string }) => d.DeviceKey), [keys[2]]);
  assert.equal(second.PaginationToken, undefined);
  assert.equal(
    (await mock.fails("ListDevices", { AccessToken: token, Limit: 61 })).type,
    "InvalidParameterException",
  );
  assert.equal(
    (await mock.fails("ListDevices", { AccessToken: token, PaginationToken: "bm9wZQ==" })).type,
    "InvalidParameterException",
  );
});
