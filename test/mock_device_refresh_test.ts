/**
 * Refresh bound to the device key (§6.8), the recommended-behaviour table
 * row by row, through each refresh entry point: REFRESH_TOKEN_AUTH via
 * InitiateAuth and AdminInitiateAuth, and GetTokensFromRefreshToken.
 */
import assert from "node:assert/strict";
import {
  ALWAYS_REMEMBER,
  claimsOf,
  type Json,
  type KnownDevice,
  type Provisioned,
  TestMock,
} from "../src/mock/_testing.ts";
import { FAILURES } from "./_mock_helpers.ts";

const ALWAYS = ALWAYS_REMEMBER;
const CLIENT = {
  ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
};
const INVALID = FAILURES.invalidRefresh;
const REVOKED = {
  type: "NotAuthorizedException",
  message: "Refresh Token has been revoked",
  status: 400,
};

type Via = "REFRESH_TOKEN_AUTH" | "AdminInitiateAuth" | "GetTokensFromRefreshToken";
const VIAS: readonly Via[] = [
  "REFRESH_TOKEN_AUTH",
  "AdminInitiateAuth",
  "GetTokensFromRefreshToken",
];

function request(setup: Provisioned, via: Via, token: string, deviceKey?: string) {
  if (via === "GetTokensFromRefreshToken") {
    return {
      operation: via,
      body: {
        ClientId: setup.clientId,
        RefreshToken: token,
        ...(deviceKey === undefined ? {} : { DeviceKey: deviceKey }),
      },
    };
  }
  const body = {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: setup.clientId,
    AuthParameters: {
      REFRESH_TOKEN: token,
      ...(deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey }),
    },
  };
  return via === "AdminInitiateAuth"
    ? { operation: via, body: { UserPoolId: setup.poolId, ...body } }
    : { operation: "InitiateAuth", body };
}

interface World {
  mock: TestMock;
  setup: Provisioned;
  /** alice's sign-in whose refresh token is tried, bound to `device`. */
  tokens: Json;
  device: KnownDevice;
  /** Another confirmed device of alice, and one of bob. */
  otherDevice: KnownDevice;
  bobDevice: KnownDevice;
}

async function world(
  pool: Record<string, unknown> = ALWAYS,
  client: Record<string, unknown> = {},
): Promise<World> {
  const mock = new TestMock();
  const setup = await mock.provision(pool, { ...CLIENT, ...client });
  await mock.user(setup.poolId, "alice");
  await mock.user(setup.poolId, "bob");
  const confirmNew = async (username: string) => {
    const tokens = await mock.signIn(setup, username);
    const { device } = await mock.confirmDevice(tokens.AccessToken, tokens.NewDeviceMetadata);
    return { tokens, device };
  };
  const main = await confirmNew("alice");
  const other = await confirmNew("alice");
  const bob = await confirmNew("bob");
  return {
    mock,
    setup,
    tokens: main.tokens,
    device: main.device,
    otherDevice: other.device,
    bobDevice: bob.device,
  };
}

async function attempt(w: World, via: Via, deviceKey?: string, token = w.tokens.RefreshToken) {
  const call = request(w.setup, via, token, deviceKey);
  return await w.mock.call(call.operation, call.body);
}

function errorOf(answer: { status: number; body: Json }) {
  return { type: answer.body.__type, message: answer.body.message, status: answer.status };
}

/** One §6.8 row: arrange, then the refresh outcome. */
interface Row {
  readonly name: string;
  readonly run: (via: Via) => Promise<void>;
}

const ROWS: Row[] = [
  {
    name: "tracking off, valid token: tokens, DEVICE_KEY ignored",
    run: async (via) => {
      const mock = new TestMock();
      const setup = await mock.provision({}, CLIENT);
      await mock.user(setup.poolId, "alice");
      const tokens = await mock.signIn(setup, "alice");
      const call = request(
        setup,
        via,
        tokens.RefreshToken,
        "us-east-1_00000000-0000-4000-8000-000000000000",
      );
      const body = await mock.ok(call.operation, call.body);
      assert.equal(claimsOf(body.AuthenticationResult.AccessToken).device_key, undefined);
    },
  },
  {
    name: "on, bound to K, no key: Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      assert.deepEqual(errorOf(await attempt(w, via)), INVALID);
    },
  },
  {
    name: "on, another device of the same user: Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      assert.deepEqual(errorOf(await attempt(w, via, w.otherDevice.key)), INVALID);
    },
  },
  {
    name: "on, another user's device: Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      assert.deepEqual(errorOf(await attempt(w, via, w.bobDevice.key)), INVALID);
    },
  },
  {
    name: "on, a key that names no device: Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      const garbage = via === "GetTokensFromRefreshToken" ? "us-east-1_deadbeef" : "garbage";
      assert.deepEqual(errorOf(await attempt(w, via, garbage)), INVALID);
    },
  },
  {
    name: "on, K never confirmed: Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      const fresh = await w.mock.signIn(w.setup, "alice");
      const answer = await attempt(w, via, fresh.NewDeviceMetadata.DeviceKey, fresh.RefreshToken);
      assert.deepEqual(errorOf(answer), INVALID);
    },
  },
  {
    name: "on, K confirmed and remembered: tokens with device_key K",
    run: async (via) => {
      const w = await world();
      const answer = await attempt(w, via, w.device.key);
      assert.equal(answer.status, 200);
      const result = answer.body.AuthenticationResult;
      assert.equal(claimsOf(result.AccessToken).device_key, w.device.key);
      assert.equal(
        claimsOf(result.AccessToken).origin_jti,
        claimsOf(w.tokens.AccessToken).origin_jti,
      );
      assert.equal(result.NewDeviceMetadata, undefined);
    },
  },
  {
    name: "on, K confirmed but not remembered: tokens with device_key K",
    run: async (via) => {
      const w = await world();
      await w.mock.ok("AdminUpdateDeviceStatus", {
        UserPoolId: w.setup.poolId,
        Username: "alice",
        DeviceKey: w.device.key,
        DeviceRememberedStatus: "not_remembered",
      });
      const answer = await attempt(w, via, w.device.key);
      assert.equal(answer.status, 200);
      assert.equal(claimsOf(answer.body.AuthenticationResult.AccessToken).device_key, w.device.key);
    },
  },
  {
    name: "K forgotten (ForgetDevice, AdminForgetDevice): Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      await w.mock.ok("ForgetDevice", {
        AccessToken: w.tokens.AccessToken,
        DeviceKey: w.device.key,
      });
      assert.deepEqual(errorOf(await attempt(w, via, w.device.key)), INVALID);
      const w2 = await world();
      await w2.mock.ok("AdminForgetDevice", {
        UserPoolId: w2.setup.poolId,
        Username: "alice",
        DeviceKey: w2.device.key,
      });
      assert.deepEqual(errorOf(await attempt(w2, via, w2.device.key)), INVALID);
    },
  },
  {
    name: "after GlobalSignOut / AdminUserGlobalSignOut: Refresh Token has been revoked",
    run: async (via) => {
      const w = await world();
      await w.mock.ok("GlobalSignOut", { AccessToken: w.tokens.AccessToken });
      assert.deepEqual(errorOf(await attempt(w, via, w.device.key)), REVOKED);
      const w2 = await world();
      await w2.mock.ok("AdminUserGlobalSignOut", {
        UserPoolId: w2.setup.poolId,
        Username: "alice",
      });
      assert.deepEqual(errorOf(await attempt(w2, via, w2.device.key)), REVOKED);
    },
  },
  {
    name: "after RevokeToken: Refresh Token has been revoked",
    run: async (via) => {
      const w = await world();
      await w.mock.ok("RevokeToken", { ClientId: w.setup.clientId, Token: w.tokens.RefreshToken });
      assert.deepEqual(errorOf(await attempt(w, via, w.device.key)), REVOKED);
    },
  },
  {
    name: "expired refresh token: Refresh Token has expired",
    run: async (via) => {
      const w = await world();
      w.mock.tick(31 * 86400);
      assert.deepEqual(errorOf(await attempt(w, via, w.device.key)), {
        type: "NotAuthorizedException",
        message: "Refresh Token has expired",
        status: 400,
      });
    },
  },
  {
    name: "malformed or unknown refresh token: Invalid Refresh Token.",
    run: async (via) => {
      const w = await world();
      assert.deepEqual(errorOf(await attempt(w, via, w.device.key, "not-a-token")), INVALID);
    },
  },
];

for (const row of ROWS) {
  for (const via of VIAS) {
    Deno.test(`§6.8 ${row.name} — ${via}`, () => row.run(via));
  }
}

Deno.test("§6.8 a token from before tracking was turned on is not bound: refresh works without a key", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, CLIENT);
  await mock.user(setup.poolId, "alice");
  const tokens = await mock.signIn(setup, "alice");
  await mock.ok("UpdateUserPool", { UserPoolId: setup.poolId, ...ALWAYS });
  const call = request(setup, "REFRESH_TOKEN_AUTH", tokens.RefreshToken);
  await mock.ok(call.operation, call.body);
});

Deno.test("§11.3 GetTokensFromRefreshToken without DeviceKey: refused by default, a new device with 'new-device'", async () => {
  const w = await world();
  assert.deepEqual(errorOf(await attempt(w, "GetTokensFromRefreshToken")), INVALID);
  await w.mock.handler.handle(
    new Request("http://mock.test/_mock/behaviour", {
      method: "POST",
      body: JSON.stringify({
        poolId: w.setup.poolId,
        behaviour: { refreshWithoutDeviceKey: "new-device" },
      }),
    }),
  );
  const answer = await attempt(w, "GetTokensFromRefreshToken");
  assert.equal(answer.status, 200);
  const result = answer.body.AuthenticationResult;
  const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata;
  assert.notEqual(DeviceKey, w.device.key);
  assert.equal(DeviceGroupKey, w.device.groupKey);
  assert.equal(claimsOf(result.AccessToken).device_key, DeviceKey);
  // REFRESH_TOKEN_AUTH is not affected; the token now belongs to the new device.
  assert.deepEqual(errorOf(await attempt(w, "REFRESH_TOKEN_AUTH")), INVALID);
  const { device } = await w.mock.confirmDevice(result.AccessToken, result.NewDeviceMetadata);
  assert.equal((await attempt(w, "REFRESH_TOKEN_AUTH", device.key)).status, 200);
});

Deno.test("§6.8 with refresh-token rotation the successor stays bound to the device", async () => {
  const w = await world(ALWAYS, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
    RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
  });
  const rotated = await attempt(w, "GetTokensFromRefreshToken", w.device.key);
  const next = rotated.body.AuthenticationResult.RefreshToken;
  assert.ok(next);
  assert.deepEqual(
    errorOf(await attempt(w, "GetTokensFromRefreshToken", undefined, next)),
    INVALID,
  );
  assert.equal((await attempt(w, "GetTokensFromRefreshToken", w.device.key, next)).status, 200);
});
