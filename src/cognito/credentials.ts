/**
 * The project's well-known test credentials: what the harness signs IAM
 * operations with against a mock, and what the mock accepts by default when
 * it verifies signatures (`requireSignature`). Not an AWS key.
 *
 * @module
 */

import type { AwsCredentials } from "./client.ts";

/**
 * The credentials the harness signs with against the project's mock (and
 * other mocks reached with `--provision` and no AWS credentials). The mock
 * accepts them by default; under `requireSignature` it verifies their
 * signatures like any other key's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MOCK_CREDENTIALS } from "./credentials.ts";
 * assert.match(MOCK_CREDENTIALS.accessKeyId, /^AKID/);
 * ```
 */
export const MOCK_CREDENTIALS: AwsCredentials = {
  accessKeyId: "AKIDCOGNITOCONFORMANCE",
  secretAccessKey: "mock-secret-access-key-not-a-real-one",
};
