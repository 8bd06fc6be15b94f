/**
 * The seed flow driven through the API the runner uses, against a scripted
 * fake Cognito (no network): render `let` and `request`, "send", check the
 * rendered `expect`, evaluate `save`.
 */

import assert from "node:assert/strict";
import { checkResponse, type Mismatch, type ResponseSnapshot } from "../assert/mod.ts";
import { evaluateCaptures } from "../query/mod.ts";
import { builtinFunctions, render, type RenderContext } from "../template/mod.ts";
import { renderExpectation } from "./expectation.ts";
import { parseScenario } from "./parse.ts";

const jwtPart = (value: object) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const accessToken = (deviceKey: string) =>
  `${jwtPart({ alg: "RS256", kid: "k" })}.${
    jwtPart({ token_use: "access", device_key: deviceKey })
  }.c2ln`;
const DEVICE = {
  DeviceKey: "us-east-1_0f1e2d3c-0000-4000-8000-000000000001",
  DeviceGroupKey: "-abcdefgh",
};

/** A fake Cognito that behaves as cognito-protocol.md §6.8 describes. */
function fakeCognito(operation: string, body: Record<string, unknown>): ResponseSnapshot {
  const json = (status: number, payload: unknown) => ({ status, headers: {}, body: payload });
  const params = (body.AuthParameters ?? {}) as Record<string, string>;
  if (operation === "InitiateAuth" && body.AuthFlow === "USER_PASSWORD_AUTH") {
    return json(200, {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: accessToken(DEVICE.DeviceKey),
        RefreshToken: "refresh-1",
        TokenType: "Bearer",
        ExpiresIn: 3600,
        NewDeviceMetadata: DEVICE,
      },
    });
  }
  if (operation === "InitiateAuth" && body.AuthFlow === "REFRESH_TOKEN_AUTH") {
    if (params.DEVICE_KEY !== DEVICE.DeviceKey) {
      return json(400, { __type: "NotAuthorizedException", message: "Invalid Refresh Token." });
    }
    return json(200, {
      AuthenticationResult: {
        AccessToken: accessToken(DEVICE.DeviceKey),
        TokenType: "Bearer",
        ExpiresIn: 3600,
      },
    });
  }
  if (operation === "ConfirmDevice") {
    const config = body.DeviceSecretVerifierConfig as Record<string, string>;
    assert.deepEqual(Object.keys(config), ["PasswordVerifier", "Salt"]);
    return json(200, { UserConfirmationNecessary: false });
  }
  return json(400, { __type: "InvalidParameterException", message: "unexpected call" });
}

Deno.test("pipeline: the seed flow passes against a faithful fake and fails against a wrong one", async () => {
  const text = await Deno.readTextFile(
    new URL("../../test/fixtures/seed_device_on.yaml", import.meta.url),
  );
  const { scenario } = parseScenario(text, "seed_device_on.yaml");
  assert.ok(scenario);

  const run = async (server: typeof fakeCognito) => {
    const secrets: string[] = [];
    const functions = builtinFunctions().register("srp.deviceVerifier", ([device]) => {
      assert.equal((device as typeof DEVICE).DeviceKey, DEVICE.DeviceKey);
      return { PasswordVerifier: "dmVyaWZpZXI=", Salt: "c2FsdA==" };
    });
    const values: Record<string, unknown> = {
      client: { id: "client-1" },
      users: { alice: { username: "alice", password: "Passw0rd!Passw0rd" } },
    };
    const context: RenderContext = { values, functions };
    const options = { onSecret: (value: string) => void secrets.push(value) };
    const failures: Mismatch[][] = [];
    for (const step of scenario.steps) {
      for (const binding of step.let) {
        values[binding.name] = await render(binding.value, context, options);
      }
      const request = await render(step.request ?? {}, context, options) as Record<string, unknown>;
      const response = server(step.call!, request);
      const expectation = await renderExpectation(step.expect, {
        ...context,
        values: { ...values, response },
      });
      failures.push(await checkResponse(response, expectation));
      const captured = evaluateCaptures(step.save, response.body);
      assert.deepEqual(captured.failures, []);
      Object.assign(values, captured.values);
    }
    return { failures, secrets };
  };

  const good = await run(fakeCognito);
  assert.deepEqual(good.failures, [[], [], [], []]);
  assert.deepEqual(good.secrets, ["dmVyaWZpZXI=", "c2FsdA=="]);

  // A mock that ignores device binding (like the peers in landscape.md) fails step 2.
  const lenient = (operation: string, body: Record<string, unknown>) =>
    fakeCognito(operation, {
      ...body,
      AuthParameters: { ...(body.AuthParameters as object), DEVICE_KEY: DEVICE.DeviceKey },
    });
  const bad = await run(lenient);
  assert.deepEqual(bad.failures[1]!.map((m) => `${m.path}: ${m.message}`), [
    "status: expected 400, got 200",
    'headers.x-amzn-errortype: expected "NotAuthorizedException", but it is missing',
    '$.message: expected "Invalid Refresh Token.", but it is missing',
  ]);
  assert.deepEqual(bad.failures.map((f) => f.length), [0, 3, 0, 0]);
});
