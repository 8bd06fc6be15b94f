import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminCreateUser: FORCE_CHANGE_PASSWORD user with a sub and the given attributes", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  const { User } = await mock.ok("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "alice",
    TemporaryPassword: "TempPassw0rd!",
    MessageAction: "SUPPRESS",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
  });
  assert.equal(User.Username, "alice");
  assert.equal(User.UserStatus, "FORCE_CHANGE_PASSWORD");
  assert.equal(User.Enabled, true);
  assert.equal(User.Attributes[0].Name, "sub");
  assert.match(User.Attributes[0].Value, /^[0-9a-f-]{36}$/);
  assert.deepEqual(User.Attributes[1], { Name: "email", Value: "alice@example.com" });
});

Deno.test("AdminCreateUser: email-as-username pools get a UUID username", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ UsernameAttributes: ["email"] });
  const { User } = await mock.ok("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "carol@example.com",
  });
  assert.match(User.Username, /^[0-9a-f-]{36}$/);
  const sub = User.Attributes.find((a: { Name: string }) => a.Name === "sub").Value;
  assert.equal(User.Username, sub);
  assert.ok(
    User.Attributes.some((a: { Name: string; Value: string }) =>
      a.Name === "email" && a.Value === "carol@example.com"
    ),
  );
  const notEmail = await mock.fails("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "carol",
  });
  assert.equal(notEmail.message, "Username should be an email.");
  const twice = await mock.fails("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "carol@example.com",
  });
  assert.deepEqual(twice, {
    type: "UsernameExistsException",
    message: "An account with the given email already exists.",
    status: 400,
  });
});

Deno.test("AdminCreateUser: duplicates, schema, password policy and RESEND", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("AdminCreateUser", { UserPoolId: setup.poolId, Username: "bob" });
  assert.deepEqual(
    await mock.fails("AdminCreateUser", { UserPoolId: setup.poolId, Username: "bob" }),
    {
      type: "UsernameExistsException",
      message: "User account already exists",
      status: 400,
    },
  );
  const schema = await mock.fails("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "dave",
    UserAttributes: [{ Name: "shoe_size", Value: "44" }],
  });
  assert.equal(schema.message, "Attribute does not exist in the schema.");
  const weak = await mock.fails("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "erin",
    TemporaryPassword: "weak",
  });
  assert.equal(weak.type, "InvalidPasswordException");
  const resent = await mock.ok("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "bob",
    MessageAction: "RESEND",
    TemporaryPassword: "Fresh0ne!",
  });
  assert.equal(resent.User.UserStatus, "FORCE_CHANGE_PASSWORD");
  const ghost = await mock.fails("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "ghost",
    MessageAction: "RESEND",
  });
  assert.equal(ghost.type, "UserNotFoundException");
});

Deno.test("AdminCreateUser: usernames shaped like an alias are refused in alias pools", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ AliasAttributes: ["email"] });
  const error = await mock.fails("AdminCreateUser", {
    UserPoolId: setup.poolId,
    Username: "x@example.com",
  });
  assert.equal(
    error.message,
    "Username cannot be of email format, since user pool is configured for email alias.",
  );
});
