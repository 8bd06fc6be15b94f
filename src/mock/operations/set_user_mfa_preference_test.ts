import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";
import { totp } from "../../srp/mod.ts";

Deno.test("SetUserMFAPreference: TOTP on and preferred once verified, off again; GetUser reports it", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "OPTIONAL" });
  await mock.user(setup.poolId, "alice");
  const { AccessToken } = await mock.signIn(setup, "alice");
  const enable = { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } };
  assert.equal(
    (await mock.fails("SetUserMFAPreference", enable)).message,
    "User has not set up software token mfa",
  );
  const { SecretCode } = await mock.ok("AssociateSoftwareToken", { AccessToken });
  await mock.ok("VerifySoftwareToken", {
    AccessToken,
    UserCode: totp(SecretCode, { now: () => new Date(mock.now) }),
  });
  assert.deepEqual(await mock.ok("SetUserMFAPreference", enable), {});
  const on = await mock.ok("GetUser", { AccessToken });
  assert.deepEqual(on.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
  assert.equal(on.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
  await mock.ok("SetUserMFAPreference", {
    AccessToken,
    SoftwareTokenMfaSettings: { Enabled: false },
  });
  const off = await mock.ok("GetUser", { AccessToken });
  assert.equal(off.UserMFASettingList, undefined);
  assert.equal(off.PreferredMfaSetting, undefined);
  assert.deepEqual(
    await mock.fails("SetUserMFAPreference", {
      AccessToken,
      EmailMfaSettings: { Enabled: true },
    }),
    {
      type: "NotImplementedException",
      message: "The cognito-conformance mock does not implement email MFA.",
      status: 501,
    },
  );
});
