/**
 * What PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER answers share: reading
 * `SRP_A`, opening the echoed SECRET_BLOCK back to its challenge state, the
 * TIMESTAMP format and clock-skew checks, and the errors (§4.2, §4.4, §7.6):
 *
 * - an altered, foreign (another pool, client or mock) or replayed block:
 *   `NotAuthorizedException` "Incorrect username or password.";
 * - a block past its challenge's expiry: "Invalid session for the user,
 *   session is expired.";
 * - an unparseable TIMESTAMP: `InvalidParameterException` with the format
 *   text; one beyond the allowed skew: "Incorrect username or password.".
 *
 * @module
 */

import { cognitoError } from "../../cognito/errors.ts";
import type { OperationContext } from "../context.ts";
import { effectiveBehaviour } from "../state/behaviour.ts";
import type { ChallengeSession, UserPool } from "../state/types.ts";
import { srpEngine } from "./_srp.ts";
import type { ChallengeRequest } from "./challenges.ts";
import { requireParameter } from "./flows.ts";
import { openSecretBlock, sealSecretBlock, type SecretBlockState } from "./secret_block.ts";
import { type NewChallengeSession, openChallengeRecord } from "./sessions.ts";

/** A client's `SRP_A` as an integer, or `InvalidParameterException` (not hex, or 0 mod N). */
export async function readSrpA(hex: string): Promise<bigint> {
  const { parseSrpA, SrpInputError } = await srpEngine();
  try {
    return parseSrpA(hex);
  } catch (error) {
    if (error instanceof SrpInputError) throw cognitoError("SrpAInvalid");
    throw error;
  }
}

/** The SRP state every verifier challenge keeps: the client's `A`, the server's `b` and `B`. */
export interface VerifierState {
  readonly A: bigint;
  readonly b: bigint;
  readonly B: bigint;
}

/** A PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER challenge to open. */
export interface VerifierChallenge<S> extends Omit<NewChallengeSession, "payload"> {
  /** The stored verifier the server ephemeral is made for. */
  readonly verifier: bigint;
  /** The client's `SRP_A`, parsed. */
  readonly A: bigint;
  /** What else the challenge must remember, kept next to `A`, `b` and `B`. */
  readonly state: S;
  /** More payload of the challenge session (e.g. the sign-in's progress). */
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** An opened verifier challenge: the values its ChallengeParameters carry. */
export interface OpenedVerifierChallenge {
  readonly session: string;
  readonly secretBlock: string;
  readonly srpB: string;
}

/**
 * Makes the server ephemeral for `verifier` (with the mock's SRP backend),
 * keeps `{A, b, B, ...state}` in a new challenge session and seals the
 * SECRET_BLOCK that names it.
 */
export async function openVerifierChallenge<S extends object>(
  context: OperationContext,
  challenge: VerifierChallenge<S>,
): Promise<OpenedVerifierChallenge> {
  const { createServerEphemeral } = await srpEngine();
  const ephemeral = createServerEphemeral(challenge.verifier, {
    random: context.ids.bytes,
    ...context.srpOptions,
  });
  const srp = { ...challenge.state, A: challenge.A, b: ephemeral.b, B: ephemeral.B };
  const record = openChallengeRecord(context, {
    pool: challenge.pool,
    client: challenge.client,
    user: challenge.user,
    challengeName: challenge.challengeName,
    admin: challenge.admin,
    payload: { ...challenge.payload, srp },
  });
  const secretBlock = await sealSecretBlock(context, {
    poolId: challenge.pool.id,
    clientId: challenge.client.id,
    userSub: record.userSub,
    challenge: challenge.challengeName,
    session: record.session,
    expiresAt: record.expiresAt,
  });
  return { session: record.session, secretBlock, srpB: ephemeral.srpB };
}

/** An opened SECRET_BLOCK and the challenge session it names. */
export interface OpenedClaim {
  readonly state: SecretBlockState;
  readonly record: ChallengeSession;
}

/**
 * Opens `PASSWORD_CLAIM_SECRET_BLOCK` of an answer to `challengeName`. With
 * `sessionMustMatch`, a `Session` sent along must be the block's session
 * ("Invalid session for the user." otherwise); an absent one is fine, the
 * block binds the state (§11.5).
 */
export async function openClaim(
  request: ChallengeRequest,
  challengeName: string,
  sessionMustMatch: boolean,
): Promise<OpenedClaim> {
  const { context, pool, client } = request;
  const block = requireParameter(request.responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const state = await openSecretBlock(context, block);
  if (
    state === undefined || state.poolId !== pool.id || state.clientId !== client.id ||
    state.challenge !== challengeName
  ) {
    throw cognitoError("IncorrectCredentials");
  }
  if (sessionMustMatch && request.session !== undefined && request.session !== state.session) {
    throw cognitoError("SessionInvalid");
  }
  if (context.clock.now(pool.id) >= state.expiresAt) {
    pool.sessions.delete(state.session);
    throw cognitoError("SessionExpired");
  }
  const record = pool.sessions.get(state.session);
  if (
    record === undefined || record.challengeName !== challengeName ||
    record.admin !== request.admin || record.userSub !== state.userSub
  ) {
    throw cognitoError("IncorrectCredentials");
  }
  return { state, record };
}

/**
 * Checks a TIMESTAMP: parseable (else the format error) and within the
 * pool's allowed skew of the mock's clock (else "Incorrect username or
 * password.").
 */
export async function checkTimestamp(
  context: OperationContext,
  pool: UserPool,
  timestamp: string,
): Promise<void> {
  const { isTimestampFresh, parseTimestamp, TimestampFormatError } = await srpEngine();
  let instant: Date;
  try {
    instant = parseTimestamp(timestamp).instant;
  } catch (error) {
    if (error instanceof TimestampFormatError) throw cognitoError("TimestampFormat");
    throw error;
  }
  const now = context.clock.now(pool.id);
  const maxSkewMs = effectiveBehaviour(context.behaviour, pool).timestampSkewSeconds * 1000;
  if (!isTimestampFresh(instant, { now: () => new Date(now), maxSkewMs })) {
    throw cognitoError("IncorrectCredentials");
  }
}

/** The claim fields every verifier answer carries. */
export interface ClaimFields {
  readonly secretBlock: string;
  readonly signature: string;
  readonly timestamp: string;
}

/** Reads the claim fields (each required). */
export function claimFields(responses: Readonly<Record<string, string>>): ClaimFields {
  return {
    secretBlock: requireParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK"),
    signature: requireParameter(responses, "PASSWORD_CLAIM_SIGNATURE"),
    timestamp: requireParameter(responses, "TIMESTAMP"),
  };
}

/** Runs an engine check; malformed inputs it rejects count as a wrong claim. */
export async function claimHolds(check: () => boolean): Promise<boolean> {
  const { SrpInputError } = await srpEngine();
  try {
    return check();
  } catch (error) {
    if (error instanceof SrpInputError) return false;
    throw error;
  }
}
