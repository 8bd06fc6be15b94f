/**
 * Each user's SRP salt and verifier (§7.4 server side), derived from the
 * stored password once and cached until the password changes: the cache is
 * keyed by the user and checks the identity of the password `Secret`, which
 * every password change replaces.
 *
 * @module
 */

import type { MockServices } from "../context.ts";
import type { Secret } from "../state/secret.ts";
import type { User, UserPool } from "../state/types.ts";
import { srpEngine } from "./_srp.ts";

/** A verifier and the `SALT` hex that goes with it. */
export interface StoredVerifier {
  readonly verifier: bigint;
  readonly saltHex: string;
}

interface CacheEntry extends StoredVerifier {
  readonly password: Secret;
  readonly poolId: string;
}

const cache = new WeakMap<User, CacheEntry>();

/**
 * The user's verifier `v = g^x mod N` over a 16-byte random salt, with the
 * pool name and the internal username (§7.4). A user without a password gets
 * a decoy that no claim can match.
 */
export async function passwordVerifierOf(
  services: MockServices,
  pool: UserPool,
  user: User,
): Promise<StoredVerifier> {
  const password = user.password;
  if (password === undefined) return decoyVerifier(services);
  const cached = cache.get(user);
  if (cached !== undefined && cached.password === password && cached.poolId === pool.id) {
    return cached;
  }
  const { createPasswordVerifier, poolNameOf } = await srpEngine();
  const made = createPasswordVerifier(
    { poolName: poolNameOf(pool.id), userId: user.username, password: password.reveal() },
    { random: services.ids.bytes, ...services.srpOptions },
  );
  const entry: CacheEntry = {
    password,
    poolId: pool.id,
    verifier: made.verifier,
    saltHex: made.saltHex,
  };
  cache.set(user, entry);
  return entry;
}

/**
 * A random verifier and salt, for challenges that must look real but can
 * never be answered (an unknown user with PreventUserExistenceErrors, a user
 * without a password). No exponentiation: any residue serves.
 */
export async function decoyVerifier(services: MockServices): Promise<StoredVerifier> {
  const { SRP_N, bytesToBigInt } = await srpEngine();
  const verifier = bytesToBigInt(services.ids.bytes(384)) % SRP_N;
  const salt = bytesToBigInt(services.ids.bytes(16));
  return { verifier: verifier === 0n ? 1n : verifier, saltHex: salt.toString(16) };
}
