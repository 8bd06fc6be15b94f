/**
 * One mock behaviour choice written `NAME=VALUE` on the command line
 * (`mock --behaviour`, `diff --target embedded:NAME=VALUE`).
 */

import { CognitoError } from "../cognito/errors.ts";
import { BEHAVIOUR_CHOICES, type MockBehaviour, parseBehaviour } from "../mock/state/behaviour.ts";
import { UsageError } from "./command.ts";

/**
 * `NAME=VALUE` → one checked choice; seconds and count choices take numbers. `flag`
 * names the flag in errors (`Cannot use --behaviour "…": …`).
 */
export function parseBehaviourChoice(text: string, flag = "--behaviour"): Partial<MockBehaviour> {
  const equals = text.indexOf("=");
  if (equals <= 0) throw new UsageError(`Cannot use ${flag}: "${text}" is not NAME=VALUE`);
  const name = text.slice(0, equals);
  const raw = text.slice(equals + 1);
  const numeric = typeof BEHAVIOUR_CHOICES[name as keyof MockBehaviour] === "string" &&
    /^\d+(\.\d+)?$/.test(raw);
  try {
    return parseBehaviour({ [name]: numeric ? Number(raw) : raw });
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    const problem = error.message.replace(/^Cannot set the mock behaviour: /, "");
    throw new UsageError(`Cannot use ${flag} "${text}": ${problem}`);
  }
}
