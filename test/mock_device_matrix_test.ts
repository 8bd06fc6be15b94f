/**
 * The behaviour matrix of the protocol reference (§6.10), row by row, for the
 * three pool modes: tracking OFF (no DeviceConfiguration), ALWAYS
 * (`DeviceOnlyRememberedOnUserPrompt` false) and OPT-IN (true). Each row is
 * one table of expectations; each (row, mode) pair is one test.
 */
import assert from "node:assert/strict";
import {
  ALL_FLOWS_CLIENT,
  ALWAYS_REMEMBER,
  claimsOf,
  type Json,
  type KnownDevice,
  type Provisioned,
  TestMock,
  USER_OPT_IN,
} from "../src/mock/_testing.ts";
import { FAILURES } from "./_mock_helpers.ts";

type Mode = "OFF" | "ALWAYS" | "OPT-IN";
const MODES: readonly Mode[] = ["OFF", "ALWAYS", "OPT-IN"];

const CONFIGURATION: Record<Mode, Record<string, unknown>> = {
  OFF: {},
  ALWAYS: ALWAYS_REMEMBER,
  "OPT-IN": USER_OPT_IN,
};
const CLIENT = ALL_FLOWS_CLIENT;
const INVALID_REFRESH = FAILURES.invalidRefresh;
const NO_DEVICE = FAILURES.noDevice;

interface World {
  readonly mock: TestMock;
  readonly setup: Provisioned;
  readonly mode: Mode;
  /** The first sign-in's AuthenticationResult. */
  readonly first: Json;
}

async function signedIn(mode: Mode): Promise<World> {
  const mock = new TestMock();
  const setup = await mock.provision(CONFIGURATION[mode], CLIENT);
  await mock.user(setup.poolId, "alice");
  const first = (await mock.srpSignIn(setup, "alice")).AuthenticationResult;
  return { mock, setup, mode, first };
}

/** Signed in, and the issued device confirmed (OFF: no device, `device` undefined). */
async function confirmed(mode: Mode): Promise<World & { device?: KnownDevice; ucn?: boolean }> {
  const world = await signedIn(mode);
  if (world.first.NewDeviceMetadata === undefined) return world;
  const { device, userConfirmationNecessary } = await world.mock.confirmDevice(
    world.first.AccessToken,
    world.first.NewDeviceMetadata,
  );
  return { ...world, device, ucn: userConfirmationNecessary };
}

function refresh(world: World, deviceKey?: string) {
  return {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: world.setup.clientId,
    AuthParameters: {
      REFRESH_TOKEN: world.first.RefreshToken,
      ...(deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey }),
    },
  };
}

const someKey = "us-east-1_0b1c2d3e-0000-4000-8000-000000000001";

/** Row → mode → the check of that cell. */
const MATRIX: Record<string, Record<Mode, () => Promise<void>>> = {
  "first sign-in without DEVICE_KEY (USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH)":
    {
      OFF: async () => {
        const { mock, setup, first } = await signedIn("OFF");
        for (
          const result of [first, await mock.signIn(setup, "alice"), await adminSignIn(mock, setup)]
        ) {
          assert.equal(result.NewDeviceMetadata, undefined);
          assert.equal(claimsOf(result.AccessToken).device_key, undefined);
        }
      },
      ALWAYS: () => firstSignInIssuesDevice("ALWAYS"),
      "OPT-IN": () => firstSignInIssuesDevice("OPT-IN"),
    },
  "ConfirmDevice": {
    OFF: async () => {
      const { mock, first } = await signedIn("OFF");
      const failure = await mock.fails("ConfirmDevice", {
        AccessToken: first.AccessToken,
        DeviceKey: someKey,
        DeviceSecretVerifierConfig: { PasswordVerifier: "Ag==", Salt: "AQ==" },
      });
      assert.deepEqual(failure, {
        type: "InvalidParameterException",
        message: "Invalid device key given.",
        status: 400,
      });
    },
    ALWAYS: async () => {
      const world = await confirmed("ALWAYS");
      assert.equal(world.ucn, false);
      assert.equal(await rememberedStatus(world), "remembered");
    },
    "OPT-IN": async () => {
      const world = await confirmed("OPT-IN");
      assert.equal(world.ucn, true);
      assert.equal(await rememberedStatus(world), "not_remembered");
    },
  },
  "UpdateDeviceStatus(remembered)": {
    OFF: async () => {
      const { mock, first } = await signedIn("OFF");
      assert.deepEqual(
        await mock.fails("UpdateDeviceStatus", updateBody(first, someKey)),
        NO_DEVICE,
      );
    },
    ALWAYS: async () => {
      const world = await confirmed("ALWAYS");
      assert.deepEqual(
        await world.mock.ok("UpdateDeviceStatus", updateBody(world.first, world.device!.key)),
        {},
      );
      assert.equal(await rememberedStatus(world), "remembered");
    },
    "OPT-IN": async () => {
      const world = await confirmed("OPT-IN");
      await world.mock.ok("UpdateDeviceStatus", updateBody(world.first, world.device!.key));
      assert.equal(await rememberedStatus(world), "remembered");
    },
  },
  "ListDevices after ConfirmDevice": {
    OFF: async () => {
      const { mock, first } = await signedIn("OFF");
      assert.deepEqual(await mock.ok("ListDevices", { AccessToken: first.AccessToken }), {
        Devices: [],
      });
    },
    ALWAYS: async () => {
      const world = await confirmed("ALWAYS");
      assert.deepEqual(await listedKeys(world), [world.device!.key]);
    },
    "OPT-IN": async () => {
      const world = await confirmed("OPT-IN");
      assert.deepEqual(await listedKeys(world), []);
      await world.mock.ok("UpdateDeviceStatus", updateBody(world.first, world.device!.key));
      assert.deepEqual(await listedKeys(world), [world.device!.key]);
    },
  },
  "next sign-in with DEVICE_KEY": {
    OFF: async () => {
      const { mock, setup } = await signedIn("OFF");
      const next = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: someKey });
      assert.equal(next.ChallengeName, undefined);
      assert.equal(claimsOf(next.AuthenticationResult.AccessToken).device_key, undefined);
      assert.equal(next.AuthenticationResult.NewDeviceMetadata, undefined);
    },
    ALWAYS: async () => {
      const world = await confirmed("ALWAYS");
      await deviceSignIn(world);
    },
    "OPT-IN": async () => {
      const world = await confirmed("OPT-IN");
      // Not remembered: the device is not used; the key stays the token's device.
      const plain = await world.mock.srpSignIn(world.setup, "alice", "Passw0rd!", {
        deviceKey: world.device!.key,
      });
      assert.equal(plain.ChallengeName, undefined);
      assert.equal(plain.AuthenticationResult.NewDeviceMetadata, undefined);
      assert.equal(claimsOf(plain.AuthenticationResult.AccessToken).device_key, world.device!.key);
      await world.mock.ok("UpdateDeviceStatus", updateBody(world.first, world.device!.key));
      await deviceSignIn(world);
    },
  },
  "refresh without DEVICE_KEY": {
    OFF: async () => {
      const world = await signedIn("OFF");
      const body = await world.mock.ok("InitiateAuth", refresh(world));
      assert.equal(body.AuthenticationResult.RefreshToken, undefined);
    },
    ALWAYS: async () => {
      const world = await confirmed("ALWAYS");
      assert.deepEqual(await world.mock.fails("InitiateAuth", refresh(world)), INVALID_REFRESH);
    },
    "OPT-IN": async () => {
      const world = await confirmed("OPT-IN");
      assert.deepEqual(await world.mock.fails("InitiateAuth", refresh(world)), INVALID_REFRESH);
    },
  },
  "refresh with the confirmed DEVICE_KEY": {
    OFF: async () => {
      const world = await signedIn("OFF");
      const body = await world.mock.ok("InitiateAuth", refresh(world, someKey));
      assert.equal(claimsOf(body.AuthenticationResult.AccessToken).device_key, undefined);
    },
    ALWAYS: () => refreshWithKey("ALWAYS"),
    "OPT-IN": () => refreshWithKey("OPT-IN"), // not remembered, still fine
  },
  "refresh after ForgetDevice": {
    OFF: async () => {
      const world = await signedIn("OFF");
      assert.deepEqual(
        await world.mock.fails("ForgetDevice", {
          AccessToken: world.first.AccessToken,
          DeviceKey: someKey,
        }),
        NO_DEVICE,
      );
      await world.mock.ok("InitiateAuth", refresh(world));
    },
    ALWAYS: () => refreshAfterForget("ALWAYS"),
    "OPT-IN": () => refreshAfterForget("OPT-IN"),
  },
};

for (const [row, cells] of Object.entries(MATRIX)) {
  for (const mode of MODES) {
    Deno.test(`§6.10 ${row} — ${mode}`, cells[mode]);
  }
}

async function adminSignIn(mock: TestMock, setup: Provisioned): Promise<Json> {
  const body = await mock.ok("AdminInitiateAuth", {
    UserPoolId: setup.poolId,
    ClientId: setup.clientId,
    AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
  });
  return body.AuthenticationResult;
}

async function firstSignInIssuesDevice(mode: Mode): Promise<void> {
  const { mock, setup, first } = await signedIn(mode);
  const results = [first, await mock.signIn(setup, "alice"), await adminSignIn(mock, setup)];
  const groups = new Set<string>();
  const keys = new Set<string>();
  for (const result of results) {
    assert.deepEqual(Object.keys(result), [
      "AccessToken",
      "ExpiresIn",
      "TokenType",
      "RefreshToken",
      "IdToken",
      "NewDeviceMetadata",
    ]);
    const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata;
    assert.match(
      DeviceKey,
      /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.match(DeviceGroupKey, /^-[0-9A-Za-z]{8}$/);
    assert.equal(claimsOf(result.AccessToken).device_key, DeviceKey);
    assert.equal(claimsOf(result.IdToken).device_key, undefined);
    keys.add(DeviceKey);
    groups.add(DeviceGroupKey);
  }
  assert.equal(keys.size, 3, "every sign-in without a key is a new device");
  assert.equal(groups.size, 1, "one device group key per user");
  // Issued devices are not visible until confirmed.
  assert.deepEqual(
    await mock.fails("AdminGetDevice", {
      UserPoolId: setup.poolId,
      Username: "alice",
      DeviceKey: first.NewDeviceMetadata.DeviceKey,
    }),
    NO_DEVICE,
  );
}

function updateBody(first: Json, deviceKey: string) {
  return {
    AccessToken: first.AccessToken,
    DeviceKey: deviceKey,
    DeviceRememberedStatus: "remembered",
  };
}

async function rememberedStatus(world: World & { device?: KnownDevice }): Promise<string> {
  const { Device } = await world.mock.ok("AdminGetDevice", {
    UserPoolId: world.setup.poolId,
    Username: "alice",
    DeviceKey: world.device!.key,
  });
  return Device.DeviceAttributes.find((a: { Name: string }) =>
    a.Name === "dev:device_remembered_status"
  ).Value;
}

async function listedKeys(world: World): Promise<string[]> {
  const { Devices } = await world.mock.ok("ListDevices", { AccessToken: world.first.AccessToken });
  return Devices.map((device: { DeviceKey: string }) => device.DeviceKey);
}

async function deviceSignIn(world: World & { device?: KnownDevice }): Promise<void> {
  const { mock, setup } = world;
  const device = world.device!;
  const challenge = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
  assert.equal(challenge.ChallengeName, "DEVICE_SRP_AUTH");
  assert.ok(challenge.Session);
  const tokens = await mock.deviceSignIn(setup, challenge, "alice", device);
  assert.equal(tokens.AuthenticationResult.NewDeviceMetadata, undefined);
  assert.equal(claimsOf(tokens.AuthenticationResult.AccessToken).device_key, device.key);
}

async function refreshWithKey(mode: Mode): Promise<void> {
  const world = await confirmed(mode);
  const body = await world.mock.ok("InitiateAuth", refresh(world, world.device!.key));
  assert.equal(claimsOf(body.AuthenticationResult.AccessToken).device_key, world.device!.key);
  assert.equal(body.AuthenticationResult.NewDeviceMetadata, undefined);
}

async function refreshAfterForget(mode: Mode): Promise<void> {
  const world = await confirmed(mode);
  assert.deepEqual(
    await world.mock.ok("ForgetDevice", {
      AccessToken: world.first.AccessToken,
      DeviceKey: world.device!.key,
    }),
    {},
  );
  assert.deepEqual(
    await world.mock.fails("InitiateAuth", refresh(world, world.device!.key)),
    INVALID_REFRESH,
  );
}

Deno.test("§6.3 NewDeviceMetadata also ends a NEW_PASSWORD_REQUIRED sign-in; with a remembered key it leads to DEVICE_SRP_AUTH", async () => {
  const mock = new TestMock();
  const setup = await mock.provision(CONFIGURATION.ALWAYS, CLIENT);
  await mock.temporaryUser(setup.poolId, "bob", "TempPassw0rd!");
  const challenge = await mock.srpSignIn(setup, "bob", "TempPassw0rd!");
  assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
  const answered = await mock.newPassword(setup, challenge, "bob", "Passw0rd!");
  const result = answered.AuthenticationResult;
  assert.equal(claimsOf(result.AccessToken).device_key, result.NewDeviceMetadata.DeviceKey);
  const { device } = await mock.confirmDevice(result.AccessToken, result.NewDeviceMetadata);
  await mock.ok("AdminSetUserPassword", {
    UserPoolId: setup.poolId,
    Username: "bob",
    Password: "TempPassw0rd2!",
    Permanent: false,
  });
  const again = await mock.ok("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: setup.clientId,
    AuthParameters: { USERNAME: "bob", PASSWORD: "TempPassw0rd2!", DEVICE_KEY: device.key },
  });
  assert.equal(again.ChallengeName, "NEW_PASSWORD_REQUIRED");
  const next = await mock.newPassword(setup, again, "bob", "Passw0rd!Again");
  assert.equal(next.ChallengeName, "DEVICE_SRP_AUTH");
  const tokens = await mock.deviceSignIn(setup, next, "bob", device);
  assert.equal(claimsOf(tokens.AuthenticationResult.AccessToken).device_key, device.key);
});
