/**
 * Shared parts of the device operations (§6.4–§6.6): the `DeviceType`
 * output with the attributes Cognito returns, which devices each operation
 * sees, the tracking-off rule, and paging.
 *
 * Visibility (docs/mock-choices.md): a device only ever issued (not
 * confirmed) is "Device does not exist." to every device operation except
 * ConfirmDevice and ForgetDevice; GetDevice and ListDevices see remembered
 * devices only; AdminGetDevice sees confirmed devices; AdminListDevices
 * follows the pool's `adminListDevices` choice.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { authenticateAccessToken } from "../auth/access_token.ts";
import { trackingMode } from "../auth/devices.ts";
import { epochSeconds, type JsonObject, type OperationContext } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import { requireUser, type StoredPool } from "../state/store.ts";
import type { DeviceRecord, User, UserPool } from "../state/types.ts";
import { paginate } from "./_paging.ts";

/** What `dev:device_sdk` reports (a value seen live, §6.6). */
const DEVICE_SDK = "aws-sdk";

/** ListDevices / AdminListDevices page size when `Limit` is absent or 0 (the model's maximum). */
export const DEFAULT_DEVICE_LIMIT = 60;

/** The pool and user a device operation acts for. */
export interface DeviceOwner {
  readonly pool: StoredPool;
  readonly user: User;
}

/**
 * The owner for an AccessToken-authorised device operation (a missing token
 * is "Missing required parameter AccessToken"), after the tracking-off rule.
 */
export async function tokenOwner(
  context: OperationContext,
  accessToken: unknown,
): Promise<DeviceOwner> {
  if (typeof accessToken !== "string") {
    throw cognitoError("MissingAuthParameter", { name: "AccessToken" });
  }
  const { pool, user } = await authenticateAccessToken(context, accessToken);
  assertDeviceOperationsAllowed(context, pool);
  return { pool, user };
}

/** The owner for an Admin device operation (`UserPoolId`, `Username`). */
export function adminOwner(context: OperationContext, input: JsonObject): DeviceOwner {
  const pool = context.store.pool(input.UserPoolId as string);
  const user = requireUser(pool, input.Username as string);
  assertDeviceOperationsAllowed(context, pool);
  return { pool, user };
}

/** With tracking off and the "reject" choice: `InvalidUserPoolConfigurationException`. */
export function assertDeviceOperationsAllowed(context: OperationContext, pool: UserPool): void {
  if (
    trackingMode(pool) === "off" &&
    effectiveBehaviour(context.behaviour, pool).deviceOpsWhenTrackingOff === "reject"
  ) {
    throw cognitoError("DeviceTrackingOff");
  }
}

/** The user's confirmed device (remembered only, with `rememberedOnly`), or "Device does not exist.". */
export function confirmedDevice(
  user: User,
  deviceKey: string,
  rememberedOnly: boolean,
): DeviceRecord {
  const device = user.devices.get(deviceKey);
  if (
    device === undefined || !device.confirmed ||
    (rememberedOnly && device.rememberedStatus !== "remembered")
  ) {
    throw cognitoError("DeviceDoesNotExist");
  }
  return device;
}

/** Deletes any device of the user (ForgetDevice, AdminForgetDevice), or "Device does not exist.". */
export function forgetDevice(user: User, deviceKey: string): void {
  if (!user.devices.delete(deviceKey)) throw cognitoError("DeviceDoesNotExist");
}

/** Sets a confirmed device's remembered status (UpdateDeviceStatus and its Admin variant). */
export function updateDeviceStatus(
  context: OperationContext,
  owner: DeviceOwner,
  input: JsonObject,
): void {
  const device = confirmedDevice(owner.user, input.DeviceKey as string, false);
  const status = input.DeviceRememberedStatus as DeviceRecord["rememberedStatus"];
  // The model leaves the status optional; without one nothing changes but the date.
  if (status !== undefined) device.rememberedStatus = status;
  device.lastModifiedAt = context.clock.now(owner.pool.id);
}

/**
 * `DeviceType`: `DeviceKey`, the `DeviceAttributes` in the order the live
 * service lists them (§6.6), and the dates as epoch seconds.
 */
export function deviceType(
  context: OperationContext,
  owner: DeviceOwner,
  device: DeviceRecord,
): JsonObject {
  const { pool, user } = owner;
  const ownerName = `${user.username}.${pool.id}`;
  const attributes: { Name: string; Value: string }[] = [
    { Name: "device_status", Value: "valid" },
  ];
  if (device.name !== undefined) attributes.push({ Name: "device_name", Value: device.name });
  attributes.push(
    {
      Name: "dev:device_arn",
      Value:
        `arn:aws:cognito-idp:${pool.region}:${context.accountId}:owner/${ownerName}/device/${device.deviceKey}`,
    },
    { Name: "dev:device_owner", Value: ownerName },
  );
  if (device.lastIpUsed !== undefined) {
    attributes.push({ Name: "last_ip_used", Value: device.lastIpUsed });
  }
  attributes.push(
    { Name: "dev:device_remembered_status", Value: device.rememberedStatus ?? "not_remembered" },
    { Name: "dev:device_sdk", Value: DEVICE_SDK },
  );
  return {
    DeviceKey: device.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: epochSeconds(device.createdAt),
    DeviceLastModifiedDate: epochSeconds(device.lastModifiedAt),
    DeviceLastAuthenticatedDate: epochSeconds(device.lastAuthenticatedAt),
  };
}

/**
 * One page of ListDevices / AdminListDevices over the devices `include`
 * selects. The token is bound to the operation and the user: another user's
 * token, or the other operation's, is refused.
 */
export async function listDevices(
  context: OperationContext,
  owner: DeviceOwner,
  input: JsonObject,
  include: (device: DeviceRecord) => boolean,
): Promise<JsonObject> {
  const devices = [...owner.user.devices.values()].filter((device) =>
    device.confirmed && include(device)
  );
  const page = await paginate(context, devices, {
    limit: (input.Limit as number | undefined) || DEFAULT_DEVICE_LIMIT,
    token: input.PaginationToken as string | undefined,
    listing: `${context.request.operation}:${owner.pool.id}:${owner.user.sub}`,
  });
  return {
    Devices: page.items.map((device) => deviceType(context, owner, device)),
    ...(page.next === undefined ? {} : { PaginationToken: page.next }),
  };
}
