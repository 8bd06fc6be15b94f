/** The `--help` text of `diff`. */

import { BEHAVIOUR_CHOICES } from "../mock/state/behaviour.ts";

/** Shown by `deno task cli diff --help`. */
export const DIFF_USAGE = `Usage: deno task cli diff --target A --target B [PATH…] [options]

Runs the same scenario files (default: scenarios/) against two targets at
once and reports, per scenario and step, where their answers differ: HTTP
status, error __type and message, compared headers, and the body's shape
(members present or absent, JSON types, array lengths) and values, after a
normaliser (tokens by their claim names and types; pool, client, device and
user ids as numbered placeholders; SRP values, sessions and dates by type).
Once a step fails on one target that run stops there: the report says so,
and only the steps run on both are compared.

Targets (give exactly two):
  --target embedded       an embedded mock (a fresh pool per scenario)
  --target embedded:NAME=VALUE[,NAME=VALUE…]
                          an embedded mock with behaviour choices
                          (docs/mock-choices.md): ${Object.keys(BEHAVIOUR_CHOICES).join(", ")}
  --target URL            an endpoint; with --provision a pool, client and users
                          are created per scenario there (and deleted)
  --target 'URL?pool-id=ID&client-id=ID[&client-secret=S]'
                          an existing pool on that endpoint (as run --pool-id);
                          --var users.NAME.username=… / .password=… as for run
  --provision             provision on every endpoint target that names no pool;
                          needs credentials, except on a mock endpoint
  --region R              signing region (endpoints) and region of embedded pools
  --profile NAME          credentials from ~/.aws/credentials (as for run)

Output:
  --format F              text (default; - lines are A, + lines are B), json
                          (the report object; shape in src/diff/compare.ts), or
                          markdown (tables for a pull request)
  --output FILE           write the report there instead of standard output
  --normalise FILE        YAML or JSON rules added to (or replacing) the default
                          normaliser: ignore / opaque paths, placeholders, tokens,
                          headers (see src/diff/rules_file.ts and the README)
  --show-secrets          do not mask passwords, tokens, SRP values and other
                          secrets in the report (never in CI logs)

Values, selection and execution, as for run:
  --var NAME=VALUE  --env-file FILE  --filter TEXT|/RE/  --tag TAG  --shard I/N
  --pass-with-none  --jobs N  --timeout DURATION  --retries N

Exit codes (like diff(1), not like run): 0 the targets agree on every
compared scenario, 1 they differ, 2 bad input (bad flags, a bad --normalise
file, scenario files with errors), 3 a target could not run the scenarios
(unreachable, provisioning failed, interrupted). When there are differences,
1 wins over 3.

Example:
  deno task cli diff --target embedded --target embedded:reconfirmDevice=idempotent
  deno task cli diff --target embedded --target http://127.0.0.1:5055 --provision \\
    scenarios/01-seed --format markdown --output diff.md
`;
