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

Deno.test("ListDevices: a token is bound to the user and the operation; edited or made-up ones are refused", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "alice");
  await mock.user(setup.poolId, "bob");
  const tokenOf: Record<string, string> = {};
  for (const name of ["alice", "bob"]) {
    for (let i = 0; i < 2; i++) {
      tokenOf[name] = (await mock.signInWithDevice(setup, name)).tokens.AccessToken;
    }
  }
  // One-device pages of a user's devices, through either operation.
  const mine = (name: string, PaginationToken?: string) => ({
    AccessToken: tokenOf[name],
    Limit: 1,
    ...(PaginationToken === undefined ? {} : { PaginationToken }),
  });
  const theirs = (name: string, PaginationToken?: string) => ({
    UserPoolId: setup.poolId,
    Username: name,
    Limit: 1,
    ...(PaginationToken === undefined ? {} : { PaginationToken }),
  });
  const refused = {
    type: "InvalidParameterException",
    message: "Pagination token is invalid.",
    status: 400,
  };
  const alicePage = await mock.ok("ListDevices", mine("alice"));
  const bobPage = await mock.ok("ListDevices", mine("bob"));
  assert.match(alicePage.PaginationToken, /^[A-Za-z0-9+/]+=*$/);
  assert.notEqual(alicePage.PaginationToken, bobPage.PaginationToken);
  // Another user's token, in either operation.
  const alices = alicePage.PaginationToken;
  assert.deepEqual(await mock.fails("ListDevices", mine("bob", alices)), refused);
  assert.deepEqual(await mock.fails("AdminListDevices", theirs("bob", alices)), refused);
  // AdminListDevices lists other devices than ListDevices: its tokens are its own.
  const adminPage = await mock.ok("AdminListDevices", theirs("alice"));
  assert.deepEqual(
    await mock.fails("ListDevices", mine("alice", adminPage.PaginationToken)),
    refused,
  );
  // An edited token (another offset, same MAC) and a forged plain one.
  const edited = Uint8Array.fromBase64(alices);
  edited[4]! ^= 1;
  for (const forged of [edited.toBase64(), btoa("1:devices")]) {
    assert.deepEqual(await mock.fails("ListDevices", mine("alice", forged)), refused);
  }
  // Alice's own token still works, and again (a token is not used up).
  for (let i = 0; i < 2; i++) {
    const next = await mock.ok("ListDevices", mine("alice", alices));
    assert.equal(next.Devices.length, 1);
    assert.notEqual(next.Devices[0].DeviceKey, alicePage.Devices[0].DeviceKey);
  }
});

Deno.test("List*: a token of one listing is refused by another (pools, clients, users)", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("CreateUserPoolClient", { UserPoolId: setup.poolId, ClientName: "second" });
  await mock.user(setup.poolId, "alice");
  await mock.user(setup.poolId, "bob");
  const clients = await mock.ok("ListUserPoolClients", { UserPoolId: setup.poolId, MaxResults: 1 });
  const users = await mock.ok("ListUsers", { UserPoolId: setup.poolId, Limit: 1 });
  const failure = await mock.fails("ListUsers", {
    UserPoolId: setup.poolId,
    Limit: 1,
    PaginationToken: clients.NextToken,
  });
  assert.equal(failure.message, "Pagination token is invalid.");
  const other = await mock.provision();
  await mock.user(other.poolId, "carol");
  await mock.user(other.poolId, "dave");
  assert.equal(
    (await mock.fails("ListUsers", {
      UserPoolId: other.poolId,
      Limit: 1,
      PaginationToken: users.PaginationToken,
    })).type,
    "InvalidParameterException",
  );
  const pools = await mock.ok("ListUserPools", { MaxResults: 1 });
  const foreign = new TestMock(); // another mock instance: another key
  await foreign.provision();
  await foreign.provision();
  assert.equal(
    (await foreign.fails("ListUserPools", { MaxResults: 1, NextToken: pools.NextToken })).type,
    "InvalidParameterException",
  );
});
