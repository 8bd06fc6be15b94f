/**
 * The temporary lockout after failed password sign-ins (§9; the Developer
 * Guide's "Lockout behavior for failed sign-in attempts"): 5 failures, then
 * 2^(n−5) s, capped at 15 min; attempts while locked are refused and do not
 * count; success or 15 quiet minutes reset.
 */
import assert from "node:assert/strict";
import { ALL_FLOWS_CLIENT, TestMock } from "../_testing.ts";

const PASSWORD = "Passw0rd!";

async function setUp(options: ConstructorParameters<typeof TestMock>[0] = {}) {
  const mock = new TestMock(options);
  const setup = await mock.provision({}, ALL_FLOWS_CLIENT);
  const username = await mock.user(setup.poolId, "alice", PASSWORD);
  const attempt = async (password: string) => {
    const answer = await mock.call("InitiateAuth", {
      ClientId: setup.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    return answer.status === 200 ? "ok" : answer.body.message as string;
  };
  return { mock, setup, username, attempt };
}

const WRONG = "Incorrect username or password.";
const LOCKED = "Password attempts exceeded";

Deno.test("lockout: the sixth attempt right after five failures is refused, even with the right password", async () => {
  const { attempt } = await setUp();
  for (let i = 0; i < 5; i++) assert.equal(await attempt("wrong"), WRONG, `failure ${i + 1}`);
  assert.equal(await attempt(PASSWORD), LOCKED);
  assert.equal(await attempt("wrong"), LOCKED);
});

Deno.test("lockout: 2^(n-5) seconds, attempts while locked do not count, success resets", async () => {
  const { mock, attempt } = await setUp();
  for (let i = 0; i < 5; i++) await attempt("wrong");
  mock.tick(1); // the first lockout: 1 s
  assert.equal(await attempt("wrong"), WRONG); // n = 6: 2 s
  mock.tick(1);
  assert.equal(await attempt(PASSWORD), LOCKED); // during the lockout: not counted
  mock.tick(1);
  assert.equal(await attempt("wrong"), WRONG); // n = 7: 4 s
  mock.tick(3);
  assert.equal(await attempt(PASSWORD), LOCKED);
  mock.tick(1);
  assert.equal(await attempt(PASSWORD), "ok");
  for (let i = 0; i < 5; i++) assert.equal(await attempt("wrong"), WRONG, "the count starts again");
  assert.equal(await attempt(PASSWORD), LOCKED);
});

Deno.test("lockout: capped at 15 minutes; attempts while locked keep the count alive", async () => {
  const { mock, attempt } = await setUp();
  for (let i = 0; i < 5; i++) await attempt("wrong");
  for (let n = 6; n <= 15; n++) {
    mock.tick(2 ** (n - 1 - 5)); // wait the lockout of failure n-1 out
    assert.equal(await attempt("wrong"), WRONG, `failure ${n}`);
  }
  // Failure 15 would lock for 2^10 s: capped at 900 s.
  mock.tick(899);
  assert.equal(await attempt(PASSWORD), LOCKED);
  mock.tick(1);
  assert.equal(await attempt("wrong"), WRONG, "failure 16 (the refused attempt kept the count)");
  mock.tick(899);
  assert.equal(await attempt(PASSWORD), LOCKED, "capped again");
  mock.tick(1);
  assert.equal(await attempt(PASSWORD), "ok");
});

Deno.test("lockout: 15 quiet minutes reset the count", async () => {
  const { mock, attempt } = await setUp();
  for (let i = 0; i < 6; i++) mock.tick(60), await attempt("wrong"); // n = 6, locked for 2 s
  mock.tick(15 * 60);
  for (let i = 0; i < 5; i++) assert.equal(await attempt("wrong"), WRONG, `failure ${i + 1} again`);
  assert.equal(await attempt(PASSWORD), LOCKED);
});

Deno.test("lockout: USER_SRP_AUTH password claims count, and lock the other flows out", async () => {
  const { mock, setup, username, attempt } = await setUp();
  for (let i = 0; i < 5; i++) {
    const { call, ephemeral } = await mock.srpStart(setup, username);
    const challenge = await mock.ok(call.operation, call.body);
    const answer = await mock.passwordVerifier(setup, challenge, ephemeral, "wrong");
    assert.equal((await mock.fails(answer.operation, answer.body)).message, WRONG);
  }
  assert.equal(await attempt(PASSWORD), LOCKED);
  const { call, ephemeral } = await mock.srpStart(setup, username);
  const challenge = await mock.ok(call.operation, call.body);
  const answer = await mock.passwordVerifier(setup, challenge, ephemeral, PASSWORD);
  assert.equal((await mock.fails(answer.operation, answer.body)).message, LOCKED);
});

Deno.test("lockout: lockoutAfterFailures sets the threshold; 0 turns lockout off", async () => {
  const three = await setUp({ behaviour: { lockoutAfterFailures: 3 } });
  for (let i = 0; i < 3; i++) await three.attempt("wrong");
  assert.equal(await three.attempt(PASSWORD), LOCKED);
  const off = await setUp({ behaviour: { lockoutAfterFailures: 0 } });
  for (let i = 0; i < 20; i++) assert.equal(await off.attempt("wrong"), WRONG);
  assert.equal(await off.attempt(PASSWORD), "ok");
});
