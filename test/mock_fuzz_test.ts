/**
 * Hostile requests to the mock (in process, through the request handler):
 * bad JSON, every member of every implemented operation with the wrong JSON
 * type, huge strings and deep nestings, invalid UTF-8, missing and wrong
 * headers, unknown operations and routes, model-shaped junk carrying real
 * ids, forged and damaged access tokens, password guesses, and secrets in
 * every secret position. Every answer must be AWS-shaped and never a fault
 * (`assertAwsAnswer`), exact where the protocol reference or the catalogue
 * says what it is, and after every batch the legitimate users still work
 * (`FuzzWorld.checkLegitUsers`).
 *
 * Seeded (`FUZZ_SEED`), bounded in CI; `FUZZ_RUNS=20000` for a long run,
 * `FUZZ_REPORT=file.json` to write what ran, by kind. The sign-in attacks
 * (replays, other users' devices, revocation, lockout) are in
 * mock_fuzz_auth_test.ts, the socket-level ones in mock_fuzz_http_test.ts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { OPERATION_REGISTRY } from "../src/mock/operations/registry.ts";
import { operationShapes, shapeNamed } from "../src/mock/validate/shapes.ts";
import {
  type BadBody,
  badBodyArbitrary,
  type Forgery,
  forgeryArbitrary,
  headerArbitrary,
  type HeaderVariant,
  type HostileValue,
  hostileValue,
  TOKEN_OPERATIONS,
  TOKEN_PATTERN,
  TOKEN_PATTERN_MESSAGE,
} from "./_fuzz_arbitraries.ts";
import {
  bodyTextWith,
  bodyWith,
  MEMBER_SITES,
  type MemberSite,
  modelValue,
  wrongTypeArbitrary,
  wrongTypeError,
  type WrongTypeRecipe,
} from "./_fuzz_model.ts";
import {
  knownValues,
  LEGIT_SAFE,
  MALLORY_ACCESS,
  MALLORY_REFRESH,
  secretArbitrary,
  secretSites,
  tokenBody,
} from "./_fuzz_requests.ts";
import { checkProperty, fuzzRuns, recordFuzzReport, tally } from "./_fuzz_run.ts";
import { assertAwsAnswer, assertError, FuzzWorld, type Sent } from "./_fuzz_world.ts";

const UNKNOWN_OPERATION =
  "The action or operation requested is invalid. Verify that the action is typed correctly.";
const INVALID_TOKEN = ["NotAuthorizedException", "Invalid Access Token"] as const;

type Recipe =
  | { kind: "wrong-type"; recipe: WrongTypeRecipe }
  | { kind: "hostile-value"; site: MemberSite; value: HostileValue }
  | { kind: "bad-body"; operation: string; body: BadBody }
  | { kind: "headers"; variant: HeaderVariant }
  | { kind: "route"; method: string; path: string }
  | { kind: "unknown-operation"; name: string }
  | { kind: "model"; operation: string; body: unknown }
  | { kind: "forged-token"; operation: string; forgery: Forgery }
  | { kind: "password-guess"; flow: string; username: string; password: string }
  | { kind: "secret"; site: number; secrets: [string, string] };

function recipes(world: FuzzWorld): fc.Arbitrary<Recipe> {
  const operations = [...OPERATION_REGISTRY.keys()];
  const validAuth = JSON.stringify({
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: world.setup.clientId,
    AuthParameters: { USERNAME: "alice", PASSWORD: "wrong-password" },
  });
  const model = fc.constantFrom(...operations).chain((operation) => {
    const input = operationShapes(operation)!.input!;
    return modelValue(input, knownValues(world, LEGIT_SAFE.has(operation))).map((body) => ({
      kind: "model" as const,
      operation,
      body,
    }));
  });
  const sites = secretSites(world).length;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: wrongTypeArbitrary.map((recipe) => ({ kind: "wrong-type" as const, recipe })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        site: fc.constantFrom(...MEMBER_SITES),
        value: hostileValue(300_000),
      }).map(({ site, value }) => ({ kind: "hostile-value" as const, site, value })),
    },
    {
      weight: 2,
      arbitrary: badBodyArbitrary(validAuth).map((body) => ({
        kind: "bad-body" as const,
        operation: "InitiateAuth",
        body,
      })),
    },
    {
      weight: 1,
      arbitrary: headerArbitrary("ListUserPools").map((variant) => ({
        kind: "headers" as const,
        variant,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        method: fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "POST"),
        path: fc.oneof(
          fc.constantFrom(
            "/",
            "//",
            "/_mock",
            "/_mock/reset",
            "/_mock/clock",
            "/_mock/faults",
            `/${world.setup.poolId}/.well-known/jwks.json`,
            `/${world.setup.poolId}/.well-known/openid-configuration`,
            "/us-east-1_nope/.well-known/jwks.json",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/__proto__",
            `/${"a".repeat(5000)}`,
          ),
          fc.webPath(),
        ),
      }).map(({ method, path }) => ({ kind: "route" as const, method, path })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom("ForgotPassword", "AdminResetUserPassword", "StartWebAuthnRegistration"),
        fc.stringMatching(/^[A-Z][A-Za-z]{0,30}$/),
      ).map((name) => ({ kind: "unknown-operation" as const, name })),
    },
    { weight: 4, arbitrary: model },
    {
      weight: 3,
      arbitrary: fc.record({
        operation: fc.constantFrom(...TOKEN_OPERATIONS),
        forgery: forgeryArbitrary,
      }).map(({ operation, forgery }) => ({ kind: "forged-token" as const, operation, forgery })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        flow: fc.constantFrom(
          "USER_PASSWORD_AUTH",
          "ADMIN_USER_PASSWORD_AUTH",
          "ADMIN_NO_SRP_AUTH",
        ),
        username: fc.constantFrom("alice", "bob", "mallory", "nobody", "ALICE", " alice"),
        password: secretArbitrary,
      }).map((guess) => ({ kind: "password-guess" as const, ...guess })),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        site: fc.integer({ min: 0, max: sites - 1 }),
        secrets: fc.tuple(secretArbitrary, secretArbitrary),
      }).map(({ site, secrets }) => ({ kind: "secret" as const, site, secrets })),
    },
  );
}

/** Sends a recipe (twice at once when `twice`) and checks every answer. */
async function run(world: FuzzWorld, recipe: Recipe, twice: boolean): Promise<void> {
  tally(recipe.kind);
  const send = async (
    request: Parameters<FuzzWorld["send"]>[0],
    check: (sent: Sent) => void,
  ): Promise<void> => {
    const answers = await Promise.all(
      (twice ? [0, 1] : [0]).map(() => world.send(request)),
    );
    for (const sent of answers) check(sent);
  };
  const json = (operation: string, body: unknown) => ({ operation, body: JSON.stringify(body) });
  switch (recipe.kind) {
    case "wrong-type": {
      const { site, value, kind } = recipe.recipe;
      const expected = wrongTypeError(shapeNamed(site.shape), kind);
      return send(
        json(site.operation, bodyWith(site.path, value)),
        (sent) =>
          assertError(sent, expected.type, expected.message, [], `${site.operation} ${site.path}`),
      );
    }
    case "hostile-value": {
      const { site, value } = recipe;
      const body = bodyTextWith(site.path, value.json);
      return send(
        { operation: site.operation, body },
        (sent) =>
          assertAwsAnswer(sent, [], `${site.operation} ${site.path.join(".")} ${value.label}`),
      );
    }
    case "bad-body":
      return send({ operation: recipe.operation, body: recipe.body.bytes }, (sent) => {
        if (recipe.body.expect === undefined) {
          assertAwsAnswer(sent, [], recipe.body.label);
        } else {
          assertError(sent, recipe.body.expect[0], recipe.body.expect[1], [], recipe.body.label);
        }
      });
    case "headers": {
      const { variant } = recipe;
      return send({
        target: variant.target,
        contentType: variant.contentType,
        body: '{"MaxResults":5}',
      }, (sent) => {
        if (variant.refusal === "target") {
          assertError(sent, "UnknownOperationException", UNKNOWN_OPERATION, [], variant.label);
        } else if (variant.refusal === "content-type") {
          assertError(sent, "SerializationException", undefined, [], variant.label);
        } else {
          assert.equal(sent.status, 200, `${variant.label}: ${sent.text}`);
        }
      });
    }
    case "route":
      return send({ method: recipe.method, path: recipe.path, body: "{}" }, (sent) => {
        assertAwsAnswer(sent, [], `${recipe.method} ${recipe.path.slice(0, 80)}`);
        if (recipe.path.startsWith("/_mock")) {
          // The control surface is off: its paths are unknown routes like any other.
          assert.equal(
            sent.json?.__type ?? "",
            recipe.method === "OPTIONS" ? "" : "NotFoundException",
          );
        }
      });
    case "unknown-operation": {
      const known = OPERATION_REGISTRY.has(recipe.name);
      return send(json(recipe.name, {}), (sent) => {
        assertAwsAnswer(sent, [], recipe.name);
        if (!known && sent.status !== 501) {
          assert.equal(sent.json.__type, "UnknownOperationException", recipe.name);
        }
      });
    }
    case "model":
      // Known values land in any member of the name (TokenValidityUnits.RefreshToken is an
      // enum, echoed when invalid, as AWS does): secrets are checked by the "secret" kind.
      return send(
        {
          operation: recipe.operation,
          body: JSON.stringify(recipe.body)
            .replaceAll(MALLORY_ACCESS, world.mallory.accessToken)
            .replaceAll(MALLORY_REFRESH, world.mallory.refreshToken),
        },
        (sent) => assertAwsAnswer(sent, [], recipe.operation),
      );
    case "forged-token": {
      const forged = await world.forgeToken(recipe.forgery);
      const operation = forged.validFor !== undefined && recipe.operation === "GlobalSignOut"
        ? "GetUser"
        : recipe.operation;
      const context = `${operation} ${JSON.stringify(recipe.forgery)}`;
      return send(json(operation, tokenBody(world, operation, forged.token)), (sent) => {
        if (!TOKEN_PATTERN.test(forged.token)) {
          assertError(sent, "InvalidParameterException", TOKEN_PATTERN_MESSAGE, [], context);
        } else if (forged.validFor === undefined) {
          assertError(sent, ...INVALID_TOKEN, [forged.token], context);
        } else {
          checkOtherPoolToken(world, operation, sent, context);
        }
      });
    }
    case "password-guess": {
      const { flow, username, password } = recipe;
      const admin = flow !== "USER_PASSWORD_AUTH";
      const body = {
        ...(admin ? { UserPoolId: world.setup.poolId } : {}),
        AuthFlow: flow,
        ClientId: world.setup.clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      };
      const known = ["alice", "bob", "mallory"].includes(username);
      return send(json(admin ? "AdminInitiateAuth" : "InitiateAuth", body), (sent) => {
        assertAwsAnswer(sent, [password], `${flow} ${username}`);
        if (password.length > 256) {
          // AuthParameters values are at most 131072 characters, PASSWORD within that: refused later.
          assert.notEqual(sent.status, 200);
          return;
        }
        const message = sent.json?.message;
        if (known) {
          assert.ok(
            ["Incorrect username or password.", "Password attempts exceeded"].includes(message),
            `${flow} ${username}: ${sent.text.slice(0, 200)}`,
          );
        } else if (sent.status === 400 && sent.json.__type !== "InvalidParameterException") {
          assert.equal(message, "User does not exist.", `${username}: ${sent.text.slice(0, 200)}`);
        }
      });
    }
    case "secret": {
      const [operation, body] = secretSites(world)[recipe.site]!(...recipe.secrets);
      return send(
        json(operation, body),
        (sent) => assertAwsAnswer(sent, recipe.secrets, `${operation} (site ${recipe.site})`),
      );
    }
  }
}

/** A valid token of dave (another pool): it acts for dave only, never on alice's device. */
function checkOtherPoolToken(world: FuzzWorld, operation: string, sent: Sent, context: string) {
  assertAwsAnswer(sent, [], context);
  if (sent.status !== 200) {
    const expected: Record<string, string> = {
      ConfirmDevice: "Invalid device key given.",
      GetDevice: "Device does not exist.",
      UpdateDeviceStatus: "Device does not exist.",
      ForgetDevice: "Device does not exist.",
    };
    const message = sent.json.message as string;
    // Device operations on alice's key: as for any key that is not dave's (§6.4, §6.6).
    if (expected[operation] !== undefined) assert.equal(message, expected[operation], context);
    return;
  }
  assert.ok(
    !["ConfirmDevice", "GetDevice", "UpdateDeviceStatus", "ForgetDevice"].includes(operation),
  );
  if (operation === "GetUser") assert.equal(sent.json.Username, world.dave.name, context);
  if (operation === "ListDevices") {
    for (const device of sent.json.Devices) {
      assert.notEqual(device.DeviceKey, world.alice.device.key, context);
    }
  }
}

Deno.test("fuzz: hostile requests get AWS-shaped answers, exact where documented; legitimate users unharmed", async () => {
  // Deno fails a test run on an unhandled rejection anyway; this names it here.
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  globalThis.addEventListener("unhandledrejection", onUnhandled);
  try {
    const world = await FuzzWorld.create();
    await world.checkLegitUsers();
    const batch = 60;
    let count = 0;
    await checkProperty(
      "hostile requests",
      fc.asyncProperty(recipes(world), fc.boolean(), fc.nat(9), async (recipe, twice, dice) => {
        await run(world, recipe, twice && dice === 0);
        world.assertNoFault();
        if (++count % batch === 0) await world.checkLegitUsers();
      }) as never,
      fuzzRuns(600),
    );
    await world.checkLegitUsers();
    assert.ok(world.checks >= 2);
    await recordFuzzReport("hostile requests", { legitimateChecks: world.checks });
  } finally {
    globalThis.removeEventListener("unhandledrejection", onUnhandled);
  }
  assert.deepEqual(unhandled, [], "unhandled rejections");
});

Deno.test("fuzz: every member site of the model answers its wrong JSON types exactly", async () => {
  // Deterministic coverage on top of the random draws: each site, each wrong kind, once.
  const world = await FuzzWorld.create();
  let sites = 0;
  for (const site of MEMBER_SITES) {
    const shape = shapeNamed(site.shape);
    if (shape.document === true) continue;
    sites++;
    for (
      const [kind, value] of [["string", "s"], ["number", 1], ["boolean", true], ["object", {}], [
        "array",
        [],
      ]] as const
    ) {
      const own = shape.type === "structure" || shape.type === "map"
        ? "object"
        : shape.type === "list"
        ? "array"
        : shape.type === "boolean"
        ? "boolean"
        : ["integer", "long", "timestamp"].includes(shape.type)
        ? "number"
        : "string";
      if (own === kind) continue;
      const expected = wrongTypeError(shape, kind);
      const sent = await world.call(site.operation, bodyWith(site.path, value));
      assertError(sent, expected.type, expected.message, [], `${site.operation} ${site.path}`);
    }
  }
  assert.ok(sites > 200, `${sites} member sites`);
  world.assertNoFault();
});

Deno.test("fuzz: huge strings of template markers in every string member answer promptly", async () => {
  // The e-mail template patterns backtracked cubically before validation moved to RE2.
  const world = await FuzzWorld.create();
  const strings = MEMBER_SITES.filter((site) => shapeNamed(site.shape).type === "string");
  // The model's longest template limit (20,000), of the fragments that made V8 backtrack;
  // the random property draws the other huge strings (up to 300,000 characters).
  const values = ["{####}", "{##", "##}"].map((fragment) =>
    fragment.repeat(20_000 / fragment.length)
  );
  for (const site of strings) {
    for (const value of values) {
      const sent = await world.call(site.operation, bodyWith(site.path, value));
      assertAwsAnswer(sent, [], `${site.operation} ${site.path.join(".")}`);
    }
  }
  world.assertNoFault();
});
