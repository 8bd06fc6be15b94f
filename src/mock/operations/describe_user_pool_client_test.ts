import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("DescribeUserPoolClient: returns the client with its secret", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { GenerateSecret: true });
  const { UserPoolClient } = await mock.ok("DescribeUserPoolClient", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
  });
  assert.equal(UserPoolClient.ClientId, setup.clientId);
  assert.equal(UserPoolClient.ClientSecret, setup.clientSecret);
});

Deno.test("DescribeUserPoolClient: a client of another pool does not exist there", async () => {
  const mock = new TestMock();
  const a = await mock.provision();
  const b = await mock.provision();
  const error = await mock.fails("DescribeUserPoolClient", {
    UserPoolId: b.poolId,
    ClientId: a.clientId,
  });
  assert.deepEqual(error, {
    type: "ResourceNotFoundException",
    message: `User pool client ${a.clientId} does not exist.`,
    status: 400,
  });
});
