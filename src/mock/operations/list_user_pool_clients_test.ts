import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("ListUserPoolClients: id, pool and name of each client, paged", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("CreateUserPoolClient", { UserPoolId: setup.poolId, ClientName: "second" });
  const first = await mock.ok("ListUserPoolClients", { UserPoolId: setup.poolId, MaxResults: 1 });
  assert.deepEqual(first.UserPoolClients, [{
    ClientId: setup.clientId,
    UserPoolId: setup.poolId,
    ClientName: "app",
  }]);
  const second = await mock.ok("ListUserPoolClients", {
    UserPoolId: setup.poolId,
    MaxResults: 1,
    NextToken: first.NextToken,
  });
  assert.equal(second.UserPoolClients[0].ClientName, "second");
  assert.equal(second.NextToken, undefined);
});

Deno.test("ListUserPoolClients: a token of another pool's listing is refused", async () => {
  const mock = new TestMock();
  const a = await mock.provision();
  await mock.ok("CreateUserPoolClient", { UserPoolId: a.poolId, ClientName: "second" });
  const b = await mock.provision();
  const { NextToken } = await mock.ok("ListUserPoolClients", {
    UserPoolId: a.poolId,
    MaxResults: 1,
  });
  const error = await mock.fails("ListUserPoolClients", {
    UserPoolId: b.poolId,
    MaxResults: 1,
    NextToken,
  });
  assert.equal(error.type, "InvalidParameterException");
});
