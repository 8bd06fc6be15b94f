/** The step transport of a scenario: Cognito calls, and the mock's control actions. */

import { type CognitoExchange, describeError } from "../cognito/client.ts";
import type { ControlAction } from "../scenario/mod.ts";
import type { StepTransport } from "./step.ts";
import type { Target } from "./target.ts";

/**
 * Sends calls through the target's client and control actions to
 * `/_mock/clock` and `/_mock/faults`, scoped to the scenario's pool so that
 * scenarios running side by side do not disturb each other.
 */
export function scenarioTransport(
  target: Target,
  poolId: () => string | undefined,
): StepTransport {
  return {
    call: (operation, body, signal) => target.client().send(operation, body, { signal }),
    control: (action, signal) => control(target, action, poolId(), signal),
  };
}

async function control(
  target: Target,
  action: ControlAction,
  poolId: string | undefined,
  signal: AbortSignal,
): Promise<CognitoExchange> {
  const scope = poolId === undefined ? {} : { poolId };
  const [path, body] = action.kind === "advanceClock"
    ? ["_mock/clock", { advanceSeconds: action.seconds, ...scope }]
    : [
      "_mock/faults",
      {
        throttle: {
          count: action.count,
          ...(action.operations === undefined ? {} : { operations: action.operations }),
          ...scope,
        },
      },
    ];
  const url = new URL(path, target.info.endpoint).href;
  const headers = { "content-type": "application/json" };
  const request = { method: "POST" as const, url, headers, body };
  const operation = `mock.${action.kind}`;
  const started = performance.now();
  try {
    const response = await target.fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? {} : JSON.parse(text);
    } catch {
      // keep the raw text
    }
    return {
      operation,
      request,
      response: {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: parsed,
      },
      durationMs: performance.now() - started,
    };
  } catch (error) {
    return {
      operation,
      request,
      transportError: describeError(error),
      durationMs: performance.now() - started,
    };
  }
}
