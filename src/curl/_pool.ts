/**
 * `--with-pool`: the `pool`, `client` and `users` blocks the embedded mock
 * needs to run the converted calls (docs/curl-format.md): device tracking when
 * the calls use devices, the auth flows they use, a client secret when they
 * send SECRET_HASH, a user per distinct username with its password.
 *
 * @module
 */

import { literalMember } from "./_captures.ts";
import type { CurlCall, Ref } from "./_model.ts";
import type { BodyTree, HoleString } from "./json_body.ts";
import type { FoundUser } from "./_users.ts";
import { varNameOf, type Vars } from "./_vars.ts";
import { isPlaceholder } from "./_walk.ts";

const DEVICE_OPERATIONS = new Set([
  "ConfirmDevice",
  "UpdateDeviceStatus",
  "GetDevice",
  "ListDevices",
  "ForgetDevice",
  "AdminGetDevice",
  "AdminListDevices",
  "AdminUpdateDeviceStatus",
  "AdminForgetDevice",
]);

const FLOWS: Record<string, string> = {
  USER_PASSWORD_AUTH: "ALLOW_USER_PASSWORD_AUTH",
  USER_SRP_AUTH: "ALLOW_USER_SRP_AUTH",
  ADMIN_USER_PASSWORD_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  ADMIN_NO_SRP_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  CUSTOM_AUTH: "ALLOW_CUSTOM_AUTH",
};

/** The `pool` block: device tracking when any call uses a device. */
export function poolBlock(calls: readonly CurlCall[]): Record<string, unknown> | undefined {
  const devices = calls.some((call) =>
    DEVICE_OPERATIONS.has(call.operation ?? "") ||
    JSON.stringify(call.body ?? {}).includes('"DEVICE_KEY"') ||
    JSON.stringify(call.expect.sample ?? {}).includes("NewDeviceMetadata")
  );
  if (!devices) return undefined;
  // "Remembered on user prompt" when the script says the device needs confirming,
  // or remembers it with UpdateDeviceStatus and says nothing else; else "always".
  const confirmations = calls
    .filter((call) => call.operation === "ConfirmDevice")
    .map((call) =>
      (call.expect.sample as { UserConfirmationNecessary?: unknown } | undefined)
        ?.UserConfirmationNecessary
    );
  const prompted = confirmations.includes(true) ||
    (!confirmations.includes(false) &&
      calls.some((call) => call.operation === "UpdateDeviceStatus"));
  return {
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: prompted,
    },
  };
}

/** The `client` block: the flows the calls use, and a secret if they need one. */
export function clientBlock(
  calls: readonly CurlCall[],
  secret: boolean,
): Record<string, unknown> {
  const flows = new Set<string>();
  for (const call of calls) {
    const flow = FLOWS[literalMember(call.body, "AuthFlow") ?? ""];
    if (flow !== undefined) flows.add(flow);
  }
  flows.add("ALLOW_REFRESH_TOKEN_AUTH");
  return { ExplicitAuthFlows: [...flows], ...(secret ? { GenerateSecret: true } : {}) };
}

/** The `users` block; passwords that are not constants become vars. */
export function usersBlock(users: readonly FoundUser[], vars: Vars): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const user of users) {
    const entry: Record<string, unknown> = { password: passwordOf(user, vars, users.length) };
    if (user.username !== undefined && user.username !== user.name) entry.username = user.username;
    out[user.name] = entry;
  }
  return out;
}

function passwordOf(user: FoundUser, vars: Vars, count: number): string {
  const value: BodyTree<Ref> | undefined = user.password;
  if (typeof value === "string" && isPlaceholder(value)) {
    return `\${${
      vars.declare(
        varNameOf(value),
        value,
        `placeholder ${value} (line ${user.line}): set it with --var ${varNameOf(value)}=…`,
        true,
      )
    }}`;
  }
  if (typeof value === "string") return value.replace(/\$\{/g, () => "$${");
  const hole = value !== null && typeof value === "object" && "pieces" in value
    ? value as HoleString<Ref>
    : undefined;
  const piece = hole?.pieces.length === 1 ? hole.pieces[0] : undefined;
  if (piece !== undefined && typeof piece !== "string") {
    const source = piece.source;
    if (source.kind === "shell") {
      const comment = source.default !== undefined
        ? `$${source.name} of the script (line ${source.position.line})`
        : `$${source.name} is not set by the script: set it with --var ${source.name}=…`;
      return `\${${vars.declare(source.name, source.default ?? "", comment, true)}}`;
    }
    if (source.kind === "placeholder") {
      const name = varNameOf(source.text);
      return `\${${
        vars.declare(
          name,
          source.text,
          `placeholder ${source.text} (line ${source.position.line}): set it with --var ${name}=…`,
          true,
        )
      }}`;
    }
  }
  const name = count === 1 ? "password" : `${user.name}Password`;
  return `\${${
    vars.declare(
      name,
      "",
      `${user.name}'s password (not in the script): set it with --var ${name}=…`,
      true,
    )
  }}`;
}
