/**
 * Device tracking as sign-in and refresh see it (§6): the pool's mode, the
 * device a sign-in names with `DEVICE_KEY`, issuing a new device
 * (`NewDeviceMetadata`), and what a device sign-in records on the device.
 *
 * Choices (docs/mock-choices.md): the device group key is one per user; a
 * key of another user's device is "Device does not exist." like an unknown
 * one; with tracking off, `DEVICE_KEY` is ignored.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { MockServices, RequestInfo } from "../context.ts";
import type { DeviceRecord, User, UserPool } from "../state/types.ts";

/** Device tracking of a pool: off (no `DeviceConfiguration`), always remember, or user opt-in. */
export type TrackingMode = "off" | "always" | "opt-in";

/**
 * The pool's tracking mode (§6.1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trackingMode } from "./devices.ts";
 * const pool = (DeviceConfiguration?: object) => ({ config: { DeviceConfiguration } }) as never;
 * assert.equal(trackingMode(pool()), "off");
 * assert.equal(trackingMode(pool({ ChallengeRequiredOnNewDevice: true })), "always");
 * assert.equal(trackingMode(pool({ DeviceOnlyRememberedOnUserPrompt: true })), "opt-in");
 * ```
 */
export function trackingMode(pool: Pick<UserPool, "config">): TrackingMode {
  const configuration = pool.config.DeviceConfiguration;
  if (configuration === undefined) return "off";
  return configuration.DeviceOnlyRememberedOnUserPrompt === true ? "opt-in" : "always";
}

/** Whether a remembered device stands in for the second factor (`ChallengeRequiredOnNewDevice`). */
export function rememberedDeviceSkipsMfa(pool: Pick<UserPool, "config">): boolean {
  return pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true;
}

/** Whether the device is confirmed and remembered (its key triggers device SRP). */
export function isRemembered(device: DeviceRecord): boolean {
  return device.confirmed && device.rememberedStatus === "remembered";
}

/**
 * The device a sign-in names: `undefined` with tracking off or without a
 * key; the user's device otherwise, or `ResourceNotFoundException` "Device
 * does not exist." (§6.9) for a key that is not one of the user's devices.
 */
export function signInDevice(
  pool: Pick<UserPool, "config">,
  user: User,
  deviceKey: string | undefined,
): DeviceRecord | undefined {
  if (deviceKey === undefined || trackingMode(pool) === "off") return undefined;
  const device = user.devices.get(deviceKey);
  if (device === undefined) throw cognitoError("DeviceDoesNotExist");
  return device;
}

const GROUP_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Creates a device for a sign-in without a key, in the state "issued,
 * unconfirmed" (§6.2): key `<region>_<uuid>`, the user's group key
 * (`-` + 8 alphanumerics, made with the first device).
 */
export function issueDevice(
  services: MockServices,
  pool: UserPool,
  user: User,
  now: number,
): DeviceRecord {
  user.deviceGroupKey ??= `-${services.ids.text(8, GROUP_ALPHABET)}`;
  const device: DeviceRecord = {
    deviceKey: `${pool.region}_${services.ids.uuid()}`,
    deviceGroupKey: user.deviceGroupKey,
    confirmed: false,
    createdAt: now,
    lastModifiedAt: now,
    lastAuthenticatedAt: now,
  };
  user.devices.set(device.deviceKey, device);
  return device;
}

/**
 * The caller's IP address for `last_ip_used`: the first `X-Forwarded-For`
 * entry when a proxy sent one, else the socket's remote address.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { callerIp } from "./devices.ts";
 * const request = (headers: Record<string, string>, sourceIp?: string) =>
 *   ({ operation: "X", headers: new Headers(headers), ...(sourceIp ? { sourceIp } : {}) });
 * assert.equal(callerIp(request({ "x-forwarded-for": "192.0.2.1, 10.0.0.1" }, "127.0.0.1")), "192.0.2.1");
 * assert.equal(callerIp(request({}, "127.0.0.1")), "127.0.0.1");
 * assert.equal(callerIp(request({})), undefined);
 * ```
 */
export function callerIp(request: RequestInfo): string | undefined {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded !== undefined && forwarded !== "" ? forwarded : request.sourceIp;
}

/** Records a sign-in (or confirmation) on the device: time and caller address. */
export function touchDevice(device: DeviceRecord, request: RequestInfo, now: number): void {
  device.lastAuthenticatedAt = now;
  const ip = callerIp(request);
  if (ip !== undefined) device.lastIpUsed = ip;
}
