import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminSetUserPassword: Permanent confirms; not permanent forces a change", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("AdminCreateUser", { UserPoolId: setup.poolId, Username: "alice" });
  await mock.ok("AdminSetUserPassword", {
    UserPoolId: setup.poolId,
    Username: "alice",
    Password: "Passw0rd!",
    Permanent: true,
  });
  assert.equal(
    (await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" })).UserStatus,
    "CONFIRMED",
  );
  assert.ok((await mock.signIn(setup, "alice")).AccessToken);
  await mock.ok("AdminSetUserPassword", {
    UserPoolId: setup.poolId,
    Username: "alice",
    Password: "Other0ne!",
  });
  const user = await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
});

Deno.test("AdminSetUserPassword: the pool's password policy applies", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("AdminCreateUser", { UserPoolId: setup.poolId, Username: "alice" });
  const cases: Array<[string, string]> = [
    ["Sh0rt!", "Password did not conform with policy: Password not long enough"],
    ["passw0rd!", "Password did not conform with policy: Password must have uppercase characters"],
    ["PASSW0RD!", "Password did not conform with policy: Password must have lowercase characters"],
    ["Password!", "Password did not conform with policy: Password must have numeric characters"],
    ["Passw0rdd", "Password did not conform with policy: Password must have symbol characters"],
  ];
  for (const [password, message] of cases) {
    const error = await mock.fails("AdminSetUserPassword", {
      UserPoolId: setup.poolId,
      Username: "alice",
      Password: password,
    });
    assert.deepEqual(error, { type: "InvalidPasswordException", message, status: 400 });
  }
  assert.equal(
    (await mock.fails("AdminSetUserPassword", {
      UserPoolId: setup.poolId,
      Username: "ghost",
      Password: "Passw0rd!",
    })).type,
    "UserNotFoundException",
  );
});
