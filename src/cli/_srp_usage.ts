/**
 * The `--help` texts of `srp` and of each of its subcommands. Every
 * subcommand's text ends with an example that the tests run.
 */

/** Shown by `deno task cli srp --help`. */
export const SRP_USAGE = `Usage: deno task cli srp <subcommand> [options]

Computes Cognito SRP values (protocol reference §7). Prints one JSON object.

Subcommands:
  start            A client ephemeral: the SRP_A to send with USER_SRP_AUTH (or
                   DEVICE_SRP_AUTH) and its secret exponent, for --a-hex later
      [--a-hex HEX]  (prints {"SRP_A","aHex"}; deterministic with --a-hex)
  device-verifier  ConfirmDevice's DeviceSecretVerifierConfig and device password
      --device-group-key G --device-key K [--random-password P] [--salt-hex S]
      (deterministic when both --random-password and --salt-hex are given;
      --salt-hex is the raw "random" salt bytes, 16 in Cognito clients)
  password-claim   The PASSWORD_VERIFIER answer
      --pool-id ID --user-id-for-srp U --password P --srp-b HEX --salt HEX
      --secret-block B64 [--challenge JSON] [--a-hex HEX] [--timestamp T]
  device-claim     The DEVICE_PASSWORD_VERIFIER answer
      --device-group-key G --device-key K --device-password P --srp-b HEX
      --salt HEX --secret-block B64 [--challenge JSON] [--a-hex HEX] [--timestamp T]
  timestamp        A TIMESTAMP for a claim, now or at a given time, in a style
      [--style S] [--epoch-seconds N]

--a-hex is the client's secret exponent a (the one whose SRP_A was sent, from
"srp start"); without it a random a is drawn, which only helps for testing.
--timestamp is signed verbatim; without it the current time is used. --challenge
is the challenge's ChallengeParameters as JSON, in place of the flags it holds.
Empty values are refused. Run "srp <subcommand> --help" for one subcommand.
`;

const CLAIM_FLAGS = `  --srp-b HEX             SRP_B from the challenge (hex)
  --salt HEX              SALT from the challenge (hex)
  --secret-block B64      SECRET_BLOCK from the challenge (standard base64)
  --challenge JSON        the challenge's ChallengeParameters as a JSON object, for
                          the flags above that are not given
  --a-hex HEX             the secret exponent a from "srp start" (the one whose
                          SRP_A went out); without it a random a is drawn, which
                          only helps for testing
  --timestamp T           the TIMESTAMP to sign, verbatim (default: now, in
                          Cognito's format, e.g. "Thu Mar 7 09:05:03 UTC 2024")`;

/** Shown by `deno task cli srp <subcommand> --help`, by subcommand. */
export const SRP_SUBCOMMAND_USAGE: Readonly<Record<string, string>> = {
  start: `Usage: deno task cli srp start [--a-hex HEX]

A client ephemeral for USER_SRP_AUTH or DEVICE_SRP_AUTH (protocol reference
§7.3): SRP_A = g^a mod N to send, and the secret exponent a to keep for the
claim that answers the challenge.

Options:
  --a-hex HEX             a fixed exponent a (hex) instead of 256 random bits, for
                          replays; an a whose SRP_A would be 1 (0, or a multiple
                          of the order of g) is refused

Prints {"SRP_A":"<hex>","aHex":"<hex>"}: send SRP_A, keep aHex secret and pass
it as --a-hex to password-claim or device-claim.

Example:
  deno task cli srp start --a-hex 8da7c2882c47ea45f5f44f08bfe4fd7fcb6f765a
`,
  "device-verifier": `Usage: deno task cli srp device-verifier --device-group-key G --device-key K
           [--random-password P] [--salt-hex S]

ConfirmDevice's DeviceSecretVerifierConfig for a device that InitiateAuth or
RespondToAuthChallenge returned in NewDeviceMetadata (protocol reference §7.8).

Options:
  --device-group-key G    NewDeviceMetadata.DeviceGroupKey (it may start with "-")
  --device-key K          NewDeviceMetadata.DeviceKey
  --random-password P     a fixed device password instead of base64(40 random bytes)
  --salt-hex S            fixed "random" salt bytes (hex, 16 in Cognito clients)
                          instead of 16 random bytes
  (deterministic when both --random-password and --salt-hex are given)

Prints {"PasswordVerifier":"<b64>","Salt":"<b64>","DevicePassword":"<text>"}:
send PasswordVerifier and Salt to ConfirmDevice, keep DevicePassword secret for
device-claim.

Example:
  deno task cli srp device-verifier --device-group-key -wt2ha1Zd \\
    --device-key us-east-1_fec070d2-fa88-424a-8ec8-b26d7198eb23
`,
  "password-claim": `Usage: deno task cli srp password-claim --pool-id ID --user-id-for-srp U
           --password P --srp-b HEX --salt HEX --secret-block B64
           [--challenge JSON] [--a-hex HEX] [--timestamp T]

The answer to a PASSWORD_VERIFIER challenge (protocol reference §7.4, §7.5).

Options:
  --pool-id ID            the user pool ID, e.g. us-east-1_AbCdEf123
  --user-id-for-srp U     USER_ID_FOR_SRP from the challenge (not the alias typed)
  --password P            the user's password
${CLAIM_FLAGS}

--challenge supplies USER_ID_FOR_SRP (else USERNAME), SRP_B, SALT and SECRET_BLOCK.

Prints {"SRP_A","USERNAME","PASSWORD_CLAIM_SECRET_BLOCK","TIMESTAMP",
"PASSWORD_CLAIM_SIGNATURE"}: the ChallengeResponses to send, but SRP_A (the A of
--a-hex); USERNAME is USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK the SECRET_BLOCK.

Example:
  deno task cli srp password-claim --pool-id us-east-1_Ab12Cd34E \\
    --user-id-for-srp alice --password Password1 --srp-b 8cc8e873cddabc17 \\
    --salt 1141f491d13cf212 --secret-block FX2loG3SDj+4AzVM --a-hex 8da7c288 \\
    --timestamp "Thu Mar 7 09:05:03 UTC 2024"
`,
  "device-claim": `Usage: deno task cli srp device-claim --device-group-key G --device-key K
           --device-password P --srp-b HEX --salt HEX --secret-block B64
           [--challenge JSON] [--a-hex HEX] [--timestamp T]

The answer to a DEVICE_PASSWORD_VERIFIER challenge (protocol reference §7.8):
the password claim with the device group key, device key and device password in
place of pool, user and password.

Options:
  --device-group-key G    the device group key (it may start with "-")
  --device-key K          the device key (DEVICE_KEY of the challenge)
  --device-password P     the DevicePassword from device-verifier
${CLAIM_FLAGS}

--challenge supplies SRP_B, SALT, SECRET_BLOCK and DEVICE_KEY (for --device-key),
and USERNAME (else USER_ID_FOR_SRP) for the answer.

Prints {"SRP_A","USERNAME","DEVICE_KEY","PASSWORD_CLAIM_SECRET_BLOCK","TIMESTAMP",
"PASSWORD_CLAIM_SIGNATURE"}: the ChallengeResponses to send, but SRP_A (the A of
--a-hex); USERNAME only with --challenge.

Example:
  deno task cli srp device-claim --device-group-key -wt2ha1Zd \\
    --device-key us-east-1_fec070d2 --device-password BwcHBwcH --srp-b 56c98f48 \\
    --salt 8a8a8a8a8a8a8a8a --secret-block ZGV2aWNl --a-hex 3039 \\
    --timestamp "Wed Nov 4 09:05:07 UTC 2026"
`,
  timestamp: `Usage: deno task cli srp timestamp [--style S] [--epoch-seconds N]

The TIMESTAMP a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer signs
(protocol reference §7.6), for --timestamp of the claims: now, or at a given
time (a script that moved the mock's clock passes the mock's time).

Options:
  --style S               canonical (default, "Wed Nov 4 09:05:07 UTC 2026");
                          padded-day ("Wed Nov 04 …", canonical on days 10-31),
                          wrong-weekday (tomorrow's name), numeric-zone ("+00:00")
  --epoch-seconds N       the time, in seconds since 1970 (default: now)

Prints {"TIMESTAMP":"<text>"}.

Example:
  deno task cli srp timestamp --style padded-day --epoch-seconds 1793783107
`,
};
