import assert from "node:assert/strict";
import fc from "fast-check";
import {
  controlActionOf,
  controlRequest,
  fixedRefOf,
  jmespathOf,
  jqPathOf,
  parseJmespathPath,
  parseJqPath,
  refOfTemplatePath,
  rootVariable,
  scenarioPathOf,
  type ScenarioRef,
  shellName,
  shellNameOf,
  templatePathOf,
  userShellPrefix,
} from "./names.ts";
import type { ControlAction } from "../scenario/mod.ts";

const USERS = ["alice", "bob-2", "Carol"];

const FIXED_REFS: ScenarioRef[] = [
  { root: "pool", field: "id" },
  { root: "pool", field: "name" },
  { root: "pool", field: "region" },
  { root: "client", field: "id" },
  { root: "client", field: "secret" },
  ...USERS.flatMap((user) =>
    (["username", "password", "sub"] as const).map((field): ScenarioRef => ({
      root: "users",
      user,
      field,
    }))
  ),
];

Deno.test("names: every fixed name maps to its shell variable and back", () => {
  const shellNames = new Set<string>();
  for (const ref of FIXED_REFS) {
    const name = shellNameOf(ref);
    assert.match(name, /^[A-Z][A-Z0-9_]*$/, name);
    shellNames.add(name);
    assert.deepEqual(fixedRefOf(name, { users: USERS }), ref, name);
  }
  assert.equal(shellNames.size, FIXED_REFS.length, "two scenario values share a shell name");
});

Deno.test("names: the contract's table, literally", () => {
  const table: Array<[string, string]> = [
    ["pool.id", "POOL_ID"],
    ["pool.name", "POOL_NAME"],
    ["pool.region", "REGION"],
    ["client.id", "CLIENT_ID"],
    ["client.secret", "CLIENT_SECRET"],
    ["users.alice.username", "ALICE_USERNAME"],
    ["users.alice.password", "ALICE_PASSWORD"],
    ["users.alice.sub", "ALICE_SUB"],
    ["vars.name", "name"],
    ["env.NAME", "NAME"],
    ["tokens", "tokens"],
  ];
  for (const [path, shell] of table) {
    const ref = refOfTemplatePath(path.split("."));
    assert.ok(ref, path);
    assert.equal(shellNameOf(ref), shell, path);
    assert.equal(templatePathOf(ref), path);
  }
});

Deno.test("names: vars, env and captures are not fixed names (the script's definitions decide)", () => {
  for (const name of ["name", "tokens", "API_KEY", "ALICE", "POOL"]) {
    assert.equal(fixedRefOf(name), undefined, name);
  }
  assert.equal(fixedRefOf("DAVE_USERNAME", { users: USERS }), undefined);
  assert.deepEqual(fixedRefOf("DAVE_USERNAME"), { root: "users", user: "dave", field: "username" });
});

Deno.test("names: template paths of odd names use the bracket form", () => {
  assert.equal(templatePathOf({ root: "vars", name: "a-b" }), "vars.a-b");
  assert.equal(templatePathOf({ root: "users", user: "bob-2", field: "sub" }), "users.bob-2.sub");
  assert.equal(refOfTemplatePath(["client", "name"]), undefined);
  assert.equal(refOfTemplatePath([]), undefined);
});

const segment = fc.oneof(
  fc.nat({ max: 20 }),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const path = fc.array(segment, { maxLength: 5 }).filter((segments) =>
  typeof segments[0] !== "number"
);

Deno.test("names: jq paths round-trip (property)", () => {
  fc.assert(fc.property(path, (segments) => {
    assert.deepEqual(parseJqPath(jqPathOf(segments)), segments);
  }));
  assert.deepEqual(parseJqPath(".a?.b"), ["a", "b"]);
  assert.deepEqual(parseJqPath('."custom:x"'), ["custom:x"]);
  for (const bad of ["", "a.b", ".a | .b", "{PasswordVerifier, Salt}", ".a[]", "length"]) {
    assert.equal(parseJqPath(bad), undefined, bad);
  }
});

Deno.test("names: JMESPath paths round-trip (property)", () => {
  fc.assert(fc.property(path, (segments) => {
    assert.deepEqual(parseJmespathPath(jmespathOf(segments)), segments);
  }));
  for (const bad of ["", ".a", "a[*]", "length(a)", "a || b"]) {
    assert.equal(parseJmespathPath(bad), undefined, bad);
  }
});

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
  assert.equal(userShellPrefix("Carol"), "CAROL");
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
