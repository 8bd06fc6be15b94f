/**
 * Secrets are masked precisely: after a real SRP sign-in with a client secret
 * against the embedded mock, the pretty report (exchanges shown) still reads
 * the username, the claim's USERNAME and its TIMESTAMP, while the claim
 * signature and SECRET_HASH are masked under labels that say what they are.
 * The wire traffic is recorded on the side to know the real values.
 */

import assert from "node:assert/strict";
import { pretty } from "../src/reporters/mod.ts";
import { knownRequestMembers, runSuite } from "../src/runner/mod.ts";
import { parseScenario } from "../src/scenario/mod.ts";

const USERNAME = "alice.liddell";
const SCENARIO = `
name: SRP sign-in with a long username and a client secret
client:
  ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
  GenerateSecret: true
users:
  alice: { username: ${USERNAME}, password: Labels-Test-Passw0rd!1 }
steps:
  - name: start
    call: InitiateAuth
    request:
      ClientId: \${client.id}
      AuthFlow: USER_SRP_AUTH
      AuthParameters:
        USERNAME: \${users.alice.username}
        SRP_A: \${srp.start()}
        SECRET_HASH: \${secretHash(users.alice.username)}
    expect: { body: { ChallengeName: PASSWORD_VERIFIER } }
    save: { challenge: ChallengeParameters }
  - name: answer PASSWORD_VERIFIER
    call: RespondToAuthChallenge
    let:
      claim: \${srp.passwordClaim(challenge, users.alice.password)}
    request:
      ClientId: \${client.id}
      ChallengeName: PASSWORD_VERIFIER
      ChallengeResponses:
        USERNAME: \${claim.USERNAME}
        PASSWORD_CLAIM_SECRET_BLOCK: \${claim.PASSWORD_CLAIM_SECRET_BLOCK}
        TIMESTAMP: \${claim.TIMESTAMP}
        PASSWORD_CLAIM_SIGNATURE: \${claim.PASSWORD_CLAIM_SIGNATURE}
        SECRET_HASH: \${secretHash(challenge.USER_ID_FOR_SRP)}
    expect: { body: { AuthenticationResult: { TokenType: Bearer } } }
`;

Deno.test("secret labels: usernames and TIMESTAMP stay readable, claim and SECRET_HASH are masked by name", async () => {
  const sent: Record<string, unknown>[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.headers.get("x-amz-target")?.endsWith(".RespondToAuthChallenge")) {
      sent.push(JSON.parse(await request.clone().text()));
    }
    return await fetch(request);
  };
  const { scenario, errors } = parseScenario(SCENARIO, "labels.yaml", { knownRequestMembers });
  assert.ok(scenario, String(errors));
  let text = "";
  const events = runSuite([scenario], { target: { fetch: recording } });
  for await (const chunk of pretty(events, { showExchanges: true, color: false })) text += chunk;

  assert.match(text, /1 passed/, text);
  const answer = sent[0]?.ChallengeResponses as Record<string, string>;
  assert.ok(answer.PASSWORD_CLAIM_SIGNATURE && answer.SECRET_HASH && answer.TIMESTAMP);
  assert.ok(text.includes(USERNAME), "the username is readable");
  assert.ok(text.includes(answer.USERNAME!), "the claim's USERNAME is readable");
  assert.ok(text.includes(answer.TIMESTAMP), "the claim's TIMESTAMP is readable");
  assert.ok(!text.includes(answer.PASSWORD_CLAIM_SIGNATURE), "the signature is masked");
  assert.ok(!text.includes(answer.SECRET_HASH), "SECRET_HASH is masked");
  assert.ok(text.includes("«secret:PASSWORD_CLAIM_SIGNATURE#1»"), text);
  assert.match(text, /«secret:secretHash#[12]»/);
  assert.doesNotMatch(text, /«secret:secret#/, "every mask says which secret it hides");
});
