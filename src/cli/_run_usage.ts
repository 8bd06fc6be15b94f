/** The `--help` text of `run`. */

/** Shown by `deno task cli run --help`. */
export const RUN_USAGE = `Usage: deno task cli run [PATH…] [options]

Runs scenario files (YAML; directories are searched recursively; default:
scenarios/) and reports. Nothing is sent when any file fails to load.

Target (default: an embedded mock server, one per run, a fresh pool per scenario):
  --endpoint URL          a Cognito-compatible endpoint (env AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)
  --region R              signing region; alone it selects https://cognito-idp.R.amazonaws.com
  --provision             create a pool, client and users per scenario there (and delete them);
                          needs credentials, except on a mock endpoint
  --pool-id ID            test this existing pool instead (with --client-id); the scenarios'
  --client-id ID            pool/client/users blocks become preconditions, checked when
  --client-secret S         credentials exist; scenarios that cannot hold them are skipped
  --var users.NAME.username=U --var users.NAME.password=P
                          how scenario user NAME signs in to the existing pool (or env
                          COGNITO_USER_<NAME>_USERNAME / COGNITO_USER_<NAME>_PASSWORD)
  --profile NAME          credentials from ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE);
                          default: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN

Values:
  --var NAME=VALUE        sets vars.NAME (repeatable; wins over the scenario's own vars)
  --env-file FILE         KEY=value lines for \${env.KEY} (the process environment wins)

Selection (filters first, then the shard):
  --filter TEXT|/RE/      scenarios whose id or name contains TEXT or matches /RE/flags
  --tag TAG               scenarios with any of these tags; --tag '!TAG' excludes (repeatable)
  --shard I/N             the I-th of N shards: scenarios sorted by id, the k-th (0-based)
                          goes to shard k mod N + 1; shards 1/N … N/N partition the suite
                          (a shard left with no scenario runs none and exits 0)
  --pass-with-none        exit 0 when the paths, --filter and --tag select no scenario
                          (default: exit 1, so a mistyped filter cannot pass)

Execution:
  --jobs N                scenarios at once (default 4 on the embedded mock, 2 on an endpoint)
  --timeout DURATION      per attempt of a step unless it sets timeout (default 10s; 500ms, 2m)
  --retries N             retries of a step answered TooManyRequestsException, with jittered
                          exponential back-off from 100ms (default 2; a step's retry wins)
  --bail                  start no new scenario after one fails; the rest are skipped
                          (Ctrl-C does the same; running scenarios finish and clean up)

Reports:
  --reporter NAME[:PATH]  pretty (default), dot, tap, junit, json; repeatable, at most one on
                          standard output
  --reporter-output PATH  destination of the reporter in the same position (- is stdout)
  --show-exchanges        print every request and response (pretty, junit)
  --show-secrets          do not mask passwords, tokens, SRP values, device passwords,
                          SECRET_HASH and client secrets (never in CI logs)

Exit codes: 0 all passed (or skipped), 1 bad usage or no scenario selected, 2 a
scenario file has errors, 3 runtime error (target unreachable, provisioning failed,
timeout, interrupted), 4 an expectation failed. When scenarios both fail and error,
4 wins.
`;
