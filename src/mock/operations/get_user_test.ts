import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";
import { signJwt } from "../tokens/jwt.ts";
import { KeyStore } from "../tokens/keys.ts";

Deno.test("GetUser: the access token's user and attributes", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice", "Passw0rd!", { email: "alice@example.com" });
  const tokens = await mock.signIn(setup, "alice");
  const body = await mock.ok("GetUser", { AccessToken: tokens.AccessToken });
  assert.equal(body.Username, "alice");
  assert.deepEqual(body.UserAttributes[1], { Name: "email", Value: "alice@example.com" });
});

Deno.test("GetUser: expired, ID tokens, forged and foreign-key tokens are refused", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: tokens.IdToken })).message,
    "Invalid Access Token",
  );
  const [header, payload] = tokens.AccessToken.split(".");
  const forged = `${header}.${payload}.${"A".repeat(342)}`;
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: forged })).message,
    "Invalid Access Token",
  );
  const stranger = await new KeyStore("shared").forPool(setup.poolId);
  const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
  const foreign = await signJwt(claims, stranger.access);
  assert.equal(
    (await mock.fails("GetUser", { AccessToken: foreign })).message,
    "Invalid Access Token",
  );
  mock.tick(3600);
  assert.deepEqual(await mock.fails("GetUser", { AccessToken: tokens.AccessToken }), {
    type: "NotAuthorizedException",
    message: "Access Token has expired",
    status: 400,
  });
});
