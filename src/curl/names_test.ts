import assert from "node:assert/strict";
import fc from "fast-check";
import {
  fixedRefOf,
  jmespathOf,
  jqPathOf,
  parseJmespathPath,
  parseJqPath,
  refOfTemplatePath,
  type ScenarioRef,
  shellNameOf,
  templatePathOf,
} from "./names.ts";

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
