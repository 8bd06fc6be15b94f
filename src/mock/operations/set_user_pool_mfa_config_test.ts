import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("SetUserPoolMfaConfig: sets MfaConfiguration and TOTP, echoes stored settings, keeps members left out", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  const email = { Message: "code {####}", Subject: "OTP" };
  assert.deepEqual(
    await mock.ok("SetUserPoolMfaConfig", {
      UserPoolId: setup.poolId,
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: email,
    }),
    {
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: email,
      MfaConfiguration: "OPTIONAL",
    },
  );
  const later = await mock.ok("SetUserPoolMfaConfig", {
    UserPoolId: setup.poolId,
    SoftwareTokenMfaConfiguration: { Enabled: false },
  });
  assert.equal(later.MfaConfiguration, "OPTIONAL");
  assert.deepEqual(later.SoftwareTokenMfaConfiguration, { Enabled: false });
  assert.equal(
    (await mock.fails("SetUserPoolMfaConfig", { UserPoolId: "us-east-1_nope" })).type,
    "ResourceNotFoundException",
  );
});
