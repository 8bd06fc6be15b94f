import assert from "node:assert/strict";
import { ALWAYS_REMEMBER, TestMock, USER_OPT_IN } from "../_testing.ts";
import { createDeviceVerifier } from "../../srp/mod.ts";

async function issued(pool: Record<string, unknown>) {
  const mock = new TestMock();
  const setup = await mock.provision(pool);
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const { DeviceKey, DeviceGroupKey } = tokens.NewDeviceMetadata;
  const secret = createDeviceVerifier(DeviceGroupKey, DeviceKey);
  const config = { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt };
  return { mock, setup, tokens, DeviceKey, config };
}

Deno.test("ConfirmDevice: UserConfirmationNecessary false in an always pool, true in an opt-in pool", async () => {
  const always = await issued(ALWAYS_REMEMBER);
  assert.deepEqual(
    await always.mock.ok("ConfirmDevice", {
      AccessToken: always.tokens.AccessToken,
      DeviceKey: always.DeviceKey,
      DeviceSecretVerifierConfig: always.config,
      DeviceName: "laptop",
    }),
    { UserConfirmationNecessary: false },
  );
  const optIn = await issued(USER_OPT_IN);
  assert.deepEqual(
    await optIn.mock.ok("ConfirmDevice", {
      AccessToken: optIn.tokens.AccessToken,
      DeviceKey: optIn.DeviceKey,
      DeviceSecretVerifierConfig: optIn.config,
    }),
    { UserConfirmationNecessary: true },
  );
});

Deno.test("ConfirmDevice: a foreign or unknown key, or no verifier config, is 'Invalid device key given.'", async () => {
  const { mock, setup, tokens, DeviceKey, config } = await issued(ALWAYS_REMEMBER);
  await mock.user(setup.poolId, "bob");
  const bob = await mock.signIn(setup, "bob");
  const invalid = {
    type: "InvalidParameterException",
    message: "Invalid device key given.",
    status: 400,
  };
  assert.deepEqual(
    await mock.fails("ConfirmDevice", {
      AccessToken: bob.AccessToken,
      DeviceKey,
      DeviceSecretVerifierConfig: config,
    }),
    invalid,
  );
  assert.deepEqual(
    await mock.fails("ConfirmDevice", {
      AccessToken: tokens.AccessToken,
      DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
      DeviceSecretVerifierConfig: config,
    }),
    invalid,
  );
  assert.deepEqual(
    await mock.fails("ConfirmDevice", { AccessToken: tokens.AccessToken, DeviceKey }),
    invalid,
  );
  // The key of a later sign-in may be confirmed with an earlier access token (§6.4).
  const later = await mock.signIn(setup, "alice");
  await mock.ok("ConfirmDevice", {
    AccessToken: tokens.AccessToken,
    DeviceKey: later.NewDeviceMetadata.DeviceKey,
    DeviceSecretVerifierConfig: config,
  });
});

Deno.test("ConfirmDevice: negative (no sign byte), empty or non-base64 values are InvalidParameterException", async () => {
  const { mock, tokens, DeviceKey, config } = await issued(ALWAYS_REMEMBER);
  for (
    const bad of [
      { ...config, Salt: "iooK" },
      { ...config, PasswordVerifier: "gA==" },
      { ...config, Salt: "" },
      { ...config, PasswordVerifier: "not base64!" },
    ]
  ) {
    const failure = await mock.fails("ConfirmDevice", {
      AccessToken: tokens.AccessToken,
      DeviceKey,
      DeviceSecretVerifierConfig: bad,
    });
    assert.equal(failure.type, "InvalidParameterException");
    assert.equal(failure.message, "Negate value passed for salt and Password verifier");
  }
});

Deno.test("ConfirmDevice twice: DeviceKeyExistsException, or idempotent with the 'idempotent' choice", async () => {
  const { mock, setup, tokens, DeviceKey, config } = await issued(ALWAYS_REMEMBER);
  const body = { AccessToken: tokens.AccessToken, DeviceKey, DeviceSecretVerifierConfig: config };
  await mock.ok("ConfirmDevice", body);
  assert.equal((await mock.fails("ConfirmDevice", body)).type, "DeviceKeyExistsException");
  await mock.handler.handle(
    new Request("http://mock.test/_mock/behaviour", {
      method: "POST",
      body: JSON.stringify({ poolId: setup.poolId, behaviour: { reconfirmDevice: "idempotent" } }),
    }),
  );
  assert.deepEqual(await mock.ok("ConfirmDevice", body), { UserConfirmationNecessary: false });
});

Deno.test("ConfirmDevice with tracking off: 'Invalid device key given.', or InvalidUserPoolConfigurationException with the 'reject' choice", async () => {
  const mock = new TestMock({ behaviour: { deviceOpsWhenTrackingOff: "reject" } });
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  const failure = await mock.fails("ConfirmDevice", {
    AccessToken: tokens.AccessToken,
    DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
  });
  assert.equal(failure.type, "InvalidUserPoolConfigurationException");
});
