import assert from "node:assert/strict";
import { CognitoError } from "../../cognito/errors.ts";
import { validateShape } from "./validate.ts";

function failure(shape: string, body: unknown): CognitoError {
  try {
    validateShape(shape, body);
  } catch (error) {
    assert.ok(error instanceof CognitoError);
    return error;
  }
  assert.fail("expected a validation failure");
}

Deno.test("validate: sensitive values are not echoed; violations are joined in path order", () => {
  const error = failure("SignUpRequest", { ClientId: "abc", Username: "", Password: "has space" });
  assert.equal(error.type, "InvalidParameterException");
  assert.equal(
    error.message,
    "3 validation errors detected: " +
      "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+; " +
      "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
  );
});

Deno.test("validate: nested list members use 1-based '.member' paths and echo plain values", () => {
  const error = failure("CreateUserPoolRequest", {
    PoolName: "p",
    Schema: [{ Name: "phone_number_verified", AttributeDataType: "String" }],
  });
  assert.equal(
    error.message,
    "1 validation error detected: Value 'phone_number_verified' at 'schema.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 20",
  );
});

Deno.test("validate: enum members of a list are wrapped as AWS does", () => {
  const error = failure("CreateUserPoolClientRequest", {
    UserPoolId: "us-east-1_abc",
    ClientName: "c",
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH"],
  });
  assert.match(
    error.message,
    /^1 validation error detected: Value '\[ALLOW_USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH\]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[ADMIN_NO_SRP_AUTH, /,
  );
});

Deno.test("validate: required, enum and range violations", () => {
  assert.equal(
    failure("ListUserPoolsRequest", { MaxResults: 61 }).message,
    "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
  );
  assert.equal(
    failure("InitiateAuthRequest", { AuthFlow: "NOPE" }).message,
    "2 validation errors detected: Value 'NOPE' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: " +
      "[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]; " +
      "Value null at 'clientId' failed to satisfy constraint: Member must not be null",
  );
});

Deno.test("validate: map value constraints and sensitive maps", () => {
  const error = failure("InitiateAuthRequest", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: "c",
    ClientMetadata: { k: "x".repeat(131073) },
  });
  assert.equal(
    error.message,
    "1 validation error detected: Value '{k=" + "x".repeat(131073) +
      "}' at 'clientMetadata' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072]",
  );
});

Deno.test("validate: JSON type mismatches are SerializationExceptions", () => {
  const number = failure("DescribeUserPoolRequest", { UserPoolId: 5 });
  assert.equal(number.type, "SerializationException");
  assert.equal(
    number.message,
    "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String",
  );
  assert.equal(
    failure("DescribeUserPoolRequest", { UserPoolId: { a: 1 } }).message,
    "Start of structure or map found where not expected.",
  );
  assert.equal(
    failure("DescribeUserPoolRequest", { UserPoolId: [] }).message,
    "Start of list found where not expected.",
  );
  assert.equal(
    failure("ListUserPoolsRequest", { MaxResults: "10" }).message,
    "class java.lang.String can not be converted to an Integer",
  );
  assert.equal(
    failure("AdminSetUserPasswordRequest", {
      UserPoolId: "a_b",
      Username: "u",
      Password: "p",
      Permanent: "yes",
    }).message,
    "class java.lang.String can not be converted to an Boolean",
  );
});

Deno.test("validate: nulls are absent, unknown members are dropped, map nulls removed", () => {
  const cleaned = validateShape("InitiateAuthRequest", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: "c",
    AuthParameters: { USERNAME: "u", DEVICE_KEY: null },
    Session: null,
    Unknown: { deep: true },
  });
  assert.deepEqual(cleaned, {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: "c",
    AuthParameters: { USERNAME: "u" },
  });
});
