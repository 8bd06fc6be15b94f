import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("GlobalSignOut: every sign-in of the user is revoked", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  await mock.user(setup.poolId, "bob");
  const first = await mock.signIn(setup, "alice");
  const second = await mock.signIn(setup, "alice");
  const bob = await mock.signIn(setup, "bob");
  assert.deepEqual(await mock.ok("GlobalSignOut", { AccessToken: first.AccessToken }), {});
  for (const tokens of [first, second]) {
    assert.equal(
      (await mock.fails("GetUser", { AccessToken: tokens.AccessToken })).message,
      "Access Token has been revoked",
    );
    const refresh = await mock.fails("GetTokensFromRefreshToken", {
      ClientId: setup.clientId,
      RefreshToken: tokens.RefreshToken,
    });
    assert.equal(refresh.message, "Refresh Token has been revoked");
  }
  assert.equal((await mock.ok("GetUser", { AccessToken: bob.AccessToken })).Username, "bob");
  const twice = await mock.fails("GlobalSignOut", { AccessToken: first.AccessToken });
  assert.equal(twice.message, "Access Token has been revoked");
});

Deno.test("GlobalSignOut: a malformed token is Invalid Access Token", async () => {
  const error = await new TestMock().fails("GlobalSignOut", { AccessToken: "abc.def.ghi" });
  assert.deepEqual(error, {
    type: "NotAuthorizedException",
    message: "Invalid Access Token",
    status: 400,
  });
});
