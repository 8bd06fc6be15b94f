/**
 * The template functions the runner implements on top of `src/srp/` (and
 * the JWT decoder of `src/assert/`): `srp.start`, `srp.passwordClaim`,
 * `srp.deviceVerifier`, `srp.deviceClaim`, `srp.timestamp`, `jwt.payload`,
 * `secretHash` and `totp`. One registry per scenario run:
 * the SRP client ephemerals and the device passwords live in its closures,
 * so scenarios never see them and never share them.
 *
 * @module
 */

import {
  type ClientEphemeral,
  createClientEphemeral,
  createDeviceVerifier,
  deviceClaim,
  formatTimestamp,
  passwordClaim,
  type RandomSource,
  secretHash,
  totp,
} from "../srp/mod.ts";
import { decodeJwt } from "../assert/mod.ts";
import { builtinFunctions, type FunctionRegistry } from "../template/mod.ts";
import {
  challengeValues,
  claimOptions,
  optionalString,
  requireMember,
  requireRecord,
  requireString,
  srp,
} from "./_function_args.ts";

/** What the functions read from the scenario they run in. */
export interface ScenarioFunctionScope {
  /** The user pool id (`pool.id`), signed into password claims. */
  poolId(): string | undefined;
  /** The app client id (`client.id`), for `secretHash`. */
  clientId(): string | undefined;
  /** The app client secret (`client.secret`), for `secretHash`. */
  clientSecret(): string | undefined;
}

/** Options of {@linkcode scenarioFunctions}. */
export interface ScenarioFunctionsOptions {
  /**
   * Told about every secret the functions create or remember, with a label:
   * SRP_A values, device passwords (the runner adds them to its
   * `SecretRegistry`). Results that their signature marks secret are also
   * reported by the renderer.
   * @default {undefined}
   */
  onSecret?: (value: string, label: string) => void;
  /**
   * Random bytes for SRP ephemerals and device secrets.
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
}

/**
 * The timestamp styles of `srp.timestamp`: the canonical one and deliberately
 * wrong ones. `padded-day` only differs from `canonical` on days 1–9 (on days
 * 10–31 it is the canonical form: a scenario sets the mock's clock to such a
 * day with `setClock` first); `wrong-weekday` is non-canonical on every day.
 * See {@linkcode styledTimestamp}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { styledTimestamp, TIMESTAMP_STYLES } from "./functions.ts";
 * const day = new Date("2026-11-04T09:08:07Z");
 * const written = TIMESTAMP_STYLES.map((style) => styledTimestamp(day, style));
 * assert.equal(written[0], "Wed Nov 4 09:08:07 UTC 2026");
 * assert.equal(new Set(written).size, TIMESTAMP_STYLES.length); // every style differs on the 4th
 * ```
 */
export const TIMESTAMP_STYLES = [
  "canonical",
  "padded-day",
  "wrong-weekday",
  "numeric-zone",
] as const;

/**
 * A function registry for one scenario run: the generic built-ins plus the
 * SRP, SECRET_HASH and TOTP functions, with fresh per-scenario state.
 *
 * - `srp.start([name])` draws a client ephemeral, remembers it under `name`
 *   (default `"user"`) and returns `SRP_A` (hex).
 * - `srp.passwordClaim(challengeParameters, password[, timestamp])` answers
 *   PASSWORD_VERIFIER with the `"user"` ephemeral and the pool id in scope:
 *   `{USERNAME: USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP,
 *   PASSWORD_CLAIM_SIGNATURE}`. TIMESTAMP is now unless given; a given one is
 *   signed and sent exactly as written (a zero-padded day included), which is
 *   how a scenario provokes the server's canonical-form check.
 * - `srp.deviceVerifier(newDeviceMetadata)` returns ConfirmDevice's
 *   `{PasswordVerifier, Salt}` and remembers the random device password (and
 *   group key) by `DeviceKey`.
 * - `srp.deviceClaim(challengeParameters, device[, timestamp])` answers
 *   DEVICE_PASSWORD_VERIFIER with the `"device"` ephemeral (else `"user"`)
 *   and the remembered device password: `{USERNAME, DEVICE_KEY,
 *   PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE}`;
 *   `device` is the saved `NewDeviceMetadata` or a device key.
 * - `srp.timestamp([style])`: see {@linkcode TIMESTAMP_STYLES}; `padded-day`
 *   is the canonical form on days 10–31, use `wrong-weekday` for a value
 *   that is non-canonical on any day.
 * - `jwt.payload(token)`: the decoded (unverified) claims of an ID or access
 *   token, shown in reports although the token is masked (claims are not
 *   credentials).
 * - `secretHash(username)` with the scenario's client id and secret.
 * - `totp(secretCode[, offsetSeconds])`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scenarioFunctions } from "./functions.ts";
 * const functions = scenarioFunctions({
 *   poolId: () => "us-east-1_AbCdEf123",
 *   clientId: () => "1example23456789",
 *   clientSecret: () => "clientsecret123",
 * });
 * const context = { now: () => Date.UTC(2026, 10, 4, 9, 5, 7), randomUUID: () => "", env: () => undefined };
 * assert.equal(
 *   functions.implementation("secretHash")?.(["alice"], context),
 *   "id3/IJlevsGIl7XeP8N2rmEcQeU/Ukw/V56fPyNQtmo=",
 * );
 * assert.equal(functions.implementation("srp.timestamp")?.(["padded-day"], context), "Wed Nov 04 09:05:07 UTC 2026");
 * assert.match(String(functions.implementation("srp.start")?.([], context)), /^[0-9a-f]+$/);
 * ```
 */
export function scenarioFunctions(
  scope: ScenarioFunctionScope,
  options: ScenarioFunctionsOptions = {},
): FunctionRegistry {
  const onSecret = options.onSecret ?? (() => {});
  const random = options.random === undefined ? {} : { random: options.random };
  const ephemerals = new Map<string, ClientEphemeral>();
  const devices = new Map<string, { password: string; groupKey: string }>();

  const ephemeral = (names: readonly string[], fn: string): ClientEphemeral => {
    for (const name of names) {
      const found = ephemerals.get(name);
      if (found !== undefined) return found;
    }
    throw new Error(
      `no SRP exchange was started: send SRP_A from \${srp.start(${
        names[0] === "user" ? "" : `'${names[0]}'`
      })} before calling ${fn}()`,
    );
  };

  return builtinFunctions()
    .register("srp.start", ([name]) => {
      const key = name === undefined ? "user" : requireString("srp.start", name, "name");
      const created = createClientEphemeral(random);
      ephemerals.set(key, created);
      onSecret(created.srpA, "SRP_A");
      return created.srpA;
    })
    .register("srp.passwordClaim", ([parameters, password, timestamp], context) => {
      const fn = "srp.passwordClaim";
      const challenge = challengeValues(fn, parameters);
      const userId = optionalString(challenge.raw.USER_ID_FOR_SRP) ??
        optionalString(challenge.raw.USERNAME);
      if (userId === undefined) {
        throw new TypeError(`${fn}(): challengeParameters has no USER_ID_FOR_SRP`);
      }
      const userPoolId = scope.poolId();
      if (userPoolId === undefined) throw new Error(`${fn}(): the scenario has no pool id`);
      const claim = srp(() =>
        passwordClaim({
          ephemeral: ephemeral(["user"], fn),
          userPoolId,
          userIdForSrp: userId,
          password: requireString(fn, password, "password"),
          srpB: challenge.srpB,
          salt: challenge.salt,
          secretBlock: challenge.secretBlock,
        }, claimOptions(fn, timestamp, context.now))
      );
      return {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.secretBlock,
        TIMESTAMP: claim.TIMESTAMP,
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
      };
    })
    .register("srp.deviceVerifier", ([metadata]) => {
      const fn = "srp.deviceVerifier";
      const record = requireRecord(fn, metadata, "newDeviceMetadata");
      const deviceKey = requireMember(fn, record, "DeviceKey", "newDeviceMetadata");
      const groupKey = requireMember(fn, record, "DeviceGroupKey", "newDeviceMetadata");
      const secret = srp(() => createDeviceVerifier(groupKey, deviceKey, random));
      devices.set(deviceKey, { password: secret.DevicePassword, groupKey });
      onSecret(secret.DevicePassword, "DevicePassword");
      return { PasswordVerifier: secret.PasswordVerifier, Salt: secret.Salt };
    })
    .register("srp.deviceClaim", ([parameters, device, timestamp], context) => {
      const fn = "srp.deviceClaim";
      const challenge = challengeValues(fn, parameters);
      const deviceRecord = typeof device === "string" ? { DeviceKey: device } : device;
      const record = requireRecord(fn, deviceRecord, "device");
      const deviceKey = requireMember(fn, record, "DeviceKey", "device");
      const remembered = devices.get(deviceKey);
      if (remembered === undefined) {
        throw new Error(
          `${fn}(): no device password is remembered for device "${deviceKey}" ` +
            `(call srp.deviceVerifier() for it in ConfirmDevice first)`,
        );
      }
      const username = optionalString(challenge.raw.USERNAME) ??
        optionalString(challenge.raw.USER_ID_FOR_SRP);
      if (username === undefined) {
        throw new TypeError(`${fn}(): challengeParameters has no USERNAME`);
      }
      const claim = srp(() =>
        deviceClaim({
          ephemeral: ephemeral(["device", "user"], fn),
          deviceGroupKey: optionalString(record.DeviceGroupKey) ?? remembered.groupKey,
          deviceKey,
          devicePassword: remembered.password,
          srpB: challenge.srpB,
          salt: challenge.salt,
          secretBlock: challenge.secretBlock,
        }, claimOptions(fn, timestamp, context.now))
      );
      return {
        USERNAME: username,
        DEVICE_KEY: deviceKey,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.secretBlock,
        TIMESTAMP: claim.TIMESTAMP,
        PASSWORD_CLAIM_SIGNATURE: claim.PASSWORD_CLAIM_SIGNATURE,
      };
    })
    .register("srp.timestamp", ([style], context) => {
      const name = style === undefined
        ? "canonical"
        : requireString("srp.timestamp", style, "style");
      return styledTimestamp(new Date(context.now()), name);
    })
    .register("jwt.payload", ([token]) => {
      const text = requireString("jwt.payload", token, "token");
      // decodeJwt's messages describe the shape and never quote the token.
      return decodeJwt(text).payload;
    })
    .register("secretHash", ([username]) => {
      const clientId = scope.clientId();
      const clientSecret = scope.clientSecret();
      if (clientId === undefined) throw new Error("secretHash(): the scenario has no client id");
      if (clientSecret === undefined) {
        throw new Error(
          "secretHash(): the scenario's client has no secret (set client.GenerateSecret: true, " +
            "or pass --client-secret for an existing client)",
        );
      }
      return secretHash({
        username: requireString("secretHash", username, "username"),
        clientId,
        clientSecret,
      });
    })
    .register("totp", ([secretCode, offsetSeconds], context) => {
      const offset = offsetSeconds ?? 0;
      if (typeof offset !== "number" || !Number.isFinite(offset)) {
        throw new TypeError("totp(): offsetSeconds must be a number");
      }
      const code = requireString("totp", secretCode, "secretCode");
      try {
        return totp(code, { now: () => new Date(context.now() + offset * 1000) });
      } catch {
        throw new TypeError("totp(): secretCode is not base32");
      }
    });
}

/**
 * The SRP TIMESTAMP of `date` in a style: `canonical` (`Wed Nov 4 09:05:07
 * UTC 2026`), `padded-day` (`Wed Nov 04 …`; on days 10–31 this is the
 * canonical form, so scenarios that must always send a parseable but
 * non-canonical value use `wrong-weekday`), `wrong-weekday` (the next day's
 * name) or `numeric-zone` (`+00:00` instead of `UTC`, which cannot be
 * parsed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { styledTimestamp } from "./functions.ts";
 * const date = new Date("2026-11-04T09:05:07Z");
 * assert.equal(styledTimestamp(date, "wrong-weekday"), "Thu Nov 4 09:05:07 UTC 2026");
 * assert.equal(styledTimestamp(date, "numeric-zone"), "Wed Nov 4 09:05:07 +00:00 2026");
 * assert.throws(() => styledTimestamp(date, "iso"), /not one of/);
 * ```
 */
export function styledTimestamp(date: Date, style: string): string {
  const canonical = formatTimestamp(date);
  const [weekday = "", month = "", day = "", ...rest] = canonical.split(" ");
  switch (style) {
    case "canonical":
      return canonical;
    case "padded-day":
      return [weekday, month, day.padStart(2, "0"), ...rest].join(" ");
    case "wrong-weekday": {
      const next = formatTimestamp(new Date(date.getTime() + 86_400_000)).split(" ")[0]!;
      return [next, month, day, ...rest].join(" ");
    }
    case "numeric-zone":
      return canonical.replace(" UTC ", " +00:00 ");
    default:
      throw new RangeError(
        `Cannot format TIMESTAMP: style "${style}" is not one of ${
          TIMESTAMP_STYLES.map((s) => `"${s}"`).join(", ")
        }`,
      );
  }
}
