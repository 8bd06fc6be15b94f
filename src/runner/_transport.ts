/** The step transport of a scenario: Cognito calls, and the mock's control actions. */

import { type CognitoExchange, describeError, receive } from "../cognito/client.ts";
import type { ControlAction } from "../scenario/mod.ts";
import type { StepTransport } from "./step.ts";
import type { Target } from "./target.ts";
import type { ScenarioClock } from "./_clock.ts";

/**
 * Sends calls through the target's client and control actions to
 * `/_mock/clock` and `/_mock/faults`, scoped to the scenario's pool so that
 * scenarios running side by side do not disturb each other. A clock action
 * the mock accepted (2xx) moves `clock` too, so templates keep reading the
 * pool's time.
 */
export function scenarioTransport(
  target: Target,
  poolId: () => string | undefined,
  clock?: ScenarioClock,
): StepTransport {
  return {
    call: (operation, body, signal) => target.client().send(operation, body, { signal }),
    control: async (action, signal) => {
      const exchange = await control(target, action, poolId(), signal);
      const status = exchange.response?.status;
      if (status !== undefined && status >= 200 && status < 300) clock?.follow(action);
      return exchange;
    },
  };
}

/** The path and body of a control action. */
function controlRequest(
  action: ControlAction,
  scope: { poolId?: string },
): [string, Record<string, unknown>] {
  switch (action.kind) {
    case "advanceClock":
      return ["_mock/clock", { advanceSeconds: action.seconds, ...scope }];
    case "setClock":
      return ["_mock/clock", { setEpochSeconds: action.epochSeconds, ...scope }];
    case "throttle":
      return ["_mock/faults", {
        throttle: {
          count: action.count,
          ...(action.operations === undefined ? {} : { operations: action.operations }),
          ...scope,
        },
      }];
  }
}

async function control(
  target: Target,
  action: ControlAction,
  poolId: string | undefined,
  signal: AbortSignal,
): Promise<CognitoExchange> {
  const [path, body] = controlRequest(action, poolId === undefined ? {} : { poolId });
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
    return {
      operation,
      request,
      response: await receive(response),
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
