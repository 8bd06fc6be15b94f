import assert from "node:assert/strict";
import { libcryptoStatus } from "./libcrypto.ts";

const STATUS_SCRIPT = `
import { libcryptoStatus } from "${new URL("./libcrypto.ts", import.meta.url)}";
Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(libcryptoStatus())));
`;

/** libcryptoStatus() in a fresh process with the given permission flags and environment. */
async function statusIn(flags: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/status.ts`;
    await Deno.writeTextFile(script, STATUS_SCRIPT);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", "--no-config", ...flags, script],
      env,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const here = libcryptoStatus();
/** Subprocess tests need to write a script and run deno (a test run without them skips these). */
const cannotSpawn = !["run", "write"].every((name) =>
  Deno.permissions.querySync({ name } as Deno.PermissionDescriptor).state === "granted"
);
const SYSTEM_LIB = "/usr/lib/x86_64-linux-gnu/libcrypto.so.3";
const hasSystemLib = Deno.build.os === "linux" && Deno.build.arch === "x86_64" &&
  (() => {
    try {
      return Deno.statSync(SYSTEM_LIB).isFile;
    } catch {
      return false;
    }
  })();

Deno.test({
  name: "libcrypto: without FFI permission nothing is loaded and nothing prompts",
  ignore: cannotSpawn,
  fn: async () => {
    assert.deepEqual(await statusIn([]), {
      available: false,
      reason: "no FFI permission (--allow-ffi)",
    });
  },
});

Deno.test({
  name: "libcrypto: COGNITO_CONFORMANCE_NATIVE=off keeps it unloaded despite --allow-ffi",
  ignore: cannotSpawn || !here.available,
  fn: async () => {
    const flags = ["--allow-ffi", "--allow-env=COGNITO_CONFORMANCE_NATIVE"];
    assert.deepEqual(await statusIn(flags, { COGNITO_CONFORMANCE_NATIVE: "off" }), {
      available: false,
      reason: "COGNITO_CONFORMANCE_NATIVE=off",
    });
    assert.equal((await statusIn(flags, { COGNITO_CONFORMANCE_NATIVE: "on" })).available, true);
  },
});

Deno.test({
  name: "libcrypto: an FFI grant scoped to the library's path is not used (and does not throw)",
  ignore: cannotSpawn || !hasSystemLib,
  fn: async () => {
    assert.deepEqual(await statusIn([`--allow-ffi=${SYSTEM_LIB}`]), {
      available: false,
      reason: "no FFI permission (--allow-ffi)",
    });
  },
});

Deno.test({
  name: "libcrypto: with FFI permission here, OpenSSL 3 is found (status remembered)",
  ignore: !here.available,
  fn: () => {
    assert.ok(here.available);
    assert.match(here.version, /^OpenSSL 3\.\d+\.\d+/);
    assert.equal(libcryptoStatus(), here);
  },
});
