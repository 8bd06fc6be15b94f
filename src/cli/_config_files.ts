/**
 * The two small file formats `run` reads: dotenv files (`--env-file`) and
 * the AWS shared credentials file (`--profile`).
 */

import { UsageError } from "./command.ts";
import type { AwsCredentials } from "../cognito/client.ts";

/**
 * Parses dotenv text: `KEY=value` lines, `export ` prefixes allowed, `#`
 * comments, values optionally in single quotes (verbatim) or double quotes
 * (`\n`, `\t`, `\"`, `\\` escapes). Throws {@linkcode UsageError} naming the
 * line of anything else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDotenv } from "./_config_files.ts";
 * assert.deepEqual(
 *   parseDotenv("# pool\nexport POOL=eu-west-1_x\nNAME='a b' # note\nMSG=\"x\\ny\"\n", ".env"),
 *   { POOL: "eu-west-1_x", NAME: "a b", MSG: "x\ny" },
 * );
 * ```
 */
export function parseDotenv(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (match === null) {
      throw new UsageError(`Cannot read --env-file "${file}": line ${index + 1} is not KEY=value`);
    }
    out[match[1]!] = dotenvValue(match[2]!, file, index + 1);
  }
  return out;
}

function dotenvValue(rest: string, file: string, line: number): string {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const end = rest.indexOf(quote, 1);
    let close = end;
    if (quote === '"') {
      close = 1;
      while (close < rest.length && rest[close] !== '"') close += rest[close] === "\\" ? 2 : 1;
    }
    if (close < 1 || close >= rest.length) {
      throw new UsageError(`Cannot read --env-file "${file}": line ${line} has an unclosed quote`);
    }
    const body = rest.slice(1, close);
    return quote === "'"
      ? body
      : body.replace(/\\(.)/g, (_, c: string) =>
        c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c);
  }
  return rest.replace(/\s+#.*$/, "").trim();
}

/**
 * Reads one profile of an AWS shared credentials file (INI):
 * `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { credentialsFromIni } from "./_config_files.ts";
 * const ini = "[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s1\n[ci]\naws_access_key_id=AKIA2\naws_secret_access_key=s2\naws_session_token=t2\n";
 * assert.deepEqual(credentialsFromIni(ini, "ci", "creds"), { accessKeyId: "AKIA2", secretAccessKey: "s2", sessionToken: "t2" });
 * assert.throws(() => credentialsFromIni(ini, "prod", "creds"), /no profile "prod"/);
 * ```
 */
export function credentialsFromIni(text: string, profile: string, file: string): AwsCredentials {
  let section: string | undefined;
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (header !== null) {
      section = header[1];
      continue;
    }
    const pair = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (pair !== null && section === profile) values[pair[1]!.toLowerCase()] = pair[2]!.trim();
  }
  const accessKeyId = values.aws_access_key_id;
  const secretAccessKey = values.aws_secret_access_key;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new UsageError(
      `Cannot use --profile "${profile}": "${file}" has no profile "${profile}" with ` +
        "aws_access_key_id and aws_secret_access_key",
    );
  }
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey };
  if (values.aws_session_token !== undefined) credentials.sessionToken = values.aws_session_token;
  return credentials;
}

/**
 * The credentials `run` signs with: `--profile` (or `AWS_PROFILE`) from the
 * shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default
 * `~/.aws/credentials`), else `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`
 * (+ `AWS_SESSION_TOKEN`), else none.
 */
export async function resolveCredentials(
  profile: string | undefined,
  env: (name: string) => string | undefined,
): Promise<AwsCredentials | undefined> {
  const chosen = profile ?? env("AWS_PROFILE");
  const accessKeyId = env("AWS_ACCESS_KEY_ID");
  const secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
  if (profile === undefined && accessKeyId && secretAccessKey) {
    const sessionToken = env("AWS_SESSION_TOKEN");
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  if (chosen === undefined) return undefined;
  const home = env("HOME") ?? env("USERPROFILE") ?? "";
  const file = env("AWS_SHARED_CREDENTIALS_FILE") ?? `${home}/.aws/credentials`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    throw new UsageError(`Cannot use --profile "${chosen}": cannot read "${file}"`);
  }
  return credentialsFromIni(text, chosen, file);
}
