import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import { parseScenario } from "../scenario/mod.ts";
import { fromCurl, type FromCurlOptions } from "./from_curl.ts";

const TARGET = "X-Amz-Target: AWSCognitoIdentityProviderService";

interface Step {
  name: string;
  call?: string;
  let?: Record<string, string>;
  request?: Record<string, unknown>;
  expect?: Record<string, unknown>;
  save?: Record<string, string>;
}

function convert(script: string, options: FromCurlOptions = {}) {
  const { yaml, diagnostics } = fromCurl(script, { file: "t.sh", ...options });
  const { errors } = parseScenario(yaml, "t.yaml");
  assert.deepEqual(errors.map(String), [], yaml);
  const scenario = parseYaml(yaml) as {
    vars?: Record<string, string>;
    users?: Record<string, Record<string, string>>;
    client?: Record<string, unknown>;
    pool?: Record<string, unknown>;
    secrets?: string[];
    steps: Step[];
  };
  return { yaml, diagnostics, scenario, steps: scenario.steps };
}

const signIn = (extra = "") =>
  `R=$(curl -s "$E" -H '${TARGET}.InitiateAuth' -d '{"ClientId": "c", "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "alice", "PASSWORD": "pw"}}')\n${extra}`;

Deno.test("captures: jq extractions become the suite's idioms on the step that answered", () => {
  const { steps } = convert(
    signIn(
      'A=$(jq -r .AuthenticationResult.AccessToken <<<"$R")\n' +
        "K=$(echo \"$R\" | jq -r '.AuthenticationResult.NewDeviceMetadata.DeviceKey')\n" +
        `curl -s "$E" -H '${TARGET}.GetDevice' -d '{"AccessToken": "'$A'", "DeviceKey": "'$K'"}'\n`,
    ),
  );
  assert.deepEqual(steps[0]!.save, {
    tokens: "AuthenticationResult",
    device: "AuthenticationResult.NewDeviceMetadata",
  });
  assert.deepEqual(steps[1]!.request, {
    AccessToken: "${tokens.AccessToken}",
    DeviceKey: "${device.DeviceKey}",
  });
});

Deno.test("captures: a lower-case variable is a capture of that name (to-curl's form)", () => {
  const { steps } = convert(
    signIn(
      "tokens=$(jq -c '.AuthenticationResult' <<<\"$R\")\n" +
        `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "'"$(jq -r '.AccessToken' <<<"$tokens")"'"}'\n`,
    ),
  );
  assert.deepEqual(steps[0]!.save, { tokens: "AuthenticationResult" });
  assert.deepEqual(steps[1]!.request, { AccessToken: "${tokens.AccessToken}" });
});

Deno.test("captures: placeholders and unset variables under reused members read the earlier answer", () => {
  const { steps, scenario } = convert(
    signIn(
      `curl -s "$E" -H '${TARGET}.InitiateAuth' -d '{"ClientId": "c", "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": "<refresh token>", "DEVICE_KEY": "'"$DEVICE_KEY"'"}}'\n` +
        `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "[ACCESS_TOKEN]"}'\n` +
        `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "'$OTHER'", "Extra": "<not reused>"}'\n`,
    ),
  );
  assert.deepEqual(steps[1]!.request!.AuthParameters, {
    REFRESH_TOKEN: "${tokens.RefreshToken}",
    DEVICE_KEY: "${device.DeviceKey}",
  });
  // The refresh answered the latest access token: the GetUser reads that one.
  assert.deepEqual(steps[2]!.request, { AccessToken: "${tokens2.AccessToken}" });
  assert.deepEqual(steps[1]!.save, { tokens2: "AuthenticationResult" });
  assert.equal(steps[3]!.request!.AccessToken, "${tokens2.AccessToken}");
  assert.equal(steps[3]!.request!.Extra, "${vars.notReused}");
  assert.equal(scenario.vars?.notReused, "<not reused>");
});

Deno.test("captures: nothing is reused from an answer the script expects to fail", () => {
  const { steps } = convert(
    signIn(
      '# → HTTP 400 {"__type": "NotAuthorizedException", "message": "Incorrect username or password."}\n',
    ) +
      `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "<access-token>"}'\n`,
  );
  assert.equal(steps[0]!.save, undefined);
  assert.equal(steps[1]!.request!.AccessToken, "${vars.accessToken}");
});

Deno.test("functions: SRP_A, the device verifier, claims, SECRET_HASH and TOTP codes", () => {
  const { steps } = convert(
    `curl -s "$E" -H '${TARGET}.InitiateAuth' -d '{"ClientId": "c", "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": "u", "SRP_A": "abc123", "SECRET_HASH": "<hash>"}}'\n` +
      `curl -s "$E" -H '${TARGET}.RespondToAuthChallenge' -d '{"ClientId": "c", "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": {"USERNAME": "u", "PASSWORD_CLAIM_SECRET_BLOCK": "<b>", "TIMESTAMP": "<t>", "PASSWORD_CLAIM_SIGNATURE": "<s>"}}'\n` +
      `curl -s "$E" -H '${TARGET}.ConfirmDevice' -d '{"AccessToken": "<at>", "DeviceKey": "<dk>", "DeviceSecretVerifierConfig": {"PasswordVerifier": "<v>", "Salt": "<salt>"}}'\n` +
      `curl -s "$E" -H '${TARGET}.AssociateSoftwareToken' -d '{"AccessToken": "<at>"}'\n` +
      `curl -s "$E" -H '${TARGET}.VerifySoftwareToken' -d '{"AccessToken": "<at>", "UserCode": "123456"}'\n`,
  );
  assert.equal(
    steps[0]!.request!.AuthParameters &&
      (steps[0]!.request!.AuthParameters as Record<string, string>).SRP_A,
    "${srp.start()}",
  );
  assert.equal(
    (steps[0]!.request!.AuthParameters as Record<string, string>).SECRET_HASH,
    "${secretHash('u')}",
  );
  assert.deepEqual(steps[0]!.save, { challenge: "ChallengeParameters" });
  assert.deepEqual(steps[1]!.let, { claim: "${srp.passwordClaim(challenge, vars.password)}" });
  assert.equal(
    (steps[1]!.request!.ChallengeResponses as Record<string, string>).TIMESTAMP,
    "${claim.TIMESTAMP}",
  );
  assert.equal(steps[2]!.request!.DeviceSecretVerifierConfig, "${srp.deviceVerifier(device)}");
  assert.deepEqual(steps[3]!.save, { secretCode: "SecretCode" });
  assert.equal(steps[4]!.request!.UserCode, "${totp(secretCode)}");
});

Deno.test("with-pool: users, flows, device tracking and a client secret from the calls", () => {
  const { scenario } = convert(
    `curl -s "$E" -H '${TARGET}.InitiateAuth' -d '{"ClientId": "abc", "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "alice@example.com", "PASSWORD": "'"$PW"'", "SECRET_HASH": "x"}}'\n` +
      `curl -s "$E" -H '${TARGET}.InitiateAuth' -d '{"ClientId": "abc", "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": "<r>", "DEVICE_KEY": "<k>"}}'\n`,
    { withPool: true },
  );
  assert.deepEqual(scenario.users, {
    alice: { password: "${vars.PW}", username: "alice@example.com" },
  });
  assert.deepEqual(scenario.client, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    GenerateSecret: true,
  });
  assert.deepEqual(scenario.pool, {
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: false,
    },
  });
  assert.deepEqual(scenario.secrets, ["vars.PW"]);
  assert.equal(scenario.vars?.PW, "");
});

Deno.test("expectations: answer comments, # expect: lines and check calls", () => {
  const { steps } = convert(
    `# expect: {status: 200, body: {ChallengeName: PASSWORD_VERIFIER}}\n` + signIn() +
      `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "x"}'\n` +
      '# Response: HTTP 400 {"__type": "NotAuthorizedException",\n#   "message": "Invalid Access Token"}\n' +
      `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "x"}'\n` +
      "expect_error InternalErrorException 'boom'\nexpect_status 503\n",
  );
  assert.deepEqual(steps[0]!.expect, { status: 200, body: { ChallengeName: "PASSWORD_VERIFIER" } });
  assert.deepEqual(steps[1]!.expect, {
    error: { type: "NotAuthorizedException", message: "Invalid Access Token" },
  });
  assert.deepEqual(steps[2]!.expect, {
    error: { type: "InternalErrorException", message: "boom" },
    status: 503,
  });
});

Deno.test("vars: placeholders and unset variables keep where they came from", () => {
  const { yaml, scenario } = convert(
    `: "\${POOL_ID:?}"\nNAME=\${NAME:-world}\ncurl -s "$E" -H '${TARGET}.AdminGetUser' -d '{"UserPoolId": "'$POOL_ID'", "Username": "<user name>", "X": "'$NAME'", "Y": "'$UNSET'"}'\n`,
  );
  assert.equal(scenario.steps[0]!.request!.UserPoolId, "${pool.id}");
  assert.deepEqual(scenario.vars, { userName: "<user name>", NAME: "world", UNSET: "" });
  assert.match(
    yaml,
    /userName: <user name> # placeholder <user name> \(line 3\): set it with --var userName=…/,
  );
  assert.match(yaml, /UNSET: "" # \$UNSET is not set by the script: set it with --var UNSET=…/);
});

Deno.test("literal text that looks like a template is escaped", () => {
  const { steps } = convert(`curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "a\${b}"}'\n`);
  assert.equal(steps[0]!.request!.AccessToken, "a$${b}");
});

Deno.test("to-curl's forms: # let: lines, helpers, whole-answer captures, computed vars", () => {
  const { scenario, steps } = convert(
    "CLI='deno task -q cli'\n" +
      'start=${start:-"$(srp_timestamp)"}\n' +
      `R=$(curl -s "$E" -H '${TARGET}.ListDevices' -d '{"AccessToken": "t", "Limit": 1}')\n` +
      'page=$(jq -c . <<<"$R")\n' +
      `# let: {"who": "\${concat('nobody-', uuid())}"}\n` +
      'who=$(concat nobody- "$(uuid)")\n' +
      `curl -s "$E" -H '${TARGET}.InitiateAuth' -d '{"ClientId": "c", "AuthFlow": "USER_SRP_AUTH", ` +
      `"AuthParameters": {"USERNAME": "'"$who"'", "SRP_A": "0", "TOKEN": "'"$(jq -r .PaginationToken <<<"$page")"'", "AT": "'"$start"'"}}'\n` +
      `curl -s "$E" -H '${TARGET}.VerifySoftwareToken' -d '{"AccessToken": "t", "UserCode": "'"$($CLI totp --secret-code S --offset-seconds 30)"'"}'\n`,
  );
  assert.deepEqual(scenario.vars, { start: "${srp.timestamp()}" });
  assert.deepEqual(steps[0]!.save, { page: "@" });
  assert.deepEqual(steps[1]!.let, { who: "${concat('nobody-', uuid())}" });
  assert.deepEqual(steps[1]!.request!.AuthParameters, {
    USERNAME: "${who}",
    SRP_A: "0",
    TOKEN: "${page.PaginationToken}",
    AT: "${vars.start}",
  });
  assert.equal(steps[2]!.request!.UserCode, "${totp('S', 30)}");
});

Deno.test("to-curl's forms: a control call's # expect: line is its step's", () => {
  const { steps } = convert(
    "E=http://127.0.0.1:9229\n" +
      `curl -s "$E" -H '${TARGET}.GetUser' -d '{"AccessToken": "t"}'\n` +
      '# expect: {"status": 200}\n' +
      `curl -s -X POST "$E/_mock/clock" -d '{"advanceSeconds": 60}'\n`,
  );
  assert.deepEqual(steps[1], {
    name: "mock.advanceClock",
    control: { advanceClock: 60 },
    expect: { status: 200 },
  });
});
