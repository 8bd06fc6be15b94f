import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";
import { totp } from "../../srp/mod.ts";

Deno.test("AdminSetUserMFAPreference: needs a verified token; sets the named user's TOTP preference", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({ MfaConfiguration: "OPTIONAL" });
  await mock.user(setup.poolId, "alice");
  const body = {
    UserPoolId: setup.poolId,
    Username: "alice",
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  };
  assert.deepEqual(await mock.fails("AdminSetUserMFAPreference", body), {
    type: "InvalidParameterException",
    message: "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
    status: 400,
  });
  const { AccessToken } = await mock.signIn(setup, "alice");
  const { SecretCode } = await mock.ok("AssociateSoftwareToken", { AccessToken });
  await mock.ok("VerifySoftwareToken", {
    AccessToken,
    UserCode: totp(SecretCode, { now: () => new Date(mock.now) }),
  });
  assert.deepEqual(await mock.ok("AdminSetUserMFAPreference", body), {});
  const user = await mock.ok("AdminGetUser", { UserPoolId: setup.poolId, Username: "alice" });
  assert.deepEqual(user.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
  assert.equal(
    (await mock.fails("AdminSetUserMFAPreference", { ...body, Username: "nobody" })).type,
    "UserNotFoundException",
  );
});
