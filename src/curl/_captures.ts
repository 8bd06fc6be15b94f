/**
 * Which step gives which answer value, and the `save:` captures proposed on
 * those steps: the scenarios' own idioms (`tokens: AuthenticationResult`,
 * `device: AuthenticationResult.NewDeviceMetadata`, `challenge:
 * ChallengeParameters`, `session: Session`) unless the script names a capture
 * itself (`tokens=$(jq -c .AuthenticationResult <<<"$R")`).
 *
 * @module
 */

import { jmespathOf, pathTail } from "./names.ts";
import type { CurlCall, Segment } from "./_model.ts";
import type { ExplicitCapture } from "./_walk.ts";
import type { BodyTree } from "./json_body.ts";

/** What an answer may carry, for the steps that reuse it. */
export type Yield = "tokens" | "refreshToken" | "device" | "challenge" | "session" | "secretCode";

const SIGN_IN = new Set(["InitiateAuth", "AdminInitiateAuth"]);
const ANSWER = new Set(["RespondToAuthChallenge", "AdminRespondToAuthChallenge"]);

/** A literal member of a body, if it is a string. */
export function literalMember(
  body: CurlCall["body"],
  ...path: string[]
): string | undefined {
  let node: BodyTree<unknown> | undefined = body;
  for (const key of path) {
    if (node === null || typeof node !== "object" || Array.isArray(node) || "pieces" in node) {
      return undefined;
    }
    node = (node as Record<string, BodyTree<unknown>>)[key];
  }
  return typeof node === "string" ? node : undefined;
}

function hasMember(body: CurlCall["body"], ...path: string[]): boolean {
  let node: unknown = body;
  for (const key of path) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined;
}

/** The captures of a scenario under construction, and the answers its steps give. */
export class Captures {
  readonly #calls: readonly CurlCall[];
  /** Per step: name → path, in order of creation. */
  readonly #saved = new Map<number, Array<{ name: string; path: Segment[] }>>();
  readonly #names = new Set<string>();
  readonly #explicit: readonly ExplicitCapture[];

  constructor(calls: readonly CurlCall[], explicit: readonly ExplicitCapture[]) {
    this.#calls = calls;
    this.#explicit = explicit;
    for (const capture of explicit) this.#add(capture.step, capture.name, capture.path);
  }

  /** The `save:` entries of a step: name → JMESPath. */
  saveOf(step: number): Record<string, string> | undefined {
    const saved = this.#saved.get(step);
    if (saved === undefined || saved.length === 0) return undefined;
    return Object.fromEntries(saved.map(({ name, path }) => [name, jmespathOf(path)]));
  }

  /** Reserves a name (a `let` or var name) so no capture takes it. */
  reserve(name: string): void {
    this.#names.add(name);
  }

  /** The template expression reading `path` of step `step`'s answer, adding a capture if needed. */
  expression(step: number, path: readonly Segment[]): string {
    const explicit = this.#explicit
      .filter((capture) => capture.step === step && isPrefix(capture.path, path))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (explicit !== undefined) {
      return `${explicit.name}${pathTail(path.slice(explicit.path.length))}`;
    }
    const { base, name } = this.#idiom(step, path);
    const existing = this.#saved.get(step)?.find((saved) => samePath(saved.path, base));
    const capture = existing?.name ?? this.#add(step, this.#unique(name), base);
    return `${capture}${pathTail(path.slice(base.length))}`;
  }

  /** The latest step before `before` whose answer gives `what`. */
  producer(before: number, what: Yield): number | undefined {
    for (let step = before - 1; step >= 0; step--) {
      if (this.yields(step, what)) return step;
    }
    return undefined;
  }

  /** Whether step `step`'s answer gives `what` (from its request, its answer sample, and the next step). */
  yields(step: number, what: Yield): boolean {
    const call = this.#calls[step]!;
    const sample = call.expect.sample as Record<string, unknown> | undefined;
    const sampled = sample !== null && typeof sample === "object";
    if (sampled && typeof sample.__type === "string") return false;
    if (call.expect.error !== undefined || (call.expect.status ?? 200) >= 300) return false;
    const body = call.body;
    const operation = call.operation ?? "";
    const flow = literalMember(body, "AuthFlow");
    const challengeName = literalMember(body, "ChallengeName");
    const presentsDevice = hasMember(body, "AuthParameters", "DEVICE_KEY") ||
      hasMember(body, "ChallengeResponses", "DEVICE_KEY");
    const refresh = flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN";
    const next = this.#calls[step + 1];
    const continues = next !== undefined && ANSWER.has(next.operation ?? "") &&
      literalMember(next.body, "ChallengeName") !== "PASSWORD_VERIFIER";
    let challenge = false;
    let tokens = false;
    if (SIGN_IN.has(operation)) {
      challenge = flow === "USER_SRP_AUTH" || flow === "CUSTOM_AUTH" || continues;
      tokens = !challenge;
    } else if (ANSWER.has(operation)) {
      challenge = challengeName === "DEVICE_SRP_AUTH" || continues;
      tokens = !challenge;
    } else if (operation === "GetTokensFromRefreshToken") tokens = true;
    if (sampled) {
      if (sample.AuthenticationResult !== undefined) [tokens, challenge] = [true, false];
      if (typeof sample.ChallengeName === "string") [tokens, challenge] = [false, true];
    }
    switch (what) {
      case "tokens":
        return tokens;
      case "refreshToken":
        return tokens && !refresh;
      case "device":
        return tokens && !refresh && !presentsDevice && operation !== "GetTokensFromRefreshToken";
      case "challenge":
        return challenge;
      case "session":
        return (challenge && flow !== "USER_SRP_AUTH") || operation === "AssociateSoftwareToken";
      case "secretCode":
        return operation === "AssociateSoftwareToken";
    }
  }

  #idiom(step: number, path: readonly Segment[]): { base: Segment[]; name: string } {
    const call = this.#calls[step]!;
    const device = literalMember(call.body, "ChallengeName")?.startsWith("DEVICE_") ?? false;
    const [first, second] = path;
    if (first === "AuthenticationResult" && second === "NewDeviceMetadata") {
      return { base: ["AuthenticationResult", "NewDeviceMetadata"], name: "device" };
    }
    if (first === "AuthenticationResult") {
      return { base: ["AuthenticationResult"], name: device ? "deviceTokens" : "tokens" };
    }
    if (first === "ChallengeParameters") {
      return { base: ["ChallengeParameters"], name: device ? "deviceChallenge" : "challenge" };
    }
    if (first === "Session") {
      return { base: ["Session"], name: device ? "deviceSession" : "session" };
    }
    const last = [...path].reverse().find((segment): segment is string =>
      typeof segment === "string"
    );
    const name = last === undefined
      ? "answer"
      : last.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
    return { base: [...path], name: /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : "answer" };
  }

  #unique(name: string): string {
    if (!this.#names.has(name)) return name;
    for (let n = 2;; n++) if (!this.#names.has(`${name}${n}`)) return `${name}${n}`;
  }

  #add(step: number, name: string, path: readonly Segment[]): string {
    this.#names.add(name);
    const list = this.#saved.get(step) ?? [];
    list.push({ name, path: [...path] });
    this.#saved.set(step, list);
    return name;
  }
}

function isPrefix(prefix: readonly Segment[], path: readonly Segment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, k) => segment === path[k]);
}

function samePath(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && isPrefix(a, b);
}
