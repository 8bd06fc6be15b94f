import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("CreateUserPool: AWS-shaped id, defaults, standard schema and custom attributes", async () => {
  const mock = new TestMock({ region: "eu-west-1" });
  const { UserPool } = await mock.ok("CreateUserPool", {
    PoolName: "demo",
    Schema: [{ Name: "tenant", AttributeDataType: "String" }],
  });
  assert.match(UserPool.Id, /^eu-west-1_[0-9A-Za-z]{9}$/);
  assert.equal(UserPool.Arn, `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${UserPool.Id}`);
  assert.equal(UserPool.Name, "demo");
  assert.equal(UserPool.MfaConfiguration, "OFF");
  assert.equal(UserPool.DeviceConfiguration, undefined);
  assert.deepEqual(UserPool.Policies.PasswordPolicy, {
    MinimumLength: 8,
    RequireUppercase: true,
    RequireLowercase: true,
    RequireNumbers: true,
    RequireSymbols: true,
    TemporaryPasswordValidityDays: 7,
  });
  assert.equal(UserPool.EstimatedNumberOfUsers, 0);
  assert.equal(typeof UserPool.CreationDate, "number");
  const names = UserPool.SchemaAttributes.map((attribute: { Name: string }) => attribute.Name);
  assert.equal(names[0], "sub");
  assert.ok(names.includes("email_verified") && names.includes("custom:tenant"));
});

Deno.test("CreateUserPool: device, MFA, username and alias settings are kept", async () => {
  const mock = new TestMock();
  const { UserPool } = await mock.ok("CreateUserPool", {
    PoolName: "devices",
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    },
    MfaConfiguration: "OPTIONAL",
    UsernameAttributes: ["email"],
    Policies: { PasswordPolicy: { MinimumLength: 6 } },
  });
  assert.deepEqual(UserPool.DeviceConfiguration, {
    ChallengeRequiredOnNewDevice: true,
    DeviceOnlyRememberedOnUserPrompt: false,
  });
  assert.equal(UserPool.MfaConfiguration, "OPTIONAL");
  assert.deepEqual(UserPool.UsernameAttributes, ["email"]);
  assert.equal(UserPool.Policies.PasswordPolicy.MinimumLength, 6);
  assert.equal(UserPool.Policies.PasswordPolicy.RequireSymbols, false);
});

Deno.test("CreateUserPool: alias and username attributes exclude each other; PoolName is required", async () => {
  const mock = new TestMock();
  const both = await mock.fails("CreateUserPool", {
    PoolName: "x",
    AliasAttributes: ["email"],
    UsernameAttributes: ["email"],
  });
  assert.equal(both.type, "InvalidParameterException");
  assert.equal(
    both.message,
    "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
  );
  const missing = await mock.fails("CreateUserPool", {});
  assert.equal(
    missing.message,
    "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
  );
});
