/**
 * The load test (tools/load.ts) bounded for CI: 200 users at once through the
 * whole device lifecycle against one mock process, asserting correctness
 * only — no 5xx, no unexpected answer, exactly the refusals the clients
 * provoke, and an admin view that matches every client — never speed. Then
 * a small run with an altered ledger shows that the verification notices.
 */
import assert from "node:assert/strict";
import { CAN_SPAWN } from "../src/mock/_testing.ts";
import { planFor, renderLoadReport, runLoad, type UserLedger } from "../tools/load.ts";

/** The refusals a run of `users` users provokes on purpose, by `__type`, from the plan alone. */
function provoked(users: number): Record<string, number> {
  const counts = {
    DeviceKeyExistsException: 0,
    InvalidParameterException: 0,
    NotAuthorizedException: 0,
    ResourceNotFoundException: 0,
  };
  for (let index = 0; index < users; index++) {
    const plan = planFor(index);
    // Cross-user probes: GetDevice, UpdateDeviceStatus, ForgetDevice, sign-in with the key
    // ("Device does not exist."), ConfirmDevice ("Invalid device key given."), refresh.
    counts.ResourceNotFoundException += 4;
    counts.InvalidParameterException += 1;
    counts.NotAuthorizedException += 1;
    // Verification: the user's device under the next user's name.
    counts.ResourceNotFoundException += 1;
    if (plan.race) counts.DeviceKeyExistsException += 1;
    if (plan.leaveUnconfirmed) {
      counts.NotAuthorizedException += 1; // refresh bound to an unconfirmed device
      counts.ResourceNotFoundException += 1; // AdminGetDevice of it
    }
    if (plan.forgetSecond) {
      // Refresh and GetDevice after forgetting, AdminGetDevice; the losing racer.
      counts.NotAuthorizedException += 1;
      counts.ResourceNotFoundException += 2 + (plan.race ? 1 : 0);
    }
    // Revoked access token twice, revoked refresh token twice, again in the verification.
    if (plan.signOut) counts.NotAuthorizedException += 5;
  }
  return counts;
}

Deno.test({
  name: "load: 200 concurrent users, one mock process, every device as the clients were told",
  ignore: !CAN_SPAWN,
  fn: async () => {
    let ledgers: UserLedger[] = [];
    const report = await runLoad({ users: 200, beforeVerify: (all) => ledgers = all });
    assert.equal(report.concurrency, 200);
    assert.equal(report.serverErrors, 0);
    assert.deepEqual(report.unexpected, []);
    assert.deepEqual(report.unexpectedErrors, {});
    assert.deepEqual(report.verificationIssues, []);
    assert.equal(report.completedUsers, 200);
    assert.deepEqual(report.expectedErrors, provoked(200));
    // Two devices confirmed per user, a third of the second ones forgotten.
    const forgotten = [...Array(200).keys()].filter((index) => planFor(index).forgetSecond).length;
    assert.equal(report.verified.devices, 400 - forgotten);
    assert.equal(report.verified.forgotten, forgotten);
    assert.equal(
      report.requests.total,
      report.requests.setup + report.requests.load + report.requests.verify,
    );
    assert.ok(
      report.latency.operations.some((row) =>
        row.label === "RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER"
      ),
    );
    assert.ok(report.ok);
    // Nothing secret in either rendering: no password, token or JWT.
    const rendered = renderLoadReport(report) + JSON.stringify(report);
    assert.doesNotMatch(rendered, /eyJ/);
    for (const ledger of ledgers) {
      assert.ok(!rendered.includes(ledger.user.password));
      if (ledger.refresh !== undefined) assert.ok(!rendered.includes(ledger.refresh.token));
    }
    assert.match(renderLoadReport(report), /all consistent\n[\s\S]*\nPASS\n$/);
  },
});

Deno.test({
  name:
    "load: the admin verification notices a device or a sign-out the clients were not told about",
  ignore: !CAN_SPAWN,
  fn: async () => {
    const report = await runLoad({
      users: 6,
      concurrency: 3,
      beforeVerify: (ledgers) => {
        const [zero, one, two, three] = ledgers;
        zero!.devices[0]!.status = "not_remembered"; // the client set it remembered
        one!.devices.pop(); // a confirmed device the client forgot it had
        three!.devices[1]!.forgotten = false; // user 3 did forget it
        two!.signedOut = false; // user 2 did sign out
      },
    });
    assert.equal(report.serverErrors, 0);
    assert.deepEqual(report.verificationIssues.sort(), [
      "load-0000: AdminGetDevice load-0000-a: status remembered, told not_remembered",
      "load-0000: AdminListDevices load-0000-a: status remembered, told not_remembered",
      "load-0001: AdminListDevices lists 1 device(s) the client has not confirmed",
      "load-0002: Cannot go on with load-0002: InitiateAuth REFRESH_TOKEN_AUTH 400 " +
      'NotAuthorizedException: expected success, got NotAuthorizedException "Refresh Token has been revoked"',
      "load-0003: AdminListDevices lacks 1 confirmed device(s)",
      "load-0003: Cannot go on with load-0003: AdminGetDevice 400 ResourceNotFoundException: " +
      'expected success, got ResourceNotFoundException "Device does not exist."',
    ]);
    assert.equal(report.unexpectedCount, 2);
    assert.equal(report.ok, false);
    assert.match(renderLoadReport(report), /6 finding\(s\)[\s\S]*\nFAIL\n$/);
  },
});

Deno.test("load: a usage error is one line and exit code 2, before any mock starts", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "tools/load.ts", "--users", "10", "--concurrency", "1"],
    cwd: new URL("..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 2);
  assert.equal(
    new TextDecoder().decode(output.stderr),
    'Cannot run the load: --concurrency must be an integer from 2 to --users, got "1"\n',
  );
  assert.equal(output.stdout.length, 0);
});
