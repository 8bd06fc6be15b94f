import assert from "node:assert/strict";
import catalogue from "../../fixtures/cognito-errors.json" with { type: "json" };
import {
  CognitoError,
  cognitoError,
  ERROR_CATALOGUE,
  ERROR_PARAMETERS,
  lookupError,
  renderErrorMessage,
} from "./errors.ts";

const placeholders = (message: string | null): string[] =>
  [...new Set([...(message ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

Deno.test("errors: every fixture entry is complete and its id unique", () => {
  const ids = new Set<string>();
  for (const entry of catalogue.errors) {
    assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
    ids.add(entry.id);
    assert.match(entry.id, /^[A-Z][A-Za-z]+$/);
    assert.match(entry.type, /^[A-Z][A-Za-z]+$/);
    assert.ok(
      [400, 404, 413, 500, 501].includes(entry.status),
      `${entry.id} status ${entry.status}`,
    );
    assert.ok(["O", "D", "L", "I"].includes(entry.confidence), `${entry.id} confidence`);
    assert.ok(entry.source.length > 5, `${entry.id} has no source`);
    assert.ok(entry.message === null || entry.message.length > 0, `${entry.id} empty message`);
  }
});

Deno.test("errors: the typed parameter table matches the fixture's placeholders", () => {
  assert.deepEqual(
    Object.keys(ERROR_PARAMETERS).sort(),
    catalogue.errors.map((entry) => entry.id).sort(),
  );
  for (const entry of catalogue.errors) {
    const typed = ERROR_PARAMETERS[entry.id as keyof typeof ERROR_PARAMETERS];
    assert.deepEqual([...typed].sort(), placeholders(entry.message), entry.id);
  }
  assert.equal(ERROR_CATALOGUE.length, catalogue.errors.length);
});

Deno.test("errors: the section 10 texts are exact", () => {
  const expected: Array<[Parameters<typeof lookupError>[0], string, string]> = [
    ["IncorrectCredentials", "NotAuthorizedException", "Incorrect username or password."],
    ["InvalidRefreshToken", "NotAuthorizedException", "Invalid Refresh Token."],
    ["RefreshTokenRevoked", "NotAuthorizedException", "Refresh Token has been revoked"],
    ["AccessTokenRevoked", "NotAuthorizedException", "Access Token has been revoked"],
    ["AccessTokenExpired", "NotAuthorizedException", "Access Token has expired"],
    ["AccessTokenInvalid", "NotAuthorizedException", "Invalid Access Token"],
    ["SessionInvalid", "NotAuthorizedException", "Invalid session for the user."],
    ["Throttled", "TooManyRequestsException", "Rate exceeded"],
  ];
  for (const [id, type, message] of expected) {
    assert.equal(lookupError(id).type, type);
    assert.equal(lookupError(id).message, message);
  }
});

Deno.test("errors: cognitoError fills placeholders and keeps absent messages absent", () => {
  const error = cognitoError("SecretHashMissing", { clientId: "c1" });
  assert.ok(error instanceof CognitoError);
  assert.equal(error.message, "Client c1 is configured for secret but secret was not received");
  assert.equal(error.status, 400);
  const malformed = cognitoError("SerializationMalformed");
  assert.equal(malformed.hasMessage, false);
  assert.equal(renderErrorMessage("SerializationMalformed"), undefined);
  assert.equal(cognitoError("InternalError").status, 500);
});

Deno.test("errors: no catalogue message is written as a literal in the mock's sources", async () => {
  const messages = catalogue.errors
    .map((entry) => entry.message)
    .filter((message): message is string => message !== null)
    .map((message) => message.split(/\{\w+\}/)[0]!)
    .filter((fragment) => fragment.length >= 12);
  const offenders: string[] = [];
  const walk = async (dir: URL): Promise<void> => {
    for await (const entry of Deno.readDir(dir)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
      if (entry.isDirectory) await walk(url);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) {
        // Comments may quote the texts (documentation); code must not.
        const text = (await Deno.readTextFile(url)).replace(/\/\*[\s\S]*?\*\//g, "").replace(
          /^\s*\/\/.*$/gm,
          "",
        );
        for (const fragment of messages) {
          if (text.includes(`"${fragment}`)) offenders.push(`${url.pathname}: ${fragment}`);
        }
      }
    }
  };
  await walk(new URL("../mock/", import.meta.url));
  assert.deepEqual(offenders, []);
});
