import assert from "node:assert/strict";
import { MockClock } from "./clock.ts";
import { idGenerator, seededRandom } from "./random.ts";
import { resolveUser, Users } from "./users.ts";
import type { User } from "./types.ts";

function user(username: string, sub: string, attributes: Record<string, string> = {}): User {
  return {
    username,
    sub,
    attributes: new Map([["sub", sub], ...Object.entries(attributes)]),
    password: undefined,
    status: "CONFIRMED",
    enabled: true,
    createdAt: 0,
    lastModifiedAt: 0,
    mfa: { enabled: [] },
    devices: new Map(),
  };
}

Deno.test("state: usernames are case-sensitive unless the pool says otherwise", () => {
  const sensitive = new Users(true);
  sensitive.add(user("Alice", "s-1"));
  assert.equal(sensitive.byUsername("alice"), undefined);
  const insensitive = new Users(false);
  insensitive.add(user("Alice", "s-1"));
  assert.equal(insensitive.byUsername("ALICE")?.sub, "s-1");
  insensitive.remove(insensitive.bySub("s-1")!);
  assert.equal(insensitive.size, 0);
});

Deno.test("state: sign-in names resolve through username attributes, verified aliases and sub", () => {
  const users = new Users(true);
  users.add(user("u-1", "u-1", { phone_number: "+15555550100", email: "a@example.com" }));
  users.add(user("bob", "s-2", { preferred_username: "bobby", email: "b@example.com" }));
  const phonePool = { UsernameAttributes: ["phone_number"] } as never;
  assert.equal(resolveUser(users, phonePool, "+15555550100")?.username, "u-1");
  assert.equal(resolveUser(users, phonePool, "a@example.com"), undefined);
  const aliasPool = { AliasAttributes: ["preferred_username", "email"] } as never;
  assert.equal(resolveUser(users, aliasPool, "bobby")?.username, "bob");
  assert.equal(resolveUser(users, aliasPool, "b@example.com"), undefined);
  assert.equal(resolveUser(users, aliasPool, "s-2")?.username, "bob");
});

Deno.test("state: pool clocks are offsets on top of the global one", () => {
  let base = 1_000_000;
  const clock = new MockClock(() => base);
  clock.advance(10);
  clock.set(2_000, "p");
  assert.equal(clock.now("p"), 2_000_000);
  base += 5_000;
  assert.equal(clock.now("p"), 2_005_000);
  assert.equal(clock.offsetSeconds(), 10);
  clock.forget("p");
  assert.equal(clock.now("p"), clock.now());
});

Deno.test("state: seeded identifiers repeat; formats match AWS", () => {
  const a = idGenerator(seededRandom(42));
  const b = idGenerator(seededRandom(42));
  assert.equal(a.poolId("us-east-1"), b.poolId("us-east-1"));
  assert.equal(a.clientSecret(), b.clientSecret());
  assert.match(a.clientSecret(), /^[a-z0-9]{51}$/);
  assert.match(a.digits(6), /^\d{6}$/);
  assert.match(a.base64url(32), /^[A-Za-z0-9_-]{43}$/);
});
