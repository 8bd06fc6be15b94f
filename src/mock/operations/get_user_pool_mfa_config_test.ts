import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("GetUserPoolMfaConfig: a CreateUserPool MfaConfiguration offers TOTP; OFF does not", async () => {
  const mock = new TestMock();
  const on = await mock.provision({ MfaConfiguration: "ON" });
  assert.deepEqual(await mock.ok("GetUserPoolMfaConfig", { UserPoolId: on.poolId }), {
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: "ON",
  });
  const off = await mock.provision();
  assert.deepEqual(await mock.ok("GetUserPoolMfaConfig", { UserPoolId: off.poolId }), {
    SoftwareTokenMfaConfiguration: { Enabled: false },
    MfaConfiguration: "OFF",
  });
});
