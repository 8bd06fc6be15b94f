/**
 * AdminCreateUser: a user in FORCE_CHANGE_PASSWORD with the given (or a
 * generated) temporary password, the given attributes and a `sub` UUID; in
 * email/phone-as-username pools the username is a UUID. `MessageAction:
 * RESEND` resets the temporary password of an existing FORCE_CHANGE_PASSWORD
 * user. No message is sent (the mock has no mail); SUPPRESS is accepted.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { JsonObject, OperationDefinition } from "../context.ts";
import { type AttributeInput, attributeMap } from "../state/attributes.ts";
import { assertPasswordMeetsPolicy, generatePassword } from "../state/password_policy.ts";
import { Secret } from "../state/secret.ts";
import { requireUser } from "../state/store.ts";
import { createUser, userType } from "./_user.ts";

/** The AdminCreateUser operation. */
export const operation: OperationDefinition = {
  name: "AdminCreateUser",
  handle: (input: JsonObject, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const policy = pool.config.Policies.PasswordPolicy;
    const given = input.TemporaryPassword as string | undefined;
    if (given !== undefined) assertPasswordMeetsPolicy(policy, given);
    const password = given ?? generatePassword(policy, context.ids);
    if (input.MessageAction === "RESEND") {
      const user = requireUser(pool, input.Username as string);
      if (user.status !== "FORCE_CHANGE_PASSWORD") {
        throw cognitoError("ResendNotPossible", { username: user.username });
      }
      user.password = new Secret(password);
      user.temporaryPasswordSetAt = context.clock.now(pool.id);
      return { User: userType(user) };
    }
    const attributes = attributeMap(
      pool.config,
      input.UserAttributes as AttributeInput[] | undefined,
    );
    const user = createUser(context, pool, {
      username: input.Username as string,
      attributes,
      password,
      status: "FORCE_CHANGE_PASSWORD",
      via: "AdminCreateUser",
    });
    return { User: userType(user) };
  },
};
