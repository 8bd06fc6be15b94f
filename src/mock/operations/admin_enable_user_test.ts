import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("AdminEnableUser: a disabled user can sign in again; old tokens stay revoked", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const old = await mock.signIn(setup, "alice");
  await mock.ok("AdminDisableUser", { UserPoolId: setup.poolId, Username: "alice" });
  mock.tick(1);
  await mock.ok("AdminEnableUser", { UserPoolId: setup.poolId, Username: "alice" });
  const fresh = await mock.signIn(setup, "alice");
  assert.ok((await mock.ok("GetUser", { AccessToken: fresh.AccessToken })).Username === "alice");
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: old.AccessToken })).message,
    "Access Token has been revoked",
  );
});

Deno.test("AdminEnableUser: an unknown pool is ResourceNotFoundException", async () => {
  const error = await new TestMock().fails("AdminEnableUser", {
    UserPoolId: "us-east-1_none",
    Username: "x",
  });
  assert.equal(error.type, "ResourceNotFoundException");
});
