import assert from "node:assert/strict";
import { createMockHandler } from "./handler.ts";
import { applySeed, loadSeedFile, parseSeed, SEED_LIMITS, SeedError } from "./seed.ts";

const EXAMPLE = new URL("../../fixtures/mock-seed.example.yaml", import.meta.url).pathname;

async function rejection(text: string): Promise<SeedError> {
  try {
    await parseSeed(text, "seed.yaml");
  } catch (error) {
    assert.ok(error instanceof SeedError, String(error));
    return error;
  }
  assert.fail("the seed loaded");
}

Deno.test("seed: the example file loads and creates pools, clients and users with fixed ids", async () => {
  const seed = await loadSeedFile(EXAMPLE);
  const mock = createMockHandler();
  await applySeed(mock.services, seed);
  const pool = mock.services.store.pool("us-east-1_Example01");
  assert.deepEqual(pool.config.DeviceConfiguration, {
    ChallengeRequiredOnNewDevice: false,
    DeviceOnlyRememberedOnUserPrompt: false,
  });
  assert.ok(pool.clients.has("5example0public0client00ab"));
  assert.equal(
    pool.clients.get("5example0secret0client00ab")?.secret?.reveal(),
    "example0client0secret0000000000000000000000000000000",
  );
  assert.equal(pool.users.byUsername("alice")?.status, "CONFIRMED");
  assert.equal(pool.users.byUsername("bob")?.status, "FORCE_CHANGE_PASSWORD");
  const emailPool = mock.services.store.pool("us-east-1_Example02");
  const carol = [...emailPool.users.all()][0]!;
  assert.equal(carol.username, carol.sub);
  assert.equal(carol.attributes.get("email"), "carol@example.com");
});

Deno.test("seed: YAML syntax errors carry file:line:col", async () => {
  const error = await rejection("userPools:\n  - PoolName: [unclosed\n");
  assert.equal(error.file, "seed.yaml");
  assert.ok(error.line >= 2);
  assert.match(error.message, /^Cannot load seed: seed\.yaml:\d+:\d+: /);
});

Deno.test("seed: unknown keys, bad ids and model violations point at the offending node", async () => {
  const unknown = await rejection(
    "userPools:\n  - PoolName: p\n    clients:\n      - ClientName: c\n        Colour: red\n",
  );
  assert.equal(unknown.message, 'Cannot load seed: seed.yaml:5:9: unknown key "Colour"');
  const badId = await rejection("userPools:\n  - Id: no-underscore\n    PoolName: p\n");
  assert.equal(
    badId.message,
    'Cannot load seed: seed.yaml:2:9: "no-underscore" is not a user pool id (<region>_<alphanumerics>)',
  );
  const model = await rejection("userPools:\n  - PoolName: p\n    MfaConfiguration: SOMETIMES\n");
  assert.match(
    model.message,
    /^Cannot load seed: seed\.yaml:2:5: InvalidParameterException: 1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration'/,
  );
  const top = await rejection("pools: []\n");
  assert.equal(top.message, 'Cannot load seed: seed.yaml:1:1: unknown key "pools"');
});

Deno.test("seed: passwords, duplicates and statuses are checked like the API checks them", async () => {
  const weak = await rejection(
    "userPools:\n  - PoolName: p\n    users:\n      - Username: a\n        Password: weak\n",
  );
  assert.equal(
    weak.message,
    "Cannot load seed: seed.yaml:4:9: InvalidPasswordException: Password did not conform with policy: Password not long enough",
  );
  const duplicate = await rejection(
    "userPools:\n  - Id: us-east-1_A1\n    PoolName: p\n  - Id: us-east-1_A1\n    PoolName: q\n",
  );
  assert.equal(
    duplicate.message,
    'Cannot load seed: seed.yaml:4:9: pool "us-east-1_A1" already exists',
  );
  const status = await rejection(
    "userPools:\n  - PoolName: p\n    users:\n      - Username: a\n        Status: LOST\n",
  );
  assert.equal(status.line, 5);
  const twice = await rejection(
    "userPools:\n  - PoolName: p\n    users:\n      - Username: a\n      - Username: a\n",
  );
  assert.equal(
    twice.message,
    "Cannot load seed: seed.yaml:5:9: UsernameExistsException: User account already exists",
  );
});

Deno.test("seed: MockBehaviour sets a pool's behaviour choices; a bad one is reported at its position", async () => {
  const seed = await parseSeed(
    "userPools:\n  - Id: us-east-1_Seed0002\n    PoolName: p\n    MockBehaviour:\n      deviceSrpAuth: with-mfa\n",
    "seed.yaml",
  );
  const mock = createMockHandler();
  await applySeed(mock.services, seed);
  assert.deepEqual(mock.services.store.pool("us-east-1_Seed0002").behaviour, {
    deviceSrpAuth: "with-mfa",
  });
  const error = await rejection(
    "userPools:\n  - PoolName: p\n    MockBehaviour:\n      deviceSrpAuth: never\n",
  );
  assert.match(error.message, /^Cannot load seed: seed\.yaml:4:7: InvalidParameterException: /);
  assert.match(error.message, /"deviceSrpAuth" must be one of "always", "with-mfa"/);
});

Deno.test("parseSeed: hostile YAML is a positioned SeedError, never a crash or a hang", async (t) => {
  const laughs = [
    "a: &a [x, x, x, x, x, x, x, x, x, x]",
    ...Array.from({ length: 8 }, (_, k) => {
      const name = String.fromCharCode(98 + k);
      const previous = String.fromCharCode(97 + k);
      return `${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`;
    }),
    "userPools: []",
  ].join("\n");
  const cases: [string, string, RegExp][] = [
    [
      "unknown alias",
      "userPools:\n  - PoolName: *nosuch\n",
      /^h\.yaml:2:15: unknown alias "\*nosuch"/,
    ],
    ["alias bomb", laughs, /^h\.yaml:\d+:\d+: (the aliases expand too far|more than 1000 aliases)/],
    [
      "thousands of levels",
      `userPools: ${"[".repeat(20000)}${"]".repeat(20000)}`,
      /nest deeper than 64 levels/,
    ],
    [
      "a hundred levels",
      `userPools: ${"[".repeat(100)}${"]".repeat(100)}`,
      /^h\.yaml:1:\d+: the values nest deeper than 64 levels$/,
    ],
    ["empty file", "", /^h\.yaml:1:1: the file is empty/],
    ["a list at the root", "- 1\n- 2\n", /^h\.yaml:1:1: expected a mapping$/],
    ["tab indentation", "userPools:\n\t- PoolName: x\n", /^h\.yaml:2:1: Tabs are not allowed/],
    ["binary data", "\u0000\u0001\ufffd", /^h\.yaml:1:1: /],
    [
      "too large",
      `userPools: []\n# ${"x".repeat(SEED_LIMITS.maxBytes)}\n`,
      /^h\.yaml:1:1: the file is larger than/,
    ],
  ];
  for (const [name, text, expected] of cases) {
    await t.step(name, async () => {
      await assert.rejects(parseSeed(text, "h.yaml"), (error: unknown) => {
        assert.ok(error instanceof SeedError, String(error));
        assert.match(error.message.replace("Cannot load seed: ", ""), expected);
        return true;
      });
    });
  }
});
