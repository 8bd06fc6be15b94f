import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("CreateUserPoolClient: AWS-shaped id and secret, defaults as AWS reports them", async () => {
  const mock = new TestMock();
  const { UserPool } = await mock.ok("CreateUserPool", { PoolName: "p" });
  const { UserPoolClient } = await mock.ok("CreateUserPoolClient", {
    UserPoolId: UserPool.Id,
    ClientName: "web",
    GenerateSecret: true,
  });
  assert.match(UserPoolClient.ClientId, /^[a-z0-9]{26}$/);
  assert.match(UserPoolClient.ClientSecret, /^[a-z0-9]{51}$/);
  assert.equal(UserPoolClient.UserPoolId, UserPool.Id);
  assert.equal(UserPoolClient.RefreshTokenValidity, 30);
  assert.equal(UserPoolClient.EnableTokenRevocation, true);
  assert.equal(UserPoolClient.AuthSessionValidity, 3);
  assert.equal(UserPoolClient.PreventUserExistenceErrors, "LEGACY");
  assert.equal(UserPoolClient.ExplicitAuthFlows, undefined);
});

Deno.test("CreateUserPoolClient: validities, units, flows, rotation and existence errors are kept", async () => {
  const mock = new TestMock();
  const { UserPool } = await mock.ok("CreateUserPool", { PoolName: "p" });
  const input = {
    UserPoolId: UserPool.Id,
    ClientName: "app",
    AccessTokenValidity: 5,
    IdTokenValidity: 10,
    RefreshTokenValidity: 2,
    TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "hours" },
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    PreventUserExistenceErrors: "ENABLED",
    EnableTokenRevocation: false,
    RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 },
  };
  const { UserPoolClient } = await mock.ok("CreateUserPoolClient", input);
  for (const key of Object.keys(input).filter((k) => k !== "UserPoolId")) {
    assert.deepEqual(UserPoolClient[key], input[key as keyof typeof input], key);
  }
  assert.equal(UserPoolClient.ClientSecret, undefined);
});

Deno.test("CreateUserPoolClient: legacy and ALLOW_ flows cannot be mixed; unknown pool refused", async () => {
  const mock = new TestMock();
  const { UserPool } = await mock.ok("CreateUserPool", { PoolName: "p" });
  const mixed = await mock.fails("CreateUserPoolClient", {
    UserPoolId: UserPool.Id,
    ClientName: "x",
    ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  assert.equal(mixed.type, "InvalidParameterException");
  const unknown = await mock.fails("CreateUserPoolClient", {
    UserPoolId: "us-east-1_none",
    ClientName: "x",
  });
  assert.equal(unknown.message, "User pool us-east-1_none does not exist.");
});
