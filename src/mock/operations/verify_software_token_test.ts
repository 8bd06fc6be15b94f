import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";
import { totp } from "../../srp/mod.ts";

Deno.test("VerifySoftwareToken: the pending secret's code gives SUCCESS; a wrong code or no pending secret fail", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  assert.equal(
    (await mock.fails("VerifySoftwareToken", {
      AccessToken: tokens.AccessToken,
      UserCode: "000000",
    }))
      .message,
    "Software Token MFA does not exist for the user.",
  );
  const { SecretCode } = await mock.ok("AssociateSoftwareToken", {
    AccessToken: tokens.AccessToken,
  });
  const now = () => new Date(mock.now);
  const code = totp(SecretCode, { now });
  const wrong = code === "000000" ? "000001" : "000000";
  assert.equal(
    (await mock.fails("VerifySoftwareToken", { AccessToken: tokens.AccessToken, UserCode: wrong }))
      .type,
    "EnableSoftwareTokenMFAException",
  );
  assert.deepEqual(
    await mock.ok("VerifySoftwareToken", {
      AccessToken: tokens.AccessToken,
      UserCode: code,
      FriendlyDeviceName: "phone",
    }),
    { Status: "SUCCESS" },
  );
  // The secret is no longer pending.
  assert.equal(
    (await mock.fails("VerifySoftwareToken", { AccessToken: tokens.AccessToken, UserCode: code }))
      .type,
    "SoftwareTokenMFANotFoundException",
  );
  assert.equal(
    (await mock.fails("VerifySoftwareToken", {
      AccessToken: tokens.AccessToken,
      UserCode: "12ab56",
    }))
      .type,
    "InvalidParameterException",
  );
});
