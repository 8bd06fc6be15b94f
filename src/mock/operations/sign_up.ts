/**
 * SignUp: an UNCONFIRMED user with a password that meets the policy. A
 * 6-digit confirmation code is recorded (readable through
 * `GET /_mock/codes`); when the pool auto-verifies the email or phone the
 * user gave, the answer carries `CodeDeliveryDetails` with a masked
 * destination.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationDefinition } from "../context.ts";
import { type AttributeInput, attributeMap } from "../state/attributes.ts";
import { assertPasswordMeetsPolicy } from "../state/password_policy.ts";
import type { StoredPool } from "../state/store.ts";
import type { User } from "../state/types.ts";
import { publicCaller } from "./_client.ts";
import { createUser, maskDestination } from "./_user.ts";

const CODE_VALIDITY_MS = 24 * 3600 * 1000;

/** Where a pool would deliver a user's code: the first auto-verified attribute the user has. */
export function deliveryAttribute(
  pool: StoredPool,
  user: User,
): "email" | "phone_number" | undefined {
  for (const name of pool.config.AutoVerifiedAttributes ?? []) {
    if ((name === "email" || name === "phone_number") && user.attributes.has(name)) return name;
  }
  return undefined;
}

/** The SignUp operation. */
export const operation: OperationDefinition = {
  name: "SignUp",
  handle: async (input, context) => {
    const { pool, username } = await publicCaller(context, input);
    if (pool.config.AdminCreateUserConfig.AllowAdminCreateUserOnly) {
      throw cognitoError("SignUpNotPermitted");
    }
    const password = input.Password as string | undefined;
    if (password === undefined) throw cognitoError("MissingAuthParameter", { name: "PASSWORD" });
    const attributes = attributeMap(
      pool.config,
      input.UserAttributes as AttributeInput[] | undefined,
    );
    assertPasswordMeetsPolicy(pool.config.Policies.PasswordPolicy, password);
    const user = createUser(context, pool, {
      username,
      attributes,
      password,
      status: "UNCONFIRMED",
      via: "SignUp",
    });
    const now = context.clock.now(pool.id);
    const attribute = deliveryAttribute(pool, user);
    const destination = attribute === undefined ? undefined : user.attributes.get(attribute);
    pool.codes.push({
      username: user.username,
      kind: "SIGN_UP",
      code: context.ids.digits(6),
      ...(attribute === undefined ? {} : { attribute }),
      ...(destination === undefined ? {} : { destination }),
      issuedAt: now,
      expiresAt: now + CODE_VALIDITY_MS,
      used: false,
    });
    return {
      UserConfirmed: false,
      ...(attribute === undefined || destination === undefined ? {} : {
        CodeDeliveryDetails: {
          Destination: maskDestination(destination),
          DeliveryMedium: attribute === "email" ? "EMAIL" : "SMS",
          AttributeName: attribute,
        },
      }),
      UserSub: user.sub,
    };
  },
};
