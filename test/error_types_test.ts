/**
 * The error types scenarios may expect stay traceable: the model part of
 * `COGNITO_ERROR_TYPES` is exactly the exception classes of the pinned
 * Cognito user-pools SDK (generated from the same service model), and the
 * rest comes from the error catalogue.
 */

import assert from "node:assert/strict";
import * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { ERROR_CATALOGUE } from "../src/cognito/errors.ts";
import { COGNITO_ERROR_TYPES } from "../src/scenario/mod.ts";

const base = sdk.CognitoIdentityProviderServiceException;
const sdkExceptions = Object.entries(sdk)
  .filter(([, value]) => typeof value === "function" && value.prototype instanceof base)
  .map(([name]) => name)
  .sort();

Deno.test("error types: every exception of the pinned SDK is a known type", () => {
  assert.ok(sdkExceptions.length > 50, `found only ${sdkExceptions.length} SDK exceptions`);
  const missing = sdkExceptions.filter((name) => !COGNITO_ERROR_TYPES.includes(name));
  assert.deepEqual(missing, []);
});

Deno.test("error types: every known type is an SDK exception or a catalogue type", () => {
  const catalogue = new Set(ERROR_CATALOGUE.map((entry) => entry.type));
  const unexplained = COGNITO_ERROR_TYPES.filter((name) =>
    !sdkExceptions.includes(name) && !catalogue.has(name)
  );
  assert.deepEqual(unexplained, []);
});
