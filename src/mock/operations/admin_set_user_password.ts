/**
 * AdminSetUserPassword: checks the pool's password policy; `Permanent: true`
 * confirms the user (CONFIRMED), otherwise the password is a new temporary
 * one (FORCE_CHANGE_PASSWORD, its validity restarting).
 *
 * @module
 */

import type { OperationDefinition } from "../context.ts";
import { assertPasswordMeetsPolicy } from "../state/password_policy.ts";
import { Secret } from "../state/secret.ts";
import { requireUser } from "../state/store.ts";

/** The AdminSetUserPassword operation. */
export const operation: OperationDefinition = {
  name: "AdminSetUserPassword",
  handle: (input, context) => {
    const pool = context.store.pool(input.UserPoolId as string);
    const user = requireUser(pool, input.Username as string);
    const password = input.Password as string;
    assertPasswordMeetsPolicy(pool.config.Policies.PasswordPolicy, password);
    const now = context.clock.now(pool.id);
    user.password = new Secret(password);
    if (input.Permanent === true) {
      user.status = "CONFIRMED";
      delete user.temporaryPasswordSetAt;
    } else {
      user.status = "FORCE_CHANGE_PASSWORD";
      user.temporaryPasswordSetAt = now;
    }
    user.lastModifiedAt = now;
    return {};
  },
};
