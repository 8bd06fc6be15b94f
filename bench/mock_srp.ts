/**
 * The mock-only part of the benchmark: full USER_SRP_AUTH sign-ins (two
 * calls) and full remembered-device sign-ins (four calls), each against the
 * mock's own USER_PASSWORD_AUTH rate measured with the same Deno load
 * generator in the same run. No peer implements these flows.
 *
 * Setup: USER_SRP_AUTH uses the plain pool of the password runs (its client
 * allows both flows); the device flow gets a pool with
 * `DeviceConfiguration {ChallengeRequiredOnNewDevice: true,
 * DeviceOnlyRememberedOnUserPrompt: false}` ("always remember"), one SRP
 * sign-in for `NewDeviceMetadata`, then ConfirmDevice with a verifier from
 * `createDeviceVerifier`. A flow the mock answers 501 for is reported as
 * "not implemented yet"; any other setup failure as an error.
 */

import { provisionUser } from "./mock_api.ts";
import { type FlowConfig, type FlowName, rememberDevice, signIn } from "./mock_flows.ts";
import type { SrpResult } from "./mock_report.ts";
import { check, flowRun, type Live, type RunSettings } from "./mock_runs.ts";
import type { RunRecord } from "./mock_stats.ts";

/** What the SRP part needs besides the run settings. */
export interface SrpSettings extends RunSettings {
  connections: number[];
  reps: number;
  /** Told about each run as it starts. */
  progress: (line: string) => void;
}

/** Measures the three flows at each connection count, `reps` times, interleaved. */
export async function measureSrpFlows(live: Live, settings: SrpSettings): Promise<SrpResult[]> {
  const endpoint = live.server.endpoint;
  const plain: FlowConfig = { endpoint, user: live.user };
  let device: FlowConfig | undefined;
  const failures = new Map<FlowName, RunRecord | undefined>([
    ["srp", await check(() => signIn("srp", plain))],
    [
      "device",
      await check(async () => {
        const user = await provisionUser(endpoint, {
          poolName: "bench-device",
          deviceConfiguration: {
            ChallengeRequiredOnNewDevice: true,
            DeviceOnlyRememberedOnUserPrompt: false,
          },
        });
        device = { endpoint, user, device: await rememberDevice({ endpoint, user }) };
        await signIn("device", device);
      }),
    ],
  ]);
  const results: SrpResult[] = settings.connections.flatMap((connections) =>
    (["upa", "srp", "device"] as const).map((flow) => ({ flow, connections, runs: [] }))
  );
  for (let rep = 0; rep < settings.reps; rep++) {
    for (const result of results) {
      const failure = failures.get(result.flow);
      if (failure !== undefined) {
        if (rep === 0) result.runs.push(failure);
        continue;
      }
      const config = result.flow === "device" ? device! : plain;
      settings.progress(`  rep ${rep + 1} c=${result.connections} mock ${result.flow}`);
      result.runs.push(await flowRun(live, config, result.flow, result.connections, settings));
    }
  }
  return results;
}
