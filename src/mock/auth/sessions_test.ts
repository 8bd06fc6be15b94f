import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("sessions: expired, unanswered challenges are swept as new ones open", async () => {
  const mock = new TestMock();
  const setup = await mock.provision({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] });
  await mock.user(setup.poolId, "alice");
  const pool = mock.handler.services.store.pool(setup.poolId);
  for (let i = 0; i < 256; i++) {
    const { call } = await mock.srpStart(setup, "alice");
    await mock.ok(call.operation, call.body);
  }
  assert.equal(pool.sessions.size, 256);
  mock.tick(181);
  const { call } = await mock.srpStart(setup, "alice");
  await mock.ok(call.operation, call.body);
  assert.equal(pool.sessions.size, 1);
});
