/**
 * What the mock's end-to-end tests (test/mock_*_test.ts) share besides
 * src/mock/_testing.ts: the error answers they expect most often, written out
 * (the mock's sources may not spell catalogue texts; tests must), and the
 * pool configurations they start from.
 *
 * @module
 */

/** The error answers the tests compare most often. */
export const FAILURES = {
  incorrect: {
    type: "NotAuthorizedException",
    message: "Incorrect username or password.",
    status: 400,
  },
  invalidRefresh: {
    type: "NotAuthorizedException",
    message: "Invalid Refresh Token.",
    status: 400,
  },
  noDevice: { type: "ResourceNotFoundException", message: "Device does not exist.", status: 400 },
  badSession: {
    type: "NotAuthorizedException",
    message: "Invalid session for the user.",
    status: 400,
  },
} as const;

/** CreateUserPool members: device tracking with the given settings. */
export function deviceTracking(
  challengeOnNewDevice: boolean,
  optIn = false,
): { DeviceConfiguration: Record<string, boolean> } {
  return {
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: challengeOnNewDevice,
      DeviceOnlyRememberedOnUserPrompt: optIn,
    },
  };
}
