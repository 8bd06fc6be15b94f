/**
 * `nativeCrypto: "off"` means no OpenSSL anywhere in the mock: not for RS256
 * signatures and not for SRP. Proven in subprocesses that may load libcrypto
 * (all permissions): after password, USER_SRP_AUTH, ConfirmDevice and device
 * SRP sign-ins, libcrypto is not mapped into the process with "off", and is
 * with "auto" where OpenSSL 3 is present (so the probe can see it).
 */
import assert from "node:assert/strict";
import { CAN_SPAWN, projectModule, runScriptForJson } from "../src/mock/_testing.ts";
import { createMockHandler } from "../src/mock/handler.ts";
import { libcryptoStatus } from "../src/srp/native/mod.ts";

Deno.test("nativeCrypto: the mock's SRP options follow it", () => {
  assert.deepEqual(createMockHandler({ nativeCrypto: "off" }).services.srpOptions, {
    backend: "native",
  });
  assert.deepEqual(createMockHandler().services.srpOptions, {});
});

const SCRIPT = (mode: string) => `
import { ALWAYS_REMEMBER, ALL_FLOWS_CLIENT, TestMock } from "${
  projectModule("src/mock/_testing.ts")
}";
import { KeyStore } from "${projectModule("src/mock/tokens/keys.ts")}";
const off = ${JSON.stringify(mode)} === "off";
const mock = new TestMock({
  nativeCrypto: ${JSON.stringify(mode)},
  keyStore: new KeyStore("shared", { nativeCrypto: ${JSON.stringify(mode)} }),
  ...(off ? { clientSrp: { backend: "native" } } : {}),
});
const setup = await mock.provision(ALWAYS_REMEMBER, ALL_FLOWS_CLIENT);
await mock.user(setup.poolId, "alice");
const { device } = await mock.signInWithDevice(setup, "alice");
const challenge = await mock.srpSignIn(setup, "alice", "Passw0rd!", { deviceKey: device.key });
const tokens = await mock.deviceSignIn(setup, challenge, "alice", device);
const maps = Deno.readTextFileSync("/proc/self/maps");
const out = { libcrypto: /libcrypto/.test(maps), signedIn: tokens.AuthenticationResult !== undefined };
Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(out)));
`;

const cannotProbe = Deno.build.os !== "linux" || !CAN_SPAWN ||
  Deno.permissions.querySync({ name: "ffi" }).state !== "granted";

function runIn(mode: "off" | "auto"): Promise<{ libcrypto: boolean; signedIn: boolean }> {
  return runScriptForJson(SCRIPT(mode), ["-A"]);
}

Deno.test({
  name: "nativeCrypto off: sign-ins, SRP and device SRP never load libcrypto; auto does",
  ignore: cannotProbe,
}, async () => {
  const off = await runIn("off");
  assert.deepEqual(off, { libcrypto: false, signedIn: true });
  const auto = await runIn("auto");
  assert.deepEqual(auto, { libcrypto: libcryptoStatus().available, signedIn: true });
});
