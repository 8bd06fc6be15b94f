/**
 * The shared body of InitiateAuth / AdminInitiateAuth and
 * RespondToAuthChallenge / AdminRespondToAuthChallenge: find the client (in
 * the named pool, for the Admin variants), check the flow is allowed for the
 * operation and enabled on the client, then hand over to the flow or
 * challenge registry.
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import { answerChallenge } from "../auth/challenges.ts";
import { assertFlowEnabled } from "../auth/client_auth.ts";
import { ADMIN_ONLY_FLOWS, PUBLIC_ONLY_FLOWS, startFlow } from "../auth/flows.ts";
import type { JsonObject, OperationContext } from "../context.ts";

function clientOf(context: OperationContext, input: JsonObject, admin: boolean) {
  return context.store.client(
    input.ClientId as string,
    admin ? input.UserPoolId as string : undefined,
  );
}

/** InitiateAuth (`admin` false) and AdminInitiateAuth (`admin` true). */
export async function initiateAuth(
  context: OperationContext,
  input: JsonObject,
  admin: boolean,
): Promise<JsonObject> {
  const { pool, client } = clientOf(context, input, admin);
  const flow = input.AuthFlow as string;
  if ((admin ? PUBLIC_ONLY_FLOWS : ADMIN_ONLY_FLOWS).has(flow)) {
    throw cognitoError("InitiateAuthMethodNotSupported");
  }
  assertFlowEnabled(client, flow);
  const parameters = (input.AuthParameters ?? {}) as Record<string, string>;
  return { ...await startFlow({ context, pool, client, flow, parameters, admin }) };
}

/** RespondToAuthChallenge (`admin` false) and AdminRespondToAuthChallenge (`admin` true). */
export async function respondToAuthChallenge(
  context: OperationContext,
  input: JsonObject,
  admin: boolean,
): Promise<JsonObject> {
  const { pool, client } = clientOf(context, input, admin);
  return {
    ...await answerChallenge({
      context,
      pool,
      client,
      challengeName: input.ChallengeName as string,
      responses: (input.ChallengeResponses ?? {}) as Record<string, string>,
      session: input.Session as string | undefined,
      admin,
    }),
  };
}
