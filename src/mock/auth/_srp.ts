/**
 * The SRP engine (`src/srp/mod.ts`), loaded on first use: it compiles its
 * WebAssembly hashers at load time, and a mock that only does password
 * sign-ins should not wait for that.
 *
 * @module
 */

type SrpEngine = typeof import("../../srp/mod.ts");

let loading: Promise<SrpEngine> | undefined;

/** The SRP engine module (loaded once). */
export function srpEngine(): Promise<SrpEngine> {
  loading ??= import("../../srp/mod.ts");
  return loading;
}
