/**
 * ConfirmDevice (§6.4), AccessToken-authorised: stores a device's
 * `DeviceSecretVerifierConfig` (decoded once, read as signed integers like
 * the service) and `DeviceName`. The device is remembered at once in an
 * "always" pool (`UserConfirmationNecessary` false) and tracked but not
 * remembered in an opt-in pool (true).
 *
 * Refusals (docs/mock-choices.md): a key that is not one of the token
 * user's devices, or no verifier config, is `InvalidParameterException`
 * "Invalid device key given."; a negative, empty or undecodable salt or
 * verifier is `InvalidParameterException`; a key already confirmed is
 * `DeviceKeyExistsException` (or confirmed again, per the pool's
 * `reconfirmDevice` choice).
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { srpEngine } from "../auth/_srp.ts";
import { callerIp, trackingMode } from "../auth/devices.ts";
import type { OperationDefinition } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import type { DeviceRecord } from "../state/types.ts";
import { tokenOwner } from "./_device.ts";

/** The ConfirmDevice operation. */
export const operation: OperationDefinition = {
  name: "ConfirmDevice",
  handle: async (input, context) => {
    const { pool, user } = await tokenOwner(context, input.AccessToken);
    // The last await: from here to the write nothing yields, so of two ConfirmDevice
    // calls for one key sent at once, the second sees the first's confirmation.
    const { decodeDeviceVerifier, SrpInputError } = await srpEngine();
    const device = user.devices.get(input.DeviceKey as string);
    if (device === undefined) throw cognitoError("InvalidDeviceKey");
    if (
      device.confirmed && effectiveBehaviour(context.behaviour, pool).reconfirmDevice === "reject"
    ) {
      throw cognitoError("DeviceKeyExists");
    }
    const config = input.DeviceSecretVerifierConfig as
      | { PasswordVerifier?: string; Salt?: string }
      | undefined;
    if (config?.PasswordVerifier === undefined || config.Salt === undefined) {
      throw cognitoError("InvalidDeviceKey");
    }
    let decoded: ReturnType<typeof decodeDeviceVerifier>;
    try {
      decoded = decodeDeviceVerifier({
        PasswordVerifier: config.PasswordVerifier,
        Salt: config.Salt,
      });
    } catch (error) {
      if (error instanceof SrpInputError) throw cognitoError("DeviceVerifierInvalid");
      throw error;
    }
    const optIn = trackingMode(pool) === "opt-in";
    const status: DeviceRecord["rememberedStatus"] = optIn ? "not_remembered" : "remembered";
    device.confirmed = true;
    device.srp = { verifier: decoded.verifier, saltHex: decoded.saltHex };
    device.rememberedStatus = status;
    if (input.DeviceName !== undefined) device.name = input.DeviceName as string;
    device.lastModifiedAt = context.clock.now(pool.id);
    const ip = callerIp(context.request);
    if (ip !== undefined) device.lastIpUsed = ip;
    return { UserConfirmationNecessary: optIn };
  },
};
