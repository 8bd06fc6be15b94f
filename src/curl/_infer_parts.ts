/**
 * The tables and small helpers of the inference (`_infer.ts`): which request
 * members are reused answers, which answer members a claim computes, and how
 * values are read and written.
 *
 * @module
 */

import type { Yield } from "./_captures.ts";
import type { Piece, Ref, Segment, UtilCall } from "./_model.ts";
import type { BodyTree, HoleString } from "./json_body.ts";

export const ANSWER_OPERATIONS = new Set(["RespondToAuthChallenge", "AdminRespondToAuthChallenge"]);
export const CLAIM_KEYS = [
  "USERNAME",
  "PASSWORD_CLAIM_SECRET_BLOCK",
  "TIMESTAMP",
  "PASSWORD_CLAIM_SIGNATURE",
];
export const PROOF_KEYS = [...CLAIM_KEYS, "DEVICE_KEY"];

/** Reused answers by request member: which answer gives it, at which path. */
export const REUSED: Record<string, { from: Yield; path: Segment[] }> = {
  AccessToken: { from: "tokens", path: ["AuthenticationResult", "AccessToken"] },
  ACCESS_TOKEN: { from: "tokens", path: ["AuthenticationResult", "AccessToken"] },
  IdToken: { from: "tokens", path: ["AuthenticationResult", "IdToken"] },
  RefreshToken: { from: "refreshToken", path: ["AuthenticationResult", "RefreshToken"] },
  REFRESH_TOKEN: { from: "refreshToken", path: ["AuthenticationResult", "RefreshToken"] },
  Token: { from: "refreshToken", path: ["AuthenticationResult", "RefreshToken"] },
  DeviceKey: { from: "device", path: ["AuthenticationResult", "NewDeviceMetadata", "DeviceKey"] },
  DEVICE_KEY: { from: "device", path: ["AuthenticationResult", "NewDeviceMetadata", "DeviceKey"] },
  DeviceGroupKey: {
    from: "device",
    path: ["AuthenticationResult", "NewDeviceMetadata", "DeviceGroupKey"],
  },
  Session: { from: "session", path: ["Session"] },
  USER_ID_FOR_SRP: { from: "challenge", path: ["ChallengeParameters", "USER_ID_FOR_SRP"] },
  SRP_B: { from: "challenge", path: ["ChallengeParameters", "SRP_B"] },
  SALT: { from: "challenge", path: ["ChallengeParameters", "SALT"] },
  SECRET_BLOCK: { from: "challenge", path: ["ChallengeParameters", "SECRET_BLOCK"] },
};

export function slotOf(key: string | undefined): "username" | "password" | undefined {
  if (key === "USERNAME" || key === "Username") return "username";
  if (key === "PASSWORD" || key === "Password") return "password";
  return undefined;
}

export function isHole(value: unknown): value is HoleString<Ref> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "pieces" in value;
}

export function singleRef(value: BodyTree<Ref> | Piece[] | undefined): Ref | undefined {
  const pieces = Array.isArray(value) ? value as Piece[] : isHole(value) ? value.pieces : undefined;
  if (pieces === undefined || pieces.length !== 1 || typeof pieces[0] === "string") {
    return undefined;
  }
  return pieces[0];
}

/** The first utility call of `name` referenced anywhere in `value`. */
export function utilIn(value: unknown, name: UtilCall["name"]): UtilCall | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if (isHole(value)) {
    for (const piece of value.pieces) {
      if (
        typeof piece !== "string" && piece.source.kind === "util" && piece.source.util.name === name
      ) {
        return piece.source.util;
      }
    }
    return undefined;
  }
  for (const member of Array.isArray(value) ? value : Object.values(value)) {
    const found = utilIn(member, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `${a.b}` → `a.b`; any other text → a quoted literal. */
export function argumentOf(template: string): string {
  const whole = /^\$\{([^{}]+)\}$/.exec(template);
  if (whole !== null) return whole[1]!;
  const text = template.replace(/\$\$\{/g, () => "${");
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A literal for a scenario string: `${` is written `$${`. */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => "$${");
}
