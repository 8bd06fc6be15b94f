/**
 * The mock's answers to the protocol reference's open questions (§11) that a
 * test may want to flip: one documented default each (docs/mock-choices.md),
 * settable for the whole mock (`MockHandlerOptions.behaviour`) and per pool
 * (`POST /_mock/behaviour`, or `MockBehaviour` in a seed pool).
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";

/** The behaviour choices of the mock. */
export interface MockBehaviour {
  /**
   * §11.1: when a sign-in that presents a remembered device's key gets
   * `DEVICE_SRP_AUTH`. `"always"`: every such sign-in (the pool's "Always"
   * wording, DG device-tracking.md). `"with-mfa"`: only when the sign-in
   * would otherwise need a second factor (the one case observed live).
   */
  deviceSrpAuth: "always" | "with-mfa";
  /**
   * §11.2: where USER_SRP_AUTH refuses an unknown or forgotten `DEVICE_KEY`
   * with "Device does not exist.". `"password-verifier"`: on the
   * PASSWORD_VERIFIER answer, where amazon-cognito-identity-js retries (§6.9);
   * InitiateAuth ignores the key. `"initiate-auth"`: already at InitiateAuth.
   */
  unknownDeviceKey: "password-verifier" | "initiate-auth";
  /**
   * §11.3: GetTokensFromRefreshToken without `DeviceKey` for a refresh token
   * bound to a device. `"reject"`: "Invalid Refresh Token." as
   * REFRESH_TOKEN_AUTH. `"new-device"`: issue a new device
   * (`NewDeviceMetadata`), as the API documentation words it.
   */
  refreshWithoutDeviceKey: "reject" | "new-device";
  /**
   * §11.4: ConfirmDevice of a key that is already confirmed. `"reject"`:
   * `DeviceKeyExistsException`. `"idempotent"`: confirm it again.
   */
  reconfirmDevice: "reject" | "idempotent";
  /**
   * §11.4: device operations in a pool without `DeviceConfiguration`.
   * `"records"`: they work on whatever device records exist (none, unless
   * tracking was on before). `"reject"`: `InvalidUserPoolConfigurationException`.
   */
  deviceOpsWhenTrackingOff: "records" | "reject";
  /**
   * §11.6: which devices AdminListDevices lists. `"all"`: confirmed devices,
   * remembered or not (as AdminGetDevice returns both). `"remembered"`: like
   * ListDevices.
   */
  adminListDevices: "all" | "remembered";
  /**
   * §4.2, §11.9: the largest accepted distance between an SRP `TIMESTAMP` and
   * the mock's clock, in seconds, either way.
   */
  timestampSkewSeconds: number;
  /**
   * §9: failed password sign-ins before the temporary lockout starts ("Password
   * attempts exceeded", 2^(n−5) s up to 15 min; `auth/lockout.ts`). The
   * documented value is 5; 0 switches lockout off (e.g. for load tests that
   * sign in wrong on purpose).
   */
  lockoutAfterFailures: number;
}

/**
 * The defaults (docs/mock-choices.md gives the reasons).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_BEHAVIOUR } from "./behaviour.ts";
 * assert.equal(DEFAULT_BEHAVIOUR.deviceSrpAuth, "always");
 * assert.equal(DEFAULT_BEHAVIOUR.timestampSkewSeconds, 300);
 * ```
 */
export const DEFAULT_BEHAVIOUR: Readonly<MockBehaviour> = Object.freeze({
  deviceSrpAuth: "always",
  unknownDeviceKey: "password-verifier",
  refreshWithoutDeviceKey: "reject",
  reconfirmDevice: "reject",
  deviceOpsWhenTrackingOff: "records",
  adminListDevices: "all",
  timestampSkewSeconds: 300,
  lockoutAfterFailures: 5,
});

/**
 * The values each choice takes: its words (the default first), `"seconds"`
 * for a number of seconds >= 0, or `"count"` for a whole number >= 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BEHAVIOUR_CHOICES, DEFAULT_BEHAVIOUR } from "./behaviour.ts";
 * assert.deepEqual(BEHAVIOUR_CHOICES.deviceSrpAuth, ["always", "with-mfa"]);
 * assert.deepEqual(Object.keys(BEHAVIOUR_CHOICES), Object.keys(DEFAULT_BEHAVIOUR));
 * ```
 */
export const BEHAVIOUR_CHOICES: Readonly<
  Record<keyof MockBehaviour, readonly string[] | "seconds" | "count">
> = Object.freeze({
  deviceSrpAuth: ["always", "with-mfa"],
  unknownDeviceKey: ["password-verifier", "initiate-auth"],
  refreshWithoutDeviceKey: ["reject", "new-device"],
  reconfirmDevice: ["reject", "idempotent"],
  deviceOpsWhenTrackingOff: ["records", "reject"],
  adminListDevices: ["all", "remembered"],
  timestampSkewSeconds: "seconds",
  lockoutAfterFailures: "count",
});

/**
 * Checks a (partial) behaviour object from JSON or YAML and returns it, or
 * throws `InvalidParameterException` "Cannot set the mock behaviour: …".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseBehaviour } from "./behaviour.ts";
 * assert.deepEqual(parseBehaviour({ deviceSrpAuth: "with-mfa" }), { deviceSrpAuth: "with-mfa" });
 * assert.throws(() => parseBehaviour({ deviceSrpAuth: "never" }), {
 *   message: 'Cannot set the mock behaviour: "deviceSrpAuth" must be one of "always", "with-mfa"',
 * });
 * assert.throws(() => parseBehaviour({ colour: 1 }), { name: "InvalidParameterException" });
 * ```
 */
export function parseBehaviour(value: unknown): Partial<MockBehaviour> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw cognitoError("MockControlBadBehaviour", { problem: "expected an object" });
  }
  const out: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(value)) {
    const choices = BEHAVIOUR_CHOICES[name as keyof MockBehaviour];
    if (choices === undefined) {
      throw cognitoError("MockControlBadBehaviour", {
        problem: `unknown choice "${name}" (known: ${Object.keys(BEHAVIOUR_CHOICES).join(", ")})`,
      });
    }
    const ok = choices === "seconds"
      ? typeof given === "number" && Number.isFinite(given) && given >= 0
      : choices === "count"
      ? Number.isSafeInteger(given) && (given as number) >= 0
      : typeof given === "string" && choices.includes(given);
    if (!ok) {
      throw cognitoError("MockControlBadBehaviour", {
        problem: choices === "seconds"
          ? `"${name}" must be a number of seconds >= 0`
          : choices === "count"
          ? `"${name}" must be a whole number >= 0`
          : `"${name}" must be one of ${choices.map((c) => `"${c}"`).join(", ")}`,
      });
    }
    out[name] = given;
  }
  return out as Partial<MockBehaviour>;
}

/**
 * The behaviour that applies to a pool: its overrides over the mock's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_BEHAVIOUR, effectiveBehaviour } from "./behaviour.ts";
 * const pool = { behaviour: { reconfirmDevice: "idempotent" as const } };
 * assert.equal(effectiveBehaviour(DEFAULT_BEHAVIOUR, pool).reconfirmDevice, "idempotent");
 * assert.equal(effectiveBehaviour(DEFAULT_BEHAVIOUR, {}).reconfirmDevice, "reject");
 * ```
 */
export function effectiveBehaviour(
  base: Readonly<MockBehaviour>,
  pool: { readonly behaviour?: Partial<MockBehaviour> },
): Readonly<MockBehaviour> {
  return pool.behaviour === undefined ? base : { ...base, ...pool.behaviour };
}
