/**
 * `nativeCrypto: "off"` means no OpenSSL anywhere in the mock: not for RS256
 * signatures and not for SRP. Proven in subprocesses that may load libcrypto
 * (all permissions): after password, USER_SRP_AUTH, ConfirmDevice and device
 * SRP sign-ins, libcrypto is not mapped into the process with "off", and is
 * with "auto" where OpenSSL 3 is present (so the probe can see it).
 */
import assert from "node:assert/strict";
import { createMockHandler } from "../src/mock/handler.ts";
import { libcryptoStatus } from "../src/native/mod.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("nativeCrypto: the mock's SRP options follow it", () => {
  assert.deepEqual(createMockHandler({ nativeCrypto: "off" }).services.srpOptions, {
    backend: "native",
  });
  assert.deepEqual(createMockHandler().services.srpOptions, {});
});

const SCRIPT = (mode: string) => `
import { ALWAYS_REMEMBER, ALL_FLOWS_CLIENT, TestMock } from "${new URL(
  "src/mock/_testing.ts",
  ROOT,
)}";
import { KeyStore } from "${new URL("src/mock/tokens/keys.ts", ROOT)}";
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

const cannotProbe = Deno.build.os !== "linux" ||
  !["run", "write", "ffi"].every((name) =>
    Deno.permissions.querySync({ name } as Deno.PermissionDescriptor).state === "granted"
  );

async function runIn(mode: "off" | "auto"): Promise<{ libcrypto: boolean; signedIn: boolean }> {
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/probe.ts`;
    await Deno.writeTextFile(script, SCRIPT(mode));
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", `--config=${new URL("deno.json", ROOT).pathname}`, script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
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
