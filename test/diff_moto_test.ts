/**
 * `diff` of the embedded mock against moto on loopback (started with
 * bench/peers/start-moto.sh, as the contract tool does): the divergences
 * docs/peer-mocks.md records are reported. Never skipped: the CI machine
 * has moto 5.2.1 in its python3; without it this test fails and says so.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { type DiffReport, formatDiff } from "../src/diff/mod.ts";
import { diffCommand } from "../src/cli/diff_command.ts";
import { captureIo } from "../src/cli/io.ts";
import {
  DUMMY_CREDENTIALS,
  freePort,
  type Started,
  startPeer,
} from "../tools/_contract_servers.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function startMoto(logDir: string): Promise<Started> {
  try {
    return await startPeer("bench/peers/start-moto.sh", [String(freePort()), logDir], ROOT);
  } catch (error) {
    throw new Error(
      "Cannot start moto for the diff test (it is not skipped: the CI machine ships moto 5.2.1 " +
        `in its python3, see docs/peer-mocks.md): ${(error as Error).message}`,
    );
  }
}

Deno.test("diff embedded vs moto: the known divergences are reported (exit 1)", async () => {
  const logDir = await Deno.makeTempDir();
  const moto = await startMoto(logDir);
  try {
    assert.match(moto.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Dummy credentials for a loopback server: moto checks the form of SigV4, not the key.
    const io = captureIo({ ...DUMMY_CREDENTIALS });
    const code = await diffCommand.run([
      "--target",
      "embedded",
      "--target",
      moto.endpoint,
      "--provision",
      `${ROOT}scenarios/01-seed`,
      `${ROOT}scenarios/05-sign-in-errors/unknown-client.yaml`,
      `${ROOT}scenarios/04-srp-sign-in/srp-after-clock-move.yaml`,
      "--format",
      "json",
    ], io);
    assert.equal(io.err, "");
    assert.equal(code, 1, io.out);
    const report = JSON.parse(io.out) as DiffReport;
    // Ids are relative to a folder given, or the file path as given.
    const scenario = (id: string) =>
      report.scenarios.find((s) => s.id === id || s.id.endsWith(`/${id}`));
    const find = (id: string, kind: string, path?: string) =>
      scenario(id)?.differences.find((d) =>
        d.kind === kind && (path === undefined || d.path === path)
      );

    assert.equal(report.targets.b.kind, "endpoint");
    assert.equal(report.summary.notRun, 0, JSON.stringify(report.scenarios.map((s) => s.reason)));

    // moto issues no NewDeviceMetadata with device tracking on, so the device steps never run there.
    const newDevice = find(
      "device-on-refresh.yaml",
      "presence",
      "$.AuthenticationResult.NewDeviceMetadata",
    );
    assert.deepEqual([newDevice?.step, newDevice?.a, newDevice?.b], [0, "object", "absent"]);
    const diverged = find("device-on-refresh.yaml", "steps");
    assert.deepEqual([diverged?.step, diverged?.a, diverged?.b], [1, "ran", "skipped"]);

    // moto's access tokens have no event_id claim, and its refresh token is a bare uuid.
    const eventId = find(
      "device-off-refresh.yaml",
      "presence",
      "$.AuthenticationResult.AccessToken.event_id",
    );
    assert.deepEqual([eventId?.a, eventId?.b, eventId?.note], ["string", "absent", "a claim"]);
    const refresh = find("device-off-refresh.yaml", "type", "$.AuthenticationResult.RefreshToken");
    assert.deepEqual([refresh?.a, refresh?.b], ["jwe", "string"]);

    // An unknown client: moto's message is the bare client id, errors are application/json.
    const message = find("scenarios/05-sign-in-errors/unknown-client.yaml", "error-message");
    assert.deepEqual([message?.a, message?.b], [
      "User pool client <client-id#1> does not exist.",
      "<client-id#1>",
    ]);
    assert.equal(find("scenarios/05-sign-in-errors/unknown-client.yaml", "error-type"), undefined);
    const contentType = find(
      "scenarios/05-sign-in-errors/unknown-client.yaml",
      "header",
      "content-type",
    );
    assert.deepEqual([contentType?.a, contentType?.b], [
      "application/x-amz-json-1.1",
      "application/json",
    ]);

    // moto has no /_mock control surface: clock scenarios are not compared, not counted as different.
    const clock = scenario("scenarios/04-srp-sign-in/srp-after-clock-move.yaml");
    assert.equal(clock?.status, "not-compared");
    assert.match(
      clock?.reason ?? "",
      /skipped on B: the target lacks the capability "mock-control"/,
    );

    for (const format of ["text", "json", "markdown"] as const) {
      const text = formatDiff(report, format);
      assert.ok(!text.includes("Passw0rd!Passw0rd"), format);
      assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}/, format);
      assert.ok(!text.includes(DUMMY_CREDENTIALS.AWS_SECRET_ACCESS_KEY), format);
    }
  } finally {
    await moto.stop();
    await Deno.remove(logDir, { recursive: true });
  }
});
