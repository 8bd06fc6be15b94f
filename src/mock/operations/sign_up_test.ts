import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("SignUp: an UNCONFIRMED user, a recorded code, masked delivery details", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ AutoVerifiedAttributes: ["email"] });
  const body = await mock.ok("SignUp", {
    ClientId: setup.clientId,
    Username: "alice",
    Password: "Passw0rd!",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
  });
  assert.equal(body.UserConfirmed, false);
  assert.match(body.UserSub, /^[0-9a-f-]{36}$/);
  assert.deepEqual(body.CodeDeliveryDetails, {
    Destination: "a***@e***",
    DeliveryMedium: "EMAIL",
    AttributeName: "email",
  });
  const pool = mock.handler.services.store.pool(setup.poolId);
  assert.match(pool.codes[0]!.code, /^\d{6}$/);
  assert.equal(
    (await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" })).UserStatus,
    "UNCONFIRMED",
  );
});

Deno.test("SignUp: duplicates, weak passwords, admin-only pools, secrets", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.ok("SignUp", { ClientId: setup.clientId, Username: "alice", Password: "Passw0rd!" });
  assert.deepEqual(
    await mock.fails("SignUp", {
      ClientId: setup.clientId,
      Username: "alice",
      Password: "Passw0rd!",
    }),
    {
      type: "UsernameExistsException",
      message: "User already exists",
      status: 400,
    },
  );
  assert.equal(
    (await mock.fails("SignUp", { ClientId: setup.clientId, Username: "bob", Password: "short" }))
      .type,
    "InvalidPasswordException",
  );
  const closed = await mock.provision({
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
  });
  const refused = await mock.fails("SignUp", {
    ClientId: closed.clientId,
    Username: "bob",
    Password: "Passw0rd!",
  });
  assert.equal(refused.message, "SignUp is not permitted for this user pool");
  const secret = await mock.provision({}, { GenerateSecret: true });
  const noHash = await mock.fails("SignUp", {
    ClientId: secret.clientId,
    Username: "bob",
    Password: "Passw0rd!",
  });
  assert.equal(
    noHash.message,
    `Client ${secret.clientId} is configured for secret but secret was not received`,
  );
});
