import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminGetUser: the AWS members, found by username, alias or sub", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ AliasAttributes: ["email"] });
  await mock.user(setup.poolId, "alice", "Passw0rd!", {
    email: "alice@example.com",
    email_verified: "true",
  });
  const byName = await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.deepEqual(Object.keys(byName), [
    "Username",
    "UserAttributes",
    "UserCreateDate",
    "UserLastModifiedDate",
    "Enabled",
    "UserStatus",
  ]);
  const sub = byName.UserAttributes[0].Value;
  assert.equal(
    (await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice@example.com" }))
      .Username,
    "alice",
  );
  assert.equal(
    (await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: sub })).Username,
    "alice",
  );
});

Deno.test("AdminGetUser: an unverified alias does not find the user", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ AliasAttributes: ["email"] });
  await mock.user(setup.poolId, "bob", "Passw0rd!", { email: "bob@example.com" });
  assert.deepEqual(
    await mock.fails("AdminGetUser", { UserPoolId: setup.poolId, Username: "bob@example.com" }),
    {
      type: "UserNotFoundException",
      message: "User does not exist.",
      status: 400,
    },
  );
});
