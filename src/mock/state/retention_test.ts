import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";
import { RECORD_RETENTION_MS, storeSignIn } from "./retention.ts";
import { MIN_INSERTS_PER_SWEEP } from "./sweep.ts";
import type { StoredPool } from "./store.ts";

/** Records `count` synthetic sign-ins whose refresh tokens expire at `expiresAt`. */
function signIns(pool: StoredPool, count: number, now: number, expiresAt: number, tag: string) {
  for (let i = 0; i < count; i++) {
    const jti = `${tag}-${i}`;
    storeSignIn(pool, {
      origin: {
        originJti: jti,
        clientId: "c",
        userSub: "s",
        authTime: 0,
        eventId: jti,
        createdAt: now,
        revoked: false,
      },
      refresh: {
        token: `token-${jti}`,
        clientId: "c",
        userSub: "s",
        originJti: jti,
        issuedAt: now,
        expiresAt,
        revoked: false,
      },
    }, now);
  }
}

Deno.test("retention: an expired refresh token says so for a day, then its records go at the next sweep", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, {
    RefreshTokenValidity: 60,
    TokenValidityUnits: { RefreshToken: "minutes" },
  });
  await mock.user(setup.poolId, "alice");
  const { RefreshToken, AccessToken } = await mock.signIn(setup, "alice");
  const refresh = () =>
    mock.fails("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: setup.clientId,
      AuthParameters: { REFRESH_TOKEN: RefreshToken },
    });
  const pool = mock.handler.services.store.pool(setup.poolId);
  mock.tick(61 * 60);
  assert.equal((await refresh()).message, "Refresh Token has expired");
  // Within the day after expiry, sweeps keep it.
  signIns(pool, MIN_INSERTS_PER_SWEEP + 1, mock.now, mock.now + 3_600_000, "early");
  assert.equal((await refresh()).message, "Refresh Token has expired");
  mock.tick(RECORD_RETENTION_MS / 1000);
  signIns(pool, MIN_INSERTS_PER_SWEEP + 1, mock.now, mock.now + 3_600_000, "late");
  assert.equal((await refresh()).message, "Invalid Refresh Token.");
  const gone = await mock.fails("GetUser", { AccessToken });
  assert.equal(gone.message, "Access Token has expired"); // expired long before its record went
  assert.equal(pool.refreshTokens.has(RefreshToken), false);
});

Deno.test("retention: a long-running pool stays bounded; live records are never dropped", async () => {
  const mock = new TestMock();
  const setup = await mock.provision();
  const pool = mock.handler.services.store.pool(setup.poolId);
  const perDay = 1000;
  let now = mock.now;
  for (let day = 0; day < 10; day++) {
    signIns(pool, perDay, now, now + 3_600_000, `day${day}`);
    now += RECORD_RETENTION_MS + 3_600_000;
  }
  // At most what lived when the last sweep ran plus the inserts since: about two days' worth.
  assert.ok(
    pool.refreshTokens.size <= 2 * perDay + MIN_INSERTS_PER_SWEEP,
    `${pool.refreshTokens.size}`,
  );
  assert.ok(pool.origins.size <= pool.refreshTokens.size);
  for (let i = 0; i < perDay; i++) {
    assert.ok(pool.refreshTokens.has(`token-day9-${i}`));
    assert.ok(pool.origins.has(`day9-${i}`));
  }
});
