/**
 * One user's device lifecycle, as a client runs it, and the ledger of what
 * the client was told (cognito-protocol.md §6). Every step checks its answer;
 * the ledger is what the admin verification (tools/_load_verify.ts) later
 * compares the mock's state with.
 *
 * The pool is opt-in (`DeviceOnlyRememberedOnUserPrompt: true`, §6.1), so
 * ConfirmDevice answers `UserConfirmationNecessary: true` and
 * UpdateDeviceStatus decides. Per user, by index ({@linkcode planFor}):
 *
 * 1. USER_SRP_AUTH without a key → tokens + `NewDeviceMetadata` (device A);
 *    ConfirmDevice with `createDeviceVerifier`; UpdateDeviceStatus
 *    `remembered` (even index) or `not_remembered` (odd).
 * 2. REFRESH_TOKEN_AUTH with `DEVICE_KEY` A → tokens bound to A (§6.8).
 * 3. USER_SRP_AUTH with `DEVICE_KEY` A: DEVICE_SRP_AUTH →
 *    DEVICE_PASSWORD_VERIFIER when A is remembered, tokens straight after
 *    the password when it is not (§6.7, §6.10).
 * 4. A second device B (sign-in without a key, confirmed, remembered);
 *    ListDevices shows exactly the remembered ones (§6.6).
 * 5. Some users sign in once more and leave device C unconfirmed: its
 *    refresh token is refused (§6.8).
 * 6. Cross-user probes with the previous user's device A: GetDevice,
 *    UpdateDeviceStatus, ForgetDevice → "Device does not exist.",
 *    ConfirmDevice → "Invalid device key given.", REFRESH_TOKEN_AUTH →
 *    "Invalid Refresh Token.", a sign-in with that DEVICE_KEY → "Device does
 *    not exist." (§6.4, §6.8, §6.9).
 * 7. Some users ForgetDevice B: its refresh token and GetDevice are refused.
 * Every fourth user also races itself on ConfirmDevice and ForgetDevice of B
 * ({@linkcode UserPlan.race}).
 * 8. Some users GlobalSignOut, with the tokens of a sign-in just made: refresh → "Refresh Token has been revoked",
 *    the access token → "Access Token has been revoked" (§5.3).
 *
 * @module
 */

import { decodeJwt } from "jose";
import { createDeviceVerifier } from "../src/srp/mod.ts";
import type { ApiBody, CallRecorder } from "./_load_calls.ts";
import {
  type ClientDevice,
  deviceSignIn,
  type LoadPool,
  type LoadUser,
  passwordSignIn,
} from "./_load_srp.ts";

/** Which branches a user takes. */
export interface UserPlan {
  /** UpdateDeviceStatus `remembered` for device A, else `not_remembered`. */
  rememberFirst: boolean;
  /** ForgetDevice on device B. */
  forgetSecond: boolean;
  /** Leave a third device issued but unconfirmed. */
  leaveUnconfirmed: boolean;
  /** GlobalSignOut at the end. */
  signOut: boolean;
  /**
   * Race with itself: device B confirmed by two ConfirmDevice calls at once
   * (different verifiers; exactly one may win, the other gets
   * DeviceKeyExistsException, and device SRP must work with the winner's
   * secret), and forgotten by two ForgetDevice calls at once (one wins, the
   * other gets "Device does not exist.").
   */
  race: boolean;
}

/** The branches of user `index`: a fixed pattern, so every mix occurs in 210 users or more. */
export function planFor(index: number): UserPlan {
  return {
    rememberFirst: index % 2 === 0,
    forgetSecond: index % 3 === 0,
    leaveUnconfirmed: index % 7 === 3,
    signOut: index % 5 === 1 || index % 5 === 2,
    race: index % 4 === 0,
  };
}

/** A device as the client was told it is. */
export interface DeviceEntry {
  deviceKey: string;
  /** The `DeviceName` sent with ConfirmDevice (none for an unconfirmed device). */
  name?: string;
  status: "unconfirmed" | "remembered" | "not_remembered";
  forgotten: boolean;
}

/** What one user's client was told; the tokens are secrets, kept for the verification only. */
export interface UserLedger {
  user: LoadUser;
  plan: UserPlan;
  devices: DeviceEntry[];
  deviceGroupKey?: string;
  signedOut: boolean;
  /** The first sign-in's refresh token and device A: refreshable unless signed out. */
  refresh?: { token: string; deviceKey: string };
  /** Whether the lifecycle ran to its end. */
  completed: boolean;
}

/** A one-shot value other users wait for (a user's device A key). */
export interface Published {
  promise: Promise<string | undefined>;
  resolve(value: string | undefined): void;
}

/** One {@linkcode Published} per user. */
export function publishers(count: number): Published[] {
  return Array.from({ length: count }, () => {
    let resolve!: (value: string | undefined) => void;
    const promise = new Promise<string | undefined>((done) => resolve = done);
    return { promise, resolve };
  });
}

type Body = ApiBody;

function deviceKeyClaim(accessToken: string): unknown {
  return decodeJwt(accessToken).device_key;
}

/** Everything one lifecycle needs. */
export interface LifecycleContext {
  recorder: CallRecorder;
  pool: LoadPool;
  /** Device A keys by user index. */
  published: Published[];
}

class Lifecycle {
  readonly ledger: UserLedger;
  #recorder: CallRecorder;
  #pool: LoadPool;
  #name: string;

  constructor(context: LifecycleContext, user: LoadUser) {
    this.#recorder = context.recorder;
    this.#pool = context.pool;
    this.#name = user.username;
    this.ledger = {
      user,
      plan: planFor(user.index),
      devices: [],
      signedOut: false,
      completed: false,
    };
  }

  call(label: string, input: unknown, expect: Parameters<CallRecorder["call"]>[4] = "ok") {
    const operation = label.split(" ")[0]!;
    return this.#recorder.call(this.#name, label, operation, input, expect);
  }

  wrong(label: string, detail: string): never {
    return this.#recorder.wrongAnswer(this.#name, label, detail);
  }

  /** The tokens of a final answer, checked for the device key the client expects. */
  tokens(answer: Body, label: string, deviceKey: string | undefined): Body {
    const result = answer.AuthenticationResult;
    if (typeof result?.AccessToken !== "string") return this.wrong(label, "no tokens");
    const metadata = result.NewDeviceMetadata;
    if (deviceKey === undefined) {
      if (typeof metadata?.DeviceKey !== "string") return this.wrong(label, "no NewDeviceMetadata");
      if (deviceKeyClaim(result.AccessToken) !== metadata.DeviceKey) {
        return this.wrong(label, "device_key claim is not the new device");
      }
    } else {
      if (metadata !== undefined) return this.wrong(label, "NewDeviceMetadata for a known device");
      if (deviceKeyClaim(result.AccessToken) !== deviceKey) {
        return this.wrong(label, "device_key claim is not the device signed in with");
      }
    }
    return result;
  }

  /** A sign-in without a key that gets a new device; returns the tokens. */
  async newDevice(): Promise<Body> {
    const answer = await passwordSignIn(this.#recorder, this.#pool, this.ledger.user);
    const result = this.tokens(answer, "RespondToAuthChallenge PASSWORD_VERIFIER", undefined);
    const metadata = result.NewDeviceMetadata;
    if (this.ledger.devices.some((device) => device.deviceKey === metadata.DeviceKey)) {
      this.wrong("RespondToAuthChallenge PASSWORD_VERIFIER", "a device key issued twice");
    }
    this.ledger.deviceGroupKey ??= metadata.DeviceGroupKey;
    if (metadata.DeviceGroupKey !== this.ledger.deviceGroupKey) {
      this.wrong("RespondToAuthChallenge PASSWORD_VERIFIER", "another device group key");
    }
    this.ledger.devices.push({
      deviceKey: metadata.DeviceKey,
      status: "unconfirmed",
      forgotten: false,
    });
    return result;
  }

  /** ConfirmDevice then UpdateDeviceStatus; returns what the client keeps. */
  async confirm(
    accessToken: string,
    entry: DeviceEntry,
    name: string,
    remember: boolean,
    race = false,
  ) {
    const group = this.ledger.deviceGroupKey!;
    const secrets = Array.from(
      { length: race ? 2 : 1 },
      () => createDeviceVerifier(group, entry.deviceKey),
    );
    const answers = await Promise.all(
      secrets.map((secret) =>
        this.#recorder.attempt(this.#name, "ConfirmDevice", "ConfirmDevice", {
          AccessToken: accessToken,
          DeviceKey: entry.deviceKey,
          DeviceName: name,
          DeviceSecretVerifierConfig: {
            PasswordVerifier: secret.PasswordVerifier,
            Salt: secret.Salt,
          },
        }, race ? ["ok", "DeviceKeyExists"] : ["ok"])
      ),
    );
    const won = answers.findIndex((answer) => answer.outcome === "ok");
    if (answers.filter((answer) => answer.outcome === "ok").length !== 1) {
      this.wrong("ConfirmDevice", `${answers.length} calls at once, none or both confirmed`);
    }
    const secret = secrets[won]!;
    const confirmed = answers[won]!.body;
    if (confirmed.UserConfirmationNecessary !== true) {
      this.wrong("ConfirmDevice", "UserConfirmationNecessary is not true in an opt-in pool");
    }
    entry.name = name;
    entry.status = "not_remembered";
    const status = remember ? "remembered" : "not_remembered";
    await this.call("UpdateDeviceStatus", {
      AccessToken: accessToken,
      DeviceKey: entry.deviceKey,
      DeviceRememberedStatus: status,
    });
    entry.status = status;
    const device: ClientDevice = {
      deviceKey: entry.deviceKey,
      deviceGroupKey: group,
      devicePassword: secret.DevicePassword,
    };
    return device;
  }

  /**
   * A sign-in with device A's key: device SRP when it is remembered, tokens
   * straight after the password when it is not (§6.7, §6.10).
   */
  async signInWithDevice(device: ClientDevice, remembered: boolean): Promise<Body> {
    const { user } = this.ledger;
    const verified = await passwordSignIn(this.#recorder, this.#pool, user, device.deviceKey);
    return remembered
      ? this.tokens(
        await deviceSignIn(this.#recorder, this.#pool, user, device, verified),
        "RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER",
        device.deviceKey,
      )
      : this.tokens(verified, "RespondToAuthChallenge PASSWORD_VERIFIER", device.deviceKey);
  }

  refresh(token: string, deviceKey: string | undefined, expect: Parameters<Lifecycle["call"]>[2]) {
    return this.call("InitiateAuth REFRESH_TOKEN_AUTH", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: this.#pool.clientId,
      AuthParameters: {
        REFRESH_TOKEN: token,
        ...(deviceKey === undefined ? {} : { DEVICE_KEY: deviceKey }),
      },
    }, expect);
  }

  /** ListDevices must show exactly the remembered, not forgotten devices. */
  async listDevices(accessToken: string): Promise<void> {
    const listed = await this.call("ListDevices", { AccessToken: accessToken });
    const keys = (listed.Devices as Body[] ?? []).map((device) => device.DeviceKey).sort();
    const expected = this.ledger.devices
      .filter((device) => !device.forgotten && device.status === "remembered")
      .map((device) => device.deviceKey).sort();
    if (JSON.stringify(keys) !== JSON.stringify(expected)) {
      this.wrong("ListDevices", `listed ${keys.length} devices, expected ${expected.length}`);
    }
  }

  async run(context: LifecycleContext): Promise<void> {
    const { plan, user } = this.ledger;
    const mine = context.published[user.index]!;
    let first: Body;
    let firstDevice: ClientDevice;
    try {
      first = await this.newDevice();
      firstDevice = await this.confirm(
        first.AccessToken,
        this.ledger.devices[0]!,
        `${user.username}-a`,
        plan.rememberFirst,
      );
    } finally {
      mine.resolve(
        this.ledger.devices[0]?.status === "unconfirmed"
          ? undefined
          : this.ledger.devices[0]?.deviceKey,
      );
    }
    const keyA = firstDevice.deviceKey;
    this.ledger.refresh = { token: first.RefreshToken, deviceKey: keyA };
    this.tokens(await this.refresh(first.RefreshToken, keyA, "ok"), "REFRESH_TOKEN_AUTH", keyA);

    const access: string =
      (await this.signInWithDevice(firstDevice, plan.rememberFirst)).AccessToken;

    const third = await this.newDevice();
    const entryB = this.ledger.devices[1]!;
    const secondDevice = await this.confirm(
      third.AccessToken,
      entryB,
      `${user.username}-b`,
      true,
      plan.race,
    );
    // After a confirmation race, the stored verifier must be the winner's.
    if (plan.race) await this.signInWithDevice(secondDevice, true);
    await this.listDevices(access);

    if (plan.leaveUnconfirmed) {
      const fourth = await this.newDevice();
      await this.refresh(
        fourth.RefreshToken,
        this.ledger.devices[2]!.deviceKey,
        "InvalidRefreshToken",
      );
    }

    await this.crossUser(context, access, first.RefreshToken);

    if (plan.forgetSecond) {
      const forget = { AccessToken: access, DeviceKey: entryB.deviceKey };
      const outcomes = await Promise.all(
        Array.from(
          { length: plan.race ? 2 : 1 },
          () =>
            this.#recorder.attempt(this.#name, "ForgetDevice", "ForgetDevice", forget, [
              "ok",
              ...(plan.race ? ["DeviceDoesNotExist" as const] : []),
            ]),
        ),
      );
      if (outcomes.filter((answer) => answer.outcome === "ok").length !== 1) {
        this.wrong("ForgetDevice", `${outcomes.length} calls at once, none or both forgot`);
      }
      entryB.forgotten = true;
      await this.refresh(third.RefreshToken, entryB.deviceKey, "InvalidRefreshToken");
      await this.call(
        "GetDevice",
        { AccessToken: access, DeviceKey: entryB.deviceKey },
        "DeviceDoesNotExist",
      );
      await this.listDevices(access);
    }

    if (plan.signOut) {
      // Signed out with the tokens of a sign-in that has only just completed: they
      // must be revoked with all the others (§5.3).
      const fresh = await this.signInWithDevice(firstDevice, plan.rememberFirst);
      await this.call("GlobalSignOut", { AccessToken: fresh.AccessToken });
      this.ledger.signedOut = true;
      await this.call("ListDevices", { AccessToken: fresh.AccessToken }, "AccessTokenRevoked");
      await this.refresh(fresh.RefreshToken, keyA, "RefreshTokenRevoked");
      await this.refresh(first.RefreshToken, keyA, "RefreshTokenRevoked");
      await this.call("ListDevices", { AccessToken: access }, "AccessTokenRevoked");
    }
    this.ledger.completed = true;
  }

  /** The previous user's device A, used with this user's credentials: always refused. */
  async crossUser(context: LifecycleContext, access: string, refreshToken: string) {
    const { index } = this.ledger.user;
    const count = context.published.length;
    const peer = (index + count - 1) % count;
    if (peer === index) return;
    const peerKey = await context.published[peer]!.promise;
    if (peerKey === undefined) return; // the peer failed early; its failure is recorded
    const probe = { AccessToken: access, DeviceKey: peerKey };
    await this.call("GetDevice", probe, "DeviceDoesNotExist");
    await this.call(
      "UpdateDeviceStatus",
      { ...probe, DeviceRememberedStatus: "not_remembered" },
      "DeviceDoesNotExist",
    );
    await this.call("ForgetDevice", probe, "DeviceDoesNotExist");
    const secret = createDeviceVerifier(this.ledger.deviceGroupKey!, peerKey);
    await this.call("ConfirmDevice", {
      ...probe,
      DeviceSecretVerifierConfig: { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt },
    }, "InvalidDeviceKey");
    await this.refresh(refreshToken, peerKey, "InvalidRefreshToken");
    await passwordSignIn(
      this.#recorder,
      this.#pool,
      this.ledger.user,
      peerKey,
      "DeviceDoesNotExist",
    );
  }
}

/**
 * Runs one user's lifecycle; never throws for a wrong answer (it is in the
 * recorder's tally), so the ledger says how far it got.
 */
export async function runLifecycle(context: LifecycleContext, user: LoadUser): Promise<UserLedger> {
  const lifecycle = new Lifecycle(context, user);
  try {
    await lifecycle.run(context);
  } catch (error) {
    if (!(error instanceof Error && error.name === "LoadStepError")) {
      context.recorder.tally.unexpected.push({
        label: "lifecycle",
        user: user.username,
        status: 0,
        type: "client",
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
  return lifecycle.ledger;
}
