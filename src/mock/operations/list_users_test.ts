import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("ListUsers: UserType entries, paging, AttributesToGet", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  for (const name of ["alice", "bob", "carol"]) {
    await mock.user(setup.poolId, name, "Passw0rd!", { email: `${name}@example.com` });
  }
  const first = await mock.ok("ListUsers", {
    UserPoolId: setup.poolId,
    Limit: 2,
    AttributesToGet: ["email"],
  });
  assert.deepEqual(first.Users.map((u: { Username: string }) => u.Username), ["alice", "bob"]);
  assert.deepEqual(first.Users[0].Attributes, [{ Name: "email", Value: "alice@example.com" }]);
  assert.equal(first.Users[0].UserStatus, "CONFIRMED");
  const rest = await mock.ok("ListUsers", {
    UserPoolId: setup.poolId,
    PaginationToken: first.PaginationToken,
  });
  assert.deepEqual(rest.Users.map((u: { Username: string }) => u.Username), ["carol"]);
});

Deno.test("ListUsers: Filter with = and ^=, bad filters refused", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice", "Passw0rd!", { email: "alice@example.com" });
  await mock.user(setup.poolId, "albert", "Passw0rd!", { email: "albert@example.org" });
  const exact = await mock.ok("ListUsers", {
    UserPoolId: setup.poolId,
    Filter: 'email = "alice@example.com"',
  });
  assert.deepEqual(exact.Users.map((u: { Username: string }) => u.Username), ["alice"]);
  const prefix = await mock.ok("ListUsers", {
    UserPoolId: setup.poolId,
    Filter: 'username ^= "al"',
  });
  assert.equal(prefix.Users.length, 2);
  const status = await mock.ok("ListUsers", {
    UserPoolId: setup.poolId,
    Filter: 'cognito:user_status = "CONFIRMED"',
  });
  assert.equal(status.Users.length, 2);
  assert.equal(
    (await mock.fails("ListUsers", { UserPoolId: setup.poolId, Filter: "email = alice" })).type,
    "InvalidParameterException",
  );
});
