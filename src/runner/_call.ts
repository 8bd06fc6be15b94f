/**
 * Administrative calls of the runner itself (provisioning, precondition
 * checks, clean-up): one call, one timeout, one line that says what went
 * wrong.
 */

import { type CognitoClient, errorTypeOf } from "../cognito/client.ts";

/** The answer of {@linkcode adminCall}. */
export type AdminAnswer =
  | { ok: true; body: Record<string, unknown> }
  /** `transport` is true when no response came back (the target broke, not the request). */
  | { ok: false; message: string; transport: boolean; errorType?: string };

/** Sends one call under a timeout; describes a failure as `Op answered 400 Type "message"`. */
export async function adminCall(
  client: CognitoClient,
  operation: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<AdminAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const exchange = await client.send(operation, body, { signal: controller.signal });
    const response = exchange.response;
    if (response === undefined) {
      const reason = controller.signal.aborted
        ? `no response within ${timeoutMs} ms`
        : (exchange.transportError ?? "no response").split("\n")[0];
      return { ok: false, message: `${operation} got no answer: ${reason}`, transport: true };
    }
    const payload = typeof response.body === "object" && response.body !== null
      ? response.body as Record<string, unknown>
      : {};
    if (response.status >= 200 && response.status < 300) return { ok: true, body: payload };
    const type = errorTypeOf(response);
    const message = typeof payload.message === "string"
      ? payload.message
      : typeof payload.Message === "string"
      ? payload.Message
      : undefined;
    const text = `${operation} answered ${response.status}${type === undefined ? "" : ` ${type}`}${
      message === undefined ? "" : ` ${JSON.stringify(message)}`
    }`;
    return {
      ok: false,
      message: text,
      transport: false,
      ...(type === undefined ? {} : { errorType: type }),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A member of an object answer, if it is an object. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const member = (value as Record<string, unknown>)[key];
  return typeof member === "object" && member !== null && !Array.isArray(member)
    ? member as Record<string, unknown>
    : undefined;
}

/** The `Value` of the attribute `name` in a Cognito `Attributes`/`UserAttributes` list. */
export function attributeValue(list: unknown, name: string): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const found = list.find((item) => (item as { Name?: unknown })?.Name === name) as
    | { Value?: unknown }
    | undefined;
  return typeof found?.Value === "string" ? found.Value : undefined;
}
