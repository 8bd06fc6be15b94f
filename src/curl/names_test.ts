import assert from "node:assert/strict";
import {
  controlActionOf,
  controlRequest,
  rootVariable,
  scenarioPathOf,
  shellName,
  userPrefix,
} from "./names.ts";
import type { ControlAction } from "../scenario/mod.ts";

const NAMES = { users: ["alice", "bob-2"], vars: ["email", "start-time"] };

Deno.test("names: every root value maps to a shell variable and back", () => {
  const paths = [
    ["pool", "id"],
    ["pool", "name"],
    ["pool", "region"],
    ["client", "id"],
    ["client", "secret"],
    ["users", "alice", "username"],
    ["users", "alice", "password"],
    ["users", "alice", "sub"],
    ["users", "alice", "attributes"],
    ["users", "bob-2", "password"],
    ["vars", "email"],
    ["vars", "start-time"],
    ["env", "API_KEY"],
  ];
  for (const path of paths) {
    const variable = rootVariable(path);
    assert.ok(variable !== undefined, path.join("."));
    assert.match(variable, /^[A-Za-z_][A-Za-z0-9_]*$/, path.join("."));
    assert.deepEqual(scenarioPathOf(variable, NAMES), path, variable);
  }
});

Deno.test("names: the contract's spellings", () => {
  assert.equal(rootVariable(["pool", "id"]), "POOL_ID");
  assert.equal(rootVariable(["pool", "region"]), "REGION");
  assert.equal(rootVariable(["client", "secret"]), "CLIENT_SECRET");
  assert.equal(rootVariable(["users", "bob-2", "sub"]), "BOB_2_SUB");
  assert.equal(rootVariable(["vars", "start-time"]), "start_time");
  assert.equal(rootVariable(["users", "alice", "attributes", "email"]), "ALICE_ATTRIBUTES");
  assert.equal(shellName("a-b-c"), "a_b_c");
  assert.equal(userPrefix("Carol"), "CAROL");
});

Deno.test("names: paths without a variable, and variables of no root", () => {
  assert.equal(rootVariable(["pool", "arn"]), undefined);
  assert.equal(rootVariable(["users", "alice", "phone"]), undefined);
  assert.equal(rootVariable(["tokens", "AccessToken"]), undefined);
  assert.equal(rootVariable(["pool"]), undefined);
  assert.equal(scenarioPathOf("deviceSession", NAMES), undefined);
  assert.deepEqual(scenarioPathOf("HOME_DIR", NAMES), ["env", "HOME_DIR"]);
});

Deno.test("names: control actions map to mock requests and back", () => {
  const actions: ControlAction[] = [
    { kind: "advanceClock", seconds: 600 },
    { kind: "setClock", epochSeconds: 1_793_696_707 },
    { kind: "throttle", count: 1 },
    { kind: "throttle", count: 3, operations: ["InitiateAuth", "GetUser"] },
  ];
  for (const action of actions) {
    const { path, body } = controlRequest(action);
    assert.deepEqual(controlActionOf(path, { ...body, poolId: "us-east-1_x" }), action);
    assert.deepEqual(controlActionOf(`/${path}/`, body), action);
  }
  assert.equal(controlActionOf("_mock/clock", { poolId: "p" }), undefined);
  assert.equal(controlActionOf("_mock/faults", { throttle: {} }), undefined);
  assert.equal(controlActionOf("_mock/clock", null), undefined);
});
