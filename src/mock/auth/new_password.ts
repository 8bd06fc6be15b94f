/**
 * Answering NEW_PASSWORD_REQUIRED (§4.5): `USERNAME`, `NEW_PASSWORD`,
 * `SECRET_HASH` (over that USERNAME) and `userAttributes.<name>` for the
 * required attributes the user lacks, with the challenge's `Session`.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { attributeMap } from "../state/attributes.ts";
import { assertPasswordMeetsPolicy } from "../state/password_policy.ts";
import { Secret } from "../state/secret.ts";
import { lookupUser } from "../state/store.ts";
import { assertNoAliasConflict } from "../state/users.ts";
import type { ChallengeRequest } from "./challenges.ts";
import { assertSecretHash } from "./client_auth.ts";
import { requireParameter } from "./flows.ts";
import { findChallengeSession, useChallengeSession } from "./sessions.ts";
import { afterFirstFactor, type AuthStep, signInOf, storedProgress } from "./sign_in.ts";

const PREFIX = "userAttributes.";

/** Sets the new password (and attributes), confirms the user and continues the sign-in. */
export async function answerNewPasswordRequired(request: ChallengeRequest): Promise<AuthStep> {
  const { context, pool, client, responses } = request;
  const session = findChallengeSession(context, {
    pool,
    client,
    session: request.session,
    challengeName: "NEW_PASSWORD_REQUIRED",
    admin: request.admin,
  });
  const username = requireParameter(responses, "USERNAME");
  const password = requireParameter(responses, "NEW_PASSWORD");
  await assertSecretHash(client, username, responses.SECRET_HASH);
  const user = lookupUser(pool, username);
  if (user === undefined || user.sub !== session.userSub) throw cognitoError("SessionInvalid");
  return useChallengeSession(pool, session, "SessionInvalid", () => {
    const attributes = attributeMap(
      pool.config,
      Object.entries(responses)
        .filter(([name]) => name.startsWith(PREFIX))
        .map(([name, value]) => ({ Name: name.slice(PREFIX.length), Value: value })),
    );
    for (const attribute of pool.config.SchemaAttributes) {
      if (
        attribute.Required && !user.attributes.has(attribute.Name) &&
        !attributes.has(attribute.Name)
      ) {
        throw cognitoError("RequiredAttributeMissing", { attribute: attribute.Name });
      }
    }
    assertPasswordMeetsPolicy(pool.config.Policies.PasswordPolicy, password);
    assertNoAliasConflict(
      pool.users,
      pool.config,
      new Map([...user.attributes, ...attributes]),
      user,
    );
    for (const [name, value] of attributes) user.attributes.set(name, value);
    user.password = new Secret(password);
    user.status = "CONFIRMED";
    delete user.temporaryPasswordSetAt;
    user.lastModifiedAt = context.clock.now(pool.id);
    return afterFirstFactor(
      signInOf(request, user, { deviceKey: storedProgress(session.payload).deviceKey }),
    );
  });
}
